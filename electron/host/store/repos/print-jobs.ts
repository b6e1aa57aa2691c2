import type { Database } from 'better-sqlite3';
import { appendAudit } from './audit-log';

export type PrintOutput = 'slip' | 'a4' | 'permitEndorsement';

export interface PrintJobRow {
  reference: string;
  stepId: string;
  output: PrintOutput;
  document: string | null;
  state: 'pending' | 'printed';
  documentNumber: string | null;
  attempts: number;
  lastError: string | null;
}

const COLUMNS = `reference, step_id AS stepId, output, document, state, document_number AS documentNumber, attempts, last_error AS lastError`;

/**
 * Records how one print of a submission went, audited (a printed document's number goes in
 * the audit log, which the platform receives: that is how a verification QR code is checked).
 */
export function recordPrint(
  db: Database,
  job: { reference: string; stepId: string; output: PrintOutput; document: string | null; printed: boolean; documentNumber: string | null; error: string | null; now: number },
): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO print_jobs (reference, step_id, output, document, state, document_number, attempts, last_error, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
       ON CONFLICT (reference, step_id) DO UPDATE SET
         state = CASE WHEN print_jobs.state = 'printed' THEN 'printed' ELSE excluded.state END,
         document_number = coalesce(excluded.document_number, print_jobs.document_number),
         attempts = print_jobs.attempts + 1, last_error = excluded.last_error, updated_at = excluded.updated_at`,
    ).run(job.reference, job.stepId, job.output, job.document, job.printed ? 'printed' : 'pending', job.documentNumber, job.error, job.now, job.now);
    appendAudit(
      db,
      {
        actor: 'kiosk',
        action: job.printed ? 'print.printed' : 'print.pending',
        subject: job.reference,
        detail: { step: job.stepId, output: job.output, documentNumber: job.documentNumber, error: job.error },
      },
      job.now,
    );
  })();
}

/** The prints of a submission that are still to be made, oldest first. */
export function pendingPrints(db: Database, reference: string): PrintJobRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM print_jobs WHERE reference = ? AND state = 'pending' ORDER BY id`).all(reference) as PrintJobRow[];
}

/** Every print still to be made at this kiosk, for staff. */
export function listPendingPrints(db: Database, limit = 100): PrintJobRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM print_jobs WHERE state = 'pending' ORDER BY updated_at LIMIT ?`).all(limit) as PrintJobRow[];
}
