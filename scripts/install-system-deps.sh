#!/usr/bin/env bash
# Installs the Debian packages the tests need, when missing: Chromium (browser tests),
# PostgreSQL (second test pass), poppler-utils (PDF checks and previews), qpdf, and libheif-examples
# (heif-convert turns iPhone HEIC photos into JPEG) and clamav-daemon (the tests start a private clamd
# with a one-line test signature; no signature download). Never a downloaded browser.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
command -v age >/dev/null 2>&1 || missing+=(age)
command -v heif-convert >/dev/null 2>&1 || missing+=(libheif-examples)
[ -x /usr/sbin/clamd ] || missing+=(clamav-daemon)
if [ ${#missing[@]} -eq 0 ]; then
  echo "Systempakete vorhanden."
  exit 0
fi
echo "Installiere Systempakete: ${missing[*]}"
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Bitte als root ausführen oder installieren: apt-get install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Systempakete installiert."
