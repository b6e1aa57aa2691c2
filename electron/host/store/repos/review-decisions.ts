import type { Database } from 'better-sqlite3';

export type Decision = 'approve' | 'reject' | 'moreInfo';

export interface ReviewDecisionRow {
  id: number;
  reference: string;
  decision: Decision;
  staffId: string;
  /** Sealed (base64) when written through the review queue; the caller opens it. */
  note: string | null;
  reasonCode: string | null;
  bring: string[];
  decidedAt: number;
  sentAt: number | null;
}

interface Raw {
  id: number;
  reference: string;
  decision: Decision;
  staffId: string;
  note: string | null;
  reasonCode: string | null;
  bring: string;
  decidedAt: number;
  sentAt: number | null;
}

const COLUMNS = 'id, reference, decision, staff_id AS staffId, note, reason_code AS reasonCode, bring, decided_at AS decidedAt, sent_at AS sentAt';
const toRow = (r: Raw): ReviewDecisionRow => ({ ...r, bring: r.bring === '' ? [] : r.bring.split(',') });

/** Records a staff member's decision on a queued submission. The note is for staff, never personal data in clear. */
export function recordDecision(
  db: Database,
  d: { reference: string; decision: Decision; staffId: string; note: string | null; now: number; reasonCode?: string | null; bring?: readonly string[] },
): ReviewDecisionRow {
  const bring = (d.bring ?? []).join(',');
  const info = db
    .prepare('INSERT INTO review_decisions (reference, decision, staff_id, note, reason_code, bring, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(d.reference, d.decision, d.staffId, d.note, d.reasonCode ?? null, bring, d.now);
  return { id: Number(info.lastInsertRowid), reference: d.reference, decision: d.decision, staffId: d.staffId, note: d.note, reasonCode: d.reasonCode ?? null, bring: [...(d.bring ?? [])], decidedAt: d.now, sentAt: null };
}

/** Every decision on a submission, oldest first. */
export function listDecisions(db: Database, reference: string): ReviewDecisionRow[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM review_decisions WHERE reference = ? ORDER BY id`).all(reference) as Raw[]).map(toRow);
}

/** The latest decision on a submission, or undefined. */
export function latestDecision(db: Database, reference: string): ReviewDecisionRow | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM review_decisions WHERE reference = ? ORDER BY id DESC LIMIT 1`).get(reference) as Raw | undefined;
  return row && toRow(row);
}

/** Decisions the platform does not have yet, oldest first. */
export function unsentDecisions(db: Database, limit: number): ReviewDecisionRow[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM review_decisions WHERE sent_at IS NULL ORDER BY id LIMIT ?`).all(limit) as Raw[]).map(toRow);
}

export function markDecisionsSent(db: Database, ids: readonly number[], now: number): void {
  const mark = db.prepare('UPDATE review_decisions SET sent_at = ? WHERE id = ? AND sent_at IS NULL');
  db.transaction(() => {
    for (const id of ids) mark.run(now, id);
  })();
}
