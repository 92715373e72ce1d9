/**
 * Helpers for the members' view suites: staff logins (a TOTP code works once per step), a case made
 * ready for a session over HTTP, appointments written directly (the administration's form has its own
 * suite), documents filed by the office over HTTP, and small real PDFs with a text to look for.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { Page } from 'playwright-core';
import type { TestApp } from './app.ts';
import { fileApplication } from './applicant.ts';
import { type StaffUser, totpCode } from './staff-app.ts';
import { WebClient } from './web-client.ts';

export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
export const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ');

const logins = new Map<string, number>();
/** The next unused TOTP code of the user (one step further each time). */
export function nextCode(user: StaffUser): Promise<string> {
  const offset = logins.get(user.id) ?? 0;
  logins.set(user.id, offset + 1);
  return totpCode(user, new Date(), offset);
}

export async function login(app: TestApp, user: StaffUser): Promise<WebClient> {
  const web = new WebClient(app.url);
  const first = await web.post('/anmelden', { email: user.email, password: user.password });
  assert.equal(first.status, 303, first.body.slice(0, 200));
  const page = await web.get('/anmelden/code');
  const done = await web.post('/anmelden/code', { _csrf: csrfOf(page.body), code: await nextCode(user) });
  assert.equal(done.status, 303, textOf(done.body).slice(-400));
  return web;
}

/** The same login in the browser: password, then the next code; waits until the start page is left. */
export async function browserLogin(page: Page, app: TestApp, user: StaffUser): Promise<void> {
  await page.goto(`${app.url}/anmelden`);
  await page.getByLabel('E-Mail-Adresse').fill(user.email);
  await page.getByLabel('Passwort', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.waitForURL('**/anmelden/code');
  await page.getByLabel('Code aus der Authenticator-App').fill(await nextCode(user));
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/anmelden'));
}

export async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A one-page PDF saying `text` (and a second page, so pages are counted). */
export function textPdf(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 60 });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fontSize(14).text(text);
  doc.addPage();
  doc.fontSize(11).text(`${text} (Fortsetzung)`);
  doc.end();
  return done;
}

/**
 * Files an application (as `applicant`, whose cookie then opens its status page) and takes it to
 * "ready for a session" (statement received) as the clerk.
 */
export async function readyCase(
  app: TestApp,
  clerkWeb: WebClient,
  familyName: string,
  applicant: WebClient = new WebClient(app.url),
): Promise<{ id: string; number: string }> {
  const number = await fileApplication(applicant, familyName);
  const { id } = await app.database.db
    .selectFrom('cases')
    .select('id')
    .where('case_number', '=', number)
    .executeTakeFirstOrThrow();
  const due = new Date(Date.now() + 28 * 86_400_000);
  for (const [command, fields] of [
    ['startPreCheck', {}],
    ['recordExclusionReview', {}],
    ['takeUp', {}],
    [
      'requestStatement',
      {
        'dueAt.day': String(due.getUTCDate()),
        'dueAt.month': String(due.getUTCMonth() + 1),
        'dueAt.year': String(due.getUTCFullYear()),
      },
    ],
    ['receiveStatement', {}],
    ['markReadyForSession', {}],
  ] as const) {
    const page = await clerkWeb.get(`/geschaeftsstelle/faelle/${id}`);
    const done = await clerkWeb.post(`/geschaeftsstelle/faelle/${id}/schritte/${command}`, {
      _csrf: csrfOf(page.body),
      version: versionOf(page.body),
      ...fields,
    });
    assert.equal(done.status, 303, `${command}: ${textOf(done.body).slice(0, 300)}`);
  }
  return { id, number };
}

/** A member's (or deputy's) appointment from 30 days ago for about two years. */
export async function appoint(app: TestApp, userId: string, i: number): Promise<string> {
  const id = randomUUID();
  await app.database.db
    .insertInto('commission_memberships')
    .values({
      id,
      user_id: userId,
      function: 'member',
      deputy_of: null,
      nominated_by: `Verband ${i}`,
      term_from: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
      term_to: new Date(Date.now() + 700 * 86_400_000).toISOString().slice(0, 10),
    })
    .execute();
  return id;
}

/** A document filed by the office into the case (a statement, evidence …), inspected like any upload. */
export async function officeUpload(
  clerkWeb: WebClient,
  caseId: string,
  category: string,
  name: string,
  bytes: Buffer,
): Promise<void> {
  const _csrf = csrfOf((await clerkWeb.get(`/geschaeftsstelle/faelle/${caseId}`)).body);
  const filed = await clerkWeb.upload(
    '/geschaeftsstelle/hochladen',
    { _csrf, caseId, category },
    { field: 'datei', name, type: 'application/pdf', bytes },
  );
  assert.equal(filed.status, 303, filed.body.slice(0, 200));
  assert.match(filed.location ?? '', /schritt=ok/);
}

/** Plans a session for today as the clerk, puts the cases on its agenda and invites; its id. */
export async function sessionToday(
  clerkWeb: WebClient,
  chairId: string,
  caseIds: readonly string[],
): Promise<string> {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
  const [y, m, d] = today.split('-');
  const list = await clerkWeb.get('/geschaeftsstelle/sitzungen');
  const planned = await clerkWeb.post('/geschaeftsstelle/sitzungen', {
    _csrf: csrfOf(list.body),
    'date.day': String(Number(d)),
    'date.month': String(Number(m)),
    'date.year': y ?? '',
    time: '23:30',
    place: 'Düsseldorf, Raum 2.14',
    chairId,
  });
  assert.equal(planned.status, 303, textOf(planned.body).slice(0, 400));
  const id = /sitzungen\/([0-9a-f-]{36})/.exec(planned.location ?? '')?.[1] ?? '';
  const post = async (path: string, fields: Record<string, string> = {}) => {
    const page = await clerkWeb.get(`/geschaeftsstelle/sitzungen/${id}`);
    const done = await clerkWeb.post(`/geschaeftsstelle/sitzungen/${id}${path}`, {
      _csrf: csrfOf(page.body),
      ...fields,
    });
    assert.equal(done.status, 303, `${path}: ${textOf(done.body).slice(0, 300)}`);
  };
  for (const caseId of caseIds) await post('/tagesordnung', { caseId });
  await post('/einladungen');
  return id;
}
