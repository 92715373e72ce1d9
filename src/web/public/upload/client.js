/*
 * Resumable upload for <form data-upload> with an <input type="file" name="datei">: sends the file with
 * tus in 5 MB chunks, shows the progress in [data-upload-progress], retries after network errors and,
 * after a reload, continues where the server stopped (tus-js-client keeps the upload address in
 * localStorage, keyed by the file's name, size and date). Needs /assets/tus.min.js (window.tus) loaded
 * before it. Without JavaScript, or where tus cannot run, the form posts to its action as it is.
 *
 * Optional attributes on the form: data-upload-endpoint (default: action + "/tus"), data-max-bytes.
 */
(() => {
  const tus = window.tus;
  if (!tus?.isSupported || typeof window.FormData !== 'function') return;

  const CHUNK_SIZE = 5 * 1024 * 1024;
  // Cheap phones on bad networks: keep trying for about two minutes before asking the user.
  const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000];
  // Set by the server on HEAD of a finished upload, for when the answer to the last chunk got lost.
  const RESULT_HEADER = 'Hfk-Upload-Result';
  const FILE_KEYS = ['filename', 'filetype'];

  // German texts; they move to the message catalogue together with the server's.
  const TEXTS = {
    label: 'Fortschritt des Hochladens',
    started: 'Das Hochladen hat begonnen.',
    resumed: 'Das Hochladen geht dort weiter, wo es unterbrochen wurde.',
    progress: (percent) => `${percent} % hochgeladen`,
    done: 'Die Datei ist hochgeladen.',
    retrying: 'Die Verbindung ist unterbrochen. Das Hochladen wird gleich fortgesetzt …',
    offline: 'Keine Internetverbindung. Das Hochladen geht weiter, sobald Sie wieder online sind.',
    tooLarge: (limit) =>
      limit ? `Die Datei ist zu groß. Erlaubt sind höchstens ${limit}.` : 'Die Datei ist zu groß.',
    notFound: 'Ihre Sitzung ist abgelaufen. Bitte laden Sie die Seite neu.',
    failed:
      'Die Datei konnte nicht hochgeladen werden. Bitte senden Sie das Formular noch einmal; ' +
      'was schon übertragen ist, muss nicht noch einmal gesendet werden.',
  };

  function formatBytes(bytes) {
    const units = ['Bytes', 'KB', 'MB', 'GB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
  }

  /** The progress bar and a polite live region; made if the page does not bring its own. */
  function progressView(form) {
    let box = form.querySelector('[data-upload-progress]');
    if (!box) {
      box = document.createElement('div');
      box.setAttribute('data-upload-progress', '');
      form.append(box);
    }
    let bar = box.querySelector('progress');
    if (!bar) {
      bar = document.createElement('progress');
      box.append(bar);
    }
    bar.max = 100;
    bar.value = 0;
    if (!bar.hasAttribute('aria-label') && !bar.hasAttribute('aria-labelledby'))
      bar.setAttribute('aria-label', TEXTS.label);
    let status = box.querySelector('[data-upload-status]');
    if (!status) {
      status = document.createElement('p');
      status.setAttribute('data-upload-status', '');
      box.append(status);
    }
    status.setAttribute('aria-live', 'polite');
    let spokenStep = -1;
    return {
      show() {
        box.hidden = false;
      },
      say(text) {
        status.textContent = text;
      },
      progress(sent, total) {
        const percent = total > 0 ? Math.floor((sent / total) * 100) : 0;
        bar.value = percent;
        // Screen readers hear every tenth, not every percent.
        const step = Math.floor(percent / 10);
        if (step !== spokenStep) {
          spokenStep = step;
          status.textContent = TEXTS.progress(step * 10);
        }
      },
    };
  }

  function metadataOf(form, file) {
    const metadata = { filename: file.name, filetype: file.type || '' };
    for (const [name, value] of new FormData(form)) {
      if (typeof value === 'string' && !FILE_KEYS.includes(name)) metadata[name] = value;
    }
    return metadata;
  }

  /** Where to go next: from the JSON of the last PATCH, or the header of a resuming HEAD; same origin only. */
  function redirectFrom(response) {
    const parse = (text) => {
      try {
        const value = JSON.parse(text);
        return value && typeof value.redirect === 'string' ? value.redirect : null;
      } catch {
        return null;
      }
    };
    let target = response ? parse(response.getBody() || 'null') : null;
    if (!target && response) {
      const header = response.getHeader(RESULT_HEADER);
      if (header) target = parse(decodeURIComponent(header));
    }
    if (!target) return null;
    const url = new URL(target, window.location.href);
    return url.origin === window.location.origin ? url.href : null;
  }

  function statusOf(error) {
    const response = error?.originalResponse;
    return response ? response.getStatus() : 0;
  }

  function enhance(form) {
    const input = form.querySelector('input[type="file"][name="datei"]');
    if (!input) return;
    const endpoint = form.getAttribute('data-upload-endpoint') || `${form.action.replace(/\/+$/, '')}/tus`;
    const maxBytes = Number(form.getAttribute('data-max-bytes')) || 0;
    const limit = maxBytes > 0 ? formatBytes(maxBytes) : '';
    const buttons = () => form.querySelectorAll('button, input[type="submit"]');
    let busy = false;

    const settle = () => {
      busy = false;
      form.removeAttribute('aria-busy');
      for (const button of buttons()) button.disabled = false;
    };

    form.addEventListener('submit', (event) => {
      const file = input.files?.[0];
      // No file chosen: the server answers with its message, as without JavaScript.
      if (!file) return;
      event.preventDefault();
      if (busy) return;
      const view = progressView(form);
      view.show();
      if (maxBytes > 0 && file.size > maxBytes) {
        view.say(TEXTS.tooLarge(limit));
        return;
      }
      busy = true;
      form.setAttribute('aria-busy', 'true');
      for (const button of buttons()) button.disabled = true;

      const upload = new tus.Upload(file, {
        endpoint,
        chunkSize: CHUNK_SIZE,
        retryDelays: RETRY_DELAYS,
        metadata: metadataOf(form, file),
        removeFingerprintOnSuccess: true,
        onProgress: (sent, total) => view.progress(sent, total),
        onShouldRetry: (error) => {
          const status = statusOf(error);
          const retry =
            (status < 400 || status >= 500 || status === 409 || status === 423) && navigator.onLine !== false;
          if (retry) view.say(TEXTS.retrying);
          return retry;
        },
        onSuccess: ({ lastResponse }) => {
          view.progress(1, 1);
          view.say(TEXTS.done);
          const target = redirectFrom(lastResponse);
          if (target) window.location.assign(target);
          else window.location.reload();
        },
        onError: (error) => {
          const status = statusOf(error);
          if (status === 0 && navigator.onLine === false) {
            view.say(TEXTS.offline);
            // tus continues from the server's offset (HEAD) once the network is back.
            window.addEventListener('online', () => upload.start(), { once: true });
            return;
          }
          settle();
          if (status === 413) view.say(TEXTS.tooLarge(limit));
          else if (status === 404 || status === 410) view.say(TEXTS.notFound);
          else view.say(TEXTS.failed);
        },
      });

      upload
        .findPreviousUploads()
        .then((previous) => {
          const latest = previous.sort((a, b) =>
            String(b.creationTime).localeCompare(String(a.creationTime)),
          )[0];
          if (latest) {
            upload.resumeFromPreviousUpload(latest);
            view.say(TEXTS.resumed);
          } else {
            view.say(TEXTS.started);
          }
        })
        .catch(() => view.say(TEXTS.started))
        .then(() => upload.start());
    });
  }

  for (const form of document.querySelectorAll('form[data-upload]')) enhance(form);
})();
