/**
 * Fills in an online application over HTTP as test/integration/online-application.test.ts does:
 * start a draft (cookie hfk_antrag), two persons, a representative, the questions, the four texts,
 * one uploaded medical report (the plain form fallback) and a status for every other evidence item.
 * Each step is checked; a wrong answer stops the benchmark with the step's name.
 */
import { WebClient } from '../../test/support/web-client.ts';

export const DRAFT_COOKIE = 'hfk_antrag';

export interface PreparedDraft {
  client: WebClient;
  /** The `Cookie` header value that opens this draft. */
  cookie: string;
  mainPersonId: string;
  childPersonId: string;
  /** How far the draft is filled in. */
  until: Stage;
}

/** persons: two persons; texts: also representative, questions, texts; complete: also evidence, ready to submit. */
export type Stage = 'persons' | 'texts' | 'complete';

function personForm(p: Record<string, string>): Record<string, string> {
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

const FAMILY_NAMES = [
  'Özdemir',
  'Haddad',
  'Nguyễn',
  'Al-Khatib',
  'Kovačević',
  'Abdullahi',
  'Şahin',
  'Popescu',
];

function expect(step: string, status: number, wanted: number, body: string): void {
  if (status !== wanted)
    throw new Error(`Vorbereitung „${step}“: HTTP ${status} statt ${wanted}: ${body.slice(0, 300)}`);
}

/**
 * A draft with two persons filled in (main applicant with address in Düsseldorf, a child at the
 * same address); from `texts` on also representative, questions and the four texts; `complete` adds
 * one uploaded file (if `upload` is given) and a status for every evidence item: ready to submit.
 */
export async function prepareDraft(
  baseUrl: string,
  options: { index: number; until: Stage; upload?: Buffer },
): Promise<PreparedDraft> {
  const web = new WebClient(baseUrl);
  const familyName = FAMILY_NAMES[options.index % FAMILY_NAMES.length] as string;
  const started = await web.post('/antrag/beginnen');
  expect('beginnen', started.status, 303, started.body);

  const added = await web.post('/antrag/personen/neu');
  expect('Person anlegen', added.status, 303, added.body);
  const mainPath = added.location ?? '';
  const main = await web.post(
    mainPath,
    personForm({
      relation: 'main_applicant',
      familyName,
      givenNames: 'Ayşe Gül',
      'birthDate.month': '3',
      'birthDate.year': '1988',
      birthPlace: 'Aleppo, Syrien',
      nationality: '475',
      'address.street': 'Königsallee',
      'address.houseNumber': String(1 + (options.index % 90)),
      'address.postalCode': '40213',
      'address.place': 'Düsseldorf',
    }),
  );
  expect('Hauptperson', main.status, 303, main.body);
  const child = await web.post('/antrag/personen/neu');
  expect('Kind anlegen', child.status, 303, child.body);
  const childPath = child.location ?? '';
  const childSaved = await web.post(
    childPath,
    personForm({
      relation: 'child',
      familyName,
      givenNames: 'Elif',
      'birthDate.day': '14',
      'birthDate.month': '7',
      'birthDate.year': '2016',
      birthPlace: 'Düsseldorf',
      nationality: '997',
      'address.sameAsMainApplicant': 'yes',
    }),
  );
  expect('Kind', childSaved.status, 303, childSaved.body);
  const mainPersonId = mainPath.split('/').pop() ?? '';
  const childPersonId = childPath.split('/').pop() ?? '';
  const cookie = `${DRAFT_COOKIE}=${web.cookies.get(DRAFT_COOKIE) ?? ''}`;
  const prepared: PreparedDraft = { client: web, cookie, mainPersonId, childPersonId, until: 'persons' };
  if (options.until === 'persons') return prepared;

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
  expect('Vertretung', rep.status, 303, rep.body);
  const questions = await web.post('/antrag/fragen', {
    'illness.answer': 'yes',
    'illness.personIds': mainPersonId,
    [`illness.doctors.${mainPersonId}.0.id`]: '',
    [`illness.doctors.${mainPersonId}.0.name`]: 'Dr. Jürgen Weiß',
    [`education.${childPersonId}`]: 'school',
    'employment.answer': 'no',
    'languageCertificates.answer': 'no',
    'volunteering.answer': 'no',
    'criminalProceedings.answer': 'no',
    'deportationDate.known': 'no',
    action: 'continue',
  });
  expect('Fragen', questions.status, 303, questions.body);
  const texts = await web.post('/antrag/begruendung/texte', {
    lifeStory: 'Wir sind 2016 über die Türkei eingereist.\nSeitdem leben wir in Düsseldorf. '.repeat(8),
    familyTies: 'Der Bruder lebt mit Aufenthaltserlaubnis in Köln. '.repeat(4),
    integration: 'Elif besucht die vierte Klasse; Frau Özdemir arbeitet ehrenamtlich. '.repeat(6),
    humanitarianReasons: 'Frau Özdemir ist schwer erkrankt und in Behandlung. '.repeat(6),
    action: 'continue',
  });
  expect('Texte', texts.status, 303, texts.body);
  if (options.until === 'texts') return { ...prepared, until: 'texts' };

  const evidence = await web.get('/antrag/nachweise');
  expect('Nachweise lesen', evidence.status, 200, evidence.body);
  const items = [
    ...new Set([...evidence.body.matchAll(/name="evidence\.([^"]+)\.status"/g)].map((m) => m[1] as string)),
  ];
  const report = items.find((id) => id.startsWith('medical_report'));
  const statuses = Object.fromEntries(items.map((id) => [`evidence.${id}.status`, 'to_follow']));
  if (options.upload && report) {
    const up = await web.upload(
      '/antrag/hochladen',
      { evidenceItem: report },
      { field: 'datei', name: 'Befund.pdf', type: 'application/pdf', bytes: options.upload },
    );
    expect('Hochladen', up.status, 303, up.body);
    if (!/hochgeladen=1/.test(up.location ?? ''))
      throw new Error(`Vorbereitung „Hochladen“: abgelehnt (${up.location})`);
    statuses[`evidence.${report}.status`] = 'provided';
  }
  const saved = await web.post('/antrag/nachweise', { ...statuses, action: 'continue' });
  expect('Nachweise', saved.status, 303, saved.body);
  const check = await web.get('/antrag/pruefen');
  expect('Prüfen', check.status, 200, check.body);
  if (!check.body.includes('Antrag verbindlich absenden'))
    throw new Error('Vorbereitung „Prüfen“: der Antrag ist nicht vollständig');
  return { ...prepared, until: 'complete' };
}

/** Runs `make(i)` for i in [0, count) with at most `parallel` at a time; results in order. */
export async function inParallel<T>(count: number, parallel: number, make: (i: number) => Promise<T>) {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      for (let i = next++; i < count; i = next++) out[i] = await make(i);
    }),
  );
  return out;
}
