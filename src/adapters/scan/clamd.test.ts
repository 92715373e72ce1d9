import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import {
  type Clamd,
  clamdSkipReason,
  EICAR,
  EICAR_SIGNATURE,
  startClamd,
} from '../../../test/support/clamd.ts';
import { VirusScannerUnavailableError } from '../../application/ports.ts';
import { createClamdScanner } from './clamd.ts';
import { pdfkitLetter, pdfWithCatalog, streamObject } from './test-support.ts';

const skip = clamdSkipReason();
const open =
  (data: Buffer, chunk = 1000) =>
  async () =>
    Readable.from(
      (function* () {
        for (let at = 0; at < data.length; at += chunk) yield data.subarray(at, at + chunk);
      })(),
    );

describe('clamd (the real daemon with a test signature)', { skip }, () => {
  let clamd: Clamd;
  before(async () => {
    clamd = await startClamd();
  });
  after(async () => {
    await clamd?.stop();
  });

  test('a clean PDF is clean, over the unix socket and over TCP', async () => {
    const pdf = await pdfkitLetter();
    for (const address of [{ socket: clamd.socket }, { host: clamd.host, port: clamd.port }]) {
      const scanner = createClamdScanner({ address });
      assert.equal(await scanner.ping(), true);
      assert.deepEqual(await scanner.scan(open(pdf)), { clean: true });
    }
  });

  test('the EICAR string is found alone, inside a PDF and across chunk borders', async () => {
    const scanner = createClamdScanner({ address: { socket: clamd.socket } });
    assert.deepEqual(await scanner.scan(open(EICAR)), { clean: false, signature: EICAR_SIGNATURE });
    const pdf = pdfWithCatalog('', [streamObject('', EICAR)]);
    assert.deepEqual(await scanner.scan(open(pdf, 7)), { clean: false, signature: EICAR_SIGNATURE });
  });

  test('a file larger than one protocol chunk goes through whole (found at its end)', async () => {
    const scanner = createClamdScanner({ address: { socket: clamd.socket } });
    const big = Buffer.concat([Buffer.alloc(300 * 1024, 0x20), EICAR]);
    assert.deepEqual(await scanner.scan(open(big, 100_000)), { clean: false, signature: EICAR_SIGNATURE });
    assert.deepEqual(await scanner.scan(open(Buffer.alloc(300 * 1024, 0x20))), { clean: true });
  });

  test('several scans at once each get their own answer', async () => {
    const scanner = createClamdScanner({ address: { socket: clamd.socket } });
    const pdf = await pdfkitLetter();
    const verdicts = await Promise.all([EICAR, pdf, EICAR, pdf].map((d) => scanner.scan(open(d))));
    assert.deepEqual(
      verdicts.map((v) => v.clean),
      [false, true, false, true],
    );
  });
});

describe('clamd not there', () => {
  test('no socket: unreachable, never clean', async () => {
    const scanner = createClamdScanner({ address: { socket: join(tmpdir(), 'hfk-no-such-clamd.sock') } });
    assert.equal(await scanner.ping(), false);
    await assert.rejects(
      scanner.scan(open(EICAR)),
      (error: unknown) => error instanceof VirusScannerUnavailableError && error.reason === 'unreachable',
    );
  });

  test('a closed TCP port: unreachable', async () => {
    const server = createServer();
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
    await new Promise((r) => server.close(r));
    const scanner = createClamdScanner({ address: { host: '127.0.0.1', port } });
    await assert.rejects(
      scanner.scan(open(EICAR)),
      (error: unknown) => error instanceof VirusScannerUnavailableError && error.reason === 'unreachable',
    );
  });

  test('a daemon that never answers: timeout; one that answers nonsense: protocol', async () => {
    const sockets: import('node:net').Socket[] = [];
    const silent: Server = createServer((socket) => {
      sockets.push(socket);
      socket.resume();
    });
    const port = await new Promise<number>((resolve) =>
      silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port)),
    );
    const started = Date.now();
    const scanner = createClamdScanner({ address: { host: '127.0.0.1', port }, scanTimeoutMs: 300 });
    await assert.rejects(
      scanner.scan(open(EICAR)),
      (error: unknown) => error instanceof VirusScannerUnavailableError && error.reason === 'timeout',
    );
    assert.ok(Date.now() - started < 3000);
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));

    const odd = createServer((socket) => {
      socket.once('data', () => socket.end('UNKNOWN COMMAND\0'));
    });
    const oddPort = await new Promise<number>((resolve) =>
      odd.listen(0, '127.0.0.1', () => resolve((odd.address() as { port: number }).port)),
    );
    await assert.rejects(
      createClamdScanner({ address: { host: '127.0.0.1', port: oddPort } }).scan(open(EICAR)),
      (error: unknown) => error instanceof VirusScannerUnavailableError && error.reason === 'protocol',
    );
    await new Promise((r) => odd.close(r));
  });
});
