import type { Database } from 'better-sqlite3';

/**
 * What the catalog of steps needs to keep: what was printed for a submission (and what is
 * still to print: a jammed printer, an endorsement "approved, print later"), and the
 * residents' ratings, counted per service and day with no link to anyone.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE print_jobs (
      id INTEGER PRIMARY KEY,
      reference TEXT NOT NULL REFERENCES submissions (reference),
      step_id TEXT NOT NULL,
      output TEXT NOT NULL CHECK (output IN ('slip', 'a4', 'permitEndorsement')),
      document TEXT,
      state TEXT NOT NULL CHECK (state IN ('pending', 'printed')),
      document_number TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (reference, step_id)
    ) STRICT;
    CREATE INDEX print_jobs_pending ON print_jobs (updated_at) WHERE state = 'pending';

    CREATE TABLE ratings (
      id INTEGER PRIMARY KEY,
      service_id TEXT NOT NULL,
      level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
      reason TEXT,
      day TEXT NOT NULL
    ) STRICT;
    CREATE INDEX ratings_service_day ON ratings (service_id, day);
  `);
}
