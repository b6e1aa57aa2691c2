import type { Database } from 'better-sqlite3';
import { appendAudit, GENESIS } from '../repos/audit-log';
import { auditRowChange } from '../repos/row-audit';

/**
 * The audit log becomes keyed: entries carry the id of the audit key whose HMAC authenticates
 * them, a head (count, hash, MAC) is kept outside the log, and audit entries can be found by
 * subject. The entries written before (plain SHA-256) are closed by an authenticated
 * `audit.keyed` entry naming their count and last hash, and every existing submission and
 * payment gets a baseline entry carrying its digest.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE audit_log ADD COLUMN key_id TEXT;
    CREATE INDEX audit_log_subject ON audit_log (subject, seq);
    CREATE TABLE audit_head (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      count INTEGER NOT NULL,
      hash TEXT NOT NULL,
      mac TEXT NOT NULL
    ) STRICT;
  `);
  const now = Date.now();
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  appendAudit(db, { actor: 'kiosk', action: 'audit.keyed', subject: null, detail: { before: last?.seq ?? 0, beforeHead: last?.hash ?? GENESIS, reason: 'upgrade' } }, now);
  for (const reference of db.prepare('SELECT reference FROM submissions ORDER BY id').pluck().all() as string[]) {
    auditRowChange(db, 'submission', reference, 'baseline', { actor: 'kiosk' }, now);
  }
  for (const orderId of db.prepare('SELECT order_id FROM payments ORDER BY rowid').pluck().all() as string[]) {
    auditRowChange(db, 'payment', orderId, 'baseline', { actor: 'kiosk' }, now);
  }
}
