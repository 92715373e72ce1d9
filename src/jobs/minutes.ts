import { z } from 'zod';
import type { SessionUseCases } from '../application/sessions.ts';
import { type JobHandler, PermanentJobError } from './worker.ts';

export { MINUTES_JOB_KIND as MINUTES_JOB } from '../application/sessions.ts';

const payloadSchema = z.object({ sessionId: z.uuid() });

/** Renders the approved minutes of a session as PDF/A and stores them (once). */
export function minutesJobHandler(sessions: Pick<SessionUseCases, 'issueMinutes'>): JobHandler {
  return async (job) => {
    const parsed = payloadSchema.safeParse(job.payload);
    if (!parsed.success) throw new PermanentJobError('invalid minutes payload');
    await sessions.issueMinutes(parsed.data.sessionId);
  };
}
