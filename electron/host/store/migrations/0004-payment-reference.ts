import type { Database } from 'better-sqlite3';

/**
 * A submission says whether it waits for station staff's review. A payment names the
 * submission it paid for, once that submission is queued. Money found
 * paid later (after a crash, or a cancel the terminal refused) without a submission naming it
 * is then plainly a refund, even when the resident paid a second order and submitted with that.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE submissions ADD COLUMN needs_review INTEGER NOT NULL DEFAULT 0 CHECK (needs_review IN (0, 1));
    CREATE INDEX submissions_review ON submissions (created_at) WHERE needs_review = 1;
    ALTER TABLE payments ADD COLUMN submission_reference TEXT;
    UPDATE payments SET submission_reference = (SELECT s.reference FROM submissions s WHERE s.submission_key = payments.submission_key)
      WHERE state = 'paid' AND order_id = (
        SELECT p2.order_id FROM payments p2 WHERE p2.submission_key = payments.submission_key AND p2.state = 'paid' ORDER BY p2.paid_at LIMIT 1);
    CREATE INDEX payments_unmatched ON payments (paid_at) WHERE state = 'paid' AND submission_reference IS NULL;
  `);
}
