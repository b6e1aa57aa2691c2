import type { Database } from 'better-sqlite3';

/** The outbox of submissions, the resident session's flow snapshot, and settings. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE submissions (
      id INTEGER PRIMARY KEY,
      reference TEXT NOT NULL UNIQUE,
      submission_key TEXT NOT NULL UNIQUE,
      service_id TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'accepted', 'rejected', 'failed')),
      lang TEXT NOT NULL,
      payload TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX submissions_state_created ON submissions (state, created_at DESC, id DESC);
    CREATE INDEX submissions_created ON submissions (created_at DESC, id DESC);

    CREATE TABLE flow_snapshots (
      slot TEXT PRIMARY KEY,
      snapshot TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `);
}
