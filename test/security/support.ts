/**
 * Shared helpers of the security suites: the composed app (as `npm start` wires it) with every log
 * line captured, a client that records every answer it got, staff logins, and an application filed
 * with chosen values (markers, hostile strings) and uploads.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { loadConfig } from '../../src/config/config.ts';
import { composeApp } from '../../src/main/compose.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type StaffUser, totpCode } from '../support/staff-app.ts';
import { type PageResponse, WebClient } from '../support/web-client.ts';

export interface SecurityApp {
  url: string;
  app: FastifyInstance;
  database: TestDatabase;
  dataDir: string;
  masterKey: string;
  /** Every line the app wrote: the request log and the services' and worker's log, in order. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * The real composed app on a loopback port over a fresh test database. With `logLevel`, the request
 * logger and the services' logger write into `logs` (as they would to standard output).
 */
export async function startSecurityApp(
  env: Record<string, string> = {},
  options: { logLevel?: 'trace' | 'debug' | 'info'; rateLimitPerMinute?: number } = {},
): Promise<SecurityApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hfk-sec-'));
  const masterKey = env.MASTER_KEY ?? (await generateIdentity());
  const level = options.logLevel ?? 'silent';
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: level,
    PORT: '0',
    MASTER_KEY: masterKey,
    ...env,
  });
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const database = await createTestDatabase();
  const running = await composeApp(config, database, pino({ level }, stream), {
    logStream: stream,
    ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
  });
  const url = await running.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    app: running.app,
    database,
    dataDir,
    masterKey,
    logs,
    async close() {
      await running.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Recorded extends PageResponse {
  method: string;
  path: string;
}

/** A WebClient that keeps every answer (status, Location, headers, body) for later checks. */
export class RecordingClient extends WebClient {
  readonly seen: Recorded[] = [];

  override async request(
    method: string,
    path: string,
    body?: URLSearchParams | Record<string, string | string[]>,
  ): Promise<PageResponse> {
    const response = await super.request(method, path, body);
    this.seen.push({ ...response, method, path });
    return response;
  }

  override async upload(
    path: string,
    fields: Record<string, string>,
    file: { field: string; name: string; type: string; bytes: Buffer },
  ): Promise<PageResponse> {
    const response = await super.upload(path, fields, file);
    this.seen.push({ ...response, method: 'POST', path });
    return response;
  }
}

export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** A TOTP code works once; a second login of the same user in one 30-second step takes the next. */
const loginsOf = new Map<string, number>();

/** Password and TOTP code; returns the logged-in client. */
export async function loginStaff<C extends WebClient>(client: C, user: StaffUser): Promise<C> {
  const first = await client.post('/anmelden', { email: user.email, password: user.password });
  assert.equal(first.status, 303, first.body.slice(0, 200));
  const page = await client.get('/anmelden/code');
  const offset = loginsOf.get(user.id) ?? 0;
  loginsOf.set(user.id, offset + 1);
  const done = await client.post('/anmelden/code', {
    _csrf: csrfOf(page.body),
    code: await totpCode(user, new Date(), offset),
  });
  assert.equal(done.status, 303, done.body.slice(-600));
  return client;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined>,
  ms = 30_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** What an applicant types; every field can carry a marker or a hostile string. */
export interface ApplicantValues {
  familyName: string;
  givenNames: string;
  childGivenNames: string;
  birthPlace: string;
  street: string;
  doctor: string;
  organisationName: string;
  contactPerson: string;
  representativeEmail: string;
  phone: string;
  lifeStory: string;
  familyTies: string;
  integration: string;
  humanitarianReasons: string;
  /** Asks for the resume link by mail to this address before submitting. */
  resumeEmail?: string;
}

export const ORDINARY: ApplicantValues = {
  familyName: 'Ağaoğlu',
  givenNames: 'Zehra',
  childGivenNames: 'Emre',
  birthPlace: 'Kabul',
  street: 'Königsallee',
  doctor: 'Dr. Jürgen Weiß',
  organisationName: 'Flüchtlingsberatung Düsseldorf e. V.',
  contactPerson: 'Jana Müller',
  representativeEmail: 'beratung@example.org',
  phone: '0211 123456',
  lifeStory: 'Seit 2014 in Düsseldorf.',
  familyTies: 'Die Schwester lebt in Bochum.',
  integration: 'Emre geht zur Schule.',
  humanitarianReasons: 'Die Familie ist hier verwurzelt.',
};

export interface UploadSpec {
  /** The evidence item whose id starts with this (school, medical_report …). */
  item: string;
  name: string;
  type: string;
  bytes: Buffer;
}

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
    'address.houseNumber': '1',
    'address.postalCode': '40213',
    'address.place': 'Düsseldorf',
    action: 'continue',
    ...p,
  };
}

async function ok(response: Promise<PageResponse>, what: string): Promise<PageResponse> {
  const r = await response;
  if (r.status !== 303) throw new Error(`${what}: ${r.status} ${r.body.slice(0, 600)}`);
  return r;
}

/**
 * Files a complete application over HTTP: main applicant (ill, with a doctor) and a child at
 * school, an organisation as representative, the four texts, the given uploads. Returns the case
 * number and the draft's path of each person.
 */
export async function fileApplicationWith(
  web: WebClient,
  values: Partial<ApplicantValues> = {},
  uploads: UploadSpec[] = [],
  beforeSubmit?: () => Promise<void>,
): Promise<{ caseNumber: string; personPaths: string[] }> {
  const v = { ...ORDINARY, ...values };
  await ok(web.post('/antrag/beginnen'), 'start');
  const mainPath = (await ok(web.post('/antrag/personen/neu'), 'add')).location ?? '';
  await ok(
    web.post(
      mainPath,
      person({
        relation: 'main_applicant',
        familyName: v.familyName,
        givenNames: v.givenNames,
        'birthDate.year': '1980',
        birthPlace: v.birthPlace,
        nationality: '423',
        'address.street': v.street,
      }),
    ),
    'main person',
  );
  const childPath = (await ok(web.post('/antrag/personen/neu'), 'add child')).location ?? '';
  await ok(
    web.post(
      childPath,
      person({
        relation: 'child',
        familyName: v.familyName,
        givenNames: v.childGivenNames,
        'birthDate.day': '3',
        'birthDate.month': '4',
        'birthDate.year': '2012',
        birthPlace: v.birthPlace,
        nationality: '998',
        'address.street': v.street,
      }),
    ),
    'child',
  );
  const mainId = mainPath.split('/').pop() ?? '';
  const childId = childPath.split('/').pop() ?? '';
  await ok(
    web.post('/antrag/vertretung', {
      kind: 'organisation',
      organisationName: v.organisationName,
      contactPerson: v.contactPerson,
      'address.street': v.street,
      'address.houseNumber': '5',
      'address.postalCode': '40212',
      'address.place': 'Düsseldorf',
      phone: v.phone,
      email: v.representativeEmail,
      action: 'continue',
    }),
    'representative',
  );
  await ok(
    web.post('/antrag/fragen', {
      'illness.answer': 'yes',
      'illness.personIds': mainId,
      [`illness.doctors.${mainId}.0.id`]: '',
      [`illness.doctors.${mainId}.0.name`]: v.doctor,
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
      lifeStory: v.lifeStory,
      familyTies: v.familyTies,
      integration: v.integration,
      humanitarianReasons: v.humanitarianReasons,
      action: 'continue',
    }),
    'texts',
  );
  if (v.resumeEmail) await ok(web.post('/antrag/link-senden', { email: v.resumeEmail }), 'resume link');
  const evidence = await web.get('/antrag/nachweise');
  const ids = [
    ...new Set([...evidence.body.matchAll(/name="evidence\.([^"]+)\.status"/g)].map((m) => m[1] as string)),
  ];
  const status = Object.fromEntries(ids.map((id) => [`evidence.${id}.status`, 'to_follow']));
  for (const upload of uploads) {
    const item = ids.find((id) => id.startsWith(upload.item));
    assert.ok(item, `evidence item ${upload.item} in ${ids.join(', ')}`);
    const sent = await web.upload(
      '/antrag/hochladen',
      { evidenceItem: item },
      { field: 'datei', name: upload.name, type: upload.type, bytes: upload.bytes },
    );
    assert.equal(sent.status, 303, sent.body.slice(0, 300));
    assert.match(sent.location ?? '', /hochgeladen=1/, `upload ${upload.name} accepted`);
    status[`evidence.${item}.status`] = 'provided';
  }
  await ok(web.post('/antrag/nachweise', { ...status, action: 'continue' }), 'evidence');
  await beforeSubmit?.();
  await ok(web.post('/antrag/absenden'), 'submit');
  const page = await web.get('/antrag/bestaetigung');
  const caseNumber = /id="case-number">([^<]+)</.exec(page.body)?.[1];
  if (!caseNumber) throw new Error(`no case number: ${page.body.slice(0, 400)}`);
  return { caseNumber, personPaths: [mainPath, childPath] };
}

/** The id of the case with this number. */
export async function caseIdOf(database: TestDatabase, caseNumber: string): Promise<string> {
  const row = await database.db
    .selectFrom('cases')
    .select('id')
    .where('case_number', '=', caseNumber)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Waits until the outbox has issued the receipt and the application copy of the case. */
export async function waitForReceipt(database: TestDatabase, caseId: string): Promise<void> {
  await waitFor('receipt and application copy', async () => {
    const rows = await database.db
      .selectFrom('documents')
      .select('category')
      .where('case_id', '=', caseId)
      .where('category', 'in', ['receipt', 'application_copy'])
      .execute();
    return rows.length === 2 ? rows : null;
  });
}
