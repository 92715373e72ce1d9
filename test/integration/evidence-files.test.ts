/**
 * Several files in one form post (no JavaScript), photos combined into one PDF, and safe previews: the
 * applicant's thumbnails (only for the owner of the draft) and the office's page pictures (audited).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { createAgeBlobStore, generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { pdfkitLetter, peExecutable } from '../../src/adapters/scan/test-support.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { draftUpToEvidence } from '../support/applicant.ts';
import { createStaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const photo = (background: string, width = 600, height = 800) =>
  sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer();
const scan = (background: string) =>
  sharp({ create: { width: 900, height: 600, channels: 3, background } })
    .png()
    .toBuffer();
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('evidence files: several at once, combined into a PDF, previews', () => {
  let app: TestApp;
  let masterKey: string;
  const web = () => new WebClient(app.url);
  let applicant: WebClient;
  let school = '';

  before(async () => {
    masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey, UPLOAD_MAX_MB: '1' });
    applicant = web();
    const ids = await draftUpToEvidence(applicant);
    school = ids.find((id) => id.startsWith('school')) ?? '';
    assert.ok(school, 'a school certificate is on the checklist');
  });
  after(async () => {
    await app?.close();
  });

  const files = () => createAgeBlobStore({ dir: join(app.dataDir, 'files'), identity: masterKey });
  const documents = () =>
    app.database.db
      .selectFrom('draft_documents')
      .selectAll()
      .orderBy('created_at')
      .orderBy('file_name')
      .execute();

  test('one form post with several files: the good ones are kept, the bad ones are named with the reason', async () => {
    const item = `/antrag/nachweise/${encodeURIComponent(school)}`;
    const page = await applicant.get(item);
    assert.match(page.body, /<input[^>]*type="file"[^>]*multiple/);
    const res = await applicant.uploadFiles('/antrag/hochladen', { evidenceItem: school }, [
      { field: 'datei', name: 'Seite 1.jpg', type: 'image/jpeg', bytes: await photo('#ddeeff') },
      { field: 'datei', name: 'Programm.pdf', type: 'application/pdf', bytes: peExecutable() },
      { field: 'datei', name: 'Seite 2.png', type: 'image/png', bytes: await scan('#ffeedd') },
      { field: 'datei', name: 'Riesig.pdf', type: 'application/pdf', bytes: Buffer.alloc(1536 * 1024, 7) },
      { field: 'datei', name: 'Zeugnis.pdf', type: 'application/pdf', bytes: await pdfkitLetter() },
    ]);
    assert.equal(res.status, 400, res.body.slice(0, 300));
    assert.match(res.body, /Programm\.pdf: Programme werden nicht angenommen/);
    assert.match(res.body, /Riesig\.pdf: Die Datei ist zu groß\. Erlaubt sind höchstens 1 MB je Datei\./);
    assert.match(res.body, /Seite 1\.jpg: hochgeladen\./);
    assert.match(res.body, /Zeugnis\.pdf: hochgeladen\./);
    assert.match(res.body, /class="kern-error-summary|kern-alert/, 'an error summary');
    const docs = await documents();
    assert.deepEqual(docs.map((d) => d.file_name).sort(), ['Seite 1.jpg', 'Seite 2.png', 'Zeugnis.pdf']);
    // Only good files: one at a time redirects as before; all good redirects with the count.
    const two = await applicant.uploadFiles('/antrag/hochladen', { evidenceItem: school }, [
      { field: 'datei', name: 'Nachtrag.pdf', type: 'application/pdf', bytes: await pdfkitLetter() },
      { field: 'datei', name: 'Foto.jpg', type: 'image/jpeg', bytes: await photo('#aabbcc') },
    ]);
    assert.equal(two.status, 303);
    assert.match(two.location ?? '', /hochgeladen=2$/);
    assert.match((await applicant.get(two.location ?? '')).body, /Hochgeladen: 2 Datei\(en\)\./);
    const none = await applicant.uploadFiles('/antrag/hochladen', { evidenceItem: school }, [
      { field: 'datei', name: '', type: 'application/octet-stream', bytes: Buffer.alloc(0) },
    ]);
    assert.match(none.location ?? '', /fehler=missing/);
    // Remove the extra two again for the next test.
    for (const d of (await documents()).filter((d) => ['Nachtrag.pdf', 'Foto.jpg'].includes(d.file_name)))
      await applicant.post(`/antrag/nachweise/dateien/${d.id}/entfernen`, { item: school });
    assert.equal((await documents()).length, 3);
  });

  test('thumbnails: a PNG or JPEG we render, no-store, nosniff, only for the owner of the draft', async () => {
    const docs = await documents();
    for (const d of docs) {
      const thumb = await applicant.download(`/antrag/nachweise/dateien/${d.id}/vorschau`);
      assert.equal(thumb.status, 200, d.file_name);
      assert.equal(thumb.headers.get('cache-control'), 'no-store');
      assert.equal(thumb.headers.get('x-content-type-options'), 'nosniff');
      const type = thumb.headers.get('content-type') ?? '';
      assert.ok(type === 'image/png' || type === 'image/jpeg', type);
      const meta = await sharp(thumb.bytes).metadata();
      assert.ok((meta.width ?? 0) <= 160 && (meta.height ?? 0) <= 160, `${meta.width}x${meta.height}`);
      const original = await buffer(await files().get(d.blob_key));
      assert.ok(!thumb.bytes.equals(original), 'never the original bytes');
      assert.equal(meta.exif, undefined, 'no metadata');
    }
    const pdf = docs.find((d) => d.content_type === 'application/pdf');
    const thumb = await applicant.download(`/antrag/nachweise/dateien/${pdf?.id}/vorschau`);
    assert.equal(thumb.headers.get('content-type'), 'image/png', 'first page of the PDF as PNG');
    // Another draft does not see these files: exactly like a file that does not exist.
    const stranger = web();
    await stranger.post('/antrag/beginnen');
    assert.equal((await stranger.download(`/antrag/nachweise/dateien/${pdf?.id}/vorschau`)).status, 404);
    assert.equal(
      (await stranger.download('/antrag/nachweise/dateien/00000000-0000-4000-8000-000000000000/vorschau'))
        .status,
      404,
    );
    assert.equal((await web().download(`/antrag/nachweise/dateien/${pdf?.id}/vorschau`)).status, 404);
  });

  test('photos combined into one PDF: one page per photo in the chosen order, the photos gone', async () => {
    const item = `/antrag/nachweise/${encodeURIComponent(school)}`;
    assert.match((await applicant.get(item)).body, /Fotos zu einem PDF zusammenfassen/);
    const before = await documents();
    const jpg = before.find((d) => d.file_name === 'Seite 1.jpg');
    const png = before.find((d) => d.file_name === 'Seite 2.png');
    assert.ok(jpg && png);
    const form = await applicant.get(`${item}/zusammenfassen`);
    assert.equal(form.status, 200);
    const tooFew = await applicant.post(`${item}/zusammenfassen`, {
      bild: [jpg.id],
      [`seite.${jpg.id}`]: '1',
    });
    assert.equal(tooFew.status, 400);
    assert.match(tooFew.body, /mindestens zwei Fotos/);
    const badPage = await applicant.post(`${item}/zusammenfassen`, {
      bild: [jpg.id, png.id],
      [`seite.${jpg.id}`]: '1',
      [`seite.${png.id}`]: 'x',
    });
    assert.equal(badPage.status, 400);
    assert.match(badPage.body, /eine Seite von 1 bis 2/);
    // The PNG (landscape) first, then the JPEG.
    const done = await applicant.post(`${item}/zusammenfassen`, {
      bild: [jpg.id, png.id],
      [`seite.${jpg.id}`]: '2',
      [`seite.${png.id}`]: '1',
    });
    assert.equal(done.status, 303, done.body.slice(0, 300));
    assert.match(done.location ?? '', /zusammengefasst=1/);
    assert.match((await applicant.get(done.location ?? '')).body, /zu einer PDF-Datei zusammengefasst/);
    const after = await documents();
    assert.ok(!after.some((d) => d.id === jpg.id || d.id === png.id), 'the photos are gone from the item');
    assert.equal(await files().exists(jpg.blob_key), false, 'and their files deleted');
    assert.equal(await files().exists(png.blob_key), false);
    // The PDF is named after its first page.
    const combined = after.find((d) => d.content_type === 'application/pdf' && d.file_name === 'Seite 2.pdf');
    assert.ok(combined, after.map((d) => d.file_name).join(', '));
    assert.equal(combined.evidence_item, school);
    const bytes = await buffer(await files().get(combined.blob_key));
    assert.equal(combined.sha256, sha256(bytes), 'the listed SHA-256 is that of the stored bytes');
    assert.equal(Number(combined.size), bytes.length);
    const info = execFileSync('pdfinfo', ['-'], { input: bytes }).toString();
    assert.match(info, /^Pages:\s+2$/m);
    assert.doesNotMatch(info, /^Author:/m, 'no personal metadata');
    const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', '2', '-'], { input: bytes }).toString();
    const [first, second] = [...sizes.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)];
    assert.ok(first && Number(first[1]) > Number(first[2]), 'page 1 is the landscape scan');
    assert.ok(second && Number(second[1]) < Number(second[2]), 'page 2 is the portrait photo');
    assert.doesNotMatch(
      (await applicant.get(item)).body,
      /Fotos zu einem PDF zusammenfassen/,
      'no two photos left',
    );
  });

  test('the office sees a preview as page pictures, audited like a download', async () => {
    const ids = await app.database.db.selectFrom('draft_documents').select('id').execute();
    assert.equal((await applicant.post('/antrag/nachweise', { action: 'later' })).status, 303);
    // Submit with every item "to follow" except the school certificate, which is provided.
    const evidence = await applicant.get('/antrag/nachweise');
    const items = [
      ...new Set([...evidence.body.matchAll(/name="evidence\.([^"]+)\.status"/g)].map((m) => m[1])),
    ];
    const statuses = Object.fromEntries(
      items.map((id) => [`evidence.${id}.status`, id === school ? 'provided' : 'to_follow']),
    );
    assert.equal(
      (await applicant.post('/antrag/nachweise', { ...statuses, action: 'continue' })).status,
      303,
    );
    const submitted = await applicant.post('/antrag/absenden');
    assert.equal(submitted.status, 303, submitted.body.slice(0, 300));
    const { id: caseId } = await app.database.db.selectFrom('cases').select('id').executeTakeFirstOrThrow();
    const docs = await app.database.db
      .selectFrom('documents')
      .select(['id', 'file_name', 'content_type'])
      .where('case_id', '=', caseId)
      .execute();
    const pdf = docs.find((d) => d.file_name === 'Seite 2.pdf');
    const letter = docs.find((d) => d.file_name === 'Zeugnis.pdf');
    assert.ok(pdf && letter, `${docs.map((d) => d.file_name)} ${ids.length}`);

    const clerk = await createStaffUser(
      app.database,
      { email: 'vorschau@example.org', name: 'Vorschau', role: 'office_clerk' },
      { masterKey },
    );
    const office = web();
    assert.equal(
      (await office.post('/anmelden', { email: clerk.email, password: clerk.password })).status,
      303,
    );
    const codePage = await office.get('/anmelden/code');
    const code = await totpCode(clerk, new Date());
    assert.equal((await office.post('/anmelden/code', { _csrf: csrfOf(codePage.body), code })).status, 303);

    const caseFile = await office.get(`/geschaeftsstelle/faelle/${caseId}`);
    assert.match(caseFile.body, new RegExp(`/dokumente/${pdf.id}/vorschau"`));
    const preview = await office.get(`/geschaeftsstelle/faelle/${caseId}/dokumente/${pdf.id}/vorschau`);
    assert.equal(preview.status, 200);
    const pages = [
      ...preview.body.matchAll(/<img[^>]+src="([^"]+\/vorschau\/\d+)"[^>]*alt="Seite \d von 2"/g),
    ].map((m) => m[1] ?? '');
    assert.equal(pages.length, 2, 'one picture per page');
    for (const src of pages) {
      const image = await office.download(src);
      assert.equal(image.status, 200);
      assert.equal(image.headers.get('content-type'), 'image/png');
      assert.equal(image.headers.get('cache-control'), 'no-store');
      assert.equal(image.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(image.bytes.subarray(1, 4).toString('latin1'), 'PNG');
    }
    assert.equal(
      (await office.download(`/geschaeftsstelle/faelle/${caseId}/dokumente/${pdf.id}/vorschau/3`)).status,
      404,
    );
    assert.equal(
      (await office.download(`/geschaeftsstelle/faelle/${caseId}/dokumente/${pdf.id}/vorschau/x`)).status,
      404,
    );
    const foreign = '00000000-0000-4000-8000-000000000000';
    assert.equal(
      (await office.download(`/geschaeftsstelle/faelle/${foreign}/dokumente/${pdf.id}/vorschau/1`)).status,
      404,
    );
    // Not logged in: no preview.
    assert.notEqual((await web().download(pages[0] ?? '')).status, 200);
    const audit = await app.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'resource_id', 'details'])
      .where('action', '=', 'document.previewed')
      .execute();
    assert.deepEqual(
      audit.map((a) => [a.actor_id, a.resource_id, (a.details as { page?: number }).page]),
      [
        [clerk.id, caseId, 1],
        [clerk.id, caseId, 2],
      ],
    );
  });

  test('after submitting, the applicant’s own filed files have thumbnails; the office’s documents do not', async () => {
    const { id: caseId } = await app.database.db.selectFrom('cases').select('id').executeTakeFirstOrThrow();
    const filed = await app.database.db
      .selectFrom('documents')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('evidence_item', '=', school)
      .execute();
    assert.ok(filed.length >= 2, 'the school certificate files were filed');
    const later = await applicant.get(`/antrag/nachreichen/${encodeURIComponent(school)}`);
    assert.equal(later.status, 200, later.body.slice(0, 300));
    for (const d of filed) {
      const src = `/antrag/nachreichen/dateien/${d.id}/vorschau`;
      assert.ok(later.body.includes(`src="${src}"`), `thumbnail of ${d.file_name} on the page`);
      const thumb = await applicant.download(src);
      assert.equal(thumb.status, 200, d.file_name);
      assert.equal(thumb.headers.get('cache-control'), 'no-store');
      assert.equal(thumb.headers.get('x-content-type-options'), 'nosniff');
      const meta = await sharp(thumb.bytes).metadata();
      assert.ok((meta.width ?? 0) <= 160 && (meta.height ?? 0) <= 160, `${meta.width}x${meta.height}`);
    }
    // A document the office filed in the same case (here: a copy of the row) is not the applicant's.
    const first = filed[0];
    assert.ok(first);
    const officeDocument = '11111111-1111-4111-8111-111111111111';
    await app.database.db
      .insertInto('documents')
      .values({
        ...first,
        size: Number(first.size),
        id: officeDocument,
        uploaded_by_role: 'office_clerk',
        evidence_item: null,
      })
      .execute();
    assert.equal(
      (await applicant.download(`/antrag/nachreichen/dateien/${officeDocument}/vorschau`)).status,
      404,
    );
    await app.database.db.deleteFrom('documents').where('id', '=', officeDocument).execute();
    // Another browser without the draft's key gets nothing.
    assert.notEqual((await web().download(`/antrag/nachreichen/dateien/${first.id}/vorschau`)).status, 200);
  });
});
