import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadProfile, ProfileError } from './profiles.ts';

test('the NRW profile loads', async () => {
  const nrw = await loadProfile('nrw');
  assert.equal(nrw.id, 'nrw');
});

test('a missing, unparsable or invalid profile is refused with German reasons', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hfk-profile-'));
  writeFileSync(join(dir, 'broken.json'), '{"id": ');
  writeFileSync(join(dir, 'wrong.json'), JSON.stringify({ id: 'wrong', quorum: 'half' }));
  await assert.rejects(
    loadProfile('fehlt', dir),
    (e: unknown) => e instanceof ProfileError && /Datei fehlt/.test(e.message),
  );
  await assert.rejects(loadProfile('broken', dir), /kein gültiges JSON/);
  await assert.rejects(
    loadProfile('wrong', dir),
    (e: unknown) =>
      e instanceof ProfileError && e.problems.length > 3 && e.problems.some((p) => p.startsWith('quorum')),
  );
});
