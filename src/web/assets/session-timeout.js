// The time-out warning of staff sessions (progressive enhancement; without it the session simply ends).
// Two minutes before the session ends it opens the server-rendered dialog #hfk-session-timeout
// (see SessionTimeoutDialog in src/web/auth/pages.tsx). "Angemeldet bleiben" posts the dialog's form with
// fetch, so nothing typed on the page is lost; when the session has ended the dialog offers a new login.
// Without JavaScript the dialog stays closed and its forms are never seen.
// The times come from `data-session-expires`, `data-session-ends` and `data-session-now` on <body> or on
// the dialog; the server time corrects a wrong clock in the browser.
(() => {
  const dialog = document.getElementById('hfk-session-timeout');
  if (!dialog || typeof dialog.showModal !== 'function') return;
  const source = document.body.hasAttribute('data-session-expires') ? document.body : dialog;
  const time = (name) => Date.parse(source.getAttribute(name) ?? dialog.getAttribute(name) ?? '');

  let expires = time('data-session-expires');
  if (Number.isNaN(expires)) return;
  let ends = time('data-session-ends');
  const serverNow = time('data-session-now');
  let skew = Number.isNaN(serverNow) ? 0 : serverNow - Date.now();
  const warnMs = (Number(dialog.getAttribute('data-warn-seconds')) || 120) * 1000;

  const title = document.getElementById('hfk-session-timeout-title');
  const text = document.getElementById('hfk-session-timeout-text');
  const status = document.getElementById('hfk-session-timeout-status');
  const part = (name) => dialog.querySelector(`[data-session-part="${name}"]`);
  const extend = part('extend');
  const logout = part('logout');
  const login = part('login');
  const form = extend?.querySelector('form');
  if (!title || !text || !extend || !logout || !login || !form) return;
  const texts = { title: title.textContent, text: text.textContent };

  /** 'idle' until the warning, 'warned' while it is (or was) shown, 'ended' after the end. */
  let state = 'idle';

  function show() {
    if (!dialog.open) dialog.showModal();
  }

  function warn() {
    state = 'warned';
    // When the absolute end comes first, extending cannot help: say so and offer only to log out.
    const final = !Number.isNaN(ends) && ends <= expires;
    title.textContent = texts.title;
    text.textContent = final ? (text.getAttribute('data-final-text') ?? texts.text) : texts.text;
    extend.hidden = final;
    logout.hidden = false;
    login.hidden = true;
    show();
  }

  function ended() {
    state = 'ended';
    title.textContent = title.getAttribute('data-expired-text') ?? texts.title;
    text.textContent = text.getAttribute('data-expired-text') ?? texts.text;
    extend.hidden = true;
    logout.hidden = true;
    login.hidden = false;
    show();
    login.querySelector('a')?.focus();
  }

  function tick() {
    if (state === 'ended') return;
    const left = expires - (Date.now() + skew);
    if (left <= 0) ended();
    else if (left <= warnMs && state === 'idle') warn();
  }

  form.addEventListener('submit', async (event) => {
    // Never a page load from here: whatever is typed on the page stays. Without fetch (or on a network
    // error) the dialog stays open and the button can be tried again.
    event.preventDefault();
    let response;
    try {
      response = await fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
        body: new URLSearchParams(new FormData(form)),
      });
    } catch {
      return;
    }
    if (response.status === 401 || response.status === 403) {
      ended();
      return;
    }
    if (!response.ok) return;
    const answer = await response.json();
    expires = Date.parse(answer.expiresAt);
    ends = Date.parse(answer.endsAt);
    skew = Date.parse(answer.now) - Date.now();
    state = 'idle';
    dialog.close();
    if (status) {
      status.textContent = '';
      status.textContent = status.getAttribute('data-extended-text') ?? '';
    }
  });

  setInterval(tick, 1000);
  document.addEventListener('visibilitychange', tick);
  tick();
})();
