/**
 * The login pages follow the visitor's language: representatives log in at `/anmelden` too, so the
 * steps, their errors and the time-out warning come in Arabic or English when chosen; staff pages stay
 * German. Own app, because the login steps are rate-limited per address and minute.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generate } from 'otplib';
import { startTestApp, type TestApp } from '../support/app.ts';
import { registerRepresentativeWithKey } from '../support/representative.ts';
import { WebClient } from '../support/web-client.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('the login in the chosen language', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app?.close();
  });

  test('Arabic from the link, kept through the errors, the code step and the time-out warning', async () => {
    const email = 'rana@beratung.example';
    const { password, secret } = await registerRepresentativeWithKey(app, { email, name: 'Rana Haddad' });

    const web = new WebClient(app.url);
    const start = await web.get('/anmelden?lang=ar');
    assert.equal(start.status, 200);
    assert.match(start.body, /<html lang="ar" dir="rtl"/);
    assert.match(start.body, /<h1 class="kern-heading-x-large">تسجيل الدخول<\/h1>/);
    assert.match(start.body, /للممثلين الذين لديهم حساب/);
    const empty = await web.post('/anmelden', { email: '', password: '' });
    assert.equal(empty.status, 400);
    assert.match(empty.body, /أدخل عنوان بريدك الإلكتروني/, 'the error at the field is Arabic');
    assert.match(empty.body, /<title>خطأ: تسجيل الدخول/);
    const wrong = await web.post('/anmelden', { email, password: 'ein falsches Passwort' });
    assert.match(wrong.body, /غير صحيح/);
    assert.match(wrong.body, /value="rana@beratung.example"/, 'the typed address is kept');
    const step = await web.post('/anmelden', { email, password });
    assert.equal(step.location, '/anmelden/code');
    const codePage = await web.get('/anmelden/code');
    assert.match(codePage.body, /أدخل الرمز/);
    const badCode = await web.post('/anmelden/code', { _csrf: csrfOf(codePage.body), code: '12' });
    assert.equal(badCode.status, 400);
    assert.match(badCode.body, /يتكوّن الرمز من 6 أرقام/);
    // The registration's login used the current code; the next one (still in the window) logs in.
    const done = await web.post('/anmelden/code', {
      _csrf: csrfOf(badCode.body),
      code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }),
    });
    assert.equal(done.status, 303);
    const account = await web.get('/konto');
    assert.equal(account.status, 200);
    assert.match(account.body, /<html lang="ar"/);
    assert.match(account.body, /سيتم تسجيل خروجك قريبًا/, 'the time-out warning speaks Arabic too');
    assert.doesNotMatch(account.body, /Sie werden bald abgemeldet/);
    assert.match((await web.get('/sitzung/verlaengern?lang=en')).body, /Stay logged in/);
  });

  test('German is the default; English on request', async () => {
    const german = await new WebClient(app.url).get('/anmelden');
    assert.match(german.body, /<html lang="de"/);
    assert.match(german.body, /Für Vertretungen mit Konto/);
    const english = await new WebClient(app.url).get('/anmelden?lang=en');
    assert.match(english.body, /<h1 class="kern-heading-x-large">Log in<\/h1>/);
    assert.match(english.body, /Forgotten your password\?/);
  });
});
