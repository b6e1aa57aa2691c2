import type { Database } from 'better-sqlite3';

/**
 * A reviewer's decision says why (a reason code for a rejection, what to bring for "more
 * information") and whether the platform has it yet; the note is sealed like the payload. The
 * review queue filters by service over years of rows, so that filter gets its own index.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE review_decisions ADD COLUMN reason_code TEXT;
    ALTER TABLE review_decisions ADD COLUMN bring TEXT NOT NULL DEFAULT '';
    ALTER TABLE review_decisions ADD COLUMN sent_at INTEGER;
    CREATE INDEX review_decisions_unsent ON review_decisions (id) WHERE sent_at IS NULL;
    CREATE INDEX submissions_service_created ON submissions (service_id, created_at DESC, id DESC);
  `);
}
