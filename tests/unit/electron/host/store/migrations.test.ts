import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, migrate, openDatabase } from '../../../../../electron/host/store/db';
import { migrations, type Migration } from '../../../../../electron/host/store/migrations';
import { testAuditKey, testSealer } from '../../../../fixtures/sealer';
import { verifyAudit } from '../../../../../electron/host/store/repos/audit-log';
import { auditRowChange, verifyRowDigests } from '../../../../../electron/host/store/repos/row-audit';
import { countByState, listAwaitingDecision } from '../../../../../electron/host/store/repos/submissions';
import { createHash } from 'node:crypto';

const sealer = testSealer();
const ctx = { sealer, auditKey: testAuditKey() };

const open: Database[] = [];
const dirs: string[] = [];

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-migrations-'));
  dirs.push(dir);
  return path.join(dir, 'kiosk.db');
}

function track(db: Database): Database {
  open.push(db);
  return db;
}

/** A plain connection, without what openDatabase does, so each test controls the version. */
function rawDb(file = tempFile()): Database {
  return track(new BetterSqlite3(file));
}

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const version = (db: Database) => db.pragma('user_version', { simple: true }) as number;

/** Migrations up to and including version n. */
const upTo = (n: number) => migrations.filter((m) => m.version <= n);

interface TableInfo {
  name: string;
  type: string;
  strict: number;
}

function tables(db: Database): TableInfo[] {
  return (db.pragma('table_list') as TableInfo[]).filter(
    (t) => t.type === 'table' && !t.name.startsWith('sqlite_'),
  );
}

function schema(db: Database): unknown[] {
  return db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
}

describe('the migration list', () => {
  it('numbers migrations 1, 2, 3 … with names matching their files', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    const dir = path.join(__dirname, '../../../../../electron/host/store/migrations');
    const files = fs
      .readdirSync(dir)
      .filter((f) => /^\d{4}-.+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(migrations.map((m) => m.name)).toEqual(files);
    for (const m of migrations) expect(m.name.startsWith(String(m.version).padStart(4, '0'))).toBe(true);
  });
});

describe('migrate', () => {
  it('takes an empty database to the latest version with STRICT tables', () => {
    const db = rawDb();
    expect(version(db)).toBe(0);
    expect(migrate(db, ctx)).toBe(migrations.length);
    expect(version(db)).toBe(migrations.length);

    const created = tables(db);
    expect(created.map((t) => t.name).sort()).toEqual(['audit_head', 'audit_log', 'flow_snapshots', 'help_requests', 'payments', 'print_jobs', 'ratings', 'review_decisions', 'settings', 'staff', 'submission_counts', 'submissions', 'supplies', 'supply_refills']);
    for (const table of created) expect(table.strict, table.name).toBe(1);
  });

  it('refuses values of the wrong type in STRICT columns', () => {
    const db = rawDb();
    migrate(db, ctx);
    expect(() =>
      db.prepare("INSERT INTO flow_snapshots (slot, snapshot, updated_at) VALUES ('kiosk', x'00', 'yesterday')").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO submissions (reference, submission_key, service_id, state, lang, payload, created_at, updated_at)
           VALUES ('JN-K01A-7QXZ-3', 'k', 's', 'queued', 'zh-CN', x'00', 1.5, 1)`,
        )
        .run(),
    ).toThrow(/cannot store REAL value in INTEGER column/);
    expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('a', x'00')").run()).toThrow(
      /cannot store BLOB value in TEXT column/,
    );
    expect(db.prepare('SELECT count(*) AS n FROM flow_snapshots').get()).toEqual({ n: 0 });
  });

  it('keeps the submission state to the known values', () => {
    const db = rawDb();
    migrate(db, ctx);
    expect(() =>
      db
        .prepare(
          `INSERT INTO submissions (reference, submission_key, service_id, state, lang, payload, created_at, updated_at)
           VALUES ('JN-K01A-7QXZ-3', 'k', 's', 'lost', 'zh-CN', x'00', 1, 1)`,
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
  });

  it('is a no-op the second time', () => {
    const db = rawDb();
    migrate(db, ctx);
    db.prepare("INSERT INTO settings (key, value) VALUES ('kiosk', 'K01')").run();
    const before = schema(db);

    expect(migrate(db, ctx)).toBe(migrations.length);
    expect(version(db)).toBe(migrations.length);
    expect(schema(db)).toEqual(before);
    expect(db.prepare('SELECT key, value FROM settings').all()).toEqual([{ key: 'kiosk', value: 'K01' }]);
  });

  it('rolls a failing migration back and leaves the version where it was', () => {
    const db = rawDb();
    migrate(db, ctx);
    const broken: Migration = {
      version: migrations.length + 1,
      name: '9999-broken',
      up(d: Database) {
        d.exec('CREATE TABLE half_done (a INTEGER) STRICT');
        d.exec("INSERT INTO settings (key, value) VALUES ('half', 'done')");
        throw new Error('migration failed midway');
      },
    };
    expect(() => migrate(db, ctx, [...migrations, broken])).toThrow('migration failed midway');
    expect(version(db)).toBe(migrations.length);
    expect(tables(db).map((t) => t.name)).not.toContain('half_done');
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 0 });
  });

  it('refuses a database from a newer version with DatabaseTooNewError', () => {
    const db = rawDb();
    db.pragma(`user_version = ${migrations.length + 1}`);
    expect(() => migrate(db, ctx)).toThrow(DatabaseTooNewError);
    expect(() => migrate(db, ctx)).toThrow(/newer than this software/);
    expect(version(db)).toBe(migrations.length + 1);
    expect(tables(db)).toEqual([]);
  });
});

describe('openDatabase', () => {
  it('creates the folder and the file, in WAL mode with synchronous FULL and secure_delete', () => {
    const file = path.join(path.dirname(tempFile()), 'nested', 'deeper', 'kiosk.db');
    const db = track(openDatabase(file, ctx));
    expect(fs.existsSync(file)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(version(db)).toBe(migrations.length);
  });

  it('reopens an existing database without changing its data', () => {
    const file = tempFile();
    const first = openDatabase(file, ctx);
    first.prepare("INSERT INTO settings (key, value) VALUES ('kiosk', 'K01')").run();
    first.close();
    const again = track(openDatabase(file, ctx));
    expect(again.prepare('SELECT value FROM settings WHERE key = ?').get('kiosk')).toEqual({ value: 'K01' });
  });

  it('refuses a database at a higher version and leaves the file exactly as it was', () => {
    const file = tempFile();
    const newer = new BetterSqlite3(file);
    newer.exec("CREATE TABLE future (a TEXT) STRICT; INSERT INTO future VALUES ('from the future');");
    newer.pragma(`user_version = ${migrations.length + 7}`);
    newer.close();
    const bytes = fs.readFileSync(file);
    const names = fs.readdirSync(path.dirname(file)).sort();

    expect(() => openDatabase(file, ctx)).toThrow(DatabaseTooNewError);

    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(names);
    // And it is still readable by the newer version: nothing was left locked or half-open.
    const check = rawDb(file);
    expect(version(check)).toBe(migrations.length + 7);
    expect(check.prepare('SELECT a FROM future').all()).toEqual([{ a: 'from the future' }]);
  });
});

/**
 * What each migration must keep of a database one version older. When you add migration N,
 * add its entry: `seed` writes rows at version N-1, `verify` checks them at version N.
 */
const PLAIN_PAYLOAD = JSON.stringify({ applicant: { name: '测试员', idNumber: '110105198003150012' }, answers: { phone: { text: '13900000000' } } });

/** A queued submission with its audited row digest: what a migration that adds a table beside the queue must keep. */
function seedQueuedSubmission(db: Database): void {
  db.prepare(
    `INSERT INTO submissions (reference, submission_key, service_id, state, lang, payload, needs_review, created_at, updated_at)
     VALUES ('JN-K01A-7QXZ-3', 'session-1', 'noCriminalRecord', 'queued', 'zh-CN', x'01', 0, 10, 11)`,
  ).run();
  auditRowChange(db, 'submission', 'JN-K01A-7QXZ-3', 'queued', { actor: 'kiosk' }, 12);
}

/** The submission {@link seedQueuedSubmission} wrote is still there, its digest and the audit log intact. */
function expectQueuedSubmissionKept(db: Database): void {
  expect(db.prepare('SELECT reference, state FROM submissions').all()).toEqual([{ reference: 'JN-K01A-7QXZ-3', state: 'queued' }]);
  expect(verifyRowDigests(db)).toEqual({ ok: true, rows: 1 });
  expect(verifyAudit(db, ctx.auditKey)).toMatchObject({ ok: true });
}

/** The plan of a query: every step's detail, joined. */
function planOf(db: Database, sql: string, ...args: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((p) => p.detail).join(' | ');
}

const KEEPS_DATA: Record<string, { seed(db: Database): void; verify(db: Database): void }> = {
  // 0012 counts the settled states from a kept table, seeded from the rows already there and
  // kept by triggers through every later change, and gives the status pull an index in its order.
  '0012-history-bound': {
    seed(db) {
      const insert = db.prepare(
        `INSERT INTO submissions (reference, submission_key, service_id, state, lang, payload, needs_review, created_at, updated_at, remote_status)
         VALUES (?, ?, 'noCriminalRecord', ?, 'zh-CN', x'01', 0, ?, ?, ?)`,
      );
      insert.run('JN-K01A-0000-1', 'k1', 'queued', 10, 10, null);
      insert.run('JN-K01A-0000-2', 'k2', 'sent', 11, 50, 'received');
      insert.run('JN-K01A-0000-3', 'k3', 'accepted', 12, 40, 'accepted');
      insert.run('JN-K01A-0000-4', 'k4', 'accepted', 13, 30, 'certificateReady');
      insert.run('JN-K01A-0000-5', 'k5', 'rejected', 14, 20, 'rejected');
      insert.run('JN-K01A-0000-6', 'k6', 'sent', 15, 60, null);
      for (let i = 1; i <= 6; i++) auditRowChange(db, 'submission', `JN-K01A-0000-${i}`, 'queued', { actor: 'kiosk' }, 70);
    },
    verify(db) {
      expect(verifyRowDigests(db)).toEqual({ ok: true, rows: 6 });
      expect(verifyAudit(db, ctx.auditKey)).toMatchObject({ ok: true });
      const kept = () => Object.fromEntries((db.prepare('SELECT state, n FROM submission_counts').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
      expect(kept()).toEqual({ sent: 2, accepted: 2, rejected: 1 });
      expect(countByState(db)).toEqual({ queued: 1, sending: 0, sent: 2, accepted: 2, rejected: 1, failed: 0 });
      // The status pull: sent, and accepted without a certificate, oldest update first, by its index.
      expect(listAwaitingDecision(db, 10).map((r) => r.reference)).toEqual(['JN-K01A-0000-3', 'JN-K01A-0000-2', 'JN-K01A-0000-6']);
      const pullSql = "SELECT id FROM submissions INDEXED BY submissions_awaiting WHERE state = 'sent' OR (state = 'accepted' AND remote_status IS NOT 'certificateReady') ORDER BY updated_at LIMIT 50";
      expect(planOf(db, pullSql)).toContain('submissions_awaiting');
      expect(planOf(db, pullSql)).not.toContain('TEMP B-TREE');
      // Every way a state changes keeps the counts: insert, update of the state, delete.
      db.prepare("UPDATE submissions SET state = 'sent' WHERE reference = 'JN-K01A-0000-1'").run();
      db.prepare("UPDATE submissions SET state = 'accepted' WHERE reference = 'JN-K01A-0000-2'").run();
      db.prepare("UPDATE submissions SET remote_status = 'x' WHERE reference = 'JN-K01A-0000-3'").run();
      db.prepare("UPDATE submissions SET state = 'accepted' WHERE reference = 'JN-K01A-0000-3'").run();
      db.prepare("DELETE FROM submissions WHERE reference = 'JN-K01A-0000-5'").run();
      db.prepare(
        `INSERT INTO submissions (reference, submission_key, service_id, state, lang, payload, needs_review, created_at, updated_at)
         VALUES ('JN-K01A-0000-7', 'k7', 'noCriminalRecord', 'rejected', 'zh-CN', x'01', 0, 80, 80)`,
      ).run();
      expect(kept()).toEqual({ sent: 2, accepted: 3, rejected: 1 });
      const actual = Object.fromEntries((db.prepare("SELECT state, count(*) AS n FROM submissions WHERE state IN ('sent', 'accepted', 'rejected') GROUP BY state").all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
      expect(kept()).toEqual(actual);
    },
  },
  // 0011 turns the newest-first indexes ascending under the same names: the rows stay, and the
  // newest-first lists still read an index backwards, with no sort.
  '0011-ascending-indexes': {
    seed(db) {
      const insert = db.prepare(
        `INSERT INTO submissions (reference, submission_key, service_id, state, lang, payload, needs_review, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'zh-CN', x'01', 0, ?, ?)`,
      );
      insert.run('JN-K01A-0000-1', 'k1', 'noCriminalRecord', 'queued', 10, 10);
      insert.run('JN-K01A-0000-2', 'k2', 'trafficFines', 'sent', 30, 30);
      insert.run('JN-K01A-0000-3', 'k3', 'noCriminalRecord', 'queued', 20, 20);
      insert.run('JN-K01A-0000-4', 'k4', 'noCriminalRecord', 'queued', 20, 21);
      for (const reference of ['JN-K01A-0000-1', 'JN-K01A-0000-2', 'JN-K01A-0000-3', 'JN-K01A-0000-4']) {
        auditRowChange(db, 'submission', reference, 'queued', { actor: 'kiosk' }, 40);
      }
    },
    verify(db) {
      expect(verifyRowDigests(db)).toEqual({ ok: true, rows: 4 });
      expect(verifyAudit(db, ctx.auditKey)).toMatchObject({ ok: true });
      for (const index of ['submissions_state_created', 'submissions_created', 'submissions_service_created']) {
        const columns = db.pragma(`index_xinfo(${index})`) as { name: string | null; desc: number; key: number }[];
        expect(columns.filter((c) => c.key === 1).map((c) => [c.name, c.desc]), index).toEqual(
          [...(index === 'submissions_created' ? [] : [[index === 'submissions_state_created' ? 'state' : 'service_id', 0]]), ['created_at', 0], ['id', 0]],
        );
      }
      const newest = (where: string, ...args: unknown[]) => {
        const sql = `SELECT reference FROM submissions ${where} ORDER BY created_at DESC, id DESC LIMIT 50`;
        expect(planOf(db, sql, ...args)).not.toContain('TEMP B-TREE');
        return db.prepare(sql).pluck().all(...args);
      };
      expect(newest('')).toEqual(['JN-K01A-0000-2', 'JN-K01A-0000-4', 'JN-K01A-0000-3', 'JN-K01A-0000-1']);
      expect(newest('WHERE state = ?', 'queued')).toEqual(['JN-K01A-0000-4', 'JN-K01A-0000-3', 'JN-K01A-0000-1']);
      expect(newest('WHERE service_id = ?', 'noCriminalRecord')).toEqual(['JN-K01A-0000-4', 'JN-K01A-0000-3', 'JN-K01A-0000-1']);
      // The next page after (20, id of -4), by the same index.
      expect(newest('WHERE state = ? AND (created_at, id) < (?, ?)', 'queued', 20, 4)).toEqual(['JN-K01A-0000-3', 'JN-K01A-0000-1']);
      expect(planOf(db, "SELECT id FROM submissions WHERE state = 'queued' ORDER BY created_at DESC, id DESC LIMIT 50")).toContain('submissions_state_created');
      expect(planOf(db, "SELECT id FROM submissions WHERE service_id = 'x' ORDER BY created_at DESC, id DESC LIMIT 20")).toContain('submissions_service_created');
      expect(planOf(db, 'SELECT id FROM submissions ORDER BY created_at DESC, id DESC LIMIT 20')).toContain('submissions_created');
    },
  },
  // 0010 adds residents' help requests beside everything else, which it must not touch; a request
  // is open (nobody closed it) or closed (by whom and when), never half of each.
  '0010-help': {
    seed: seedQueuedSubmission,
    verify(db) {
      expectQueuedSubmissionKept(db);
      expect(db.prepare('SELECT count(*) AS n FROM help_requests').get()).toEqual({ n: 0 });
      const insert = db.prepare('INSERT INTO help_requests (at, screen, service_id, state, call_state, closed_by, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
      insert.run(20, 'question', 'noCriminalRecord', 'open', null, null, null);
      insert.run(21, 'welcome', null, 'closed', 'unanswered', '100001', 30);
      expect(() => insert.run(22, 'welcome', null, 'closed', null, null, null)).toThrow(/CHECK/);
      expect(() => insert.run(22, 'welcome', null, 'open', null, '100001', 30)).toThrow(/CHECK/);
      expect(() => insert.run(22, 'welcome', null, 'waiting', null, null, null)).toThrow(/CHECK/);
      expect(() => insert.run(22, 'welcome', null, 'open', 'busy', null, null)).toThrow(/CHECK/);
      expect(() => insert.run(22, '', null, 'open', null, null, null)).toThrow(/CHECK/);
      expect(() => insert.run('noon', 'welcome', null, 'open', null, null, null)).toThrow(/cannot store TEXT value in INTEGER column/);
      const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM help_requests WHERE state = 'open' ORDER BY at DESC, id DESC").all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('help_requests_state_at');
    },
  },
  // 0009 gives decisions a reason, what to bring and whether the platform has them; earlier decisions stay, unsent.
  '0009-review': {
    seed(db) {
      db.prepare(
        `INSERT INTO submissions (reference, submission_key, service_id, state, lang, payload, needs_review, created_at, updated_at)
         VALUES ('JN-K01A-7QXZ-3', 'session-1', 'contactChange', 'sent', 'zh-CN', x'01', 1, 10, 11)`,
      ).run();
      db.prepare("INSERT INTO review_decisions (reference, decision, staff_id, note, decided_at) VALUES ('JN-K01A-7QXZ-3', 'moreInfo', 'S001', NULL, 20)").run();
    },
    verify(db) {
      expect(db.prepare('SELECT reference, decision, reason_code AS reasonCode, bring, sent_at AS sentAt FROM review_decisions').all()).toEqual([
        { reference: 'JN-K01A-7QXZ-3', decision: 'moreInfo', reasonCode: null, bring: '', sentAt: null },
      ]);
      const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM submissions WHERE service_id = 'x' ORDER BY created_at DESC, id DESC LIMIT 20").all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('submissions_service_created');
    },
  },
  // 0008 adds the supplies and their refills; the staff and the queue stay as they were.
  '0008-supplies': {
    seed(db) {
      db.prepare("INSERT INTO staff (staff_number, card_hash, pin_hash, pin_salt, roles, created_at, created_by) VALUES ('100001', NULL, 'h', 's', 'admin', 1, 'setup')").run();
    },
    verify(db) {
      expect(db.prepare('SELECT staff_number AS n, roles FROM staff').all()).toEqual([{ n: '100001', roles: 'admin' }]);
      db.prepare("INSERT INTO supplies (supply, capacity, level, low_at, out_at, updated_at) VALUES ('receiptPaper', 300, 300, 40, 3, 1)").run();
      expect(() => db.prepare("UPDATE supplies SET level = -1 WHERE supply = 'receiptPaper'").run()).toThrow(/CHECK/);
      db.prepare("INSERT INTO supply_refills (supply, staff_number, amount, level_before, level_after, at) VALUES ('receiptPaper', '100001', 10, 290, 300, 2)").run();
      expect(() => db.prepare("INSERT INTO supply_refills (supply, staff_number, amount, level_before, level_after, at) VALUES ('receiptPaper', '100001', 0, 300, 300, 3)").run()).toThrow(/CHECK/);
    },
  },
  // 0007 adds the station staff beside everything else, which it must not touch; a new kiosk has none.
  '0007-staff': {
    seed: seedQueuedSubmission,
    verify(db) {
      expectQueuedSubmissionKept(db);
      expect(db.prepare('SELECT count(*) AS n FROM staff').get()).toEqual({ n: 0 });
      const insert = db.prepare("INSERT INTO staff (staff_number, card_hash, pin_hash, pin_salt, roles, created_at, created_by) VALUES (?, ?, 'h', 's', 'admin', 1, 'setup')");
      insert.run('100001', 'c1');
      expect(() => insert.run('100001', 'c2')).toThrow(/UNIQUE/);
      expect(() => insert.run('200002', 'c1')).toThrow(/UNIQUE/);
      expect(() => insert.run('12', null)).toThrow(/CHECK/);
    },
  },
  // 0006 adds what was printed for a submission and the ratings, beside the queue and the audit it must not touch.
  '0006-steps': {
    seed(db) {
      db.prepare(
        `INSERT INTO submissions (reference, submission_key, service_id, state, lang, payload, needs_review, created_at, updated_at)
         VALUES ('JN-K01A-7QXZ-3', 'session-1', 'noCriminalRecord', 'sent', 'zh-CN', x'01', 1, 10, 11)`,
      ).run();
      auditRowChange(db, 'submission', 'JN-K01A-7QXZ-3', 'sent', { actor: 'sync' }, 12);
    },
    verify(db) {
      expect(db.prepare('SELECT reference, state, needs_review AS needsReview FROM submissions').all()).toEqual([{ reference: 'JN-K01A-7QXZ-3', state: 'sent', needsReview: 1 }]);
      expect(verifyRowDigests(db)).toEqual({ ok: true, rows: 1 });
      expect(verifyAudit(db, ctx.auditKey)).toMatchObject({ ok: true });
      db.prepare("INSERT INTO print_jobs (reference, step_id, output, state, created_at, updated_at) VALUES ('JN-K01A-7QXZ-3', 'slip', 'slip', 'pending', 1, 1)").run();
      expect(() => db.prepare("INSERT INTO print_jobs (reference, step_id, output, state, created_at, updated_at) VALUES ('JN-K01A-7QXZ-3', 'slip', 'slip', 'pending', 1, 1)").run()).toThrow(/UNIQUE/);
      db.prepare("INSERT INTO ratings (service_id, level, reason, day) VALUES ('noCriminalRecord', 5, 'fast', '2026-12-02')").run();
      expect(() => db.prepare("INSERT INTO ratings (service_id, level, day) VALUES ('x', 6, '2026-12-02')").run()).toThrow(/CHECK/);
    },
  },

  // 0005 keys the audit log: the plain-hash entries before it stay, closed by an authenticated
  // anchor, and every submission and payment gets a baseline entry with its digest.
  '0005-keyed-audit': {
    seed(db) {
      db.prepare(
        `INSERT INTO submissions (reference, submission_key, service_id, state, lang, payload, created_at, updated_at)
         VALUES ('JN-K01A-7QXZ-3', 'session-1', 'idCardRenewal', 'queued', 'zh-CN', x'01', 10, 11)`,
      ).run();
      db.prepare("INSERT INTO payments (order_id, submission_key, service_id, amount_fen, state, transaction_id, created_at, updated_at, paid_at) VALUES ('session-1-1', 'session-1', 'idCardRenewal', 2000, 'paid', 'T1', 1, 2, 2)").run();
      // An entry as version 4 wrote it: chained by plain SHA-256 from the genesis hash.
      const detail = JSON.stringify({ service: 'idCardRenewal' });
      const canonical = JSON.stringify([1, 10, 'kiosk', 'submission.queued', 'JN-K01A-7QXZ-3', [['service', 'idCardRenewal']]]);
      const hash = createHash('sha256').update('0'.repeat(64)).update('\n').update(canonical).digest('hex');
      db.prepare('INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (1, 10, ?, ?, ?, ?, ?, ?)').run(
        'kiosk', 'submission.queued', 'JN-K01A-7QXZ-3', detail, '0'.repeat(64), hash,
      );
    },
    verify(db) {
      const rows = db.prepare('SELECT seq, action, subject, key_id AS keyId FROM audit_log ORDER BY seq').all() as { seq: number; action: string; subject: string | null; keyId: string | null }[];
      expect(rows.map((r) => [r.seq, r.action, r.subject])).toEqual([
        [1, 'submission.queued', 'JN-K01A-7QXZ-3'],
        [2, 'audit.keyed', null],
        [3, 'submission.baseline', 'JN-K01A-7QXZ-3'],
        [4, 'payment.baseline', 'session-1-1'],
      ]);
      expect(rows[0]?.keyId).toBeNull();
      expect(rows[1]?.keyId).toBe(ctx.auditKey.id);
      expect(verifyAudit(db, ctx.auditKey)).toEqual({ ok: true, entries: 4, unverifiable: 0 });
      expect(verifyRowDigests(db)).toEqual({ ok: true, rows: 2 });
    },
  },
  // 0004 names the submission a payment paid for: the first paid order of a queued submission.
  '0004-payment-reference': {
    seed(db) {
      db.prepare(
        `INSERT INTO submissions (reference, submission_key, service_id, state, lang, payload, created_at, updated_at)
         VALUES ('JN-K01A-7QXZ-3', 'session-1', 'idCardRenewal', 'queued', 'zh-CN', x'01', 10, 11)`,
      ).run();
      const pay = db.prepare('INSERT INTO payments (order_id, submission_key, service_id, amount_fen, state, transaction_id, created_at, updated_at, paid_at) VALUES (?, ?, ?, 2000, ?, ?, 1, 1, ?)');
      pay.run('session-1-1', 'session-1', 'idCardRenewal', 'paid', 'T1', 5);
      pay.run('session-1-2', 'session-1', 'idCardRenewal', 'paid', 'T2', 6);
      pay.run('gone-1', 'gone', 'idCardRenewal', 'paid', 'T3', 7);
      pay.run('session-1-3', 'session-1', 'idCardRenewal', 'canceled', null, null);
    },
    verify(db) {
      expect(db.prepare('SELECT order_id AS o, submission_reference AS r FROM payments ORDER BY order_id').all()).toEqual([
        { o: 'gone-1', r: null },
        { o: 'session-1-1', r: 'JN-K01A-7QXZ-3' },
        // Paid twice for one submission: the second is money to refund.
        { o: 'session-1-2', r: null },
        { o: 'session-1-3', r: null },
      ]);
    },
  },
  // 0003 adds the payments table beside the queue it must not touch.
  '0003-payments': {
    seed(db) {
      db.prepare(
        `INSERT INTO submissions (reference, submission_key, service_id, state, lang, payload, created_at, updated_at)
         VALUES ('JN-K01A-7QXZ-3', 'session-1', 'noCriminalRecord', 'sent', 'zh-CN', x'01', 10, 11)`,
      ).run();
    },
    verify(db) {
      expect(db.prepare('SELECT reference, state FROM submissions').all()).toEqual([{ reference: 'JN-K01A-7QXZ-3', state: 'sent' }]);
      db.prepare("INSERT INTO payments (order_id, submission_key, service_id, amount_fen, state, created_at, updated_at) VALUES ('o1', 'session-1', 's', 2000, 'pending', 1, 1)").run();
      expect(() => db.prepare("INSERT INTO payments (order_id, submission_key, service_id, amount_fen, state, created_at, updated_at) VALUES ('o2', 'k', 's', 0, 'pending', 1, 1)").run()).toThrow(/CHECK/);
    },
  },
  // 0002 seals the plain payloads and snapshots that version 1 stored.
  '0002-outbox-audit-encryption': {
    seed(db) {
      db.prepare(
        `INSERT INTO submissions (reference, submission_key, service_id, state, lang, payload, created_at, updated_at)
         VALUES ('JN-K01A-7QXZ-3', 'session-1', 'noCriminalRecord', 'queued', 'zh-CN', ?, 10, 11)`,
      ).run(PLAIN_PAYLOAD);
      db.prepare("INSERT INTO flow_snapshots (slot, snapshot, updated_at) VALUES ('kiosk', ?, 12)").run('{"name":"测试员"}');
    },
    verify(db) {
      const row = db.prepare('SELECT reference, submission_key, state, payload, attempts, created_at, updated_at FROM submissions').get() as {
        payload: Buffer;
      } & Record<string, unknown>;
      expect(row).toMatchObject({ reference: 'JN-K01A-7QXZ-3', submission_key: 'session-1', state: 'queued', attempts: 0, created_at: 10, updated_at: 11 });
      expect(Buffer.isBuffer(row.payload)).toBe(true);
      expect(row.payload.includes(Buffer.from('110105198003150012'))).toBe(false);
      expect(sealer.open(row.payload, 'submission:JN-K01A-7QXZ-3').toString('utf8')).toBe(PLAIN_PAYLOAD);
      const snap = db.prepare('SELECT snapshot FROM flow_snapshots').get() as { snapshot: Buffer };
      expect(sealer.open(snap.snapshot, 'snapshot:kiosk').toString('utf8')).toBe('{"name":"测试员"}');
      expect(tables(db).map((t) => t.name)).toEqual(expect.arrayContaining(['audit_log', 'review_decisions']));
    },
  },
  // 0001 has no older schema: a database at version 0 may still hold a table of its own.
  '0001-initial': {
    seed(db) {
      db.exec('CREATE TABLE legacy_notes (id INTEGER PRIMARY KEY, note TEXT)');
      db.prepare('INSERT INTO legacy_notes (note) VALUES (?), (?)').run('first note', 'second note');
    },
    verify(db) {
      expect(db.prepare('SELECT id, note FROM legacy_notes ORDER BY id').all()).toEqual([
        { id: 1, note: 'first note' },
        { id: 2, note: 'second note' },
      ]);
      expect(tables(db).map((t) => t.name)).toEqual(
        expect.arrayContaining(['legacy_notes', 'submissions', 'flow_snapshots', 'settings']),
      );
    },
  },
};


describe.each(migrations.map((m) => [m.name, m] as const))('migration %s', (name, migration) => {
  it('has a data-keeping check in this file', () => {
    expect(Object.keys(KEEPS_DATA)).toContain(name);
  });

  it(`migrates a database at version ${migration.version - 1} with data in it to version ${migration.version}`, () => {
    const check = KEEPS_DATA[name];
    if (!check) throw new Error(`Add a KEEPS_DATA entry for ${name}.`);
    const db = rawDb();
    expect(migrate(db, ctx, upTo(migration.version - 1))).toBe(migration.version - 1);
    check.seed(db);

    expect(migrate(db, ctx, upTo(migration.version))).toBe(migration.version);
    check.verify(db);
    for (const table of tables(db)) {
      if (table.name !== 'legacy_notes') expect(table.strict, table.name).toBe(1);
    }
  });
});
