import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { cachedStatement } from '../statements';
import { appendAudit, type AuditEntry, type AuditRow } from './audit-log';

/** Who changed a row and why, for the audit entry the change writes. */
export interface AuditNote {
  actor: string;
  /** Extra codes for the entry (attempts, error codes); never personal data. */
  detail?: AuditEntry['detail'];
}

/** The tables whose rows the audit log vouches for, one entry per change. */
export type AuditedTable = 'submission' | 'payment';

// The columns a change of which is audited. A migration that adds one must write a new
// baseline entry for every row in the same migration, or the old digests stop matching. Sync bookkeeping (attempts, next try, last error,
// updated_at) changes on every retry and is left out: it is not what a forger would alter.
const DIGEST_SQL: Record<AuditedTable, string> = {
  submission: `SELECT reference, submission_key, service_id, state, lang, payload, created_at, remote_status, remote_reason, accepted_at, purged_at, needs_review
    FROM submissions WHERE reference = ?`,
  payment: `SELECT order_id, submission_key, service_id, amount_fen, state, transaction_id, paid_at, created_at, submission_reference FROM payments WHERE order_id = ?`,
};

const KEY_COLUMN: Record<AuditedTable, string> = { submission: 'reference', payment: 'order_id' };

type Row = Record<string, string | number | Buffer | null>;

/** SHA-256 over a row's audited columns in a fixed order; the sealed payload counts by its own hash. */
export function rowDigest(row: Row): string {
  const values = Object.entries(row).map(([column, value]) => [
    column,
    Buffer.isBuffer(value) ? `sha256:${createHash('sha256').update(value).digest('hex')}` : value,
  ]);
  return createHash('sha256').update(JSON.stringify(values)).digest('hex');
}

/** The current digest of one row, or undefined when the row does not exist. */
export function currentDigest(db: Database, table: AuditedTable, subject: string): string | undefined {
  const row = cachedStatement(db, DIGEST_SQL[table]).get(subject) as Row | undefined;
  return row ? rowDigest(row) : undefined;
}

/**
 * Writes the audit entry for a change just made to a row, carrying the row's digest as it now
 * is. Call in the same transaction as the change: then no row can change without its entry.
 */
export function auditRowChange(db: Database, table: AuditedTable, subject: string, action: string, note: AuditNote, at: number): AuditRow {
  const digest = currentDigest(db, table, subject);
  if (digest === undefined) throw new Error(`No ${table} row to audit.`);
  return appendAudit(db, { actor: note.actor, action: `${table}.${action}`, subject, detail: { ...note.detail, digest } }, at);
}

export type RowVerdict = { ok: true; rows: number } | { ok: false; rows: number; table: AuditedTable; subject: string; reason: string };

/**
 * Every submission and payment must match the digest of the newest audit entry about it:
 * a row edited, added or deleted behind the kiosk's back no longer does.
 */
export function verifyRowDigests(db: Database): RowVerdict {
  let rows = 0;
  const latest = db.prepare(
    `SELECT json_extract(detail, '$.digest') AS digest, action FROM audit_log
     WHERE subject = ? AND action LIKE ? AND json_extract(detail, '$.digest') IS NOT NULL ORDER BY seq DESC LIMIT 1`,
  );
  for (const table of ['submission', 'payment'] as const) {
    const all = db.prepare(`SELECT ${KEY_COLUMN[table]} AS subject FROM ${table}s ORDER BY rowid`).pluck().iterate() as IterableIterator<string>;
    for (const subject of all) {
      rows += 1;
      const entry = latest.get(subject, `${table}.%`) as { digest: string; action: string } | undefined;
      if (!entry) return { ok: false, rows, table, subject, reason: 'no audit entry vouches for it' };
      if (entry.digest !== currentDigest(db, table, subject)) return { ok: false, rows, table, subject, reason: 'it was changed after its last audited change' };
    }
    // A row deleted behind the kiosk's back leaves entries that name it with nothing to match.
    const orphan = db
      .prepare(
        `SELECT a.subject FROM audit_log a WHERE a.action LIKE ? AND a.action <> ? AND json_extract(a.detail, '$.digest') IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM ${table}s t WHERE t.${KEY_COLUMN[table]} = a.subject) LIMIT 1`,
      )
      .pluck()
      .get(`${table}.%`, `${table}.deleted`) as string | undefined;
    if (orphan !== undefined) return { ok: false, rows, table, subject: orphan, reason: 'its row was deleted' };
  }
  return { ok: true, rows };
}
