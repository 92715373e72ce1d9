/**
 * S6 – injection corpus. Hostile strings (HTML and attribute breakouts, SQL, spreadsheet formulas,
 * template syntax, entities, bidi overrides, NUL, invalid UTF-8, 100 KB) go into every text field of
 * the application and into the office's search, notes and intake. Nothing answers 500; every page
 * shows them as text (escaped, never markup); the receipt and the application copy (read with
 * pdftotext) contain them as the same text; bidi overrides and NUL are gone. The statistics' CSV
 * exports carry none of them and no cell that a spreadsheet would run as a formula.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { flat, haveTool, pdfText } from '../../src/adapters/pdf/test-support.ts';
import { STATISTICS_TABLES } from '../../src/application/statistics.ts';
import { createStaffUser } from '../support/staff-app.ts';
import {
  type ApplicantValues,
  caseIdOf,
  csrfOf,
  fileApplicationWith,
  loginStaff,
  RecordingClient,
  type SecurityApp,
  startSecurityApp,
  waitForReceipt,
} from './support.ts';

const HOSTILE = {
  script: '<script>alert("x")</script>Sara',
  attribute: '"><img src=x onerror=alert(1)>Lina',
  sql: "O'Brien'); DROP TABLE cases; --",
  formula: '=HYPERLINK("https://evil.example","Klick")',
  formula2: '+SUMME(A1:A9)@Mehmet',
  template: `{{7*7}} \${7*7} <%= 7*7 %> Straße`,
  entities: 'Dr. &lt;b&gt; &amp; &#x3C;i>',
  path: '../../etc/passwd Beratung',
  bidi: 'Amir\u202Egnp.exe\u2066Ali\u2069',
  nul: 'Na\u0000dia',
} as const;

/** What the app keeps of each: bidi controls and NUL removed (text.ts), everything else as typed. */
const KEPT: Record<keyof typeof HOSTILE, string> = {
  ...HOSTILE,
  bidi: 'Amirgnp.exeAli',
  nul: 'Nadia',
};

/** Turns HTML text back into the characters it shows (the entities preact writes). */
const shown = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&');

/** Each of the strings (as kept) appears in the text; names the ones that do not. */
function assertShows(what: string, text: string, keys: readonly (keyof typeof KEPT)[]) {
  // Whitespace aside: PDF lines wrap after a slash ("https:// evil…").
  const squeeze = (x: string) => x.replace(/\s+/g, '');
  const missing = keys.filter((k) => !squeeze(text).includes(squeeze(KEPT[k])));
  assert.deepEqual(
    missing.map((k) => `${k}: ${KEPT[k]}`),
    [],
    what,
  );
}

const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const disguised = (text: string) => BIDI.test(text) || text.includes('\u0000');

/**
 * No hostile string became markup, and no NUL or bidi control reached the page. Two exceptions, by
 * design: a form answered 400 echoes what was just typed (`echo`: as typed), and the applicant's own
 * draft pages show the draft as typed (`draft`: bidi controls kept there; removed when it is filed).
 */
function assertInert(what: string, body: string, options: { echo?: boolean; draft?: boolean } = {}) {
  assert.ok(!body.includes('<script>alert'), `${what}: a script element from input`);
  assert.ok(!/<img\b[^>]*onerror/i.test(body), `${what}: an element with a handler from input`);
  assert.ok(!body.includes('"><img'), `${what}: an attribute breakout`);
  if (!options.echo) assert.ok(!body.includes('\u0000'), `${what}: NUL`);
  if (!options.echo && !options.draft) assert.ok(!BIDI.test(body), `${what}: a bidi control`);
}

describe('S6 injection corpus', () => {
  let sec: SecurityApp;
  before(async () => {
    sec = await startSecurityApp();
  });
  after(() => sec?.close());

  test('every hostile string in every field of the person and representative forms and the texts: no 500, inert', async () => {
    const web = new RecordingClient(sec.url);
    await web.post('/antrag/beginnen');
    const person = (await web.post('/antrag/personen/neu')).location ?? '';
    const fields: [string, string][] = [
      [person, 'familyName'],
      [person, 'givenNames'],
      [person, 'birthPlace'],
      [person, 'address.street'],
      [person, 'address.place'],
      ['/antrag/vertretung', 'organisationName'],
      ['/antrag/vertretung', 'contactPerson'],
      ['/antrag/vertretung', 'email'],
      ['/antrag/begruendung/texte', 'lifeStory'],
      ['/antrag/begruendung/texte', 'humanitarianReasons'],
      ['/antrag/link-senden', 'email'],
    ];
    const corpus = [...Object.values(HOSTILE), 'A'.repeat(100_000), 'Ж'.repeat(30_000)];
    for (const [path, field] of fields) {
      for (const value of corpus) {
        const base: Record<string, string> = path === '/antrag/vertretung' ? { kind: 'organisation' } : {};
        const r = await web.post(path, { ...base, [field]: value, action: 'continue' });
        assert.ok([200, 303, 400].includes(r.status), `${field} = ${value.slice(0, 30)} → ${r.status}`);
        if (r.status === 400) {
          assert.match(r.body, /href="#[^"]+"/, `${field}: the error summary links to the field`);
          assert.match(r.body, /lang="de"/);
        }
        assertInert(`${field} answer`, r.body, { echo: r.status === 400 });
        const page = await web.get(path === '/antrag/link-senden' ? '/antrag/uebersicht' : path);
        assert.ok(page.status < 500);
        assertInert(`${field} page`, page.body, { draft: true });
      }
    }
    // Broken bytes: invalid UTF-8 in a form body, a lone surrogate in JSON-less form encoding.
    for (const payload of ['familyName=%C3%28&action=continue', 'familyName=%ED%A0%80x&action=continue']) {
      const r = await fetch(new URL(person, sec.url), {
        method: 'POST',
        headers: {
          origin: sec.url,
          'content-type': 'application/x-www-form-urlencoded',
          cookie: [...web.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
        body: payload,
        redirect: 'manual',
      });
      assert.ok(r.status === 400 || r.status === 303, `${payload} → ${r.status}`);
    }
    for (const r of web.seen) assert.ok(r.status < 500, `${r.method} ${r.path} → ${r.status}`);
  });

  test('a whole application of hostile strings: pages, office, receipt and application copy show them as text', async (t) => {
    const values: Partial<ApplicantValues> = {
      familyName: HOSTILE.formula,
      givenNames: HOSTILE.script,
      childGivenNames: HOSTILE.attribute,
      birthPlace: HOSTILE.sql,
      street: HOSTILE.template,
      doctor: HOSTILE.entities,
      organisationName: HOSTILE.path,
      contactPerson: HOSTILE.bidi,
      lifeStory: `${HOSTILE.nul} ${HOSTILE.formula2}\n${HOSTILE.script}`,
      familyTies: HOSTILE.attribute,
      integration: HOSTILE.entities,
      humanitarianReasons: HOSTILE.sql,
    };
    const applicant = new RecordingClient(sec.url);
    const { caseNumber } = await fileApplicationWith(applicant, values, [], async () => {
      const check = await applicant.get('/antrag/pruefen');
      assert.equal(check.status, 200);
      const text = shown(check.body);
      // (The page shows no street; the draft keeps the contact person's bidi controls until filing.)
      assertShows('check your answers shows', text, [
        'formula',
        'script',
        'attribute',
        'sql',
        'entities',
        'path',
      ]);
    });
    const caseId = await caseIdOf(sec.database, caseNumber);
    await waitForReceipt(sec.database, caseId);
    assert.equal((await applicant.get('/antrag/bestaetigung')).status, 200);
    for (const r of applicant.seen) {
      assert.ok(r.status < 500, `${r.method} ${r.path} → ${r.status}`);
      assertInert(`${r.method} ${r.path}`, r.body, { draft: true });
    }

    const clerk = await createStaffUser(
      sec.database,
      { email: 'korpus@example.org', name: 'Korpus', role: 'office_clerk' },
      { masterKey: sec.masterKey },
    );
    const office = await loginStaff(new RecordingClient(sec.url), clerk);
    const file = await office.get(`/geschaeftsstelle/faelle/${caseId}`);
    assert.equal(file.status, 200);
    const text = shown(file.body);
    assertShows('the case file shows', text, [
      'formula',
      'script',
      'attribute',
      'sql',
      'template',
      'entities',
      'path',
      'bidi',
    ]);
    assert.ok(file.body.includes('&amp;lt;b&amp;gt;'), 'entities typed are shown, not interpreted');
    const list = await office.get('/geschaeftsstelle');
    assert.ok(shown(list.body).includes(`${KEPT.script} ${KEPT.formula}`), 'the list shows the name as text');
    for (const q of [...Object.values(HOSTILE), '%', '_', '\\', "'", 'A'.repeat(5000)]) {
      const r = await office.get(`/geschaeftsstelle?suche=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200, `search ${q.slice(0, 20)}`);
    }
    const csrf = csrfOf(file.body);
    for (const note of [HOSTILE.script, HOSTILE.attribute, HOSTILE.nul, 'B'.repeat(6000)]) {
      const r = await office.post(`/geschaeftsstelle/faelle/${caseId}/notizen`, { _csrf: csrf, note });
      assert.ok(r.status === 303 || r.status === 400, `note → ${r.status}`);
    }
    for (const value of Object.values(HOSTILE)) {
      const r = await office.post('/geschaeftsstelle/eingang', {
        _csrf: csrf,
        channel: 'post',
        'persons.0.familyName': value,
        'persons.0.givenNames': value,
        'address.street': value,
        note: value,
      });
      assert.ok(r.status === 303 || r.status === 400, `intake ${value.slice(0, 20)} → ${r.status}`);
    }
    assertInert('case file after notes', (await office.get(`/geschaeftsstelle/faelle/${caseId}`)).body);
    for (const r of office.seen) {
      assert.ok(r.status < 500, `${r.method} ${r.path} → ${r.status}`);
      // The search field and a refused form show what was just typed, as typed.
      assertInert(`office ${r.method} ${r.path}`, r.body, {
        echo: r.status === 400 || r.path.includes('suche='),
      });
    }

    // Mails (the mailbox folder stands in for SMTP): receipt, notices; they carry no names or texts at all.
    const mailDir = join(sec.dataDir, 'mail');
    const mails = await Promise.all(
      readdirSync(mailDir).map(async (f) => {
        const parsed = await simpleParser(readFileSync(join(mailDir, f)));
        return `${parsed.subject ?? ''}\n${parsed.text ?? ''}\n${parsed.html || ''}`;
      }),
    );
    assert.ok(mails.length >= 1, 'the receipt was mailed');
    assert.ok(
      mails.some((m) => m.includes(caseNumber)),
      'decoded: the case number is readable',
    );
    for (const mail of mails) {
      assert.ok(
        !mail.includes('<script>alert') && !mail.includes('onerror'),
        'no markup from input in a mail',
      );
      for (const key of ['formula', 'script', 'sql', 'template'] as const)
        assert.ok(!mail.includes(KEPT[key]), `no ${key} in a mail`);
    }

    // The statistics' CSV exports: counts and reference names only — no hostile name reaches them, and no
    // cell starts like a formula (a cell that would is led by an apostrophe).
    for (const table of STATISTICS_TABLES) {
      const csv = await office.download(`/geschaeftsstelle/statistik/${table}.csv`);
      assert.equal(csv.status, 200, `statistics ${table}`);
      const body = csv.bytes.toString('utf8');
      for (const key of Object.keys(KEPT) as (keyof typeof KEPT)[])
        assert.ok(!body.includes(KEPT[key]), `no ${key} in the statistics (${table})`);
      const cells = body
        .slice(1)
        .split(/\r\n|;/)
        .map((cell) => cell.replace(/^"/, ''));
      assert.deepEqual(
        cells.filter((cell) => /^[=+\-@\t\r]/.test(cell)),
        [],
        `formula cells in ${table}`,
      );
    }

    if (!haveTool(t, 'pdftotext')) return;
    const receipt = await applicant.download('/antrag/eingangsbestaetigung.pdf');
    assert.equal(receipt.status, 200);
    const copyRow = await sec.database.db
      .selectFrom('documents')
      .select('id')
      .where('case_id', '=', caseId)
      .where('category', '=', 'application_copy')
      .executeTakeFirstOrThrow();
    const copy = await office.download(`/geschaeftsstelle/faelle/${caseId}/dokumente/${copyRow.id}`);
    assert.equal(copy.status, 200);
    const read = (name: string, bytes: Buffer) => {
      const path = join(sec.dataDir, name);
      writeFileSync(path, bytes);
      return flat(pdfText(path));
    };
    const receiptText = read('receipt.pdf', receipt.bytes);
    assertShows('receipt names', receiptText, ['formula', 'script', 'attribute']);
    const copyText = read('copy.pdf', copy.bytes);
    assertShows('the application copy has', copyText, [
      'formula',
      'script',
      'attribute',
      'sql',
      'template',
      'entities',
      'path',
      'bidi',
      'nul',
    ]);
    assert.ok(copyText.includes(HOSTILE.formula2), 'a formula inside the text, as text');
    assert.ok(!disguised(copyText + receiptText), 'no NUL or bidi control in the PDFs');
  });
});
