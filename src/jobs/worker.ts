/**
 * The outbox worker: claims due jobs, runs the handler of each job's kind, settles it.
 * Runs in-process by default (WORKER=inline) or as its own process (npm run worker).
 */
import type { ClaimedJob, OutboxQueue } from '../application/ports.ts';

export type JobHandler = (job: ClaimedJob) => Promise<void>;

export interface WorkerLog {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

export interface WorkerOptions {
  queue: OutboxQueue;
  handlers: Record<string, JobHandler>;
  log: WorkerLog;
  pollMs?: number;
  batchSize?: number;
  /** How long a claimed job stays leased; a killed worker's jobs come back after it. */
  leaseSeconds?: number;
}

export interface Worker {
  /** Runs one claim-and-settle round; returns how many jobs it handled. */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/** Thrown by a handler when retrying cannot help (e.g. an invalid payload): the job fails at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** Error text for the outbox row: the error's class and code only, never its message (it may hold addresses). */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${typeof code === 'string' ? ` (${code})` : ''}`;
  }
  return 'Unbekannter Fehler';
}

/** Creates a worker over the outbox queue with one handler per job kind. */
export function createWorker(options: WorkerOptions): Worker {
  const { queue, handlers, log } = options;
  const pollMs = options.pollMs ?? 1000;
  const batchSize = options.batchSize ?? 10;
  const leaseSeconds = options.leaseSeconds ?? 120;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  async function handle(job: ClaimedJob): Promise<void> {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw Object.assign(new Error('no handler'), { name: 'UnknownJobKind', code: job.kind });
      await handler(job);
      if (!(await queue.complete(job))) {
        log.warn({ jobId: job.id, kind: job.kind }, 'Auftrag erledigt, aber die Reservierung war abgelaufen');
      }
    } catch (error) {
      const reason = describeFailure(error);
      const outcome = await queue.fail(job, reason, error instanceof PermanentJobError);
      const entry = { jobId: job.id, kind: job.kind, attempt: job.attempts, reason };
      if (outcome === 'failed') log.error(entry, 'Auftrag endgültig fehlgeschlagen');
      else if (outcome === 'retry') log.warn(entry, 'Auftrag fehlgeschlagen, neuer Versuch folgt');
      else log.warn(entry, 'Auftrag fehlgeschlagen, die Reservierung war abgelaufen');
    }
  }

  async function runOnce(): Promise<number> {
    const jobs = await queue.claim(batchSize, leaseSeconds);
    for (const job of jobs) await handle(job);
    return jobs.length;
  }

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .then((n) => schedule(n === batchSize ? 0 : pollMs))
        .catch((error: unknown) => {
          log.error({ reason: describeFailure(error) }, 'Outbox nicht erreichbar');
          schedule(pollMs * 5);
        });
    }, delay);
    timer.unref?.();
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
