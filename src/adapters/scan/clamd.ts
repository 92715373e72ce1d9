/**
 * ClamAV's daemon (clamd) over its own protocol, on a unix socket or TCP: `zINSTREAM\0`, then the file in
 * chunks (each preceded by its length as 4 bytes big-endian), a zero length to end it, and one answer
 * ending in NUL: `stream: OK`, `stream: <signature> FOUND` or `… ERROR`. Anything but a clear answer in
 * time is an error: a file the scanner could not check is never reported clean.
 */
import { createConnection, type Socket } from 'node:net';
import type { Readable } from 'node:stream';
import {
  type VirusScanner,
  VirusScannerUnavailableError,
  type VirusScanVerdict,
} from '../../application/ports.ts';

export type ClamdAddress = { socket: string } | { host: string; port: number };

export interface ClamdOptions {
  address: ClamdAddress;
  /** Longest wait for the connection, in ms (default 2 s). */
  connectTimeoutMs?: number;
  /** Longest time for a whole scan, from connecting to the answer, in ms (default 60 s). */
  scanTimeoutMs?: number;
}

/** clamd reads a stream in chunks; 64 KiB keeps the memory small and the calls few. */
const CHUNK = 64 * 1024;
const FOUND = /^stream: (.+) FOUND$/;

/** One request/answer exchange; `send` writes the request (awaiting drain), the answer is read up to NUL. */
function exchange(
  options: ClamdOptions,
  timeoutMs: number,
  send: (socket: Socket) => Promise<void>,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket =
      'socket' in options.address
        ? createConnection({ path: options.address.socket })
        : createConnection({ host: options.address.host, port: options.address.port });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (error: Error | null, answer?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      socket.destroy();
      if (error) reject(error);
      else resolve(answer ?? '');
    };
    const answer = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\0');
      return end >= 0 ? text.slice(0, end) : null;
    };
    const connectTimer = setTimeout(
      () => finish(new VirusScannerUnavailableError('timeout')),
      options.connectTimeoutMs ?? 2000,
    );
    const totalTimer = setTimeout(() => finish(new VirusScannerUnavailableError('timeout')), timeoutMs);
    socket.on('data', (data: Buffer) => {
      chunks.push(data);
      const text = answer();
      if (text !== null) finish(null, text.trim());
    });
    socket.on('end', () => {
      // Some clamd versions close without the NUL after an error line.
      const text = Buffer.concat(chunks).toString('utf8').replace(/\0/g, '').trim();
      if (text) finish(null, text);
      else finish(new VirusScannerUnavailableError('protocol'));
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // clamd may close early (size limit) while we still write: its answer may already be here.
      const text = answer();
      if (text !== null) return finish(null, text.trim());
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') {
        // Give a last answer a moment to arrive before giving up.
        setTimeout(() => finish(new VirusScannerUnavailableError('protocol')), 50);
        return;
      }
      finish(new VirusScannerUnavailableError('unreachable'));
    });
    socket.once('connect', () => {
      clearTimeout(connectTimer);
      send(socket).catch((error: unknown) => {
        // A file that cannot be read is no fault of the scanner's; socket errors come as 'error' events.
        if (error instanceof ContentReadError) finish(error.cause as Error);
      });
    });
  });
}

function write(socket: Socket, data: Buffer): Promise<void> {
  if (socket.destroyed) return Promise.reject(new Error('socket closed'));
  if (socket.write(data)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      socket.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      socket.off('drain', onDrain);
      reject(new Error('socket closed'));
    };
    socket.once('drain', onDrain);
    socket.once('close', onClose);
  });
}

function lengthOf(n: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(n);
  return out;
}

class ContentReadError extends Error {}

async function streamInto(socket: Socket, content: Readable): Promise<void> {
  await write(socket, Buffer.from('zINSTREAM\0', 'latin1'));
  const pieces = content[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<unknown>;
    try {
      next = await pieces.next();
    } catch (error) {
      throw new ContentReadError('file not readable', { cause: error });
    }
    if (next.done) break;
    const value = next.value;
    const buffer = Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array);
    for (let at = 0; at < buffer.length; at += CHUNK) {
      const chunk = buffer.subarray(at, at + CHUNK);
      await write(socket, Buffer.concat([lengthOf(chunk.length), chunk]));
    }
  }
  await write(socket, lengthOf(0));
}

/** A VirusScanner that asks clamd. */
export function createClamdScanner(options: ClamdOptions): VirusScanner {
  const scanTimeoutMs = options.scanTimeoutMs ?? 60_000;
  return {
    async scan(open): Promise<VirusScanVerdict> {
      const content = await open();
      let answer: string;
      try {
        answer = await exchange(options, scanTimeoutMs, (socket) => streamInto(socket, content));
      } finally {
        content.destroy();
      }
      if (answer === 'stream: OK') return { clean: true };
      const found = FOUND.exec(answer);
      if (found?.[1]) return { clean: false, signature: found[1] };
      if (/size limit exceeded/i.test(answer)) throw new VirusScannerUnavailableError('limit');
      throw new VirusScannerUnavailableError('protocol');
    },
    async ping() {
      try {
        const answer = await exchange(options, options.connectTimeoutMs ?? 2000, (socket) =>
          write(socket, Buffer.from('zPING\0', 'latin1')),
        );
        return answer === 'PONG';
      } catch {
        return false;
      }
    },
  };
}

/** Where the scanner is, for the startup log (a socket path or host:port, never file contents). */
export function describeClamd(address: ClamdAddress): string {
  return 'socket' in address ? `clamd über ${address.socket}` : `clamd über ${address.host}:${address.port}`;
}
