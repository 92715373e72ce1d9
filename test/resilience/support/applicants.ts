/**
 * Applicants for the crash harness: each fills a draft over the real HTTP API (the steps of
 * test/support/applicant.ts), uploads two PDFs, asks for the resume link by mail and submits with a
 * double click. What the server acknowledged is written down as it comes back (a 303 after a save is
 * a commit), so the checks afterwards know exactly what must have survived a kill.
 */
import { createHash } from 'node:crypto';
import { pdfkitLetter } from '../../../src/adapters/scan/test-support.ts';
import { draftUpToEvidence } from '../../support/applicant.ts';
import { WebClient } from '../../support/web-client.ts';

export const DRAFT_COOKIE = 'hfk_antrag';

export interface SentFile {
  name: string;
  item: string;
  sha256: string;
  size: number;
}

export type Phase = 'drafting' | 'ready' | 'submitting' | 'submitted';

export interface Applicant {
  n: number;
  familyName: string;
  email: string;
  /** The draft secret (the cookie and the resume link carry it); known once the start was answered. */
  token?: string;
  /** Files whose upload the server acknowledged (303 with hochgeladen=1). */
  files: SentFile[];
  phase: Phase;
  /** A submit answered 303: the case exists, whatever happened afterwards. */
  submitAcknowledged: boolean;
  /** Every case number any answer showed this applicant (must be one). */
  caseNumbers: string[];
  /** How often a kill interrupted this applicant, and at which step. */
  interruptions: string[];
  /** Answers that were neither right nor an interrupted connection: each one fails the run. */
  errors: string[];
}

/** True for a request that failed because the server went away (killed), not because it answered. */
export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof TypeError && error.message === 'fetch failed') return true;
  const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  return (
    typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/.test(code)
  );
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function newApplicant(n: number): Applicant {
  return {
    n,
    familyName: `Crashtest-${n}`,
    email: `antrag${n}@example.org`,
    files: [],
    phase: 'drafting',
    submitAcknowledged: false,
    caseNumbers: [],
    interruptions: [],
    errors: [],
  };
}

/** A client for the applicant: its own (forwarded) address, so the rate limit sees different people. */
export function clientFor(url: string, a: Applicant): WebClient {
  const web = new WebClient(url, {
    'x-forwarded-for': `10.${(a.n >> 16) & 255}.${(a.n >> 8) & 255}.${a.n & 255}`,
  });
  if (a.token) web.cookies.set(DRAFT_COOKIE, a.token);
  return web;
}

function expect303(r: { status: number; body: string }, what: string) {
  if (r.status !== 303) throw new Error(`${what}: ${r.status} ${r.body.slice(0, 200)}`);
}

/** Fills the draft up to the end of the evidence page. Throws on a killed connection. */
export async function prepare(web: WebClient, a: Applicant): Promise<void> {
  let items: string[];
  try {
    items = await draftUpToEvidence(web, a.familyName);
  } finally {
    a.token = web.cookies.get(DRAFT_COOKIE) ?? a.token;
  }
  const linked = await web.post('/antrag/link-senden', { email: a.email });
  expect303(linked, 'link-senden');
  const wanted = [items.find((i) => i.startsWith('school')), items.find((i) => i.startsWith('data_consent'))];
  for (const [i, item] of wanted.entries()) {
    if (!item) throw new Error(`checklist without the expected items: ${items.join(', ')}`);
    const bytes = await pdfkitLetter({ info: { Title: `Nachweis ${a.n}-${i}` } });
    const name = `Nachweis-${a.n}-${i}.pdf`;
    const r = await web.upload(
      '/antrag/hochladen',
      { evidenceItem: item },
      { field: 'datei', name, type: 'application/pdf', bytes },
    );
    expect303(r, 'upload');
    if (!/hochgeladen=1/.test(r.location ?? '')) throw new Error(`upload refused: ${r.location}`);
    a.files.push({ name, item, sha256: sha256(bytes), size: bytes.length });
  }
  const statuses = Object.fromEntries(
    items.map((id) => [
      `evidence.${id}.status`,
      a.files.some((f) => f.item === id) ? 'provided' : 'to_follow',
    ]),
  );
  expect303(await web.post('/antrag/nachweise', { ...statuses, action: 'continue' }), 'evidence');
  a.phase = 'ready';
}

/** The case number on the status page, or null while the draft is not submitted. */
export async function readCaseNumber(web: WebClient): Promise<string | null> {
  const page = await web.get('/antrag/bestaetigung');
  if (page.status === 303) return null;
  if (page.status !== 200) throw new Error(`status page: ${page.status}`);
  return /id="case-number">([^<]+)</.exec(page.body)?.[1] ?? null;
}

/** Submits with a double (or triple) click; every answer must lead to the same case. */
export async function submit(web: WebClient, a: Applicant, clicks: number): Promise<void> {
  a.phase = 'submitting';
  const answers = await Promise.allSettled(
    Array.from({ length: clicks }, () => web.post('/antrag/absenden')),
  );
  let interrupted: unknown;
  for (const answer of answers) {
    if (answer.status === 'rejected') {
      if (!isConnectionFailure(answer.reason)) throw answer.reason;
      interrupted = answer.reason;
      continue;
    }
    const r = answer.value;
    if (r.status !== 303 || !r.location?.startsWith('/antrag/bestaetigung'))
      throw new Error(`submit: ${r.status} ${r.location} ${r.body.slice(0, 200)}`);
    a.submitAcknowledged = true;
  }
  if (interrupted) throw interrupted;
  const number = await readCaseNumber(web);
  if (!number) throw new Error('submitted, but the status page shows no case number');
  a.caseNumbers.push(number);
  a.phase = 'submitted';
}
