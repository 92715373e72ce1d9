/** autocannon in this (the parent) process against a server in a child process. */
import autocannon from 'autocannon';

export interface LoadOptions {
  connections: number;
  warmupSeconds: number;
  seconds: number;
  /** Sent with every request (e.g. the draft cookie). */
  headers?: Record<string, string>;
}

export interface LoadFigures {
  /** Successful (2xx) responses per second over the measured window. */
  rps: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyP50: number;
  latencyP99: number;
  bytesPerResponse: number;
}

function once(
  url: string,
  connections: number,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<autocannon.Result> {
  return autocannon({ url, connections, pipelining: 1, duration: seconds, timeout: 10, headers });
}

export async function measure(url: string, options: LoadOptions): Promise<LoadFigures> {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`nur Loopback erlaubt: ${url}`);
  if (options.warmupSeconds > 0) await once(url, options.connections, options.warmupSeconds, options.headers);
  const r = await once(url, options.connections, options.seconds, options.headers);
  const ok = r['2xx'];
  return {
    rps: ok / r.duration,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    latencyP50: r.latency.p50,
    latencyP99: r.latency.p99,
    bytesPerResponse: r.requests.total > 0 ? r.throughput.total / r.requests.total : 0,
  };
}
