import type { Database } from 'better-sqlite3';
import { appendAudit } from '../store/repos/audit-log';
import { purgeAccepted } from '../store/repos/submissions';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Drops the personal data of submissions the platform accepted more than `retentionDays`
 * ago, keeping reference, service, dates and state; each purge is audited.
 */
export function purgeExpired(db: Database, opts: { retentionDays: number; now: number }): string[] {
  return db.transaction(() => {
    const purged = purgeAccepted(db, opts.now - opts.retentionDays * DAY_MS, opts.now);
    for (const reference of purged) {
      appendAudit(db, { actor: 'kiosk', action: 'submission.purged', subject: reference, detail: { retentionDays: opts.retentionDays } }, opts.now);
    }
    return purged;
  })();
}
