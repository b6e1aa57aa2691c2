import type { Database } from 'better-sqlite3';
import type { SubmissionState } from './submissions';

export interface QueueFilter {
  serviceId?: string | undefined;
  state?: SubmissionState | undefined;
  review?: 'awaiting' | 'decided' | undefined;
  /** created_at from (inclusive) and to (exclusive), in ms. */
  fromMs?: number | undefined;
  toMs?: number | undefined;
  after?: { createdAt: number; reference: string } | undefined;
  limit: number;
}

export interface QueueRow {
  reference: string;
  serviceId: string;
  state: SubmissionState;
  needsReview: number;
  decision: 'approve' | 'reject' | 'moreInfo' | null;
  createdAt: number;
}

/**
 * The review queue, newest first: one page after the last row seen, by an index whatever the
 * filter (service, state, or neither), so a page costs the same at a million rows as at ten.
 */
export function listQueue(db: Database, f: QueueFilter): { rows: QueueRow[]; last: { createdAt: number; reference: string } | null } {
  const { sql, args } = queueQuery(f);
  const rows = db.prepare(sql).all(...args) as QueueRow[];
  const page = rows.slice(0, f.limit);
  const end = page.at(-1);
  return { rows: page, last: rows.length > f.limit && end ? { createdAt: end.createdAt, reference: end.reference } : null };
}

/** The query plan of a queue page (`EXPLAIN QUERY PLAN`), for the bench. */
export function explainQueue(db: Database, f: QueueFilter): string[] {
  const { sql, args } = queueQuery(f);
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail);
}

// One row more than the page, to know whether another page follows.
function queueQuery(f: QueueFilter): { sql: string; args: (string | number)[] } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.serviceId) {
    where.push('s.service_id = ?');
    args.push(f.serviceId);
  }
  if (f.state) {
    where.push('s.state = ?');
    args.push(f.state);
  }
  if (f.review === 'awaiting') where.push('s.needs_review = 1 AND NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.reference = s.reference)');
  if (f.review === 'decided') where.push('EXISTS (SELECT 1 FROM review_decisions d WHERE d.reference = s.reference)');
  if (f.fromMs !== undefined) {
    where.push('s.created_at >= ?');
    args.push(f.fromMs);
  }
  if (f.toMs !== undefined) {
    where.push('s.created_at < ?');
    args.push(f.toMs);
  }
  if (f.after) {
    // The row after the last one seen: by (created_at, id), the order of the indexes.
    where.push('(s.created_at, s.id) < (?, (SELECT id FROM submissions WHERE reference = ?))');
    args.push(f.after.createdAt, f.after.reference);
  }
  const sql = `SELECT s.reference, s.service_id AS serviceId, s.state, s.needs_review AS needsReview, s.created_at AS createdAt,
      (SELECT d.decision FROM review_decisions d WHERE d.reference = s.reference ORDER BY d.id DESC LIMIT 1) AS decision
    FROM submissions s ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY s.created_at DESC, s.id DESC LIMIT ?`;
  return { sql, args: [...args, f.limit + 1] };
}
