import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { acquirePidLock, DataDirLockedError } from './lock.ts';

test('a second opener is refused while the first holds the lock', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'hfk-lock-')), 'db.lock');
  const release = acquirePidLock(file);
  // A live foreign pid: our parent.
  writeFileSync(file, String(process.ppid));
  assert.throws(() => acquirePidLock(file), DataDirLockedError);
  writeFileSync(file, String(process.pid));
  release();
  const again = acquirePidLock(file);
  assert.equal(readFileSync(file, 'utf8'), String(process.pid));
  again();
});

test('a lock left by a dead process is taken over', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'hfk-lock-')), 'db.lock');
  const dead = spawnSync(process.execPath, [
    '-e',
    'process.stdout.write(String(process.pid))',
  ]).stdout.toString();
  writeFileSync(file, dead);
  const release = acquirePidLock(file);
  assert.equal(readFileSync(file, 'utf8'), String(process.pid));
  release();
});
