import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadLetterhead, loadProfile, ProfileError } from './profiles.ts';

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

test('a profile is found in PROFILES_DIR by its id and must carry that id', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hfk-profile-'));
  const nrw = JSON.parse(
    readFileSync(new URL('../../../content/profiles/nrw.json', import.meta.url), 'utf8'),
  );
  writeFileSync(join(dir, 'land-y.json'), JSON.stringify({ ...nrw, id: 'land-y' }));
  writeFileSync(join(dir, 'renamed.json'), JSON.stringify({ ...nrw, id: 'land-y' }));
  assert.equal((await loadProfile('land-y', dir)).id, 'land-y');
  await assert.rejects(
    loadProfile('renamed', dir),
    (e: unknown) =>
      e instanceof ProfileError && /enthält das Profil „land-y“ statt „renamed“/.test(e.message),
  );
});

test('the letterhead comes from <id>.letterhead.json beside the profile, else from the shipped ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hfk-letterhead-'));
  assert.match((await loadLetterhead('nrw', dir)).officeName, /Nordrhein-Westfalen/);
  await assert.rejects(
    loadLetterhead('land-y', dir),
    /land-y\.letterhead\.json ist ungültig:\n.*Datei fehlt, und für dieses Profil ist kein Briefkopf mitgeliefert/,
  );
  const head = {
    officeName: 'Geschäftsstelle Land Y',
    lines: ['Ministerium Y'],
    contact: [],
    returnAddress: 'Geschäftsstelle Land Y · 11111 Y-Stadt',
    place: 'Y-Stadt',
    signature: ['Mit freundlichen Grüßen'],
    footer: 'Fußzeile.',
    toBeConfirmedByOffice: true,
  };
  writeFileSync(join(dir, 'land-y.letterhead.json'), JSON.stringify(head));
  assert.deepEqual(await loadLetterhead('land-y', dir), head);
  writeFileSync(join(dir, 'bad.letterhead.json'), JSON.stringify({ ...head, place: '', extra: 1 }));
  await assert.rejects(
    loadLetterhead('bad', dir),
    (e: unknown) =>
      e instanceof ProfileError &&
      e.problems.some((p) => p.startsWith('place')) &&
      e.problems.some((p) => /extra/.test(p)),
  );
  writeFileSync(join(dir, 'broken.letterhead.json'), '{');
  await assert.rejects(loadLetterhead('broken', dir), /kein gültiges JSON/);
});
