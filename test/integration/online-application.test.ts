/**
 * The online application over HTTP against the real app and database: a draft started without an
 * account, every section saved (wrong input kept and explained), submitted five times at once
 * (one case), the receipt issued by the outbox, and the resume link in a fresh client.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { createAgeBlobStore } from '../../src/adapters/files/age-blob-store.ts';
import {
  GPS_LATITUDE_BYTES,
  pdfkitLetter,
  peExecutable,
  phoneJpeg,
} from '../../src/adapters/scan/test-support.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { WebClient } from '../support/web-client.ts';

const DOCTOR = 'Dr. Jürgen Weiß';

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function personForm(p: Record<string, string>) {
  return {
    relation: '',
    familyName: '',
    givenNames: '',
    'birthDate.day': '',
    'birthDate.month': '',
    'birthDate.year': '',
    birthPlace: '',
    nationality: '',
    'residenceStatus.kind': 'tolerated_stay',
    'entryDate.day': '',
    'entryDate.month': '',
    'entryDate.year': '2016',
    'address.street': '',
    'address.houseNumber': '',
    'address.postalCode': '',
    'address.place': '',
    action: 'continue',
    ...p,
  };
}

describe('online application over HTTP', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app?.close();
  });

  test('a representative files a family application; five simultaneous submits make one case', async () => {
    const web = new WebClient(app.url);
    assert.equal((await web.get('/antrag')).status, 200);
    const started = await web.post('/antrag/beginnen');
    assert.equal(started.status, 303);
    assert.equal(started.location, '/antrag/uebersicht');
    const cookie = started.headers.getSetCookie().join('\n');
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);

    const overview = await web.get('/antrag/uebersicht');
    assert.equal(overview.status, 200);
    const link = /id="resume-link">([^<]+)</.exec(overview.body)?.[1];
    assert.ok(link?.includes('/antrag/fortsetzen/'), 'resume link shown');
    assert.match(overview.headers.get('cache-control') ?? '', /no-store/);

    // First person: wrong input is kept and explained next to the field and in the summary.
    const added = await web.post('/antrag/personen/neu');
    assert.equal(added.status, 303);
    const mainPath = added.location ?? '';
    assert.match(mainPath, /^\/antrag\/personen\/[0-9a-f-]{36}$/);
    const wrong = await web.post(
      mainPath,
      personForm({
        relation: 'main_applicant',
        familyName: 'Özdemir',
        'birthDate.day': '31',
        'birthDate.month': '2',
        'birthDate.year': '1990',
        'address.postalCode': '4021',
      }),
    );
    assert.equal(wrong.status, 400);
    assert.match(wrong.body, /Es gibt ein Problem/);
    assert.match(wrong.body, /value="Özdemir"/, 'typed name kept');
    assert.match(wrong.body, /href="#birthDate-day"/, 'summary links to the date field');
    assert.match(wrong.body, /aria-invalid="true"/);

    const mainOk = await web.post(
      mainPath,
      personForm({
        relation: 'main_applicant',
        familyName: 'Özdemir',
        givenNames: 'Ayşe Gül',
        'birthDate.day': '',
        'birthDate.month': '3',
        'birthDate.year': '1988',
        birthPlace: 'Aleppo, Syrien',
        nationality: '475',
        'address.street': 'Königsallee',
        'address.houseNumber': '12a',
        'address.postalCode': '40213',
        'address.place': 'Düsseldorf',
      }),
    );
    assert.equal(mainOk.status, 303, mainOk.body.slice(0, 300));
    const person = await web.get(mainPath);
    assert.match(person.body, /Ausländerbehörde/, 'the responsible authority is derived from the address');

    const child = await web.post('/antrag/personen/neu');
    const childPath = child.location ?? '';
    const childOk = await web.post(
      childPath,
      personForm({
        relation: 'child',
        familyName: 'Özdemir',
        givenNames: 'Elif',
        'birthDate.day': '14',
        'birthDate.month': '7',
        'birthDate.year': '2016',
        birthPlace: 'Düsseldorf',
        nationality: '997',
        'address.sameAsMainApplicant': 'yes',
      }),
    );
    assert.equal(childOk.status, 303, childOk.body.slice(0, 300));

    const rep = await web.post('/antrag/vertretung', {
      kind: 'organisation',
      organisationName: 'Flüchtlingsberatung Düsseldorf e. V.',
      contactPerson: 'Jana Müller',
      'address.street': 'Bahnstraße',
      'address.houseNumber': '5',
      'address.postalCode': '40212',
      'address.place': 'Düsseldorf',
      phone: '0211 123456',
      email: 'beratung@example.org',
      action: 'continue',
    });
    assert.equal(rep.status, 303, rep.body.slice(0, 300));

    const childId = childPath.split('/').pop() ?? '';
    const mainId = mainPath.split('/').pop() ?? '';
    const questions = await web.post('/antrag/fragen', {
      'illness.answer': 'yes',
      'illness.personIds': mainId,
      [`illness.doctors.${mainId}.0.id`]: '',
      [`illness.doctors.${mainId}.0.name`]: DOCTOR,
      [`education.${childId}`]: 'school',
      'employment.answer': 'no',
      'languageCertificates.answer': 'no',
      'volunteering.answer': 'no',
      'criminalProceedings.answer': 'no',
      'deportationDate.known': 'no',
      action: 'continue',
    });
    assert.equal(questions.status, 303, questions.body.slice(0, 500));

    const texts = await web.post('/antrag/begruendung/texte', {
      lifeStory: 'Wir sind 2016 über die Türkei eingereist.\nSeitdem leben wir in Düsseldorf.',
      familyTies: 'Der Bruder lebt mit Aufenthaltserlaubnis in Köln.',
      integration: 'Elif besucht die vierte Klasse; Frau Özdemir arbeitet ehrenamtlich.',
      humanitarianReasons: 'Frau Özdemir ist schwer erkrankt und in Behandlung.',
      action: 'continue',
    });
    assert.equal(texts.status, 303, texts.body.slice(0, 300));

    const evidence = await web.get('/antrag/nachweise');
    assert.equal(evidence.status, 200);
    const itemIds = [...evidence.body.matchAll(/name="evidence\.([^"]+)\.status"/g)].map(
      (m) => m[1] as string,
    );
    const unique = [...new Set(itemIds)];
    assert.ok(
      unique.some((id) => id.startsWith('medical_report')),
      'illness asks for a medical report',
    );
    assert.ok(
      unique.some((id) => id.startsWith('medical_release')),
      'and a release from confidentiality',
    );
    assert.ok(
      unique.some((id) => id.startsWith('school')),
      'a child at school asks for a school report',
    );
    assert.ok(
      unique.some((id) => id.startsWith('power_of_attorney')),
      'a representative needs a power of attorney',
    );
    assert.ok(
      unique.some((id) => id.startsWith('data_consent')),
      'consent is always needed',
    );

    // The forms to sign come pre-filled from the answers.
    const { pdfText, flat } = await import('../../src/adapters/pdf/test-support.ts');
    const release = unique.find((id) => id.startsWith('medical_release')) ?? '';
    const form = await web.download(`/antrag/vordrucke/${encodeURIComponent(release)}.pdf`);
    assert.equal(form.status, 200);
    assert.match(form.headers.get('content-disposition') ?? '', /^attachment;/);
    await writeFile(join(app.dataDir, 'release.pdf'), form.bytes);
    const formText = flat(pdfText(join(app.dataDir, 'release.pdf')));
    assert.ok(formText.includes('Özdemir') && formText.includes(DOCTOR), 'person and doctor pre-filled');
    assert.equal((await web.download('/antrag/vordrucke/cv.pdf')).status, 404);

    // "Provided" without a file is refused with a message at the item; the choice is kept.
    const provided = Object.fromEntries(unique.map((id) => [`evidence.${id}.status`, 'provided']));
    const noFile = await web.post('/antrag/nachweise', { ...provided, action: 'continue' });
    assert.equal(noFile.status, 400);
    assert.match(noFile.body, /Bitte laden Sie ihn hoch/);
    // Uploads (the form fallback): a phone photo loses its GPS data, a PDF stays byte-identical,
    // a renamed program is refused with a clear message and leaves nothing behind.
    const school = unique.find((id) => id.startsWith('school')) ?? '';
    const report = unique.find((id) => id.startsWith('medical_report')) ?? '';
    const photo = await phoneJpeg();
    assert.ok(photo.includes(GPS_LATITUDE_BYTES), 'fixture carries GPS');
    const up1 = await web.upload(
      '/antrag/hochladen',
      { evidenceItem: school },
      { field: 'datei', name: '../../Zeugnis Elif.jpg', type: 'image/jpeg', bytes: photo },
    );
    assert.equal(up1.status, 303, up1.body.slice(0, 300));
    assert.match(up1.location ?? '', /hochgeladen=1/);
    const letter = await pdfkitLetter();
    const up2 = await web.upload(
      '/antrag/hochladen',
      { evidenceItem: report },
      { field: 'datei', name: 'Befund.pdf', type: 'application/pdf', bytes: letter },
    );
    assert.equal(up2.status, 303);
    const exe = await web.upload(
      '/antrag/hochladen',
      { evidenceItem: report },
      { field: 'datei', name: 'Befund2.pdf', type: 'application/pdf', bytes: peExecutable() },
    );
    assert.equal(exe.status, 303);
    assert.match(exe.location ?? '', /fehler=executable/);
    const refusedPage = await web.get(exe.location ?? '');
    assert.equal(refusedPage.status, 400);
    assert.match(refusedPage.body, /Programme werden nicht angenommen/);
    const draftDocs = await app.database.db
      .selectFrom('draft_documents')
      .selectAll()
      .orderBy('created_at')
      .execute();
    assert.equal(draftDocs.length, 2, 'the refused file is not attached');
    const keyFile = (await readFile(join(app.dataDir, 'master.key'), 'utf8')).trim();
    const files = createAgeBlobStore({ dir: join(app.dataDir, 'files'), identity: keyFile });
    const storedPhoto = await buffer(await files.get(draftDocs[0]?.blob_key ?? ''));
    assert.equal(storedPhoto.subarray(0, 2).toString('hex'), 'ffd8', 'still a JPEG');
    assert.ok(!storedPhoto.includes(GPS_LATITUDE_BYTES), 'GPS stripped');
    assert.equal(draftDocs[0]?.file_name, 'Zeugnis Elif.jpg', 'path parts removed from the name');
    const storedLetter = await buffer(await files.get(draftDocs[1]?.blob_key ?? ''));
    assert.ok(storedLetter.equals(letter), 'PDF byte-identical');
    const itemPage = await web.get(`/antrag/nachweise/${encodeURIComponent(school)}`);
    assert.match(itemPage.body, /Zeugnis Elif\.jpg/);

    const toFollow = Object.fromEntries(unique.map((id) => [`evidence.${id}.status`, 'to_follow']));
    toFollow[`evidence.${school}.status`] = 'provided';
    toFollow[`evidence.${report}.status`] = 'provided';
    assert.equal((await web.post('/antrag/nachweise', { ...toFollow, action: 'continue' })).status, 303);

    const check = await web.get('/antrag/pruefen');
    assert.match(check.body, /Antrag verbindlich absenden/);
    assert.match(check.body, /Özdemir/);

    const submits = await Promise.all(Array.from({ length: 5 }, () => web.post('/antrag/absenden')));
    for (const s of submits) assert.equal(s.status, 303, s.body.slice(0, 300));
    const confirmations = await Promise.all(Array.from({ length: 3 }, () => web.get('/antrag/bestaetigung')));
    const numbers = confirmations.map((c) => /id="case-number">([^<]+)</.exec(c.body)?.[1]);
    assert.match(numbers[0] ?? '', /^HFK-\d{4}-\d{5}$/);
    assert.equal(new Set(numbers).size, 1);
    const cases = await app.database.db
      .selectFrom('cases')
      .select(['id', 'case_number', 'authority_id'])
      .execute();
    assert.equal(cases.length, 1, 'one case for five submits');
    assert.equal(cases[0]?.case_number, numbers[0]);
    assert.ok(cases[0]?.authority_id, 'the Düsseldorf authority is set');
    const persons = await app.database.db
      .selectFrom('persons')
      .select(['family_name', 'birth_date', 'municipality_ags'])
      .orderBy('position')
      .execute();
    assert.deepEqual(
      persons.map((p) => [p.family_name, p.birth_date, p.municipality_ags]),
      [
        ['Özdemir', '1988-03', '05111000'],
        ['Özdemir', '2016-07-14', '05111000'],
      ],
    );
    const history = await app.database.db.selectFrom('case_history').select('event_type').execute();
    assert.deepEqual(
      history.map((h) => h.event_type),
      ['Received'],
    );

    // The outbox issues the receipt: stored, downloadable, mailed to the representative.
    await waitFor('receipt', async () => {
      const page = await web.get('/antrag/bestaetigung');
      return page.body.includes('/antrag/eingangsbestaetigung.pdf') ? page : null;
    });
    const pdf = await web.download('/antrag/eingangsbestaetigung.pdf');
    assert.equal(pdf.status, 200);
    assert.match(pdf.headers.get('content-disposition') ?? '', /^attachment;/);
    const bytes = pdf.bytes;
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    const file = join(app.dataDir, 'receipt.pdf');
    await writeFile(file, bytes);
    const text = flat(pdfText(file));
    assert.ok(text.includes(numbers[0] ?? '?'), 'case number in the receipt');
    assert.ok(text.includes('Özdemir'), 'names with umlauts in the receipt');
    assert.ok(text.includes('Flüchtlingsberatung Düsseldorf'), 'representative in the receipt');
    // A hash is one long word: the PDF may wrap it anywhere, so compare without any white space.
    const compact = text.replace(/\s+/g, '');
    for (const d of draftDocs) assert.ok(compact.includes(d.sha256), 'every document hash in the receipt');
    const caseDocs = await app.database.db
      .selectFrom('documents')
      .select(['category', 'special_category', 'sha256'])
      .where('category', 'not in', ['receipt', 'application_copy', 'letter'])
      .execute();
    assert.deepEqual(caseDocs.map((d) => [d.category, d.special_category]).sort(), [
      ['medical_report', true],
      ['school', false],
    ]);

    // The complete application is filed as a German PDF beside the receipt.
    const copyRow = await app.database.db
      .selectFrom('documents')
      .select(['blob_key', 'sha256'])
      .where('category', '=', 'application_copy')
      .executeTakeFirstOrThrow();
    const store = createAgeBlobStore({
      dir: join(app.dataDir, 'files'),
      identity: (await readFile(join(app.dataDir, 'master.key'), 'utf8')).trim(),
    });
    const copyBytes = await buffer(await store.get(copyRow.blob_key));
    assert.equal(createHash('sha256').update(copyBytes).digest('hex'), copyRow.sha256);
    await writeFile(join(app.dataDir, 'copy.pdf'), copyBytes);
    const copyText = flat(pdfText(join(app.dataDir, 'copy.pdf')));
    assert.ok(
      copyText.includes('Wir sind 2016 über die Türkei eingereist.'),
      'reasons in the application copy',
    );
    assert.ok(copyText.includes(DOCTOR), 'answers in the application copy');
    assert.ok(copyText.includes('März 1988'), 'partial birth date in words');

    const mails = await waitFor('receipt mail', async () => {
      const dir = join(app.dataDir, 'mail');
      const names = await readdir(dir).catch(() => [] as string[]);
      const texts = await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')));
      return (
        texts.find(
          (t) => /Eingangsbest=C3=A4tigung|Eingangsbestätigung/.test(t) && t.includes('beratung@example.org'),
        ) ?? null
      );
    });
    assert.match(mails, /application\/pdf/);

    // A fresh client with the resume link lands on the confirmation; a wrong link gets a clear page.
    const other = new WebClient(app.url);
    const resumed = await other.get(new URL(link ?? '').pathname);
    assert.equal(resumed.status, 303);
    assert.equal(resumed.location, '/antrag/bestaetigung');
    assert.match((await other.get('/antrag/bestaetigung')).body, new RegExp(numbers[0] ?? '?'));
    const wrongLink = await new WebClient(app.url).get(`/antrag/fortsetzen/${'A'.repeat(43)}`);
    assert.equal(wrongLink.status, 404);
    assert.match(wrongLink.body, /Dieser Link ist nicht gültig/);
    // Evidence can be handed in later; it goes straight into the case file.
    assert.equal((await web.get('/antrag/nachreichen')).status, 200);
    const laterUpload = await web.upload(
      '/antrag/hochladen',
      { evidenceItem: school, later: '1' },
      { field: 'datei', name: 'Zeugnis 2.pdf', type: 'application/pdf', bytes: await pdfkitLetter() },
    );
    assert.equal(laterUpload.status, 303, laterUpload.body.slice(0, 200));
    assert.match(laterUpload.location ?? '', /^\/antrag\/nachreichen\/.+hochgeladen=1$/);
    assert.match((await web.get(laterUpload.location ?? '')).body, /Zeugnis 2\.pdf/);
    const later = await app.database.db
      .selectFrom('documents')
      .select('category')
      .where('file_name', '=', 'Zeugnis 2.pdf')
      .execute();
    assert.deepEqual(
      later.map((d) => d.category),
      ['school'],
    );
    const audited = await app.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'document.submitted_later')
      .execute();
    assert.equal(audited.length, 1);

    // The status page tells the stage in plain words; the applicant can withdraw.
    assert.match((await web.get('/antrag/bestaetigung')).body, /Die Geschäftsstelle prüft/);
    const withdraw = await web.get('/antrag/zuruecknehmen');
    assert.equal(withdraw.status, 200);
    const version = /name="version" value="(\d+)"/.exec(withdraw.body)?.[1] ?? '';
    const withdrawn = await web.post('/antrag/zuruecknehmen', {
      version,
      note: 'Wir haben eine Aufenthaltserlaubnis.',
    });
    assert.equal(withdrawn.status, 303);
    assert.match((await web.get('/antrag/bestaetigung')).body, /Sie haben den Antrag zurückgenommen/);
    const state = await app.database.db.selectFrom('cases').select('state').executeTakeFirstOrThrow();
    assert.equal(state.state, 'withdrawn');
    assert.equal(
      (await web.get('/antrag/zuruecknehmen')).status,
      303,
      'a closed case cannot be withdrawn again',
    );

    // A submitted draft cannot be changed any more.
    const late = await web.post(childPath, personForm({ familyName: 'Anders' }));
    assert.equal(late.status, 303);
    assert.equal(late.location, '/antrag/bestaetigung');
  });

  test('the chosen language is kept in the draft and follows it to another device', async () => {
    const web = new WebClient(app.url);
    await web.post('/antrag/beginnen');
    const arabic = await web.get('/antrag/uebersicht?lang=ar');
    assert.match(arabic.body, /<html lang="ar" dir="rtl"/);
    const link = /id="resume-link">([^<]+)</.exec(arabic.body)?.[1] ?? '';
    const other = new WebClient(app.url);
    assert.equal((await other.get(new URL(link).pathname)).status, 303);
    const there = await other.get('/antrag/uebersicht');
    assert.match(there.body, /<html lang="ar" dir="rtl"/);
  });

  test('without a draft the pages say so; bad form bodies never answer 500', async () => {
    const web = new WebClient(app.url);
    const none = await web.get('/antrag/uebersicht');
    assert.equal(none.status, 404);
    assert.match(none.body, /Kein Antrag geöffnet/);
    await web.post('/antrag/beginnen');
    const pid = (await web.post('/antrag/personen/neu')).location ?? '';
    const odd = await web.post(pid, {
      '__proto__.x': '1',
      'birthDate.day.deep': 'x',
      familyName: '\u0000<script>alert(1)</script>'.repeat(3),
      givenNames: 'x'.repeat(100_000),
    });
    assert.ok(odd.status === 400 || odd.status === 303, `status ${odd.status}`);
    assert.doesNotMatch(odd.body, /<script>alert/);
    const unknownPerson = await web.get('/antrag/personen/00000000-0000-0000-0000-000000000000');
    assert.equal(unknownPerson.status, 404);
  });
});
