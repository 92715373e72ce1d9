/**
 * R1 and R3 of the quality bar: the real server (`npm start`, a separate process) on its own data
 * directory (PGlite on disk) or its own PostgreSQL database (DATABASE_URL), many applicants at once
 * filling drafts with two PDFs each and submitting with double clicks, the server SIGKILLed at random
 * moments and restarted. Afterwards:
 *   - every application that was acknowledged (a 303 from the submit, or the status page with its case
 *     number) is a complete case: persons, application, both files byte-identical (SHA-256 of what was
 *     sent), the receipt PDF listing exactly those hashes, and the receipt mailed (same Message-ID if
 *     sent twice);
 *   - nothing is half-submitted: no case without its documents, persons or application, no submitted
 *     draft without its case, every stored file decrypts to its recorded hash;
 *   - a submit interrupted by a kill and sent again gives the case number of the first (R3);
 *   - every draft interrupted while it was filled is still a draft, opened by its resume link, with
 *     every upload that was acknowledged.
 * Cycles: CRASH_CYCLES (default 3 for CI; `npm run test:resilience` runs 20), applicants at once:
 * CRASH_APPLICANTS (default 6).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { flat, haveTool, pdfText } from '../../src/adapters/pdf/test-support.ts';
import { hashResumeToken } from '../../src/application/drafts.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { WebClient } from '../support/web-client.ts';
import {
  type AppProcess,
  freePort,
  freshDatabase,
  type Installation,
  randomInt,
  sleep,
  startServer,
} from './support/app-process.ts';
import {
  type Applicant,
  clientFor,
  DRAFT_COOKIE,
  isConnectionFailure,
  newApplicant,
  prepare,
  readCaseNumber,
  submit,
} from './support/applicants.ts';
import { Gate } from './support/gate.ts';
import { expireLeases, snapshot } from './support/inspect.ts';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 3);
const CONCURRENCY = Number(process.env.CRASH_APPLICANTS ?? 6);
const KILL_AFTER_MS: [number, number] = [500, Number(process.env.CRASH_KILL_MAX_MS ?? 6000)];
const DB = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
});

describe(`R1/R3: the server killed while applications are submitted (${DB})`, () => {
  test(`${CYCLES} kill cycles with ${CONCURRENCY} applicants at once`, {
    timeout: 120_000 + CYCLES * 30_000,
  }, async (t) => {
    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    const dataDir = mkdtempSync(join(tmpdir(), 'hfk-crash-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const sink = await startSmtpSink();
    cleanups.push(() => sink.stop());
    const inst: Installation = {
      dataDir,
      ...(database.url ? { databaseUrl: database.url } : {}),
      masterKey: await generateIdentity(),
      // Behind a (simulated) reverse proxy, so each applicant has an address of its own for the rate limit.
      env: { SMTP_URL: sink.url, TRUST_PROXY: 'true' },
    };
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;

    const gate = new Gate();
    let stopping = false;
    const applicants: Applicant[] = [];
    const kills: { cycle: number; afterMs: number; submitsInFlight: number }[] = [];
    let count = 0;

    async function drive(a: Applicant): Promise<void> {
      for (let restarts = 0; ; restarts++) {
        const web = clientFor(url, a);
        try {
          if (a.phase === 'drafting') await prepare(web, a);
          await submit(web, a, randomInt(1, 3));
          return;
        } catch (error) {
          if (!isConnectionFailure(error)) {
            a.errors.push(`${a.phase}: ${(error as Error).message}`);
            return;
          }
          a.interruptions.push(a.phase);
          // A draft interrupted while being filled stays as it is: checked at the end.
          if (a.phase === 'drafting') return;
          if (restarts >= 5) {
            a.errors.push('submit never answered');
            return;
          }
          // The applicant presses "submit" again once the service is back.
          await gate.pass();
        }
      }
    }

    async function lane(): Promise<void> {
      for (;;) {
        await gate.pass();
        if (stopping) return;
        count += 1;
        const a = newApplicant(count);
        applicants.push(a);
        await drive(a);
      }
    }

    let server: AppProcess & { url: string } = await startServer(inst, port);
    cleanups.push(() => server.kill());
    gate.open();
    const lanes = Array.from({ length: CONCURRENCY }, () => lane());
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      // Odd cycles kill at a random moment; even ones while a submit is on its way (0–800 ms into it: before, inside and after its transaction),
      // so that kills inside the submit's transaction are certain to happen, not left to luck.
      const started = Date.now();
      if (cycle % 2 === 1) await sleep(randomInt(...KILL_AFTER_MS));
      else {
        while (!applicants.some((a) => a.phase === 'submitting') && Date.now() - started < 15_000)
          await sleep(5);
        await sleep(randomInt(0, 800));
      }
      const afterMs = Date.now() - started;
      gate.close();
      kills.push({
        cycle,
        afterMs,
        submitsInFlight: applicants.filter((a) => a.phase === 'submitting').length,
      });
      await server.kill();
      if (cycle < CYCLES) {
        server = await startServer(inst, port);
        gate.open();
      }
    }
    // The last restart: no new applicants, the interrupted submits are sent again. Jobs the killed
    // worker had claimed get their lease back now instead of after 120 s.
    stopping = true;
    const leasesExpired = await expireLeases(inst);
    server = await startServer(inst, port);
    gate.open();
    await Promise.all(lanes);

    const errors = applicants.flatMap((a) => a.errors.map((e) => `#${a.n} ${e}`));
    assert.deepEqual(errors, [], 'no answer other than the expected ones or a killed connection');
    const acknowledged = applicants.filter((a) => a.submitAcknowledged || a.caseNumbers.length > 0);
    const abandoned = applicants.filter((a) => a.phase === 'drafting');
    assert.ok(acknowledged.length > 0, 'some applications were submitted');

    // R3: one case number per applicant, however often and however interrupted it was submitted.
    for (const a of acknowledged) {
      assert.equal(a.phase, 'submitted', `#${a.n} acknowledged but not answered after the restart`);
      assert.equal(new Set(a.caseNumbers).size, 1, `#${a.n} saw ${a.caseNumbers.join(', ')}`);
    }
    const numbers = acknowledged.map((a) => a.caseNumbers[0] as string);
    assert.equal(new Set(numbers).size, numbers.length, 'every applicant has a case of its own');

    // Each acknowledged application: its receipt comes (the outbox drains by itself), lists the hashes of
    // exactly the files sent, and is mailed; the resume link in a fresh browser shows the case.
    const withPdf = haveTool(t, 'pdftotext');
    const deadline = Date.now() + 120_000;
    for (const a of acknowledged) {
      const web = clientFor(url, a);
      for (;;) {
        const page = await web.get('/antrag/bestaetigung');
        if (page.body.includes('/antrag/eingangsbestaetigung.pdf')) break;
        assert.ok(Date.now() < deadline, `#${a.n}: no receipt`);
        await sleep(250);
      }
      const pdf = await web.download('/antrag/eingangsbestaetigung.pdf');
      assert.equal(pdf.status, 200);
      if (withPdf) {
        const file = join(dataDir, `receipt-${a.n}.pdf`);
        writeFileSync(file, pdf.bytes);
        const text = flat(pdfText(file));
        const compact = text.replace(/\s+/g, '');
        assert.ok(text.includes(a.caseNumbers[0] ?? '?'), `#${a.n}: case number in the receipt`);
        for (const f of a.files)
          assert.ok(compact.includes(f.sha256), `#${a.n}: ${f.name} hash in the receipt`);
        const listed = [...compact.matchAll(/[0-9a-f]{64}/g)].map((m) => m[0]);
        assert.deepEqual(listed.sort(), a.files.map((f) => f.sha256).sort(), `#${a.n}: no other hash listed`);
      }
      const fresh = new WebClient(url);
      const resumed = await fresh.get(`/antrag/fortsetzen/${a.token}`);
      assert.equal(resumed.location, '/antrag/bestaetigung');
      assert.equal(await readCaseNumber(fresh), a.caseNumbers[0]);
    }
    for (const a of acknowledged) {
      await sink.waitFor(
        (m) => m.to.includes(a.email) && (m.parsed.subject ?? '').includes(a.caseNumbers[0] ?? '?'),
        60_000,
      );
    }
    const receiptMails = sink.mails.filter((m) => (m.parsed.subject ?? '').startsWith('Eingangsbestätigung'));
    let duplicateMails = 0;
    for (const a of acknowledged) {
      const mine = receiptMails.filter((m) => m.to.includes(a.email));
      assert.equal(new Set(mine.map((m) => m.parsed.messageId)).size, 1, `#${a.n}: one Message-ID`);
      duplicateMails += mine.length - 1;
    }

    // Drafts interrupted while being filled: still drafts, opened by their link.
    for (const a of abandoned.filter((x) => x.token)) {
      const fresh = new WebClient(url);
      const resumed = await fresh.get(`/antrag/fortsetzen/${a.token}`);
      assert.equal(resumed.status, 303, `#${a.n}: resume link`);
      assert.equal(resumed.location, '/antrag/uebersicht', `#${a.n}: still a draft`);
      assert.equal(fresh.cookies.get(DRAFT_COOKIE), a.token);
      assert.equal((await fresh.get('/antrag/uebersicht')).status, 200);
    }

    assert.equal(await server.stop(), 0, 'the server shuts down cleanly');

    // The stored state, read with the server stopped.
    const state = await snapshot(inst);
    assert.deepEqual(state.problems, [], 'nothing half-submitted, every stored file intact');
    const byNumber = new Map(state.cases.map((c) => [c.caseNumber, c]));
    const draftByToken = new Map(state.drafts.map((d) => [d.tokenHash, d]));
    let lost = 0;
    for (const a of acknowledged) {
      const c = byNumber.get(a.caseNumbers[0] ?? '');
      const sent = a.files.map((f) => f.sha256).sort();
      if (!c || c.uploaded.slice().sort().join() !== sent.join() || !c.receiptDocumentId) lost++;
    }
    assert.equal(lost, 0, 'no acknowledged application lost or changed');
    const online = state.cases.filter((c) => c.submissionKey);
    assert.equal(online.length, acknowledged.length, 'no case that nobody was told about');
    for (const a of abandoned.filter((x) => x.token)) {
      const d = draftByToken.get(hashResumeToken(a.token ?? ''));
      assert.ok(d, `#${a.n}: draft kept`);
      assert.equal(d.submittedAt, null);
      for (const f of a.files) assert.ok(d.documents.includes(f.sha256), `#${a.n}: acknowledged upload kept`);
    }

    const figures = {
      database: DB,
      cycles: CYCLES,
      applicants: applicants.length,
      submitted: acknowledged.length,
      killsDuringSubmit: kills.filter((k) => k.submitsInFlight > 0).length,
      submitsRetriedAfterKill: acknowledged.filter((a) => a.interruptions.length > 0).length,
      draftsInterrupted: abandoned.length,
      filesChecked: state.filesChecked,
      leasesExpired,
      duplicateReceiptMails: duplicateMails,
      lost,
      halfSubmitted: state.problems.length,
    };
    t.diagnostic(`crash harness: ${JSON.stringify(figures)}`);
    if (process.env.CRASH_REPORT)
      writeFileSync(process.env.CRASH_REPORT, `${JSON.stringify(figures)}\n`, { flag: 'a' });
  });
});
