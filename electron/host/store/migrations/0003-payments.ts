import type { Database } from 'better-sqlite3';

/**
 * Payments, recorded the moment the terminal says "paid" and before anything else happens,
 * so that a crash between payment and submission can never lose the resident's money.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE payments (
      order_id TEXT PRIMARY KEY,
      submission_key TEXT NOT NULL,
      service_id TEXT NOT NULL,
      amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
      state TEXT NOT NULL CHECK (state IN ('pending', 'paid', 'canceled', 'timedOut', 'refunded')),
      transaction_id TEXT UNIQUE,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      paid_at INTEGER
    ) STRICT;
    CREATE INDEX payments_submission ON payments (submission_key);
    CREATE INDEX payments_state ON payments (state, updated_at);
  `);
}
