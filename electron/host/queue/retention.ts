import type { Database } from 'better-sqlite3';
import { purgeAccepted } from '../store/repos/submissions';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Drops the personal data of submissions the platform accepted more than `retentionDays`
 * ago, keeping reference, service, dates and state; each purge is audited.
 */
export function purgeExpired(db: Database, opts: { retentionDays: number; now: number }): string[] {
  return purgeAccepted(db, opts.now - opts.retentionDays * DAY_MS, opts.now, { actor: 'kiosk', detail: { retentionDays: opts.retentionDays } });
}
