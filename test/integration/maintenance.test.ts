/**
 * Housekeeping through the outbox: an expired draft goes with its encrypted files, the next run is
 * queued once under the next hour's key, and a submitted draft is never touched.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { enqueueJob } from '../../src/adapters/db/outbox-store.ts';
import { pdfkitLetter } from '../../src/adapters/scan/test-support.ts';
import { MAINTENANCE_JOB } from '../../src/jobs/maintenance.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { WebClient } from '../support/web-client.ts';

describe('maintenance', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app?.close();
  });

  test('an expired draft is deleted with its files; the next run is queued once', async () => {
    const web = new WebClient(app.url);
    await web.post('/antrag/beginnen');
    const up = await web.upload(
      '/antrag/hochladen',
      { evidenceItem: 'cv' },
      { field: 'datei', name: 'Lebenslauf.pdf', type: 'application/pdf', bytes: await pdfkitLetter() },
    );
    assert.equal(up.status, 303);
    const doc = await app.database.db
      .selectFrom('draft_documents')
      .select('blob_key')
      .executeTakeFirstOrThrow();
    const blobPath = join(app.dataDir, 'files', doc.blob_key.slice(0, 2), doc.blob_key);
    assert.ok(existsSync(blobPath), 'the encrypted file is stored');
    await sql`UPDATE drafts SET expires_at = now() - interval '1 day'`.execute(app.database.db);

    await app.database.db
      .transaction()
      .execute((trx) =>
        enqueueJob(trx, { kind: MAINTENANCE_JOB, payload: {}, idempotencyKey: 'maintenance:test' }),
      );
    // Wait for this run itself: the hourly run queued at start-up may delete the draft first.
    for (let i = 0; i < 150; i++) {
      const left = await app.database.db.selectFrom('drafts').select('id').execute();
      const run = await app.database.db
        .selectFrom('outbox')
        .select('status')
        .where('idempotency_key', '=', 'maintenance:test')
        .executeTakeFirst();
      if (left.length === 0 && run?.status === 'done') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(
      (await app.database.db.selectFrom('drafts').select('id').execute()).length,
      0,
      'draft deleted',
    );
    assert.equal((await app.database.db.selectFrom('draft_documents').select('id').execute()).length, 0);
    assert.ok(!existsSync(blobPath), 'its file is deleted');
    const queued = await app.database.db
      .selectFrom('outbox')
      .select(['idempotency_key', 'status'])
      .where('kind', '=', MAINTENANCE_JOB)
      .execute();
    const pending = queued.filter((q) => q.status === 'pending');
    assert.equal(pending.length, 1, `one run queued ahead: ${JSON.stringify(queued)}`);
    assert.match(pending[0]?.idempotency_key ?? '', /^maintenance:\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z$/);
  });
});
