/** Minimal loopback HTTP helpers: raw bytes (no automatic decompression) and start-up polling. */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** GET without Accept-Encoding, so the server sends the identity bytes; loopback only. */
export function getRaw(url: string, timeoutMs = 10_000): Promise<RawResponse> {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') return Promise.reject(new Error(`nur Loopback erlaubt: ${url}`));
  return new Promise((resolve, reject) => {
    const req = request(target, { method: 'GET', timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`Zeitüberschreitung: ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Polls `url` until it answers 200, every `intervalMs`; throws after `timeoutMs` or as soon as
 * `failed()` names a reason (e.g. the child exited).
 */
export async function waitFor200(
  url: string,
  options: { timeoutMs: number; intervalMs?: number; failed?: () => string | undefined },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 10;
  for (;;) {
    const reason = options.failed?.();
    if (reason) throw new Error(reason);
    try {
      const res = await getRaw(url, 2_000);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} antwortet nach ${options.timeoutMs} ms nicht mit 200`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
