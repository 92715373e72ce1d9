/**
 * Representatives' accounts over HTTP: registration with errors at the fields, confirmation from the
 * mailed link, the TOTP key shown once, login, drafts and cases listed in "my applications", opened
 * in a fresh browser; another account and the office get 404.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { fileApplication } from '../support/applicant.ts';
import { waitForMail } from '../support/mailbox.ts';
import { createStaffUser, type StaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const PASSWORD = 'ein langes Passwort für die Kanzlei';

const mailTo = (app: TestApp, address: string, wanted: RegExp) =>
  waitForMail(app.dataDir, (text) => text.includes(address) && wanted.test(text));

describe('representative accounts over HTTP', () => {
  let app: TestApp;
  let masterKey = '';
  const steps = new Map<string, number>();

  before(async () => {
    masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey });
  });
  after(async () => {
    await app?.close();
  });

  async function registerAndConfirm(email: string, organisation?: string): Promise<StaffUser> {
    const web = new WebClient(app.url);
    const sent = await web.post('/konto/registrieren', {
      kind: organisation ? 'organisation' : 'person',
      name: 'Anna Rechtsanwältin',
      organisationName: organisation ?? '',
      organisationKind: organisation ? 'counselling' : '',
      email,
      password: PASSWORD,
      passwordRepeat: PASSWORD,
    });
    assert.equal(sent.status, 200, sent.body.slice(0, 300));
    assert.match(sent.body, /Bitte bestätigen Sie Ihre E-Mail-Adresse/);
    const mail = await mailTo(app, email, /konto\/bestaetigen\//);
    const link = /\/konto\/bestaetigen\/([A-Za-z0-9_-]{43,128})/.exec(mail)?.[1] ?? '';
    const page = await web.get(`/konto/bestaetigen/${link}`);
    assert.equal(page.status, 200);
    const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const confirmed = await web.post('/konto/bestaetigen', { token });
    assert.equal(confirmed.status, 200, confirmed.body.slice(0, 300));
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(confirmed.body)?.[1] ?? '';
    assert.ok(secret, 'the TOTP key is shown');
    const again = await web.post('/konto/bestaetigen', { token });
    assert.equal(again.status, 404, 'a link confirms once');
    const user = await app.database.db
      .selectFrom('users')
      .select(['id', 'role'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    assert.equal(user.role, 'representative');
    return { id: user.id, email, password: PASSWORD, secret };
  }

  async function login(user: StaffUser): Promise<WebClient> {
    const web = new WebClient(app.url);
    const first = await web.post('/anmelden', { email: user.email, password: user.password });
    assert.equal(first.location, '/anmelden/code');
    const page = await web.get('/anmelden/code');
    const offset = steps.get(user.id) ?? 0;
    steps.set(user.id, offset + 1);
    const done = await web.post('/anmelden/code', {
      _csrf: csrfOf(page.body),
      code: await totpCode(user, new Date(), offset),
    });
    assert.equal(done.status, 303);
    const home = await web.get(done.location ?? '/geschaeftsstelle');
    assert.equal(home.location, '/konto', 'representatives land on their applications');
    return web;
  }

  test('registration explains every error at its field and keeps what was typed, never the password', async () => {
    const web = new WebClient(app.url);
    const bad = await web.post('/konto/registrieren', {
      kind: 'organisation',
      name: 'Mehmet Öztürk',
      organisationName: '',
      organisationKind: '',
      email: 'keine-adresse',
      password: 'kurz',
      passwordRepeat: 'anders',
    });
    assert.equal(bad.status, 400);
    for (const message of [
      /Namen der Organisation an/,
      /Art der Organisation/,
      /gültige E-Mail-Adresse/,
      /mindestens 12 Zeichen/,
      /stimmen nicht überein/,
    ]) {
      assert.match(bad.body, message);
    }
    assert.match(bad.body, /value="Mehmet Öztürk"/);
    assert.doesNotMatch(bad.body, /value="kurz"/);
    const english = await web.post('/konto/registrieren?lang=en', { kind: '', name: '' });
    assert.equal(english.status, 400);
    assert.match(english.body, /Please choose who is creating the account/);
  });

  test('an account sees its drafts and cases, opens them in a fresh browser; others get 404', async () => {
    const anna = await registerAndConfirm('anna@kanzlei.example', 'Beratungsstelle Süd');
    // Registering the same address again says nothing on the page; the owner is told by mail.
    const repeat = await new WebClient(app.url).post('/konto/registrieren', {
      kind: 'person',
      name: 'Jemand',
      email: 'anna@kanzlei.example',
      password: PASSWORD,
      passwordRepeat: PASSWORD,
    });
    assert.match(repeat.body, /Bitte bestätigen Sie Ihre E-Mail-Adresse/);
    await mailTo(app, 'anna@kanzlei.example', /gibt es schon ein Konto/);

    const web = await login(anna);
    const empty = await web.get('/konto');
    assert.equal(empty.status, 200);
    assert.match(empty.body, /Noch keine Anträge/);
    const caseNumber = await fileApplication(web, 'Öztürk');
    await web.post('/antrag/beginnen');
    const list = await web.get('/konto');
    assert.match(list.body, new RegExp(`Gestellt: ${caseNumber}`));
    assert.match(list.body, /Zehra Öztürk/);
    assert.match(list.body, /Entwurf/);
    const drafts = await app.database.db
      .selectFrom('drafts')
      .select(['id', 'submitted_at'])
      .where('owner_user_id', '=', anna.id)
      .execute();
    assert.equal(drafts.length, 2);
    const filed = drafts.find((d) => d.submitted_at !== null);
    assert.ok(filed);

    // A fresh browser: log in, open the filed application, see its status; the resume link still works.
    const other = await login(anna);
    const listed = await other.get('/konto');
    const opened = await other.post(`/konto/antraege/${filed.id}/oeffnen`, { _csrf: csrfOf(listed.body) });
    assert.equal(opened.status, 303);
    const status = await other.get('/antrag/bestaetigung');
    assert.equal(status.status, 200);
    assert.match(status.body, new RegExp(caseNumber));

    // Another representative's account, and the office, cannot open or see it.
    const bert = await login(await registerAndConfirm('bert@example.org'));
    const bertList = await bert.get('/konto');
    assert.doesNotMatch(bertList.body, new RegExp(caseNumber));
    const foreign = await bert.post(`/konto/antraege/${filed.id}/oeffnen`, { _csrf: csrfOf(bertList.body) });
    assert.equal(foreign.status, 404);
    const clerk = await createStaffUser(
      app.database,
      { email: 'sb@example.org', name: 'SB', role: 'office_clerk' },
      { masterKey },
    );
    const clerkWeb = new WebClient(app.url);
    await clerkWeb.post('/anmelden', { email: clerk.email, password: clerk.password });
    const codePage = await clerkWeb.get('/anmelden/code');
    await clerkWeb.post('/anmelden/code', {
      _csrf: csrfOf(codePage.body),
      code: await totpCode(clerk, new Date()),
    });
    assert.equal((await clerkWeb.get('/konto')).status, 404);
    assert.equal(
      (await web.get('/geschaeftsstelle/faelle/00000000-0000-0000-0000-000000000000')).status,
      404,
    );
  });
});
