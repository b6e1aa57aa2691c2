import type { Database } from 'better-sqlite3';
import type { Logger } from '../log/logger';
import { markFailed, markSent, scheduleRetry, type SubmissionRow } from '../store/repos/submissions';
import { retryDelay } from './backoff';
import { safeReason, type SubmitResponse } from './uplink-protocol';

/** What a push did to the outbox, counted as it goes. */
export interface Tally {
  sent: number;
  failed: number;
  retried: number;
}

/** Takes rows out of the queue for good, audited; staff see them and can send them again. */
export function failRows(db: Database, rows: readonly SubmissionRow[], code: string, now: number, log: Logger, tally: Tally): void {
  db.transaction(() => {
    for (const row of rows) {
      markFailed(db, row.reference, { now, error: code }, { actor: 'sync', detail: { error: code, attempts: row.attempts + 1 } });
      log.error('uplink.submissionFailed', { reference: row.reference, error: code, attempts: row.attempts + 1 });
      tally.failed += 1;
    }
  })();
}

/**
 * Schedules another try for each row (Retry-After when given, else backoff drawn from `u`),
 * or fails the rows whose retry budget is spent. Returns the shortest delay scheduled, if any.
 */
export function retryRows(
  db: Database,
  rows: readonly SubmissionRow[],
  opts: { code: string; now: number; retryAfterMs: number | undefined; u: number; maxAttempts: number; baseDelayMs: number; maxDelayMs: number },
  log: Logger,
  tally: Tally,
): number | undefined {
  let earliest: number | undefined;
  let latest = 0;
  db.transaction(() => {
    for (const row of rows) {
      if (row.attempts + 1 >= opts.maxAttempts) {
        failRows(db, [row], opts.code, opts.now, log, tally);
        continue;
      }
      // The same u for the whole batch: rows that failed together at the same attempt stay together.
      const delay = retryDelay({ ...opts, attempts: row.attempts, random: () => opts.u });
      earliest = Math.min(earliest ?? delay, delay);
      latest = Math.max(latest, delay);
      scheduleRetry(db, row.reference, { now: opts.now, nextAttemptAt: opts.now + delay, error: opts.code }, { actor: 'sync', detail: { error: opts.code, attempts: row.attempts + 1 } });
      tally.retried += 1;
    }
  })();
  log.warn('uplink.retryScheduled', { count: rows.length, error: opts.code, maxDelayMs: latest, retryAfter: opts.retryAfterMs !== undefined });
  return earliest;
}

/** Applies the platform's per-item results in one transaction; returns the rows it gave no result for. */
export function recordSubmitResults(db: Database, rows: readonly SubmissionRow[], answer: SubmitResponse, now: number, log: Logger, tally: Tally): SubmissionRow[] {
  const results = new Map(answer.results.map((r) => [r.reference, r]));
  const missing: SubmissionRow[] = [];
  db.transaction(() => {
    for (const row of rows) {
      const result = results.get(row.reference);
      if (result === undefined) missing.push(row);
      else if (result.status === 'invalid') failRows(db, [row], `invalid:${safeReason(result.reason) ?? 'unspecified'}`, now, log, tally);
      else {
        markSent(db, row.reference, now, { actor: 'sync', detail: { result: result.status, attempts: row.attempts + 1 } });
        tally.sent += 1;
      }
    }
  })();
  log.info('uplink.batchAnswered', { count: rows.length, sent: rows.length - missing.length, missing: missing.length });
  return missing;
}
