/**
 * Messages between applicant and office over HTTP on the composed app, with mails over a real SMTP
 * server: the applicant writes, the office sees the marker and reads, answers; the applicant gets a
 * notification mail without the text and reads the answer. Bad input keeps what was typed; another
 * case's applicant sees nothing of the thread.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { fileApplication } from '../support/applicant.ts';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.ts';
import { createStaffUser, type StaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const textareaOf = (html: string) =>
  /<textarea[^>]*name="message"[^>]*>\n?([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? null;

async function login(app: TestApp, user: StaffUser, stepOffset = 0): Promise<WebClient> {
  const web = new WebClient(app.url);
  const first = await web.post('/anmelden', { email: user.email, password: user.password });
  assert.equal(first.status, 303);
  const page = await web.get('/anmelden/code');
  const code = await totpCode(user, new Date(), stepOffset);
  const done = await web.post('/anmelden/code', { _csrf: csrfOf(page.body), code });
  assert.equal(done.status, 303);
  return web;
}

describe('messages between applicant and office', () => {
  let app: TestApp;
  let smtp: SmtpSink;
  let clerk: StaffUser;
  let office: WebClient;
  let family: WebClient;
  let other: WebClient;
  let caseNumber = '';
  let caseId = '';
  let otherNumber = '';

  before(async () => {
    const masterKey = await generateIdentity();
    smtp = await startSmtpSink();
    app = await startTestApp({ MASTER_KEY: masterKey, SMTP_URL: smtp.url });
    family = new WebClient(app.url);
    other = new WebClient(app.url);
    caseNumber = await fileApplication(family, 'Nachricht');
    otherNumber = await fileApplication(other, 'Anderer');
    ({ id: caseId } = await app.database.db
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', caseNumber)
      .executeTakeFirstOrThrow());
    await app.database.db
      .updateTable('drafts')
      .set({ contact_email: 'familie.nachricht@example.org' })
      .where('case_id', '=', caseId)
      .execute();
    clerk = await createStaffUser(
      app.database,
      { email: 'gs-nachrichten@example.org', name: 'Birgit Schäfer', role: 'office_clerk' },
      { masterKey },
    );
    office = await login(app, clerk);
  });
  after(async () => {
    await app?.close();
    await smtp?.stop();
  });

  test('an empty or over-long message gets the error at the field and keeps what was typed', async () => {
    const status = await family.get('/antrag/bestaetigung');
    assert.equal(status.status, 200);
    assert.match(status.body, /<h2[^>]*id="nachrichten"[^>]*>Nachrichten</);
    assert.match(status.body, /Noch keine Nachrichten\./);

    const empty = await family.post('/antrag/nachrichten', { message: '   \n ' });
    assert.equal(empty.status, 400);
    assert.match(empty.body, /id="message-error"[\s\S]*Bitte schreiben Sie eine Nachricht\./);
    assert.match(empty.body, /href="#message"/, 'the error summary links to the field');
    assert.match(empty.body, /<title>Fehler:/);

    const long = `Sehr lange Nachricht. ${'Ä'.repeat(5000)}`;
    const tooLong = await family.post('/antrag/nachrichten', { message: long });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.body, /Die Nachricht ist zu lang/);
    assert.equal(textareaOf(tooLong.body), long, 'the text comes back as typed');

    // In Arabic the page and the error are Arabic; the thread is still empty.
    const arabic = await family.get('/antrag/bestaetigung?lang=ar');
    assert.match(arabic.body, /dir="rtl"/);
    assert.match(arabic.body, />الرسائل</);
    assert.match(arabic.body, /action="\/antrag\/nachrichten\?lang=ar"/);
    const arEmpty = await family.post('/antrag/nachrichten?lang=ar', { message: '' });
    assert.equal(arEmpty.status, 400);
    assert.match(arEmpty.body, /يرجى كتابة رسالة\./);
    assert.match(arEmpty.body, /href="\/antrag\/nachrichten\?lang=de"/, 'the language switch');
    const switched = await family.get('/antrag/nachrichten?lang=de');
    assert.equal(switched.status, 303);
    assert.equal(switched.location, '/antrag/bestaetigung?lang=de#nachrichten');
    const stored = await app.database.db.selectFrom('case_messages').select('id').execute();
    assert.equal(stored.length, 0, 'nothing was stored');
  });

  test('applicant writes, office sees the marker and reads, answers; the mail has no text; the applicant reads the answer', async () => {
    const question = 'Wann entscheidet die Kommission? <b>nicht fett</b>\nDanke, Zehra';
    const sent = await family.post('/antrag/nachrichten?lang=de', { message: question });
    assert.equal(sent.status, 303);
    assert.equal(sent.location, '/antrag/bestaetigung?lang=de&nachricht=gesendet#nachrichten');
    const after = await family.get(sent.location ?? '');
    assert.match(after.body, /Ihre Nachricht wurde gesendet\./);
    assert.ok(after.body.includes('Wann entscheidet die Kommission? &lt;b>nicht fett&lt;/b>'), 'escaped');
    assert.doesNotMatch(after.body, /<b>nicht fett/);

    // The case list marks the case; the filter shows it and not the other one.
    const list = await office.get('/geschaeftsstelle');
    const row = new RegExp(`${caseNumber}</a>[\\s\\S]*?</tr>`).exec(list.body)?.[0] ?? '';
    assert.match(row, /1 neu/);
    const otherRow = new RegExp(`${otherNumber}</a>[\\s\\S]*?</tr>`).exec(list.body)?.[0] ?? '';
    assert.doesNotMatch(otherRow, /neu</);
    const unread = await office.get('/geschaeftsstelle?nachrichten=ungelesen');
    assert.ok(unread.body.includes(caseNumber));
    assert.ok(!unread.body.includes(otherNumber));

    const file = await office.get(`/geschaeftsstelle/faelle/${caseId}`);
    assert.equal(file.status, 200);
    assert.match(file.body, /id="nachrichten"/);
    assert.ok(file.body.includes('Wann entscheidet die Kommission? &lt;b>nicht fett&lt;/b>'));
    assert.match(file.body, /Antragsteller\/in<\/strong>/);
    assert.match(file.body, /class="app-tag"> neu</, 'new to the office when first opened');
    const again = await office.get('/geschaeftsstelle');
    const rowAfter = new RegExp(`${caseNumber}</a>[\\s\\S]*?</tr>`).exec(again.body)?.[0] ?? '';
    assert.doesNotMatch(rowAfter, /neu</, 'read once the case file was opened');

    const csrf = csrfOf(file.body);
    const bad = await office.post(`/geschaeftsstelle/faelle/${caseId}/nachrichten`, {
      _csrf: csrf,
      message: 'x'.repeat(5001),
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /id="message-error"[\s\S]*Die Nachricht ist zu lang/);
    assert.equal(textareaOf(bad.body), 'x'.repeat(5001));

    const answer = 'Die Kommission tagt im März. Wir melden uns.';
    const answered = await office.post(`/geschaeftsstelle/faelle/${caseId}/nachrichten`, {
      _csrf: csrf,
      message: answer,
    });
    assert.equal(answered.status, 303, answered.body.slice(0, 300));

    const mail = await smtp.waitFor(
      (m) => m.to.includes('familie.nachricht@example.org') && /Neue Nachricht/.test(m.parsed.subject ?? ''),
    );
    assert.ok((mail.text ?? '').includes(`es gibt eine neue Nachricht zu Ihrem Antrag ${caseNumber}`));
    assert.match(mail.text ?? '', /über Ihren persönlichen Link/);
    for (const secret of ['tagt im März', 'Zehra', 'Nachricht-Familie', 'Wann entscheidet']) {
      assert.ok(!(mail.text ?? '').includes(secret), `no "${secret}" in the mail`);
      assert.ok(!(mail.subject ?? '').includes(secret), `no "${secret}" in the subject`);
    }
    assert.equal(mail.attachments.length, 0);

    const status = await family.get('/antrag/bestaetigung');
    assert.ok(status.body.includes(answer));
    assert.match(status.body, /Neue Nachricht der Geschäftsstelle/, 'a banner while it is new');
    assert.ok(status.body.indexOf('Wann entscheidet') < status.body.indexOf(answer), 'newest last');
    const later = await family.get('/antrag/bestaetigung');
    assert.doesNotMatch(later.body, /Neue Nachricht der Geschäftsstelle/, 'read once shown');

    const audit = await app.database.db
      .selectFrom('audit_log')
      .select(['actor_role', 'actor_id'])
      .where('action', '=', 'case.message_written')
      .where('resource_id', '=', caseId)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.actor_role),
      ['applicant', 'office_clerk'],
    );
    assert.equal(audit[1]?.actor_id, clerk.id);
  });

  test('another case, no link or another role: the thread stays hidden (404)', async () => {
    const theirs = await other.get('/antrag/bestaetigung');
    assert.equal(theirs.status, 200);
    assert.ok(!theirs.body.includes('Wann entscheidet'));
    assert.ok(!theirs.body.includes('tagt im März'));
    assert.match(theirs.body, /Noch keine Nachrichten\./);

    const stranger = new WebClient(app.url);
    assert.equal((await stranger.get('/antrag/bestaetigung')).status, 404);
    assert.equal((await stranger.post('/antrag/nachrichten', { message: 'Hallo' })).status, 404);

    const csrf = csrfOf((await office.get(`/geschaeftsstelle/faelle/${caseId}`)).body);
    const missing = await office.post(
      '/geschaeftsstelle/faelle/00000000-0000-4000-8000-000000000000/nachrichten',
      { _csrf: csrf, message: 'Hallo' },
    );
    assert.equal(missing.status, 404);
    const anonymous = await stranger.post(`/geschaeftsstelle/faelle/${caseId}/nachrichten`, {
      message: 'Hallo',
    });
    assert.equal(anonymous.status, 303, 'strangers are sent to the login');
    assert.match(anonymous.location ?? '', /^\/anmelden/);
    const count = await app.database.db.selectFrom('case_messages').select('id').execute();
    assert.equal(count.length, 2);
  });
});
