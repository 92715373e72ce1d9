/**
 * Representatives' accounts over HTTP: registration with errors at the fields, confirmation from the
 * mailed link, the TOTP key shown once, login, drafts and cases listed in "my applications", opened
 * in a fresh browser; another account and the office get 404.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { fileApplication } from '../support/applicant.ts';
import { waitForMail } from '../support/mailbox.ts';
import { createStaffUser, type StaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const PASSWORD = 'ein langes Passwort für die Kanzlei';

/** Every mail in the embedded mailbox. */
async function readMailbox(app: TestApp): Promise<string[]> {
  const dir = join(app.dataDir, 'mail');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => !n.startsWith('.'));
  return Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')));
}

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
  test('a forgotten password: the same answer for any address, a one-hour link, every login ended, the code still asked', async () => {
    const carla = await registerAndConfirm('carla@beratung.example');
    const before = await login(carla);
    assert.equal((await before.get('/konto')).status, 200);
    const clerk = await createStaffUser(
      app.database,
      { email: 'sb-vergessen@example.org', name: 'SB', role: 'office_clerk' },
      { masterKey },
    );
    const ask = async (email: string) => {
      const web = new WebClient(app.url);
      assert.equal((await web.get('/konto/passwort-vergessen')).status, 200);
      return web.post('/konto/passwort-vergessen', { email });
    };
    const bad = await ask('keine adresse');
    assert.equal(bad.status, 400);
    assert.match(bad.body, /id="email-error"/);
    assert.match(bad.body, /value="keine adresse"/, 'what was typed stays');
    for (const email of ['niemand@example.org', clerk.email, 'carla@beratung.example']) {
      const sent = await ask(email);
      assert.equal(sent.status, 200);
      assert.match(sent.body, /Wenn zu dieser Adresse ein Konto besteht/);
    }
    const mail = await mailTo(app, 'carla@beratung.example', /passwort-neu\//);
    assert.match(mail, /eine Stunde/);
    const token = /\/konto\/passwort-neu\/([A-Za-z0-9_-]{43,128})/.exec(mail)?.[1] ?? '';
    assert.ok(token, 'the link is in the mail');
    const stored = await app.database.db.selectFrom('password_resets').select('token_hash').execute();
    assert.equal(stored.length, 1, 'only the representative got a link');
    assert.notEqual(stored[0]?.token_hash, token, 'only its hash is kept');
    // Nobody else was written to.
    const others = await readMailbox(app);
    assert.ok(!others.some((m) => m.includes('niemand@example.org') || m.includes(clerk.email)));

    const web = new WebClient(app.url);
    const form = await web.get(`/konto/passwort-neu/${token}`);
    assert.equal(form.status, 200);
    assert.match(form.body, new RegExp(`name="token" value="${token}"`));
    const short = await web.post('/konto/passwort-neu', { token, password: 'kurz', passwordRepeat: 'kurz' });
    assert.equal(short.status, 400);
    assert.match(short.body, /id="password-error"/);
    const differ = await web.post('/konto/passwort-neu', {
      token,
      password: 'ein ganz neues Passwort 2026',
      passwordRepeat: 'ein anderes Passwort 2026',
    });
    assert.equal(differ.status, 400);
    assert.match(differ.body, /stimmen nicht überein/);
    const newPassword = 'ein ganz neues Passwort 2026';
    const done = await web.post('/konto/passwort-neu', {
      token,
      password: newPassword,
      passwordRepeat: newPassword,
    });
    assert.equal(done.status, 200, done.body.slice(0, 300));
    assert.match(done.body, /Ihr neues Passwort gilt/);
    assert.equal(
      (await web.post('/konto/passwort-neu', { token, password: newPassword, passwordRepeat: newPassword }))
        .status,
      404,
      'a link works once',
    );
    await mailTo(app, 'carla@beratung.example', /soeben neu festgelegt/);
    // The earlier login is over; the old password no longer works; the new one still needs the code.
    const ended = await before.get('/konto');
    assert.equal(ended.status, 303);
    assert.match(ended.location ?? '', /^\/anmelden/);
    const old = await new WebClient(app.url).post('/anmelden', {
      email: carla.email,
      password: carla.password,
    });
    assert.notEqual(old.location, '/anmelden/code');
    const renewed = await login({ ...carla, password: newPassword });
    assert.equal((await renewed.get('/konto')).status, 200);
    const audited = await app.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'user.password_reset_by_link')
      .execute();
    assert.equal(audited.length, 1);

    // A link past its hour is refused.
    await ask('carla@beratung.example');
    const second = await waitForMail(
      app.dataDir,
      (t) => t.includes('carla@beratung.example') && /passwort-neu\//.test(t) && !t.includes(token),
    );
    const late = /\/konto\/passwort-neu\/([A-Za-z0-9_-]{43,128})/.exec(second)?.[1] ?? '';
    await app.database.db
      .updateTable('password_resets')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    const expired = await new WebClient(app.url).post('/konto/passwort-neu', {
      token: late,
      password: newPassword,
      passwordRepeat: newPassword,
    });
    assert.equal(expired.status, 410);
    assert.match(expired.body, /Neuen Link anfordern/);
  });

  test('an organisation invites a colleague, who sees the same applications; a single person cannot invite', async () => {
    const dora = await registerAndConfirm('dora@kanzlei-nord.example', 'Kanzlei Nord');
    const web = await login(dora);
    const caseNumber = await fileApplication(web, 'Yılmaz');
    const page = await web.get('/konto');
    assert.match(page.body, /Kolleginnen und Kollegen/);
    assert.match(page.body, /Kanzlei Nord/);
    const bad = await web.post('/konto/kollegen', { _csrf: csrfOf(page.body), email: 'kein@' });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /id="invite-email-error"/);
    assert.match(bad.body, /value="kein@"/);
    assert.equal(
      (await web.post('/konto/kollegen', { email: 'emil@kanzlei-nord.example' })).status,
      403,
      'CSRF',
    );
    const invited = await web.post('/konto/kollegen', {
      _csrf: csrfOf(page.body),
      email: 'emil@kanzlei-nord.example',
    });
    assert.equal(invited.status, 303);
    assert.match((await web.get('/konto?eingeladen=1')).body, /emil@kanzlei-nord\.example/);
    const mail = await mailTo(app, 'emil@kanzlei-nord.example', /Einladung/);
    assert.match(mail, /Kanzlei Nord/);
    const token = /\/konto\/einladung\/([A-Za-z0-9_-]{43,128})/.exec(mail)?.[1] ?? '';
    assert.ok(token);

    const emil = new WebClient(app.url);
    const form = await emil.get(`/konto/einladung/${token}`);
    assert.equal(form.status, 200);
    assert.match(form.body, /Kanzlei Nord/);
    const wrong = await emil.post('/konto/einladung', {
      token,
      name: '',
      password: 'kurz',
      passwordRepeat: 'x',
    });
    assert.equal(wrong.status, 400);
    assert.match(wrong.body, /id="name-error"/);
    assert.match(wrong.body, /id="password-error"/);
    const accepted = await emil.post('/konto/einladung', {
      token,
      name: 'Emil Kollege',
      password: PASSWORD,
      passwordRepeat: PASSWORD,
    });
    assert.equal(accepted.status, 200, accepted.body.slice(0, 300));
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(accepted.body)?.[1] ?? '';
    assert.ok(secret, 'the TOTP key is shown once');
    assert.equal(
      (
        await emil.post('/konto/einladung', {
          token,
          name: 'Emil',
          password: PASSWORD,
          passwordRepeat: PASSWORD,
        })
      ).status,
      404,
      'an invitation is accepted once',
    );
    const row = await app.database.db
      .selectFrom('users')
      .select(['id', 'organisation_id', 'role'])
      .where('email', '=', 'emil@kanzlei-nord.example')
      .executeTakeFirstOrThrow();
    const doraRow = await app.database.db
      .selectFrom('users')
      .select('organisation_id')
      .where('id', '=', dora.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.role, 'representative');
    assert.equal(row.organisation_id, doraRow.organisation_id);
    const asEmil = await login({
      id: row.id,
      email: 'emil@kanzlei-nord.example',
      password: PASSWORD,
      secret,
    });
    const list = await asEmil.get('/konto');
    assert.match(list.body, new RegExp(`Gestellt: ${caseNumber}`), "the organisation's application");
    assert.match(list.body, /Emil Kollege/);

    // A representative without an organisation has no colleagues to invite.
    const solo = await login(await registerAndConfirm('solo@example.org'));
    const soloPage = await solo.get('/konto');
    assert.doesNotMatch(soloPage.body, /Kolleginnen und Kollegen/);
    assert.equal(
      (await solo.post('/konto/kollegen', { _csrf: csrfOf(soloPage.body), email: 'x@example.org' })).status,
      404,
    );
    const unknown = await new WebClient(app.url).get(`/konto/einladung/${'x'.repeat(43)}`);
    assert.equal(unknown.status, 404);
  });
});
