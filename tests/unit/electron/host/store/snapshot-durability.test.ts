import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueSubmission } from '../../../../../electron/host/queue/enqueue';
import { openDatabase } from '../../../../../electron/host/store/db';
import { insertPendingPayment, markPaid } from '../../../../../electron/host/store/repos/payments';
import { recordPrint } from '../../../../../electron/host/store/repos/print-jobs';
import { deleteSnapshot, loadSnapshot, saveSnapshot } from '../../../../../electron/host/store/repos/flow-snapshots';
import { testAuditKey, testSealer } from '../../../../fixtures/sealer';
import { plainDraft } from '../../../../fixtures/queue-draft';

const FULL = 2;
const NORMAL = 1;
const sealer = testSealer();
let dir: string;
let db: Database;
/** The synchronous level each write to a watched table ran under, by table, in order. */
let levels: Record<string, number[]>;

// The level cannot change inside a transaction (SQLite refuses), so the one a row is written
// under is the one its transaction commits with. A temporary trigger reads it at that moment.
function watch(table: string): void {
  db.exec(
    `CREATE TEMP TRIGGER watch_${table}_insert AFTER INSERT ON main.${table} BEGIN SELECT sync_level('${table}', (SELECT synchronous FROM pragma_synchronous)); END;
     CREATE TEMP TRIGGER watch_${table}_update AFTER UPDATE ON main.${table} BEGIN SELECT sync_level('${table}', (SELECT synchronous FROM pragma_synchronous)); END;
     CREATE TEMP TRIGGER watch_${table}_delete AFTER DELETE ON main.${table} BEGIN SELECT sync_level('${table}', (SELECT synchronous FROM pragma_synchronous)); END;`,
  );
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-sync-'));
  db = openDatabase(path.join(dir, 'kiosk.db'), { sealer, auditKey: testAuditKey() });
  levels = {};
  db.function('sync_level', (table: unknown, level: unknown) => {
    (levels[String(table)] ??= []).push(Number(level));
    return null;
  });
  for (const table of ['flow_snapshots', 'submissions', 'payments', 'print_jobs', 'audit_log']) watch(table);
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('flow snapshots commit without an fsync, everything durable with one', () => {
  it('writes a snapshot under synchronous=NORMAL and leaves the connection at FULL', () => {
    saveSnapshot(db, 'kiosk', Buffer.from('first'), 1);
    saveSnapshot(db, 'kiosk', Buffer.from('second'), 2);
    expect(levels.flow_snapshots).toEqual([NORMAL, NORMAL]);
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    expect(loadSnapshot(db, 'kiosk')).toEqual(Buffer.from('second'));
  });

  it('puts the connection back to FULL when the snapshot write fails', () => {
    db.exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.flow_snapshots BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(() => saveSnapshot(db, 'kiosk', Buffer.from('x'), 1)).toThrow('disk full');
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
  });

  it('joins a transaction already open instead of failing, committed with it at FULL', () => {
    db.transaction(() => saveSnapshot(db, 'kiosk', Buffer.from('inside'), 1))();
    expect(levels.flow_snapshots).toEqual([FULL]);
    expect(loadSnapshot(db, 'kiosk')).toEqual(Buffer.from('inside'));
  });

  it('deletes a finished session\'s snapshot at FULL: a power cut must not bring the last resident back', () => {
    saveSnapshot(db, 'kiosk', Buffer.from('resident'), 1);
    deleteSnapshot(db, 'kiosk');
    expect(levels.flow_snapshots).toEqual([NORMAL, FULL]);
  });

  it('commits a submission, a payment and a paid print at FULL right after a snapshot', () => {
    saveSnapshot(db, 'kiosk', Buffer.from('pay screen'), 1);
    insertPendingPayment(db, { orderId: 'o-1', submissionKey: 'session-1', serviceId: 'noCriminalRecord', amountFen: 2000, now: 2 });
    saveSnapshot(db, 'kiosk', Buffer.from('paying'), 3);
    markPaid(db, 'o-1', { transactionId: 't-1', paidAt: 4, now: 4 }, { actor: 'kiosk' });
    saveSnapshot(db, 'kiosk', Buffer.from('submitting'), 5);
    const reference = enqueueSubmission(db, plainDraft('session-1', 0), { sealer, kioskId: 'K01' });
    saveSnapshot(db, 'kiosk', Buffer.from('printing'), 6);
    recordPrint(db, { reference, stepId: 's4', output: 'slip', document: null, printed: true, documentNumber: null, error: null, now: 7 });

    expect(levels.flow_snapshots).toEqual([NORMAL, NORMAL, NORMAL, NORMAL]);
    expect(levels.payments).toEqual([FULL, FULL]);
    expect(levels.submissions?.length).toBeGreaterThan(0);
    expect(new Set(levels.submissions)).toEqual(new Set([FULL]));
    expect(levels.print_jobs).toEqual([FULL]);
    expect(new Set(levels.audit_log)).toEqual(new Set([FULL]));
  });
});
