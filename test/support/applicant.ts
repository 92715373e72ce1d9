/** Files a complete online application over HTTP (two persons, a representative, no uploads). */
import type { WebClient } from './web-client.ts';

function person(p: Record<string, string>) {
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
    'address.street': 'Königsallee',
    'address.houseNumber': '1',
    'address.postalCode': '40213',
    'address.place': 'Düsseldorf',
    action: 'continue',
    ...p,
  };
}

async function ok(
  response: Promise<{ status: number; body: string; location: string | null }>,
  what: string,
) {
  const r = await response;
  if (r.status !== 303) throw new Error(`${what}: ${r.status} ${r.body.slice(0, 300)}`);
  return r;
}

export async function fileApplication(web: WebClient, familyName = 'Ağaoğlu'): Promise<string> {
  const ids = await draftUpToEvidence(web, familyName);
  await ok(
    web.post('/antrag/nachweise', {
      ...Object.fromEntries(ids.map((id) => [`evidence.${id}.status`, 'to_follow'])),
      action: 'continue',
    }),
    'evidence',
  );
  await ok(web.post('/antrag/absenden'), 'submit');
  const page = await web.get('/antrag/bestaetigung');
  const number = /id="case-number">([^<]+)</.exec(page.body)?.[1];
  if (!number) throw new Error('no case number');
  return number;
}

/** A new draft with everything but the evidence filled in; answers the ids of its checklist items. */
export async function draftUpToEvidence(web: WebClient, familyName = 'Ağaoğlu'): Promise<string[]> {
  await ok(web.post('/antrag/beginnen'), 'start');
  const mainPath = (await ok(web.post('/antrag/personen/neu'), 'add')).location ?? '';
  await ok(
    web.post(
      mainPath,
      person({
        relation: 'main_applicant',
        familyName,
        givenNames: 'Zehra',
        'birthDate.year': '1980',
        birthPlace: 'Kabul',
        nationality: '423',
      }),
    ),
    'main person',
  );
  const child = { location: (await ok(web.post('/antrag/personen/neu'), 'add child')).location ?? '' };
  await ok(
    web.post(
      child.location,
      person({
        relation: 'child',
        familyName,
        givenNames: 'Emre',
        'birthDate.day': '3',
        'birthDate.month': '4',
        'birthDate.year': '2012',
        birthPlace: 'Essen',
        nationality: '998',
      }),
    ),
    'child',
  );
  const childId = child.location.split('/').pop() ?? '';
  await ok(web.post('/antrag/vertretung', { kind: 'none', action: 'continue' }), 'representative');
  await ok(
    web.post('/antrag/fragen', {
      'illness.answer': 'no',
      [`education.${childId}`]: 'school',
      'employment.answer': 'no',
      'languageCertificates.answer': 'no',
      'volunteering.answer': 'no',
      'criminalProceedings.answer': 'no',
      'deportationDate.known': 'no',
      action: 'continue',
    }),
    'questions',
  );
  await ok(
    web.post('/antrag/begruendung/texte', {
      lifeStory: 'Seit 2014 in Essen.',
      familyTies: 'Die Schwester lebt in Bochum.',
      integration: 'Emre geht zur Schule.',
      humanitarianReasons: 'Die Familie ist hier verwurzelt.',
      action: 'continue',
    }),
    'texts',
  );
  const evidence = await web.get('/antrag/nachweise');
  return [
    ...new Set([...evidence.body.matchAll(/name="evidence\.([^"]+)\.status"/g)].map((m) => m[1] as string)),
  ];
}
