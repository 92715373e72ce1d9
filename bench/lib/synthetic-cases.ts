/**
 * A deterministic (seeded) generator of synthetic cases for the search benchmark: families of 1–6
 * persons with names of the nationalities that apply (bench/lib/synthetic-names.ts), written as they
 * reach the office (diacritics, transliterations, German typings), German reasons texts assembled from
 * sentence pools, representatives, and the file names of the documents they uploaded.
 *
 * The rows go into the real tables of the migrated schema (cases, persons, documents, applications and
 * the case-number counters): each case is a filed online application. Its snapshot comes from the
 * domain (`receive` → `initialSnapshot`), its search index from the application's own `searchIndex`
 * (src/application/submission.ts) and `searchVector` (src/adapters/db/filing-store.ts), so search_text
 * and search_names are what a real submit writes. Only the bulk path differs: a batch of cases is one
 * `INSERT … SELECT FROM jsonb_to_recordset(…)` per table instead of a transaction per case. The files
 * themselves are not written (blob keys point nowhere): the search reads only their names.
 */
import { type Kysely, sql } from 'kysely';
import type { DatabaseHandle } from '../../src/adapters/db/connect.ts';
import { searchVector } from '../../src/adapters/db/filing-store.ts';
import type { Database } from '../../src/adapters/db/schema.ts';
import { searchIndex } from '../../src/application/submission.ts';
import type { Application } from '../../src/domain/application/draft.ts';
import type { Person, Relation } from '../../src/domain/application/person.ts';
import type { Representative } from '../../src/domain/application/representative.ts';
import { initialSnapshot, receive } from '../../src/domain/case/index.ts';
import type { EvidenceCategory } from '../../src/domain/evidence/categories.ts';
import { SPECIAL_CATEGORIES } from '../../src/domain/evidence/categories.ts';
import type { EvidenceItem } from '../../src/domain/evidence/checklist.ts';
import {
  GERMAN_FAMILY,
  GERMAN_GIVEN,
  GROUPS,
  type NameGroup,
  ORGANISATIONS,
  type Spellings,
} from './synthetic-names.ts';

/** mulberry32: small, fast, and the same sequence on every machine for a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const between = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
function weighted<T>(rng: Rng, xs: readonly (readonly [T, number])[]): T {
  const total = xs.reduce((n, [, w]) => n + w, 0);
  let r = rng() * total;
  for (const [x, w] of xs) {
    r -= w;
    if (r < 0) return x;
  }
  return (xs[xs.length - 1] as readonly [T, number])[0];
}
/** The first (commonest) spelling more than half of the time, else one of the others. */
function spell(rng: Rng, name: Spellings): string {
  if (name.length === 1 || rng() < 0.55) return name[0];
  return name[1 + Math.floor(rng() * (name.length - 1))] as string;
}
const hex = (rng: Rng, n: number) =>
  Array.from({ length: n }, () => Math.floor(rng() * 16).toString(16)).join('');
function uuid(rng: Rng): string {
  const h = hex(rng, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[Math.floor(rng() * 4)]}${h.slice(17, 20)}-${h.slice(20)}`;
}

/** Sentences of the four reasons texts; {…} are filled in per case. */
const REASONS: Record<'lifeStory' | 'familyTies' | 'integration' | 'humanitarianReasons', string[]> = {
  lifeStory: [
    'Die Familie ist im Jahr {year} über die Balkanroute nach Deutschland eingereist und lebt seitdem in {city}.',
    '{main} stammt aus {birthPlace} und musste das Land nach der Zerstörung des Elternhauses verlassen.',
    'Der Asylantrag wurde vom Bundesamt für Migration und Flüchtlinge abgelehnt; die Klage vor dem Verwaltungsgericht blieb ohne Erfolg.',
    'Seit der Ablehnung erhält die Familie Duldungen, die jeweils für drei bis sechs Monate verlängert werden.',
    'Ein Pass konnte bislang nicht beschafft werden, obwohl die Botschaft mehrfach aufgesucht wurde.',
    '{main} lebte vor der Flucht mehrere Jahre in einem Flüchtlingslager in der Türkei.',
    'Nach der Ankunft wohnte die Familie zunächst in einer Gemeinschaftsunterkunft, seit {year2} in einer eigenen Wohnung.',
    'Die Abschiebung ist angekündigt; ein Termin wurde noch nicht mitgeteilt.',
    'Die Eltern haben sich in Deutschland kennengelernt und {year2} standesamtlich geheiratet.',
    'Im Herkunftsland hat die Familie keine Wohnung und kein Einkommen mehr.',
  ],
  familyTies: [
    'Die Kinder sind in Deutschland geboren oder als Kleinkinder eingereist und kennen das Herkunftsland nicht.',
    'Der Bruder von {main} lebt mit einer Niederlassungserlaubnis in {city2}.',
    'Die Großmutter ist pflegebedürftig und wird von der Familie täglich versorgt.',
    'Im Herkunftsland leben keine nahen Verwandten mehr; die Eltern sind verstorben.',
    'Die Tochter {child} ist mit einem deutschen Staatsangehörigen verlobt.',
    'Zwei Schwestern leben mit ihren Familien im Ruhrgebiet und unterstützen die Familie.',
    'Der Kontakt zu den Verwandten im Herkunftsland ist seit Jahren abgebrochen.',
  ],
  integration: [
    '{child} besucht die {grade}. Klasse der {school} und hat gute Noten.',
    '{main} arbeitet seit {year2} in Vollzeit als {job} und ist nicht auf Sozialleistungen angewiesen.',
    'Die Familie hat den Integrationskurs abgeschlossen; {main} hat die Prüfung Deutsch-Test für Zuwanderer auf Niveau B1 bestanden.',
    '{main} engagiert sich ehrenamtlich in der Kirchengemeinde und bei der Tafel in {city}.',
    'Der Sohn spielt im Fußballverein und ist dort als Jugendtrainer tätig.',
    'Ein Ausbildungsvertrag als {job} liegt vor; die Ausbildung soll im August beginnen.',
    'Die Nachbarn und die Lehrerinnen haben Unterstützerschreiben verfasst.',
    'Die Familie spricht zu Hause Deutsch und {language}.',
    'Der Arbeitgeber möchte {main} unbefristet übernehmen und hat dies schriftlich bestätigt.',
    '{child} macht eine Ausbildung zur Pflegefachfrau im Klinikum {city}.',
  ],
  humanitarianReasons: [
    '{main} leidet an {illness} und ist in fachärztlicher Behandlung; die Behandlung ist im Herkunftsland nicht gesichert.',
    'Die Tochter ist auf regelmäßige Dialyse angewiesen.',
    'Ein psychiatrisches Gutachten bescheinigt eine posttraumatische Belastungsstörung.',
    'Als Angehörige der Minderheit der Roma drohen der Familie im Herkunftsland Ausgrenzung und Obdachlosigkeit.',
    'Die Kinder würden aus ihrem gesamten sozialen Umfeld gerissen.',
    'Die Familie ist seit über acht Jahren in Deutschland verwurzelt.',
    'Eine Rückkehr wäre für die schwer erkrankte Mutter mit erheblichen Gefahren verbunden.',
    'Der jüngste Sohn ist auf einen Rollstuhl angewiesen und besucht eine Förderschule.',
  ],
};
const CITIES = [
  'Köln',
  'Düsseldorf',
  'Dortmund',
  'Essen',
  'Duisburg',
  'Bochum',
  'Wuppertal',
  'Bielefeld',
  'Münster',
  'Gelsenkirchen',
  'Aachen',
  'Mönchengladbach',
  'Hagen',
  'Siegen',
  'Paderborn',
];
const SCHOOLS = [
  'Gesamtschule Holweide',
  'Grundschule am Park',
  'Realschule Süd',
  'Hauptschule Nord',
  'Marie-Curie-Gymnasium',
  'Berufskolleg Ost',
];
const JOBS = [
  'Lagerhelfer',
  'Pflegehelferin',
  'Koch',
  'Reinigungskraft',
  'Kfz-Mechatroniker',
  'Friseurin',
  'Bäcker',
  'Fahrer',
  'Elektroniker',
  'Altenpflegerin',
];
const ILLNESSES = [
  'Diabetes mellitus Typ 1',
  'einer schweren Depression',
  'Epilepsie',
  'einer Herzerkrankung',
  'Multipler Sklerose',
  'chronischer Niereninsuffizienz',
];
const LANGUAGES = [
  'Arabisch',
  'Romanes',
  'Kurdisch',
  'Dari',
  'Russisch',
  'Albanisch',
  'Türkisch',
  'Französisch',
];
const DOCTORS = [
  'Dr. Weiß',
  'Dr. med. Köhler',
  'Dr. Schäfer',
  'Praxis Dr. Yılmaz',
  'LVR-Klinik',
  'Dr. Nguyen',
];

function fill(rng: Rng, template: string, ctx: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    switch (key) {
      case 'city':
        return ctx.city as string;
      case 'city2':
        return pick(rng, CITIES);
      case 'year':
        return String(between(rng, 2012, 2019));
      case 'year2':
        return String(between(rng, 2017, 2024));
      case 'school':
        return pick(rng, SCHOOLS);
      case 'grade':
        return String(between(rng, 1, 10));
      case 'job':
        return pick(rng, JOBS);
      case 'illness':
        return pick(rng, ILLNESSES);
      case 'language':
        return pick(rng, LANGUAGES);
      default:
        return ctx[key] ?? '';
    }
  });
}

function reasonText(rng: Rng, part: keyof typeof REASONS, ctx: Record<string, string>): string {
  const pool = REASONS[part];
  const n = between(rng, 2, 5) * (rng() < 0.1 ? 2 : 1);
  return Array.from({ length: n }, () => fill(rng, pick(rng, pool), ctx)).join(' ');
}

interface DocumentRow {
  id: string;
  person: number | null;
  category: EvidenceCategory;
  fileName: string;
  contentType: string;
}

function documentsFor(rng: Rng, persons: readonly Person[], when: Date): Omit<DocumentRow, 'id'>[] {
  const main = persons[0] as Person;
  const surname = main.familyName.replace(/\s+/g, '_');
  const stamp = when.toISOString().slice(0, 10).replace(/-/g, '');
  const out: Omit<DocumentRow, 'id'>[] = [
    {
      person: 0,
      category: 'passport_or_id',
      fileName: `Pass_${surname}_${main.givenNames.split(' ')[0]}.pdf`,
      contentType: 'application/pdf',
    },
    {
      person: 0,
      category: 'residence_document',
      fileName: `Duldung ${main.familyName}.pdf`,
      contentType: 'application/pdf',
    },
  ];
  const more = between(rng, 0, 6);
  for (let i = 0; i < more; i++) {
    const p = between(rng, 0, persons.length - 1);
    const person = persons[p] as Person;
    const kind = between(rng, 0, 9);
    if (kind === 0)
      out.push({
        person: p,
        category: 'school',
        fileName: `Schulbescheinigung_${person.givenNames.split(' ')[0]}_${between(rng, 2019, 2026)}.pdf`,
        contentType: 'application/pdf',
      });
    else if (kind === 1)
      out.push({
        person: p,
        category: 'medical_report',
        fileName: `Arztbericht ${pick(rng, DOCTORS)}.pdf`,
        contentType: 'application/pdf',
      });
    else if (kind === 2)
      out.push({
        person: p,
        category: 'work',
        fileName: `Arbeitsvertrag_${person.familyName}.pdf`,
        contentType: 'application/pdf',
      });
    else if (kind === 3)
      out.push({
        person: p,
        category: 'language',
        fileName: `B1-Zertifikat ${person.givenNames}.pdf`,
        contentType: 'application/pdf',
      });
    else if (kind === 4)
      out.push({
        person: null,
        category: 'support_letters',
        fileName: `Unterstützerschreiben Kirchengemeinde St. ${pick(rng, ['Marien', 'Josef', 'Paulus', 'Lamberti'])}.pdf`,
        contentType: 'application/pdf',
      });
    else if (kind === 5)
      out.push({
        person: null,
        category: 'bamf_decision',
        fileName: `BAMF-Bescheid ${main.familyName} ${between(rng, 2015, 2023)}.pdf`,
        contentType: 'application/pdf',
      });
    else if (kind === 6)
      out.push({
        person: p,
        category: 'cv',
        fileName: `Lebenslauf ${person.givenNames} ${person.familyName}.pdf`,
        contentType: 'application/pdf',
      });
    else if (kind === 7)
      out.push({
        person: p,
        category: 'volunteering',
        fileName: `Bescheinigung Ehrenamt Tafel ${pick(rng, CITIES)}.pdf`,
        contentType: 'application/pdf',
      });
    else
      out.push({
        person: null,
        category: 'support_letters',
        fileName: `IMG_${stamp}_${String(between(rng, 80000, 235959)).padStart(6, '0')}.jpg`,
        contentType: 'image/jpeg',
      });
  }
  return out;
}

/** A case planted with a name that the pools do not contain, and the spellings it must be found by. */
export interface PlantedTarget {
  caseNumber: string;
  /** The names as filed. */
  written: string;
  /** Other spellings an office clerk types for the same person, with their kind. */
  queries: { text: string; kind: string }[];
}

const PLANTED: readonly {
  given: string;
  family: string;
  nationality: string;
  queries: [string, string][];
}[] = [
  {
    given: 'Abd al-Rahman',
    family: 'Qaddoura',
    nationality: '475',
    queries: [
      ['Abdulrahman Kaddoura', 'Transliteration'],
      ['Abdel Rahman Qaddoura', 'Transliteration'],
      ['Qaddoura', 'Familienname'],
    ],
  },
  {
    given: 'Dragana',
    family: 'Đurđevac',
    nationality: '170',
    queries: [
      ['Dragana Djurdjevac', 'Transliteration'],
      ['Durdevac', 'ohne Diakritika'],
    ],
  },
  {
    given: 'Ayşe',
    family: 'Yıldırımoğlu',
    nationality: '163',
    queries: [
      ['Ayse Yildirimoglu', 'ohne Diakritika'],
      ['Aysche Yildirimoglu', 'deutsche Schreibung'],
    ],
  },
  {
    given: 'Hüseyin',
    family: 'Şahinbaş',
    nationality: '163',
    queries: [
      ['Hueseyin Sahinbas', 'ohne Diakritika'],
      ['Huseyin Schahinbasch', 'deutsche Schreibung'],
    ],
  },
  {
    given: 'Mohammad Jawad',
    family: 'Sherzad',
    nationality: '423',
    queries: [
      ['Muhammad Javad Scherzad', 'Transliteration'],
      ['Sherzad', 'Familienname'],
    ],
  },
  {
    given: 'Oleksandr',
    family: 'Schewtschuk',
    nationality: '166',
    queries: [
      ['Olexandr Shevchuk', 'Transliteration'],
      ['Schewtschuk Oleksandr', 'Reihenfolge'],
    ],
  },
  {
    given: 'Fatoumata',
    family: 'Bangoura',
    nationality: '261',
    queries: [['Fatumata Bangura', 'Transliteration']],
  },
  {
    given: 'Khadizhat',
    family: 'Dudajewa',
    nationality: '160',
    queries: [
      ['Khadijat Dudayeva', 'Transliteration'],
      ['Dudajewa', 'Familienname'],
    ],
  },
  {
    given: 'Jürgen',
    family: 'Müllerschön',
    nationality: '998',
    queries: [
      ['Juergen Muellerschoen', 'deutsche Schreibung'],
      ['Jurgen Mullerschon', 'ohne Diakritika'],
    ],
  },
];

/** What the benchmark needs to ask realistic questions: a few generated cases and how they were written. */
export interface Probe {
  caseNumber: string;
  /** Main applicant's given and family name entries with the spelling that was filed. */
  given: { spellings: Spellings; written: string };
  family: { spellings: Spellings; written: string };
  documentName: string;
}

export interface GeneratedCases {
  cases: number;
  persons: number;
  documents: number;
  /** Average length of the four reasons texts together, in characters. */
  reasonChars: number;
  seconds: number;
  /** Of which building the indexes after the load. */
  indexSeconds: number;
  planted: PlantedTarget[];
  probes: Probe[];
  /** Ids of some generated cases, for the baseline's primary-key lookups. */
  caseIds: string[];
}

export interface GenerateOptions {
  count: number;
  seed?: number;
  batchSize?: number;
  /** Reported after every batch. */
  progress?: (done: number) => void;
}

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];

/** Generates `count` cases into `db` (migrated, reference data seeded, no cases yet). */
export async function generateCases(
  handle: DatabaseHandle,
  options: GenerateOptions,
): Promise<GeneratedCases> {
  const t0 = performance.now();
  const { db } = handle;
  const rng = prng(options.seed ?? 20260812);
  const batchSize = options.batchSize ?? 1000;
  const authorities = (
    await db
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', 'immigration_authority')
      .orderBy('kreis_ags')
      .execute()
  ).map((o) => o.id);
  const places = await db
    .selectFrom('municipalities')
    .select(['ags', 'name', 'postal_codes'])
    .orderBy('ags')
    .execute();
  if (authorities.length === 0 || places.length === 0)
    throw new Error('Referenzdaten fehlen (seedReferenceData)');
  const profileId = 'nrw';
  const perYear = Math.ceil(options.count / YEARS.length);
  const plantedAt = new Map(
    PLANTED.map((p, k) => [Math.floor(((k + 0.5) * options.count) / PLANTED.length), p]),
  );
  const planted: PlantedTarget[] = [];
  const probes: Probe[] = [];
  const caseIds: string[] = [];
  let persons = 0;
  let documents = 0;
  let reasonChars = 0;

  const writer = await bulkWriter(handle);
  const { indexSeconds } = await withIndexesDeferred(db, async () => {
    for (let start = 0; start < options.count; start += batchSize) {
      const batch: Batch = { synthetic_cases: [], persons: [], documents: [], applications: [] };
      for (let i = start; i < Math.min(options.count, start + batchSize); i++) {
        const year = YEARS[Math.floor(i / perYear)] as number;
        const caseNumber = `HFK-${year}-${String((i % perYear) + 1).padStart(5, '0')}`;
        const receivedAt = new Date(Date.UTC(year, 0, 1) + Math.floor(rng() * 364 * 86_400_000));
        const caseId = uuid(rng);
        const group: NameGroup = weighted(
          rng,
          GROUPS.map((g) => [g, g.weight] as const),
        );
        const nationality = weighted(rng, group.nationalities);
        const place = pick(rng, places);
        const address = {
          careOf: rng() < 0.2 ? `Gemeinschaftsunterkunft ${place.name}` : null,
          street: pick(rng, [
            'Hauptstraße',
            'Bahnhofstraße',
            'Königsallee',
            'Kölner Straße',
            'Am Markt',
            'Lindenweg',
          ]),
          houseNumber: String(between(rng, 1, 140)),
          postalCode: place.postal_codes[0] ?? '40213',
          place: place.name,
        };
        const size = weighted(rng, [
          [1, 25],
          [2, 20],
          [3, 18],
          [4, 17],
          [5, 12],
          [6, 8],
        ] as const);
        const plant = plantedAt.get(i);
        const familyEntry = pick(rng, group.family);
        const familyName = spell(rng, familyEntry);
        const people: Person[] = [];
        let mainGiven: { spellings: Spellings; written: string } | undefined;
        for (let p = 0; p < size; p++) {
          const female = rng() < 0.5;
          const givenEntry = pick(rng, female ? group.female : group.male);
          let given = spell(rng, givenEntry);
          let family = familyName;
          const relation: Relation =
            p === 0
              ? 'main_applicant'
              : p === 1 && size > 1 && rng() < 0.7
                ? 'spouse'
                : rng() < 0.85
                  ? 'child'
                  : pick(rng, ['parent', 'sibling', 'other'] as const);
          if (relation === 'spouse' && rng() < 0.5) family = spell(rng, pick(rng, group.family));
          if (plant && p === 0) {
            given = plant.given;
            family = plant.family;
          } else if (plant) family = plant.family;
          if (p === 0) mainGiven = { spellings: givenEntry, written: given };
          const born = relation === 'child' ? between(rng, 2006, 2024) : between(rng, 1955, 2000);
          people.push({
            id: `p${p + 1}`,
            relation,
            familyName: family,
            givenNames:
              rng() < 0.15 && !plant
                ? `${given} ${spell(rng, pick(rng, female ? group.female : group.male))}`
                : given,
            birthDate:
              rng() < 0.1
                ? String(born)
                : `${born}-${String(between(rng, 1, 12)).padStart(2, '0')}-${String(between(rng, 1, 28)).padStart(2, '0')}`,
            birthPlace: pick(rng, group.birthPlaces),
            nationality: plant && p === 0 ? plant.nationality : nationality,
            address: { ...address },
            sharesMainApplicantAddress: p > 0,
            residenceStatus: { kind: rng() < 0.9 ? 'tolerated_stay' : 'other', other: null },
            entryDate: relation === 'child' && born > 2016 ? null : String(between(rng, 2012, 2020)),
          });
        }
        const main = people[0] as Person;
        const child = people.find((x) => x.relation === 'child') ?? main;
        const ctx = {
          main: `${main.givenNames} ${main.familyName}`,
          child: child.givenNames,
          birthPlace: main.birthPlace,
          city: place.name,
        };
        const reasons = {
          lifeStory: reasonText(rng, 'lifeStory', ctx),
          familyTies: reasonText(rng, 'familyTies', ctx),
          integration: reasonText(rng, 'integration', ctx),
          humanitarianReasons: reasonText(rng, 'humanitarianReasons', ctx),
        };
        reasonChars +=
          reasons.lifeStory.length +
          reasons.familyTies.length +
          reasons.integration.length +
          reasons.humanitarianReasons.length;
        const repKind = weighted(rng, [
          ['organisation', 6],
          ['person', 2],
          ['none', 2],
        ] as const);
        const contact = {
          address: {
            careOf: null,
            street: 'Bahnstraße',
            houseNumber: String(between(rng, 1, 60)),
            postalCode: address.postalCode,
            place: address.place,
          },
          phone: `0${between(rng, 200, 299)} ${between(rng, 100000, 999999)}`,
          email: `beratung${between(rng, 1, 999)}@example.org`,
        };
        const germanName = () =>
          `${spell(rng, pick(rng, GERMAN_GIVEN))} ${spell(rng, pick(rng, GERMAN_FAMILY))}`;
        const representative: Representative =
          repKind === 'organisation'
            ? {
                kind: 'organisation',
                organisationName: pick(rng, ORGANISATIONS),
                contactPerson: germanName(),
                ...contact,
              }
            : repKind === 'person'
              ? {
                  kind: 'person',
                  givenNames: spell(rng, pick(rng, GERMAN_GIVEN)),
                  familyName: `${spell(rng, pick(rng, GERMAN_FAMILY))}`,
                  ...contact,
                }
              : { kind: 'none' };
        const docs: DocumentRow[] = documentsFor(rng, people, receivedAt).map((d) => ({
          ...d,
          id: uuid(rng),
        }));
        const items: EvidenceItem[] = [
          ...new Map(
            docs.map((d) => {
              const personId = d.person === null ? null : (people[d.person] as Person).id;
              const id = personId ? `${d.category}:${personId}` : d.category;
              const special = SPECIAL_CATEGORIES.includes(d.category);
              return [
                id,
                {
                  id,
                  category: d.category,
                  personId,
                  doctorId: null,
                  title: d.category,
                  hint: '',
                  requirement: 'optional',
                  specialCategory: special,
                  signedForm: false,
                } satisfies EvidenceItem,
              ];
            }),
          ).values(),
        ];
        const application: Application = {
          version: 1,
          language: pick(rng, ['de', 'de', 'de', 'ar', 'en', 'fa', 'tr', 'ru'] as const),
          persons: people,
          representative,
          reasons: {
            ...reasons,
            illness: [],
            education: [],
            employment: [],
            languageCertificates: [],
            volunteering: [],
            criminalProceedings: { answer: 'no', personIds: [] },
            deportationDate: null,
          },
          evidence: {
            items,
            statuses: Object.fromEntries(items.map((it) => [it.id, { status: 'provided', reason: null }])),
          },
          urgency: { urgent: false, deportationDate: null, daysLeft: null },
        };
        const received = receive(
          { type: 'receive', caseId, channel: 'online' },
          { role: repKind === 'none' ? 'applicant' : 'representative', id: `draft:${caseId}` },
          receivedAt,
        );
        if (!received.ok || !received.events[0]) throw new Error('receive refused a synthetic case');
        const snapshot = initialSnapshot(received.events[0]);
        const index = searchIndex(caseNumber, application, docs);
        batch.synthetic_cases.push([
          caseId,
          caseNumber,
          profileId,
          snapshot.state,
          snapshot.version,
          snapshot.channel,
          snapshot.receivedAt,
          pick(rng, authorities),
          snapshot,
          index.text,
          index.names,
        ]);
        const personIds = people.map(() => uuid(rng));
        for (const [position, p] of people.entries())
          batch.persons.push([
            personIds[position] as string,
            caseId,
            position,
            p.familyName,
            p.givenNames,
            p.birthDate,
            p.birthPlace,
            p.nationality,
            p.relation,
            p.address,
            place.ags,
          ]);
        for (const d of docs)
          batch.documents.push([
            d.id,
            caseId,
            d.person === null ? null : (personIds[d.person] as string),
            d.person === null ? d.category : `${d.category}:${(people[d.person] as Person).id}`,
            d.category,
            SPECIAL_CATEGORIES.includes(d.category),
            d.fileName,
            d.contentType,
            between(rng, 40_000, 4_000_000),
            hex(rng, 64),
            `synthetic/${d.id}`,
            'clean',
            repKind === 'none' ? 'applicant' : 'representative',
          ]);
        batch.applications.push([caseId, application, application.language, snapshot.receivedAt]);
        persons += people.length;
        documents += docs.length;
        if (plant)
          planted.push({
            caseNumber,
            written: people.map((p) => `${p.givenNames} ${p.familyName}`).join(', '),
            queries: [
              ...plant.queries.map(([text, kind]) => ({ text, kind })),
              { text: caseNumber, kind: 'Aktenzeichen' },
            ],
          });
        else if (i % 997 === 0 && mainGiven)
          probes.push({
            caseNumber,
            given: mainGiven,
            family: { spellings: familyEntry, written: familyName },
            documentName: (docs[docs.length - 1] as DocumentRow).fileName,
          });
        if (i % 211 === 0) caseIds.push(caseId);
      }
      await writer.write(batch);
      options.progress?.(Math.min(options.count, start + batchSize));
    }
  });
  await writer.close();
  for (const year of YEARS) {
    const last = Math.min(perYear, Math.max(0, options.count - YEARS.indexOf(year) * perYear));
    if (last > 0)
      await db
        .insertInto('case_number_counters')
        .values({ year, last_number: last })
        .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: last }))
        .execute();
  }
  await sql`ANALYZE cases`.execute(db);
  await sql`ANALYZE persons`.execute(db);
  await sql`ANALYZE documents`.execute(db);
  return {
    cases: options.count,
    persons,
    documents,
    reasonChars: reasonChars / options.count,
    seconds: (performance.now() - t0) / 1000,
    indexSeconds,
    planted,
    probes,
    caseIds,
  };
}

/** Columns of the rows a batch writes, in COPY order; `cases` goes through a staging table for its search vector. */
const TABLES = {
  synthetic_cases: [
    ['id', 'uuid'],
    ['case_number', 'text'],
    ['profile_id', 'text'],
    ['state', 'text'],
    ['version', 'int'],
    ['channel', 'text'],
    ['received_at', 'timestamptz'],
    ['authority_id', 'uuid'],
    ['snapshot', 'jsonb'],
    ['search_source', 'text'],
    ['search_names', 'text'],
  ],
  persons: [
    ['id', 'uuid'],
    ['case_id', 'uuid'],
    ['position', 'int'],
    ['family_name', 'text'],
    ['given_names', 'text'],
    ['birth_date', 'text'],
    ['birth_place', 'text'],
    ['nationality_code', 'text'],
    ['relation', 'text'],
    ['address', 'jsonb'],
    ['municipality_ags', 'text'],
  ],
  documents: [
    ['id', 'uuid'],
    ['case_id', 'uuid'],
    ['person_id', 'uuid'],
    ['evidence_item', 'text'],
    ['category', 'text'],
    ['special_category', 'boolean'],
    ['file_name', 'text'],
    ['content_type', 'text'],
    ['size', 'bigint'],
    ['sha256', 'text'],
    ['blob_key', 'text'],
    ['scan_status', 'text'],
    ['uploaded_by_role', 'text'],
  ],
  applications: [
    ['case_id', 'uuid'],
    ['content', 'jsonb'],
    ['language', 'text'],
    ['submitted_at', 'timestamptz'],
  ],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;
type Table = keyof typeof TABLES;
type Row = (string | number | boolean | null | object)[];
export type Batch = Record<Table, Row[]>;

const STAGING = 'synthetic_cases';
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One row in COPY's text format. */
function copyLine(row: Row): string {
  return row
    .map((v) => {
      if (v === null) return '\\N';
      if (typeof v === 'boolean') return v ? 't' : 'f';
      const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
      return text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] as string);
    })
    .join('\t');
}

/**
 * Writes the batches: on PGlite with COPY (jsonb_to_recordset costs several times as much in the wasm
 * build), on PostgreSQL with one INSERT … SELECT FROM jsonb_to_recordset per table. Either way the
 * cases go through the staging table, so that search_text is computed by the application's own
 * expression (`searchVector`) in the database.
 */
export async function bulkWriter(handle: DatabaseHandle) {
  const { db } = handle;
  const columns = (t: Table) => TABLES[t].map(([c]) => c).join(', ');
  const caseColumns = columns(STAGING).replace(', search_source, search_names', '');
  const fromStaging = sql`INSERT INTO cases (${sql.raw(caseColumns)}, search_text, search_names)
    SELECT ${sql.raw(caseColumns)}, ${searchVector(sql.ref('search_source'))}, search_names FROM ${sql.table(STAGING)}`.compile(
    db,
  ).sql;
  await sql`CREATE TABLE ${sql.table(STAGING)} (${sql.raw(TABLES[STAGING].map(([c, t]) => `${c} ${t}`).join(', '))})`.execute(
    db,
  );
  // Foreign keys are not checked row by row during the load (the generator makes them consistent);
  // that needs a superuser, which PGlite and the throwaway cluster are.
  const superuser =
    (await sql<{ s: boolean }>`SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user`.execute(db))
      .rows[0]?.s === true;
  const pglite = handle.pglite;
  return {
    async write(batch: Batch) {
      if (pglite) {
        await pglite.transaction(async (tx) => {
          await tx.query('SET LOCAL session_replication_role = replica');
          for (const t of Object.keys(TABLES) as Table[]) {
            if (batch[t].length === 0) continue;
            const blob = new Blob([`${batch[t].map(copyLine).join('\n')}\n`]);
            await tx.query(`COPY ${t} (${columns(t)}) FROM '/dev/blob'`, [], { blob });
          }
          await tx.query(fromStaging);
          await tx.query(`TRUNCATE ${STAGING}`);
        });
        return;
      }
      await db.transaction().execute(async (trx) => {
        if (superuser) await sql`SET LOCAL session_replication_role = replica`.execute(trx);
        for (const t of Object.keys(TABLES) as Table[]) {
          if (batch[t].length === 0) continue;
          const names = TABLES[t].map(([c]) => c);
          const json = JSON.stringify(
            batch[t].map((r) => Object.fromEntries(r.map((v, i) => [names[i], v]))),
          );
          await sql`INSERT INTO ${sql.table(t)} (${sql.raw(columns(t))}) SELECT ${sql.raw(columns(t))}
            FROM jsonb_to_recordset(${json}::jsonb) AS x(${sql.raw(TABLES[t].map(([c, ty]) => `${c} ${ty}`).join(', '))})`.execute(
            trx,
          );
        }
        await sql.raw(fromStaging).execute(trx);
        await sql`TRUNCATE ${sql.table(STAGING)}`.execute(trx);
      });
    },
    async close() {
      await sql`DROP TABLE ${sql.table(STAGING)}`.execute(db);
    },
  };
}

/**
 * Runs `load` with the plain (non-constraint) indexes of the case tables dropped, and builds them again
 * afterwards from their own definitions (pg_get_indexdef), as a bulk load does: one index build is far
 * cheaper than 100,000 index insertions. The schema afterwards is the migrated one.
 */
export async function withIndexesDeferred<T>(
  db: Kysely<Database>,
  load: () => Promise<T>,
): Promise<{ result: T; indexSeconds: number }> {
  const indexes = (
    await sql<{
      name: string;
      def: string;
    }>`SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
      FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relname IN ('cases', 'persons', 'documents', 'applications') AND t.relnamespace = 'public'::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY i.indexrelid`.execute(db)
  ).rows;
  for (const i of indexes) await sql`DROP INDEX ${sql.raw(i.name)}`.execute(db);
  const result = await load();
  const t0 = performance.now();
  for (const i of indexes) await sql.raw(i.def).execute(db);
  return { result, indexSeconds: (performance.now() - t0) / 1000 };
}
