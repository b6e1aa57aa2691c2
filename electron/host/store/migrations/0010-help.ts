import type { Database } from 'better-sqlite3';

/**
 * Residents' "Call an officer" requests: when, on which screen of which service, how the intercom
 * call went, and which staff member dealt with it when. Nothing about the resident, not even the
 * session (its id is the submission key), so a request cannot be linked to an application.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE help_requests (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      screen TEXT NOT NULL CHECK (length(screen) BETWEEN 1 AND 40),
      service_id TEXT CHECK (service_id IS NULL OR length(service_id) BETWEEN 1 AND 40),
      state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
      call_state TEXT CHECK (call_state IS NULL OR call_state IN ('ringing', 'connected', 'ended', 'unanswered', 'failed')),
      closed_by TEXT,
      closed_at INTEGER,
      CHECK (CASE state WHEN 'open' THEN closed_by IS NULL AND closed_at IS NULL ELSE closed_by IS NOT NULL AND closed_at IS NOT NULL END)
    ) STRICT;
    CREATE INDEX help_requests_state_at ON help_requests (state, at DESC, id DESC);
  `);
}
