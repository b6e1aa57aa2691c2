import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditKey } from '../../../../../electron/host/crypto/key-store';
import { openDatabase } from '../../../../../electron/host/store/db';
import { appendAudit, auditHead, bindAuditKey, verifyAudit } from '../../../../../electron/host/store/repos/audit-log';
import { insertPendingPayment, markPaid } from '../../../../../electron/host/store/repos/payments';
import { verifyRowDigests } from '../../../../../electron/host/store/repos/row-audit';
import { testAuditKey, testSealer } from '../../../../fixtures/sealer';
import { matching } from '../../../../fixtures/matchers';

let dir: string;
let db: Database;
let key: AuditKey;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-audit-'));
  key = testAuditKey();
  db = openDatabase(path.join(dir, 'kiosk.db'), { sealer: testSealer(), auditKey: key });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Entry 1 is the migration's `audit.keyed` anchor; fill() writes entries 2 .. n + 1.
function fill(n: number) {
  for (let i = 1; i <= n; i++) {
    appendAudit(db, { actor: 'kiosk', action: 'submission.queued', subject: `JN-K01A-000${i % 10}-X`, detail: { service: 'noCriminalRecord', n: i } }, 1000 + i);
  }
}

/** What someone with the file but without the key can do: drop the guards. */
function dropGuards() {
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
}

type Raw = { seq: number; at: number; actor: string; action: string; subject: string | null; detail: string; key_id: string | null };

/**
 * A forger's rewrite of the whole chain from `fromSeq`, recomputing every hash and the head
 * with `sign` (plain SHA-256 as before keyed MACs, or a key the forger made up).
 */
function rechain(fromSeq: number, sign: (prev: string, r: Raw) => { hash: string; keyId: string | null }, headMac: (count: number, hash: string) => string) {
  const rows = db.prepare('SELECT seq, at, actor, action, subject, detail, key_id FROM audit_log ORDER BY seq').all() as Raw[];
  let prev = '0'.repeat(64);
  for (const r of rows) {
    if (r.seq >= fromSeq) {
      const { hash, keyId } = sign(prev, r);
      db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ?, key_id = ? WHERE seq = ?').run(prev, hash, keyId, r.seq);
      prev = hash;
    } else prev = (db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(r.seq) as { hash: string }).hash;
  }
  db.prepare('UPDATE audit_head SET count = ?, hash = ?, mac = ?').run(rows.length, prev, headMac(rows.length, prev));
}

function canonical(r: Raw, keyId: string | null): string {
  const detail = Object.entries(JSON.parse(r.detail) as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(keyId === null ? [r.seq, r.at, r.actor, r.action, r.subject, detail] : [r.seq, r.at, keyId, r.actor, r.action, r.subject, detail]);
}

function payOrder(orderId: string) {
  insertPendingPayment(db, { orderId, submissionKey: `s-${orderId}`, serviceId: 'idCardRenewal', amountFen: 2000, now: 1 });
  markPaid(db, orderId, { transactionId: `T-${orderId}`, paidAt: 2, now: 2 }, { actor: 'kiosk', detail: { amountFen: 2000 } });
}

describe('audit log', () => {
  it('authenticates and chains entries, keeps a head outside the log, and verifies an untouched log', () => {
    fill(20);
    expect(verifyAudit(db)).toEqual({ ok: true, entries: 21, unverifiable: 0 });
    const rows = db.prepare('SELECT seq, prev_hash, hash, key_id FROM audit_log ORDER BY seq').all() as { seq: number; prev_hash: string; hash: string; key_id: string }[];
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(rows.every((r) => r.key_id === key.id)).toBe(true);
    expect(db.prepare('SELECT count, hash FROM audit_head').get()).toEqual(auditHead(db));
    expect(auditHead(db)).toEqual({ count: 21, hash: rows.at(-1)!.hash });
  });

  it('is append-only: updates and deletes are refused by the database', () => {
    fill(3);
    expect(() => db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
  });

  it('cannot be written without the audit key', () => {
    const other = openDatabase(path.join(dir, 'other.db'), { sealer: testSealer(), auditKey: key });
    other.close();
    const bare = new (db.constructor as new (file: string) => Database)(path.join(dir, 'other.db'));
    try {
      expect(() => appendAudit(bare, { actor: 'x', action: 'y', subject: null, detail: {} }, 1)).toThrow(/without its key/);
    } finally {
      bare.close();
    }
  });

  it.each([
    ['the action', "UPDATE audit_log SET action = 'submission.deleted' WHERE seq = 7"],
    ['the detail', `UPDATE audit_log SET detail = '{"service":"other","n":6}' WHERE seq = 7`],
    ['the time', 'UPDATE audit_log SET at = at + 1 WHERE seq = 7'],
    ['the subject', "UPDATE audit_log SET subject = 'JN-K01A-9999-X' WHERE seq = 7"],
  ])('names the first broken entry when someone edits %s directly', (_what, sql) => {
    fill(12);
    dropGuards();
    db.exec(sql);
    expect(verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 7 });
  });

  it('catches a deleted entry in the middle', () => {
    fill(10);
    dropGuards();
    db.exec('DELETE FROM audit_log WHERE seq = 4');
    expect(verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 5, reason: 'entry 4 is missing' });
  });

  it('catches the last entries deleted: the head outside the log still counts them', () => {
    fill(10);
    dropGuards();
    db.exec('DELETE FROM audit_log WHERE seq > 8');
    expect(verifyAudit(db)).toMatchObject({ ok: false, reason: matching(/ends at entry 8 but its head says 11/) });
  });

  it('catches the last entries deleted together with a head rolled back to match', () => {
    fill(10);
    dropGuards();
    const eighth = db.prepare('SELECT hash FROM audit_log WHERE seq = 8').get() as { hash: string };
    db.exec('DELETE FROM audit_log WHERE seq > 8');
    // Without the key the forger cannot make the head's MAC for the shorter log.
    db.prepare('UPDATE audit_head SET count = 8, hash = ?').run(eighth.hash);
    expect(verifyAudit(db)).toMatchObject({ ok: false, reason: 'the audit head was changed' });
  });

  it('catches every entry deleted, with or without the head', () => {
    fill(5);
    dropGuards();
    db.exec('DELETE FROM audit_log');
    expect(verifyAudit(db)).toMatchObject({ ok: false });
    db.exec('DELETE FROM audit_head');
    // Log and head both gone: the log is never empty, and the rows it vouched for have nobody vouching now.
    payOrder('o1');
    db.exec('DELETE FROM audit_log; DELETE FROM audit_head;');
    expect(verifyAudit(db)).toMatchObject({ ok: false, entries: 0, reason: matching(/empty/) });
    expect(verifyRowDigests(db)).toMatchObject({ ok: false, table: 'payment', subject: 'o1', reason: 'no audit entry vouches for it' });
  });

  it('catches a payment edited and the chain recomputed the old way (plain SHA-256)', () => {
    payOrder('o1');
    fill(3);
    dropGuards();
    db.exec("UPDATE payments SET amount_fen = 1 WHERE order_id = 'o1'");
    rechain(2, (prev, r) => ({ hash: createHash('sha256').update(prev).update('\n').update(canonical(r, null)).digest('hex'), keyId: null }), () => 'f'.repeat(64));
    expect(verifyAudit(db)).toMatchObject({ ok: false, reason: matching(/not authenticated by the audit key/) });
    expect(verifyRowDigests(db)).toMatchObject({ ok: false, table: 'payment', subject: 'o1', reason: 'it was changed after its last audited change' });
  });

  it('catches a payment edited and the chain recomputed with a key the forger made up', () => {
    payOrder('o1');
    dropGuards();
    db.exec("UPDATE payments SET amount_fen = 1 WHERE order_id = 'o1'");
    const guess = randomBytes(32);
    const mac = (s: string) => createHmac('sha256', guess).update(s).digest('hex');
    rechain(1, (prev, r) => ({ hash: createHmac('sha256', guess).update(prev).update('\n').update(canonical(r, key.id)).digest('hex'), keyId: key.id }), (c, h) => mac(`head\n${c}\n${h}`));
    expect(verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 1, reason: 'its content was changed after it was written' });
  });

  it('catches a payment edited behind the log, and one added or deleted behind it', () => {
    payOrder('o1');
    payOrder('o2');
    expect(verifyRowDigests(db)).toEqual({ ok: true, rows: 2 });
    db.exec("UPDATE payments SET transaction_id = 'T-forged' WHERE order_id = 'o1'");
    expect(verifyRowDigests(db)).toMatchObject({ ok: false, subject: 'o1' });
    db.exec("UPDATE payments SET transaction_id = 'T-o1' WHERE order_id = 'o1'");
    expect(verifyRowDigests(db)).toEqual({ ok: true, rows: 2 });
    db.exec("INSERT INTO payments (order_id, submission_key, service_id, amount_fen, state, created_at, updated_at) VALUES ('o3', 'k', 's', 5, 'pending', 1, 1)");
    expect(verifyRowDigests(db)).toMatchObject({ ok: false, subject: 'o3', reason: 'no audit entry vouches for it' });
    db.exec("DELETE FROM payments WHERE order_id IN ('o3', 'o2')");
    expect(verifyRowDigests(db)).toMatchObject({ ok: false, subject: 'o2', reason: 'its row was deleted' });
  });

  it('accepts entries under a given-up key only when an authenticated audit.keyed entry closes them', () => {
    fill(4);
    const next = testAuditKey();
    const head = auditHead(db);
    bindAuditKey(db, next);
    appendAudit(db, { actor: 'operator', action: 'audit.keyed', subject: null, detail: { before: head.count, beforeHead: head.hash, reason: 'keysReplaced' } }, 2000);
    fill(2);
    expect(verifyAudit(db, next)).toEqual({ ok: true, entries: 8, unverifiable: 5 });
    // The same log checked with a key that closes nothing: not authenticated.
    expect(verifyAudit(db, testAuditKey())).toMatchObject({ ok: false, brokenAt: 1 });
  });
});
