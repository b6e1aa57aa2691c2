import type { Database } from 'better-sqlite3';

/** The persisted (sealed) snapshot of the flow in this slot, if one was saved. */
export function loadSnapshot(db: Database, slot: string): Buffer | undefined {
  const row = db.prepare('SELECT snapshot FROM flow_snapshots WHERE slot = ?').get(slot) as { snapshot: Buffer } | undefined;
  return row?.snapshot;
}

/** Saves the sealed snapshot of the flow in this slot, replacing the previous one. */
export function saveSnapshot(db: Database, slot: string, snapshot: Buffer, now: number): void {
  db.prepare(
    `INSERT INTO flow_snapshots (slot, snapshot, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (slot) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at`,
  ).run(slot, snapshot, now);
}

/** Forgets the slot's snapshot: the session is over and its personal data must go. */
export function deleteSnapshot(db: Database, slot: string): void {
  db.prepare('DELETE FROM flow_snapshots WHERE slot = ?').run(slot);
}
