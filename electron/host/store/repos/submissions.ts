import type { Database } from 'better-sqlite3';
import { cachedStatement, cachedTransaction } from '../statements';
import { auditRowChange, type AuditNote } from './row-audit';

export type SubmissionState = 'queued' | 'sending' | 'sent' | 'accepted' | 'rejected' | 'failed';

export interface NewSubmission {
  submissionKey: string;
  serviceId: string;
  lang: string;
  /** The applicant and answers, sealed: personal data never reaches this table in clear. */
  payload: Buffer;
  /** Station staff review it before it goes on. */
  needsReview: boolean;
  now: number;
}

export interface SubmissionRow {
  id: number;
  reference: string;
  submissionKey: string;
  serviceId: string;
  state: SubmissionState;
  lang: string;
  /** Sealed; null once purged after the retention period. */
  payload: Buffer | null;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  remoteStatus: string | null;
  remoteReason: string | null;
  createdAt: number;
  updatedAt: number;
  acceptedAt: number | null;
  purgedAt: number | null;
  needsReview: number;
}

const COLUMNS = `id, reference, submission_key AS submissionKey, service_id AS serviceId, state, lang, payload,
  attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError, remote_status AS remoteStatus,
  remote_reason AS remoteReason, created_at AS createdAt, updated_at AS updatedAt, accepted_at AS acceptedAt,
  purged_at AS purgedAt, needs_review AS needsReview`;

/** The reference already queued under this submission key, if any. */
export function findReferenceByKey(db: Database, submissionKey: string): string | undefined {
  const row = cachedStatement(db, 'SELECT reference FROM submissions WHERE submission_key = ?').get(submissionKey) as
    | { reference: string }
    | undefined;
  return row?.reference;
}

/** True when a reference is taken; references are unique per kiosk. */
export function referenceExists(db: Database, reference: string): boolean {
  return cachedStatement(db, 'SELECT 1 FROM submissions WHERE reference = ?').get(reference) !== undefined;
}

/**
 * Inserts a queued submission, audited; returns false when the submission key is already queued.
 * Every function here that changes a submission's state or data writes its audit entry (with
 * the row's digest) in the same transaction.
 */
export function insertSubmission(db: Database, reference: string, s: NewSubmission, note: AuditNote): boolean {
  return cachedTransaction(db, insertAudited)(reference, s, note);
}

function insertAudited(db: Database, reference: string, s: NewSubmission, note: AuditNote): boolean {
  const info = cachedStatement(
    db,
    `INSERT INTO submissions (reference, submission_key, service_id, state, lang, payload, needs_review, created_at, updated_at)
     VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?)
     ON CONFLICT (submission_key) DO NOTHING`,
  ).run(reference, s.submissionKey, s.serviceId, s.lang, s.payload, s.needsReview ? 1 : 0, s.now, s.now);
  if (info.changes === 1) auditRowChange(db, 'submission', reference, 'queued', note, s.now);
  return info.changes === 1;
}

/** One submission by its reference. */
export function getSubmission(db: Database, reference: string): SubmissionRow | undefined {
  return cachedStatement(db, `SELECT ${COLUMNS} FROM submissions WHERE reference = ?`).get(reference) as SubmissionRow | undefined;
}

/** Newest first, for staff review; `before` pages by (createdAt, id) of the last row seen. */
export function listSubmissions(
  db: Database,
  opts: { state?: SubmissionState; limit: number; before?: { createdAt: number; id: number } },
): SubmissionRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (opts.state) {
    where.push('state = ?');
    args.push(opts.state);
  }
  if (opts.before) {
    where.push('(created_at, id) < (?, ?)');
    args.push(opts.before.createdAt, opts.before.id);
  }
  const sql = `SELECT ${COLUMNS} FROM submissions ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY created_at DESC, id DESC LIMIT ?`;
  return cachedStatement(db, sql).all(...args, opts.limit) as SubmissionRow[];
}

/** How many submissions are in the queue (from the counts by state, never a scan of the table). */
export function countSubmissions(db: Database): number {
  return Object.values(countByState(db)).reduce((a, b) => a + b, 0);
}

/** The states whose rows are few at any time (the backlog): counted through submissions_state_created. */
const LIVE_STATES = ['queued', 'sending', 'failed'] as const satisfies readonly SubmissionState[];

/**
 * Submission counts by state, for staff, the sync status and the heartbeat. The settled states
 * are the whole history and are read from submission_counts, which triggers keep in the same
 * transaction as every state change (migration 0012); the live ones are counted by index.
 */
export function countByState(db: Database): Record<SubmissionState, number> {
  const counts: Record<SubmissionState, number> = { queued: 0, sending: 0, sent: 0, accepted: 0, rejected: 0, failed: 0 };
  const live = cachedStatement(db, 'SELECT count(*) FROM submissions WHERE state = ?', { pluck: true });
  for (const state of LIVE_STATES) counts[state] = live.get(state) as number;
  for (const row of cachedStatement(db, 'SELECT state, n FROM submission_counts').all() as { state: SubmissionState; n: number }[]) {
    counts[row.state] = row.n;
  }
  return counts;
}

/**
 * Takes up to `limit` submissions that are due for sending and marks them 'sending'.
 * Rows left in 'sending' by a crash are due again: the idempotency key makes that safe.
 */
export function claimDue(db: Database, now: number, limit: number): SubmissionRow[] {
  return db.transaction(() => {
    const rows = cachedStatement(db, `SELECT ${COLUMNS} FROM submissions WHERE state IN ('queued', 'sending') AND next_attempt_at <= ? ORDER BY id LIMIT ?`).all(
      now,
      limit,
    ) as SubmissionRow[];
    const mark = cachedStatement(db, "UPDATE submissions SET state = 'sending', updated_at = ? WHERE id = ? AND state <> 'sending'");
    for (const row of rows) {
      // A row left 'sending' by a crash is sent again without a new state, so without a new entry.
      if (mark.run(now, row.id).changes === 1) auditRowChange(db, 'submission', row.reference, 'sending', { actor: 'sync' }, now);
    }
    return rows.map((r) => ({ ...r, state: 'sending' as const }));
  })();
}

/** The earliest time a queued submission is due, or undefined when none waits. */
export function nextDueAt(db: Database): number | undefined {
  const row = cachedStatement(db, "SELECT min(next_attempt_at) AS at FROM submissions WHERE state IN ('queued', 'sending')").get() as { at: number | null };
  return row.at ?? undefined;
}

/** Runs one UPDATE of a submission and audits it when it changed the row. */
function changeAudited(db: Database, reference: string, action: string, note: AuditNote, now: number, update: () => { changes: number }): boolean {
  return cachedTransaction(db, updateAudited)(reference, action, note, now, update);
}

function updateAudited(db: Database, reference: string, action: string, note: AuditNote, now: number, update: () => { changes: number }): boolean {
  const changed = update().changes === 1;
  if (changed) auditRowChange(db, 'submission', reference, action, note, now);
  return changed;
}

/** The platform has the submission; its decision comes later. */
export function markSent(db: Database, reference: string, now: number, note: AuditNote): void {
  changeAudited(db, reference, 'sent', note, now, () =>
    cachedStatement(db, "UPDATE submissions SET state = 'sent', last_error = NULL, updated_at = ? WHERE reference = ? AND state IN ('queued', 'sending')").run(now, reference),
  );
}

/** A send failed; try again at `nextAttemptAt`. The error is a code or status, never data. */
export function scheduleRetry(db: Database, reference: string, opts: { now: number; nextAttemptAt: number; error: string }, note: AuditNote): void {
  changeAudited(db, reference, 'retryScheduled', note, opts.now, () =>
    cachedStatement(
      db,
      "UPDATE submissions SET state = 'queued', attempts = attempts + 1, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE reference = ? AND state IN ('queued', 'sending')",
    ).run(opts.nextAttemptAt, opts.error, opts.now, reference),
  );
}

/** The retry budget is spent: staff must look at it (and can retry it). */
export function markFailed(db: Database, reference: string, opts: { now: number; error: string }, note: AuditNote): void {
  changeAudited(db, reference, 'failed', note, opts.now, () =>
    cachedStatement(db, "UPDATE submissions SET state = 'failed', attempts = attempts + 1, last_error = ?, updated_at = ? WHERE reference = ? AND state IN ('queued', 'sending')").run(opts.error, opts.now, reference),
  );
}

/** Staff send a failed submission again, with a fresh retry budget. Returns false if it was not failed. */
export function retryFailed(db: Database, reference: string, now: number, note: AuditNote): boolean {
  return changeAudited(db, reference, 'requeued', note, now, () =>
    cachedStatement(db, "UPDATE submissions SET state = 'queued', attempts = 0, next_attempt_at = 0, updated_at = ? WHERE reference = ? AND state = 'failed'").run(now, reference),
  );
}

/**
 * The platform's decision on a submission, pulled back by the uplink. `action` names the
 * audit entry; null when the caller knows nothing audited changes (then only updated_at moves).
 */
export function recordRemoteStatus(
  db: Database,
  reference: string,
  opts: { now: number; state: 'sent' | 'accepted' | 'rejected'; remoteStatus: string | null; reason: string | null },
  audit: { action: string; note: AuditNote } | null,
): void {
  const run = () => cachedStatement(
    db,
    `UPDATE submissions SET state = ?, remote_status = ?, remote_reason = ?, updated_at = ?,
       accepted_at = CASE WHEN ? = 'accepted' THEN coalesce(accepted_at, ?) ELSE accepted_at END
     WHERE reference = ? AND state IN ('sending', 'sent', 'accepted')`,
  ).run(opts.state, opts.remoteStatus, opts.reason, opts.now, opts.state, opts.now, reference);
  if (audit) changeAudited(db, reference, audit.action, audit.note, opts.now, run);
  else run();
}

/**
 * Submissions the platform has but has not decided on, oldest first, for the status pull. The
 * WHERE is submissions_awaiting's own (migration 0012), named so the planner reads that index
 * in order instead of merging two state ranges and sorting them all: a page costs a page.
 */
export function listAwaitingDecision(db: Database, limit: number): SubmissionRow[] {
  return cachedStatement(db, `SELECT ${COLUMNS} FROM submissions INDEXED BY submissions_awaiting WHERE state = 'sent' OR (state = 'accepted' AND remote_status IS NOT 'certificateReady') ORDER BY updated_at LIMIT ?`).all(limit) as SubmissionRow[];
}

/** Drops the sealed personal data of submissions accepted before `acceptedBefore`; returns their references. */
export function purgeAccepted(db: Database, acceptedBefore: number, now: number, note: AuditNote): string[] {
  return db.transaction(() => {
    const rows = cachedStatement(
      db,
      `UPDATE submissions SET payload = NULL, purged_at = ?, updated_at = ?
       WHERE state = 'accepted' AND accepted_at < ? AND purged_at IS NULL RETURNING reference`,
    ).all(now, now, acceptedBefore) as { reference: string }[];
    for (const { reference } of rows) auditRowChange(db, 'submission', reference, 'purged', note, now);
    return rows.map((r) => r.reference);
  })();
}
