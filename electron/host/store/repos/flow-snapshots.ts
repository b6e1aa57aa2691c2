import type { Database } from 'better-sqlite3';
import { cachedStatement } from '../statements';

/** The persisted (sealed) snapshot of the flow in this slot, if one was saved. */
export function loadSnapshot(db: Database, slot: string): Buffer | undefined {
  const row = db.prepare('SELECT snapshot FROM flow_snapshots WHERE slot = ?').get(slot) as { snapshot: Buffer } | undefined;
  return row?.snapshot;
}

/** PRAGMA synchronous levels (https://www.sqlite.org/pragma.html#pragma_synchronous). */
const SYNC_NORMAL = 1;
const SYNC_FULL = 2;

/**
 * Saves the sealed snapshot of the flow in this slot, replacing the previous one, committed with
 * synchronous=NORMAL: no fsync on the touch path. A power cut may lose the last snapshots (the
 * flow resumes a touch or so behind), never tear one: WAL frames are checksummed and a commit
 * is all or nothing; the next FULL commit (a submission, a payment) syncs these frames too.
 * The same connection is switched back to FULL in all cases, so every durable write stays FULL;
 * a second connection only for snapshots would wait, on this one thread, for the first one's
 * write lock. Inside a caller's transaction the level cannot change: the row joins that commit.
 */
export function saveSnapshot(db: Database, slot: string, snapshot: Buffer, now: number): void {
  // Every touch writes one: prepared once per connection.
  const write = () =>
    cachedStatement(
      db,
      `INSERT INTO flow_snapshots (slot, snapshot, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (slot) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at`,
    ).run(slot, snapshot, now);
  if (db.inTransaction || db.pragma('synchronous', { simple: true }) !== SYNC_FULL) {
    write();
    return;
  }
  db.pragma(`synchronous = ${SYNC_NORMAL}`);
  try {
    write();
  } finally {
    db.pragma(`synchronous = ${SYNC_FULL}`);
  }
}

/** Forgets the slot's snapshot: the session is over and its personal data must go. */
export function deleteSnapshot(db: Database, slot: string): void {
  db.prepare('DELETE FROM flow_snapshots WHERE slot = ?').run(slot);
}
