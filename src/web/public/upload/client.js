/*
 * Resumable upload for <form data-upload> with an <input type="file" name="datei">: sends the file with
 * tus in 5 MB chunks, shows the progress in [data-upload-progress], retries after network errors and,
 * after a reload, continues where the server stopped (tus-js-client keeps the upload address in
 * localStorage, keyed by the file's name, size and date). Needs /assets/tus.min.js (window.tus) loaded
 * before it. Without JavaScript, or where tus cannot run, the form posts to its action as it is.
 *
 * Optional attributes on the form: data-upload-endpoint (default: action + "/tus"), data-max-bytes, and
 * data-upload-texts (JSON: the texts below in the page's language, plus "errors", refusal code → text).
 *
 * With <input type="file" multiple>, the chosen files go one after another, each with its own progress
 * bar and result line; a refused file is named with the reason and the others still go. If every file
 * went through, the page follows the server's redirect; otherwise the results stay on the page.
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
  const CSRF_FIELD = '_csrf';

  // German defaults; a page in another language brings its own in data-upload-texts.
  const TEXTS = {
    label: 'Fortschritt des Hochladens',
    progressLabel: 'Fortschritt: {name}',
    waiting: 'Wartet …',
    started: 'Das Hochladen hat begonnen.',
    resumed: 'Das Hochladen geht dort weiter, wo es unterbrochen wurde.',
    progress: '{percent} % hochgeladen',
    done: 'Die Datei ist hochgeladen.',
    retrying: 'Die Verbindung ist unterbrochen. Das Hochladen wird gleich fortgesetzt …',
    offline: 'Keine Internetverbindung. Das Hochladen geht weiter, sobald Sie wieder online sind.',
    tooLarge: 'Die Datei ist zu groß. Erlaubt sind höchstens {limit}.',
    tooLargeNoLimit: 'Die Datei ist zu groß.',
    notFound: 'Ihre Sitzung ist abgelaufen. Bitte laden Sie die Seite neu.',
    failed:
      'Die Datei konnte nicht hochgeladen werden. Bitte senden Sie das Formular noch einmal; ' +
      'was schon übertragen ist, muss nicht noch einmal gesendet werden.',
    resultOk: '{name}: hochgeladen.',
    resultRefused: '{name}: {reason}',
    summary: '{ok} von {total} Dateien hochgeladen.',
    refreshList: 'Liste der hochgeladenen Dateien aktualisieren',
    errors: {},
  };

  function textsOf(form) {
    try {
      const own = JSON.parse(form.getAttribute('data-upload-texts') || '{}');
      return own && typeof own === 'object' ? { ...TEXTS, ...own } : TEXTS;
    } catch {
      return TEXTS;
    }
  }

  function fill(template, vars) {
    return String(template).replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  }

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
  function progressView(form, texts) {
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
      bar.setAttribute('aria-label', texts.label);
    let status = box.querySelector('[data-upload-status]');
    if (!status) {
      status = document.createElement('p');
      status.setAttribute('data-upload-status', '');
      box.append(status);
    }
    status.setAttribute('aria-live', 'polite');
    return { show: () => (box.hidden = false), ...barView(bar, status, texts) };
  }

  function barView(bar, status, texts) {
    let spokenStep = -1;
    return {
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
          status.textContent = fill(texts.progress, { percent: step * 10 });
        }
      },
    };
  }

  /** For several files: one list item per file, each with its name, a progress bar and a result line. */
  function listView(form, texts) {
    let box = form.querySelector('[data-upload-progress]');
    if (!box) {
      box = document.createElement('div');
      box.setAttribute('data-upload-progress', '');
      form.append(box);
    }
    box.replaceChildren();
    box.hidden = false;
    const list = document.createElement('ul');
    list.className = 'app-upload-list';
    list.setAttribute('data-upload-list', '');
    box.append(list);
    return {
      item(file) {
        const li = document.createElement('li');
        li.className = 'app-upload-list__item';
        const name = document.createElement('span');
        name.className = 'app-upload-list__name';
        name.textContent = file.name;
        const bar = document.createElement('progress');
        bar.max = 100;
        bar.value = 0;
        bar.setAttribute('aria-label', fill(texts.progressLabel, { name: file.name }));
        const status = document.createElement('p');
        status.className = 'kern-body';
        status.setAttribute('data-upload-status', '');
        status.setAttribute('aria-live', 'polite');
        status.textContent = texts.waiting;
        li.append(name, bar, status);
        list.append(li);
        const view = barView(bar, status, texts);
        return {
          ...view,
          result(ok, reason) {
            li.setAttribute('data-upload-result', ok ? 'ok' : 'refused');
            if (ok) bar.value = 100;
            status.textContent = ok
              ? fill(texts.resultOk, { name: file.name })
              : fill(texts.resultRefused, { name: file.name, reason });
          },
        };
      },
      summary(text, href) {
        const p = document.createElement('p');
        p.className = 'kern-body';
        p.setAttribute('role', 'status');
        p.setAttribute('data-upload-summary', '');
        p.tabIndex = -1;
        p.textContent = `${text} `;
        const link = document.createElement('a');
        link.className = 'kern-link';
        link.href = href;
        link.textContent = texts.refreshList;
        p.append(link);
        box.append(p);
        p.focus();
      },
    };
  }

  function csrfHeaderOf(form) {
    const field = form.querySelector(`input[name="${CSRF_FIELD}"]`);
    return field?.value ? { 'x-csrf-token': field.value } : {};
  }

  function metadataOf(form, file) {
    const metadata = { filename: file.name, filetype: file.type || '' };
    for (const [name, value] of new FormData(form)) {
      if (typeof value === 'string' && !FILE_KEYS.includes(name) && name !== CSRF_FIELD)
        metadata[name] = value;
    }
    return metadata;
  }

  /**
   * The server's answer: from the JSON of the last PATCH, or the header of a resuming HEAD. `redirect`
   * (same origin only) says where to go next, `error` the code of a refusal.
   */
  function resultFrom(response) {
    const parse = (text) => {
      try {
        const value = JSON.parse(text);
        return value && typeof value === 'object' ? value : null;
      } catch {
        return null;
      }
    };
    let value = response ? parse(response.getBody() || 'null') : null;
    if (!value && response) {
      const header = response.getHeader(RESULT_HEADER);
      if (header) value = parse(decodeURIComponent(header));
    }
    const error = value && typeof value.error === 'string' ? value.error : null;
    if (!value || typeof value.redirect !== 'string') return { redirect: null, error };
    const url = new URL(value.redirect, window.location.href);
    return { redirect: url.origin === window.location.origin ? url.href : null, error };
  }

  function statusOf(error) {
    const response = error?.originalResponse;
    return response ? response.getStatus() : 0;
  }

  /**
   * Sends one file with tus. Resolves with the server's answer ({ redirect, error }) or with
   * { failed: 'too_large' | 'not_found' | 'failed' }; a network gap only delays it.
   */
  function send(form, file, endpoint, view, texts) {
    return new Promise((resolve) => {
      const upload = new tus.Upload(file, {
        endpoint,
        chunkSize: CHUNK_SIZE,
        retryDelays: RETRY_DELAYS,
        metadata: metadataOf(form, file),
        // Staff forms carry the login session's CSRF token: tus sends it as a header, never as metadata.
        headers: csrfHeaderOf(form),
        removeFingerprintOnSuccess: true,
        onProgress: (sent, total) => view.progress(sent, total),
        onShouldRetry: (error) => {
          const status = statusOf(error);
          const retry =
            (status < 400 || status >= 500 || status === 409 || status === 423) && navigator.onLine !== false;
          if (retry) view.say(texts.retrying);
          return retry;
        },
        onSuccess: ({ lastResponse }) => {
          view.progress(1, 1);
          resolve(resultFrom(lastResponse));
        },
        onError: (error) => {
          const status = statusOf(error);
          if (status === 0 && navigator.onLine === false) {
            view.say(texts.offline);
            // tus continues from the server's offset (HEAD) once the network is back.
            window.addEventListener('online', () => upload.start(), { once: true });
            return;
          }
          if (status === 413) resolve({ failed: 'too_large' });
          else if (status === 404 || status === 410) resolve({ failed: 'not_found' });
          else resolve({ failed: 'failed' });
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
            view.say(texts.resumed);
          } else {
            view.say(texts.started);
          }
        })
        .catch(() => view.say(texts.started))
        .then(() => upload.start());
    });
  }

  function enhance(form) {
    const input = form.querySelector('input[type="file"][name="datei"]');
    if (!input) return;
    const texts = textsOf(form);
    const endpoint = form.getAttribute('data-upload-endpoint') || `${form.action.replace(/\/+$/, '')}/tus`;
    const maxBytes = Number(form.getAttribute('data-max-bytes')) || 0;
    const limit = maxBytes > 0 ? formatBytes(maxBytes) : '';
    const tooLarge = () => (limit ? fill(texts.tooLarge, { limit }) : texts.tooLargeNoLimit);
    const buttons = () => form.querySelectorAll('button, input[type="submit"]');
    let busy = false;

    const hold = () => {
      busy = true;
      form.setAttribute('aria-busy', 'true');
      for (const button of buttons()) button.disabled = true;
    };
    const settle = () => {
      busy = false;
      form.removeAttribute('aria-busy');
      for (const button of buttons()) button.disabled = false;
    };

    async function sendOne(file) {
      const view = progressView(form, texts);
      view.show();
      if (maxBytes > 0 && file.size > maxBytes) {
        view.say(tooLarge());
        return;
      }
      hold();
      const result = await send(form, file, endpoint, view, texts);
      if (!result.failed) {
        view.say(texts.done);
        if (result.redirect) window.location.assign(result.redirect);
        else window.location.reload();
        return;
      }
      settle();
      if (result.failed === 'too_large') view.say(tooLarge());
      else if (result.failed === 'not_found') view.say(texts.notFound);
      else view.say(texts.failed);
    }

    async function sendAll(files) {
      hold();
      const list = listView(form, texts);
      const items = files.map((file) => ({ file, view: list.item(file) }));
      let ok = 0;
      let next = null;
      for (const { file, view } of items) {
        if (maxBytes > 0 && file.size > maxBytes) {
          view.result(false, texts.errors.too_large || tooLarge());
          continue;
        }
        const result = await send(form, file, endpoint, view, texts);
        if (result.failed === 'not_found') view.result(false, texts.notFound);
        else if (result.failed === 'too_large') view.result(false, texts.errors.too_large || tooLarge());
        else if (result.failed) view.result(false, texts.failed);
        else if (result.error) view.result(false, texts.errors[result.error] || texts.failed);
        else {
          ok += 1;
          next = result.redirect;
          view.result(true);
        }
      }
      if (ok === files.length && next) {
        window.location.assign(next);
        return;
      }
      settle();
      input.value = '';
      list.summary(fill(texts.summary, { ok, total: files.length }), window.location.pathname);
    }

    form.addEventListener('submit', (event) => {
      const files = Array.from(input.files || []);
      // No file chosen: the server answers with its message, as without JavaScript.
      if (files.length === 0) return;
      event.preventDefault();
      if (busy) return;
      if (input.multiple) sendAll(files);
      else sendOne(files[0]);
    });
  }

  for (const form of document.querySelectorAll('form[data-upload]')) enhance(form);
})();
