/**
 * Housekeeping through the outbox, so that any number of instances run it once an hour: expired
 * drafts with their files, unfinished uploads and ended login sessions are deleted. Each run queues
 * the next one under the next hour's key; a key that exists already is not queued twice.
 */
import type { JobHandler } from './worker.ts';

export const MAINTENANCE_JOB = 'maintenance.purge';
const HOUR = 60 * 60 * 1000;

/** The outbox key of the run in the hour that contains `at`. */
export function maintenanceKey(at: Date): string {
  return `maintenance:${new Date(Math.floor(at.getTime() / HOUR) * HOUR).toISOString()}`;
}

export interface MaintenanceDeps {
  /** Each returns how many things it deleted. */
  purges: Record<string, () => Promise<number>>;
  /** Queues a maintenance job with this key to run after `at`. */
  schedule(key: string, at: Date): Promise<void>;
  now(): Date;
  log: { info(obj: Record<string, unknown>, msg: string): void };
}

export function maintenanceJobHandler(deps: MaintenanceDeps): JobHandler {
  return async () => {
    const counts: Record<string, number> = {};
    for (const [name, purge] of Object.entries(deps.purges)) counts[name] = await purge();
    deps.log.info(counts, 'Aufräumen erledigt');
    const next = new Date(deps.now().getTime() + HOUR);
    await deps.schedule(maintenanceKey(next), next);
  };
}
