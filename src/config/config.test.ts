import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

const KEY = `AGE-SECRET-KEY-1${'Q'.repeat(58)}`;

test('the embedded default needs no configuration at all', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.masterKey, undefined);
  assert.equal(c.publicUrl, 'http://localhost:3000');
  assert.match(c.paths.pglite, /data\/db$/);
});

test('DATA_DIR moves every path', () => {
  const c = loadConfig({ DATA_DIR: '/tmp/hfk-x' });
  assert.equal(c.paths.files, '/tmp/hfk-x/files');
  assert.equal(c.paths.mail, '/tmp/hfk-x/mail');
});

test('bad values are reported by variable, all at once, in German', () => {
  try {
    loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://mail' });
    assert.fail('expected a ConfigError');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.problems.length, 3);
    assert.match(error.message, /PORT: muss eine Zahl sein/);
    assert.match(error.message, /DATABASE_URL: muss mit postgres/);
    assert.match(error.message, /SMTP_URL/);
  }
});

test('production refuses missing secrets', () => {
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production' }),
    (e: unknown) =>
      e instanceof ConfigError &&
      e.problems.some((p) => p.startsWith('MASTER_KEY')) &&
      e.problems.some((p) => p.startsWith('SESSION_SECRET')) &&
      e.problems.some((p) => p.startsWith('PUBLIC_URL')),
  );
});

test('production refuses weak secrets and plain http', () => {
  assert.throws(
    () =>
      loadConfig({
        NODE_ENV: 'production',
        MASTER_KEY: KEY,
        SESSION_SECRET: 'changeme-changeme-changeme-changeme',
        PUBLIC_URL: 'http://example.org',
      }),
    (e: unknown) =>
      e instanceof ConfigError &&
      e.problems.some((p) => /SESSION_SECRET: ist zu schwach/.test(p)) &&
      e.problems.some((p) => /https/.test(p)),
  );
  assert.throws(
    () => loadConfig({ MASTER_KEY: 'AGE-SECRET-KEY-1short' }),
    /MASTER_KEY: muss ein age-Schlüssel/,
  );
});

test('production starts with strong secrets', () => {
  const c = loadConfig({
    NODE_ENV: 'production',
    MASTER_KEY: KEY,
    SESSION_SECRET: 'k8#Vq2!zL0pR7wX4nB9mT1cY6hJ3sD5fG',
    PUBLIC_URL: 'https://haertefall.example/',
  });
  assert.equal(c.publicUrl, 'https://haertefall.example');
});

test('virus scanning is off unless clamd is named, by socket or by host and port', () => {
  assert.equal(loadConfig({}).virusScan, null);
  assert.deepEqual(loadConfig({ CLAMD_SOCKET: '/run/clamav/clamd.ctl' }).virusScan, {
    address: { socket: '/run/clamav/clamd.ctl' },
    timeoutMs: 60_000,
  });
  assert.deepEqual(loadConfig({ CLAMD_HOST: 'scanner.intern', CLAMD_TIMEOUT_S: '5' }).virusScan, {
    address: { host: 'scanner.intern', port: 3310 },
    timeoutMs: 5000,
  });
  assert.deepEqual(loadConfig({ CLAMD_HOST: '127.0.0.1', CLAMD_PORT: '3311' }).virusScan?.address, {
    host: '127.0.0.1',
    port: 3311,
  });
});

test('clamd settings that contradict or make no sense are refused in German', () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      return error.problems;
    }
  };
  assert.match(problems({ CLAMD_SOCKET: 'clamd.sock' }).join(), /CLAMD_SOCKET: muss ein absoluter Pfad/);
  assert.match(
    problems({ CLAMD_SOCKET: '/run/clamd.sock', CLAMD_HOST: 'x' }).join(),
    /entweder CLAMD_SOCKET oder CLAMD_HOST/,
  );
  assert.match(problems({ CLAMD_PORT: '3310' }).join(), /CLAMD_PORT: braucht CLAMD_HOST/);
  assert.match(problems({ CLAMD_HOST: 'x', CLAMD_PORT: '70000' }).join(), /CLAMD_PORT: muss zwischen/);
  assert.match(problems({ CLAMD_HOST: 'x y' }).join(), /CLAMD_HOST: muss ein Rechnername/);
  assert.match(problems({ CLAMD_SOCKET: '/s', CLAMD_TIMEOUT_S: '0' }).join(), /CLAMD_TIMEOUT_S/);
});
