/**
 * Resident memory of a child process read from /proc (Linux), independent of the child's event
 * loop: a server busy with an upload still gets sampled on time. Elsewhere `rss()` is undefined and
 * callers fall back to asking the child over IPC.
 */
import { readFileSync, writeFileSync } from 'node:fs';

function field(pid: number, name: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** Current resident set in MB, or undefined where /proc is not available. */
export function rss(pid: number): number | undefined {
  return field(pid, 'VmRSS');
}

/** Peak resident set (VmHWM) in MB since the start or the last resetPeak(). */
export function peakRss(pid: number): number | undefined {
  return field(pid, 'VmHWM');
}

/** Resets VmHWM to the current RSS (`echo 5 > /proc/PID/clear_refs`); false where that is not allowed. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples `read()` every `intervalMs` until stop(); returns the samples and their maximum. */
export function sampler(read: () => Promise<number | undefined> | number | undefined, intervalMs = 100) {
  const samples: number[] = [];
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    Promise.resolve(read())
      .then((v) => {
        if (v !== undefined) samples.push(v);
      })
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { samples, max: samples.length > 0 ? Math.max(...samples) : Number.NaN };
    },
  };
}
