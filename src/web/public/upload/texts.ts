/** The upload pages' texts in the page language (German where a translation is missing). */
import { uploadsAr } from '../../../../content/messages/uploads/ar.ts';
import {
  type PartialUploadsCatalog,
  type UploadsKey,
  uploadsDe,
} from '../../../../content/messages/uploads/de.ts';
import { uploadsEn } from '../../../../content/messages/uploads/en.ts';
import type { Lang } from '../../i18n.ts';

const CATALOGS: Record<Lang, PartialUploadsCatalog> = { de: uploadsDe, en: uploadsEn, ar: uploadsAr };

export type UploadsText = (key: UploadsKey, vars?: Record<string, string | number>) => string;

export function uploadsText(lang: Lang): UploadsText {
  const catalog = CATALOGS[lang];
  return (key, vars) => {
    const text = catalog[key] ?? uploadsDe[key];
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  };
}

/** Why a file was refused, from its code; null for a code this catalogue does not know. */
export function refusalText(
  u: UploadsText,
  code: string,
  limits: { perFile: string; perApplication: string },
): string | null {
  const key = `err_${code}`;
  if (!Object.hasOwn(uploadsDe, key)) return null;
  return u(key as UploadsKey, { limit: limits.perFile, total: limits.perApplication });
}

/** The texts client.js shows, as the JSON of the form's data-upload-texts attribute. */
export function clientTexts(u: UploadsText, limits: { perFile: string; perApplication: string }): string {
  const keys = [
    'progressLabel',
    'waiting',
    'started',
    'resumed',
    'progress',
    'done',
    'retrying',
    'offline',
    'notFound',
    'failed',
    'resultOk',
    'resultRefused',
    'summary',
    'refreshList',
  ] as const;
  const texts: Record<string, string> = {};
  for (const key of keys) texts[key] = u(key);
  const errors: Record<string, string> = {};
  for (const key of Object.keys(uploadsDe))
    if (key.startsWith('err_')) errors[key.slice(4)] = refusalText(u, key.slice(4), limits) ?? '';
  return JSON.stringify({ ...texts, errors });
}
