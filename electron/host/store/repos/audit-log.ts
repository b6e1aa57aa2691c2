import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

export interface AuditEntry {
  /** 'kiosk', 'staff:<id>', 'sync' — never a resident. */
  actor: string;
  action: string;
  /** A reference number or a device name; never personal data. */
  subject: string | null;
  detail: Record<string, string | number | boolean | null>;
}

export interface AuditRow extends AuditEntry {
  seq: number;
  at: number;
  prevHash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

function entryHash(prevHash: string, seq: number, at: number, e: AuditEntry): string {
  // A fixed field order, so the same entry always hashes the same.
  const canonical = JSON.stringify([seq, at, e.actor, e.action, e.subject, Object.entries(e.detail).sort(([a], [b]) => a.localeCompare(b))]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** Appends an entry chained to the previous one by its hash. Call inside the caller's transaction when it belongs to one. */
export function appendAudit(db: Database, entry: AuditEntry, at: number): AuditRow {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS;
  const hash = entryHash(prevHash, seq, at, entry);
  db.prepare('INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    seq,
    at,
    entry.actor,
    entry.action,
    entry.subject,
    JSON.stringify(entry.detail),
    prevHash,
    hash,
  );
  return { ...entry, seq, at, prevHash, hash };
}

export type AuditVerdict = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Recomputes the chain from the start and names the first entry that does not fit. */
export function verifyAudit(db: Database): AuditVerdict {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let entries = 0;
  const rows = db.prepare('SELECT seq, at, actor, action, subject, detail, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq').iterate() as IterableIterator<{
    seq: number;
    at: number;
    actor: string;
    action: string;
    subject: string | null;
    detail: string;
    prevHash: string;
    hash: string;
  }>;
  for (const row of rows) {
    entries += 1;
    if (row.seq !== expectedSeq) return { ok: false, entries, brokenAt: row.seq, reason: `entry ${expectedSeq} is missing` };
    if (row.prevHash !== prevHash) return { ok: false, entries, brokenAt: row.seq, reason: 'it does not follow the entry before it' };
    let detail: AuditEntry['detail'];
    try {
      detail = JSON.parse(row.detail) as AuditEntry['detail'];
    } catch {
      return { ok: false, entries, brokenAt: row.seq, reason: 'its detail is not valid JSON' };
    }
    const hash = entryHash(prevHash, row.seq, row.at, { actor: row.actor, action: row.action, subject: row.subject, detail });
    if (hash !== row.hash) return { ok: false, entries, brokenAt: row.seq, reason: 'its content was changed after it was written' };
    prevHash = row.hash;
    expectedSeq += 1;
  }
  return { ok: true, entries };
}
