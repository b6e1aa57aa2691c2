import type { Database } from 'better-sqlite3';

export type Decision = 'approve' | 'reject' | 'moreInfo';

export interface ReviewDecisionRow {
  id: number;
  reference: string;
  decision: Decision;
  staffId: string;
  note: string | null;
  decidedAt: number;
}

/** Records a staff member's decision on a queued submission. The note is for staff, never personal data. */
export function recordDecision(db: Database, d: { reference: string; decision: Decision; staffId: string; note: string | null; now: number }): ReviewDecisionRow {
  const info = db
    .prepare('INSERT INTO review_decisions (reference, decision, staff_id, note, decided_at) VALUES (?, ?, ?, ?, ?)')
    .run(d.reference, d.decision, d.staffId, d.note, d.now);
  return { id: Number(info.lastInsertRowid), reference: d.reference, decision: d.decision, staffId: d.staffId, note: d.note, decidedAt: d.now };
}

/** Every decision on a submission, oldest first. */
export function listDecisions(db: Database, reference: string): ReviewDecisionRow[] {
  return db
    .prepare('SELECT id, reference, decision, staff_id AS staffId, note, decided_at AS decidedAt FROM review_decisions WHERE reference = ? ORDER BY id')
    .all(reference) as ReviewDecisionRow[];
}
