import type { Kysely } from 'kysely';
import type { UnitOfWork } from '../../application/ports.ts';
import { auditTrailIn } from './audit-log.ts';
import { authorityStatementStoreIn } from './authority-portal.ts';
import { caseDeskIn } from './case-desk.ts';
import { caseStoreIn } from './case-store.ts';
import { draftStoreIn } from './draft-store.ts';
import { filingStoreIn } from './filing-store.ts';
import { messageStoreIn } from './message-store.ts';
import { outboxIn } from './outbox-store.ts';
import { caseContacts } from './receipt-records.ts';
import { retentionScheduleIn } from './retention-store.ts';
import type { Database } from './schema.ts';
import { sessionPackStoreIn } from './session-pack-store.ts';
import { sessionStoreIn } from './session-store.ts';

/** One database transaction per use case, with every store bound to it. */
export function createUnitOfWork(db: Kysely<Database>): UnitOfWork {
  return {
    run: (work) =>
      db.transaction().execute((trx) =>
        work({
          cases: caseStoreIn(trx),
          audit: auditTrailIn(trx),
          outbox: outboxIn(trx),
          drafts: draftStoreIn(trx),
          filings: filingStoreIn(trx),
          contacts: caseContacts(trx),
          desk: caseDeskIn(trx),
          messages: messageStoreIn(trx),
          retention: retentionScheduleIn(trx),
          sessions: sessionStoreIn(trx),
          authorityStatements: authorityStatementStoreIn(trx),
          packs: sessionPackStoreIn(trx),
        }),
      ),
  };
}
