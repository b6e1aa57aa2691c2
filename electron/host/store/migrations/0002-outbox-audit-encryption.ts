import type { Database } from 'better-sqlite3';
import type { MigrationContext } from './index';

/**
 * The outbox gets what sync needs (attempts, next attempt, remote status), personal data is
 * sealed (AES-256-GCM) instead of plain JSON, and the audit log and review decisions arrive.
 * Existing plain payloads and snapshots are sealed on the way.
 */
export function up(db: Database, ctx: MigrationContext): void {
  db.exec(`
    CREATE TABLE submissions_v2 (
      id INTEGER PRIMARY KEY,
      reference TEXT NOT NULL UNIQUE,
      submission_key TEXT NOT NULL UNIQUE,
      service_id TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'accepted', 'rejected', 'failed')),
      lang TEXT NOT NULL,
      payload BLOB,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      remote_status TEXT,
      remote_reason TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      accepted_at INTEGER,
      purged_at INTEGER
    ) STRICT;
  `);
  const insert = db.prepare(
    `INSERT INTO submissions_v2 (id, reference, submission_key, service_id, state, lang, payload, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const rows = db
    .prepare('SELECT id, reference, submission_key, service_id, state, lang, payload, created_at, updated_at FROM submissions ORDER BY id')
    .all() as { id: number; reference: string; submission_key: string; service_id: string; state: string; lang: string; payload: string; created_at: number; updated_at: number }[];
  for (const r of rows) {
    insert.run(r.id, r.reference, r.submission_key, r.service_id, r.state, r.lang, ctx.sealer.seal(r.payload, `submission:${r.reference}`), r.created_at, r.updated_at);
  }
  db.exec(`
    DROP TABLE submissions;
    ALTER TABLE submissions_v2 RENAME TO submissions;
    CREATE INDEX submissions_state_created ON submissions (state, created_at DESC, id DESC);
    CREATE INDEX submissions_created ON submissions (created_at DESC, id DESC);
    CREATE INDEX submissions_due ON submissions (next_attempt_at) WHERE state IN ('queued', 'sending');
    CREATE INDEX submissions_purge ON submissions (accepted_at) WHERE purged_at IS NULL AND accepted_at IS NOT NULL;

    CREATE TABLE flow_snapshots_v2 (
      slot TEXT PRIMARY KEY,
      snapshot BLOB NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
  `);
  const snapshots = db.prepare('SELECT slot, snapshot, updated_at FROM flow_snapshots').all() as { slot: string; snapshot: string; updated_at: number }[];
  const insertSnapshot = db.prepare('INSERT INTO flow_snapshots_v2 (slot, snapshot, updated_at) VALUES (?, ?, ?)');
  for (const s of snapshots) insertSnapshot.run(s.slot, ctx.sealer.seal(s.snapshot, `snapshot:${s.slot}`), s.updated_at);
  db.exec(`
    DROP TABLE flow_snapshots;
    ALTER TABLE flow_snapshots_v2 RENAME TO flow_snapshots;

    CREATE TABLE review_decisions (
      id INTEGER PRIMARY KEY,
      reference TEXT NOT NULL REFERENCES submissions (reference),
      decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject', 'moreInfo')),
      staff_id TEXT NOT NULL,
      note TEXT,
      decided_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX review_decisions_reference ON review_decisions (reference);

    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      subject TEXT,
      detail TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `);
}
