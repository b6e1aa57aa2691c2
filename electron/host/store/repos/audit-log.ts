import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { AuditKey } from '../../crypto/key-store';
import { cachedStatement, cachedTransaction } from '../statements';

export interface AuditEntry {
  /** 'kiosk', 'staff:<id>', 'sync', 'operator' — never a resident. */
  actor: string;
  action: string;
  /** A reference number, an order id or a device name; never personal data. */
  subject: string | null;
  detail: Record<string, string | number | boolean | null>;
}

export interface AuditRow extends AuditEntry {
  seq: number;
  at: number;
  prevHash: string;
  hash: string;
  /** The audit key that authenticated the entry; null for entries written before keyed MACs. */
  keyId: string | null;
}

/** The newest entry's position and hash: what leaves the kiosk with every sync batch. */
export interface AuditHead {
  count: number;
  hash: string;
}

export const GENESIS = '0'.repeat(64);

/** Appending needs the audit key: the database was opened without one. */
export class AuditKeyMissingError extends Error {
  override readonly name = 'AuditKeyMissingError';
}

const keys = new WeakMap<Database, AuditKey>();

/** Binds the audit key to an open database; every append on it is authenticated with that key. */
export function bindAuditKey(db: Database, key: AuditKey): void {
  keys.set(db, key);
}

function keyOf(db: Database): AuditKey {
  const key = keys.get(db);
  if (!key) throw new AuditKeyMissingError('The audit log cannot be written without its key.');
  return key;
}

function canonical(seq: number, at: number, e: AuditEntry, keyId: string | null): string {
  // A fixed field order, so the same entry always gives the same bytes.
  const detail = Object.entries(e.detail).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(keyId === null ? [seq, at, e.actor, e.action, e.subject, detail] : [seq, at, keyId, e.actor, e.action, e.subject, detail]);
}

/** How entries were chained before the audit key existed: plain SHA-256, which anyone can recompute. */
function legacyHash(prevHash: string, seq: number, at: number, e: AuditEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical(seq, at, e, null)).digest('hex');
}

function entryMac(key: AuditKey, prevHash: string, seq: number, at: number, e: AuditEntry): string {
  return createHmac('sha256', key.key).update(prevHash).update('\n').update(canonical(seq, at, e, key.id)).digest('hex');
}

function headMac(key: AuditKey, head: AuditHead): string {
  return createHmac('sha256', key.key).update(`head\n${head.count}\n${head.hash}`).digest('hex');
}

function prepared(db: Database): { last: Statement; insert: Statement; head: Statement } {
  return {
    last: cachedStatement(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
    insert: cachedStatement(db, 'INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash, key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    head: cachedStatement(
      db,
      'INSERT INTO audit_head (id, count, hash, mac) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET count = excluded.count, hash = excluded.hash, mac = excluded.mac',
    ),
  };
}

/**
 * Appends an entry authenticated with the audit key (HMAC-SHA256 over the entry and the hash
 * before it) and moves the head kept outside the log. Without the key nobody can write an
 * entry or a head that verifies, so editing a row and recomputing the chain is caught.
 * Joins the caller's transaction when there is one.
 */
export function appendAudit(db: Database, entry: AuditEntry, at: number): AuditRow {
  return cachedTransaction(db, appendKeyed)(entry, at);
}

function appendKeyed(db: Database, entry: AuditEntry, at: number): AuditRow {
  const key = keyOf(db);
  const s = prepared(db);
  const last = s.last.get() as { seq: number; hash: string } | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS;
  const hash = entryMac(key, prevHash, seq, at, entry);
  s.insert.run(seq, at, entry.actor, entry.action, entry.subject, JSON.stringify(entry.detail), prevHash, hash, key.id);
  s.head.run(seq, hash, headMac(key, { count: seq, hash }));
  return { ...entry, seq, at, prevHash, hash, keyId: key.id };
}

/** The head as the log itself says (the newest entry), for the sync batch. */
export function auditHead(db: Database): AuditHead {
  const last = prepared(db).last.get() as { seq: number; hash: string } | undefined;
  return { count: last?.seq ?? 0, hash: last?.hash ?? GENESIS };
}

/** Entries after `afterSeq`, oldest first, at most `limit`: what the platform has not yet got. */
export function auditEntriesAfter(db: Database, afterSeq: number, limit: number): AuditRow[] {
  const rows = db
    .prepare('SELECT seq, at, actor, action, subject, detail, prev_hash AS prevHash, hash, key_id AS keyId FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?')
    .all(afterSeq, limit) as (Omit<AuditRow, 'detail'> & { detail: string })[];
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as AuditEntry['detail'] }));
}

export type AuditVerdict =
  | { ok: true; entries: number; unverifiable: number }
  | { ok: false; entries: number; brokenAt: number; reason: string };

type RawRow = Omit<AuditRow, 'detail'> & { detail: string };

/**
 * Checks the whole log with the audit key: every entry authenticated and chained to the one
 * before, the head kept outside the log matching the newest entry (so deleting entries at the
 * end, or all of them, is caught), and no run of entries the key cannot vouch for except
 * those an authenticated `audit.keyed` entry closes (the log before keyed MACs, or before an
 * operator replaced lost keys). Row digests are checked by verifyRowDigests.
 */
export function verifyAudit(db: Database, key: AuditKey = keyOf(db)): AuditVerdict {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let entries = 0;
  let unverifiable = 0;
  // Entries since the last one the key authenticated: legacy or written under a given-up key.
  let open: { from: number; count: number } | null = null;
  const rows = db
    .prepare('SELECT seq, at, actor, action, subject, detail, prev_hash AS prevHash, hash, key_id AS keyId FROM audit_log ORDER BY seq')
    .iterate() as IterableIterator<RawRow>;
  for (const row of rows) {
    entries += 1;
    const broken = (reason: string): AuditVerdict => ({ ok: false, entries, brokenAt: row.seq, reason });
    if (row.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing`);
    if (row.prevHash !== prevHash) return broken('it does not follow the entry before it');
    let detail: AuditEntry['detail'];
    try {
      detail = JSON.parse(row.detail) as AuditEntry['detail'];
    } catch {
      return broken('its detail is not valid JSON');
    }
    const entry = { actor: row.actor, action: row.action, subject: row.subject, detail };
    if (row.keyId === key.id) {
      const mac = entryMac(key, prevHash, row.seq, row.at, entry);
      if (!safeEqual(mac, row.hash)) return broken('its content was changed after it was written');
      if (open) {
        const closes = row.action === 'audit.keyed' && detail.before === row.seq - 1 && detail.beforeHead === prevHash;
        if (!closes) return broken(`entries ${open.from} to ${row.seq - 1} are not authenticated by the audit key`);
        open = null;
      }
    } else {
      if (row.keyId === null) {
        // Before keyed MACs: the plain chain must hold, and an authenticated entry must close it.
        if (legacyHash(prevHash, row.seq, row.at, entry) !== row.hash) return broken('its content was changed after it was written');
      } else {
        unverifiable += 1;
      }
      open = open ?? { from: row.seq, count: 0 };
      open.count += 1;
    }
    prevHash = row.hash;
    expectedSeq += 1;
  }
  if (open) return { ok: false, entries, brokenAt: open.from, reason: `entries from ${open.from} on are not authenticated by the audit key` };
  const head = db.prepare('SELECT count, hash, mac FROM audit_head WHERE id = 1').get() as (AuditHead & { mac: string }) | undefined;
  // The migration that keyed the log wrote its first entry: a log with none was emptied.
  if (entries === 0) return { ok: false, entries, brokenAt: 1, reason: 'the audit log is empty: its entries were deleted' };
  if (!head) return { ok: false, entries, brokenAt: entries, reason: 'the audit head is missing' };
  if (!safeEqual(headMac(key, head), head.mac)) return { ok: false, entries, brokenAt: head.count, reason: 'the audit head was changed' };
  if (head.count !== entries || head.hash !== prevHash) {
    return {
      ok: false,
      entries,
      brokenAt: Math.min(head.count, entries + 1),
      reason: head.count > entries ? `the log ends at entry ${entries} but its head says ${head.count}: entries were deleted` : 'the log does not end where its head says',
    };
  }
  return { ok: true, entries, unverifiable };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
