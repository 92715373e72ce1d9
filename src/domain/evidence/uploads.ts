/** Which checklist items marked "provided" still lack an uploaded file. */
import type { FieldError } from '../application/errors.ts';
import type { EvidenceItem } from './checklist.ts';
import { evidenceStatusPath } from './status.ts';

export const UPLOAD_MISSING_MESSAGE =
  'Sie haben angegeben, dass dieser Nachweis vorliegt. Bitte laden Sie ihn hoch oder wählen Sie „wird nachgereicht“.';

/** Field errors for every item whose status is "provided" but that has no file attached. */
export function missingUploads(
  items: readonly EvidenceItem[],
  statuses: Readonly<Record<string, { status?: string | undefined } | undefined>>,
  uploadedItemIds: ReadonlySet<string>,
): FieldError[] {
  return items
    .filter((i) => Object.hasOwn(statuses, i.id) && statuses[i.id]?.status === 'provided')
    .filter((i) => !uploadedItemIds.has(i.id))
    .map((i) => ({ path: evidenceStatusPath(i.id), message: UPLOAD_MISSING_MESSAGE }));
}
