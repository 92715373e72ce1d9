/*
 * Autosave for long texts: a form marked data-autosave is sent in the background a moment after
 * typing stops (and when the page is left), so a lost connection or a closed tab costs at most a
 * few seconds of writing. The server answers 204; the status line says when it last saved.
 * Without JavaScript the buttons save as before.
 */
(() => {
  const form = document.querySelector('form[data-autosave]');
  if (!form || typeof fetch !== 'function') return;
  const status = form.querySelector('[data-autosave-status]');
  const saved = status?.getAttribute('data-saved-text') ?? 'Gespeichert';
  const failed = status?.getAttribute('data-failed-text') ?? 'Nicht gespeichert';
  let timer = null;
  let dirty = false;

  async function save(keepalive) {
    if (!dirty) return;
    dirty = false;
    const body = new URLSearchParams(new FormData(form));
    body.set('action', 'autosave');
    try {
      // form.action would be the buttons named "action" (DOM clobbering); the attribute is the URL.
      const response = await fetch(form.getAttribute('action') ?? location.href, {
        method: 'POST',
        body,
        headers: { 'x-autosave': '1' },
        credentials: 'same-origin',
        keepalive,
      });
      if (!response.ok) throw new Error(String(response.status));
      if (status) {
        const time = new Date().toLocaleTimeString(document.documentElement.lang || 'de', {
          hour: '2-digit',
          minute: '2-digit',
        });
        status.textContent = `${saved} (${time})`;
      }
    } catch {
      dirty = true;
      if (status) status.textContent = failed;
    }
  }

  form.addEventListener('input', () => {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(() => save(false), 2000);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') save(true);
  });
})();
