import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Devices } from '../../../../../shared/contract';
import { isReady } from '../../../../../shared/hardware/types';
import { createLogger } from '../../../../../electron/host/log/logger';
import { openDatabase } from '../../../../../electron/host/store/db';
import { verifyAudit } from '../../../../../electron/host/store/repos/audit-log';
import { Supplies, SUPPLY_SPECS } from '../../../../../electron/host/supplies/supplies';
import { testAuditKey, testSealer } from '../../../../fixtures/sealer';

const ONLINE: Devices = {
  idCardReader: { device: 'online' },
  receiptPrinter: { device: 'online', paper: 'full' },
  camera: { device: 'online' },
  paymentTerminal: { device: 'online' },
  documentReader: { device: 'online' },
  documentPrinter: { device: 'online' },
  permitPrinter: { device: 'online', media: 'notPresent' },
  storage: { device: 'online' },
  staffCardReader: { device: 'online' },
  intercom: { device: 'online' },
  headset: { device: 'online', media: 'notPresent' },
};

let dir: string;
let db: Database;
let clock: number;
let supplies: Supplies;
let changes: number;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-supplies-'));
  db = openDatabase(path.join(dir, 'kiosk.db'), { sealer: testSealer(), auditKey: testAuditKey() });
  clock = Date.UTC(2026, 11, 3, 5, 0);
  supplies = new Supplies(db, ['receiptPaper', 'a4Paper', 'permitRibbon'], { now: () => clock, log: createLogger({ level: 'error', write: () => undefined }) });
  changes = 0;
  supplies.onChange(() => (changes += 1));
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const level = (name: string) => supplies.list().find((s) => s.supply === name)!;
const audit = () => db.prepare("SELECT actor, action, subject, detail FROM audit_log WHERE action LIKE 'supply.%' ORDER BY seq").all() as { actor: string; action: string; subject: string; detail: string }[];

describe('supplies', () => {
  it('start full, and every print counts down, low then out, each change audited once', () => {
    const paper = SUPPLY_SPECS.receiptPaper;
    expect(level('receiptPaper')).toMatchObject({ capacity: paper.capacity, level: paper.capacity, state: 'ok', lastRefill: null });
    supplies.use('receiptPaper', paper.capacity - paper.lowAt - 1);
    expect(level('receiptPaper').state).toBe('ok');
    supplies.use('receiptPaper', 1);
    expect(level('receiptPaper')).toMatchObject({ level: paper.lowAt, state: 'low' });
    supplies.use('receiptPaper', paper.lowAt - paper.outAt);
    expect(level('receiptPaper')).toMatchObject({ level: paper.outAt, state: 'out' });
    supplies.use('receiptPaper', 100);
    expect(level('receiptPaper').level).toBe(0);
    expect(audit().map((a) => a.action)).toEqual(['supply.low', 'supply.out']);
    expect(changes).toBe(2);
  });

  it('folds low and out into the device status, so an out supply makes its device not ready', () => {
    supplies.setLevel('a4Paper', SUPPLY_SPECS.a4Paper.lowAt);
    supplies.setLevel('permitRibbon', 0);
    const shown = supplies.overlay(ONLINE);
    expect(shown.documentPrinter).toEqual({ device: 'online', paper: 'low' });
    expect(shown.permitPrinter).toEqual({ device: 'online', media: 'notPresent', ink: 'out' });
    expect(isReady(shown.permitPrinter)).toBe(false);
    expect(shown.receiptPrinter).toEqual(ONLINE.receiptPrinter);
    // What the device itself says wins when it is worse.
    expect(supplies.overlay({ ...ONLINE, documentPrinter: { device: 'online', paper: 'jammed' } }).documentPrinter.paper).toBe('jammed');
  });

  it('a refill fills to capacity and records who, what and how much', () => {
    supplies.use('a4Paper', 200);
    clock += 1000;
    const after = supplies.refill('200002', 'a4Paper');
    expect(after).toMatchObject({ level: SUPPLY_SPECS.a4Paper.capacity, state: 'ok', lastRefill: { by: '200002', amount: 200, at: clock } });
    expect(db.prepare('SELECT supply, staff_number, amount, level_before, level_after FROM supply_refills').all()).toEqual([
      { supply: 'a4Paper', staff_number: '200002', amount: 200, level_before: 50, level_after: 250 },
    ]);
    expect(audit().at(-1)).toMatchObject({ actor: 'staff:200002', action: 'supply.refilled', subject: 'a4Paper' });
    expect(verifyAudit(db)).toMatchObject({ ok: true });
  });

  it('knows only the supplies of the devices the kiosk has', () => {
    const few = new Supplies(db, ['receiptPaper'], { now: () => clock, log: createLogger({ level: 'error', write: () => undefined }) });
    expect(few.list().map((s) => s.supply)).toEqual(['receiptPaper']);
    few.use('permitRibbon', 10);
    expect(few.refill('100001', 'permitRibbon')).toBeNull();
  });

  it("takes the station's own sizes: a new supply starts full at its size, a changed size applies at start, audited, and what is left never exceeds what fits", () => {
    const log = createLogger({ level: 'error', write: () => undefined });
    supplies.use('receiptPaper', 100);
    const left = SUPPLY_SPECS.receiptPaper.capacity - 100;
    // A longer roll: the level counted so far stays, the thresholds move.
    const longer = new Supplies(db, ['receiptPaper', 'a4Paper'], { now: () => clock, log, sizes: { receiptPaper: { capacity: 600, lowAt: 60, outAt: 3 } } });
    expect(longer.list().find((s) => s.supply === 'receiptPaper')).toMatchObject({ capacity: 600, lowAt: 60, outAt: 3, level: left, state: 'ok' });
    longer.use('receiptPaper', left - 60);
    expect(longer.list().find((s) => s.supply === 'receiptPaper')).toMatchObject({ level: 60, state: 'low' });
    // A smaller tray than the sheets counted: clamped to what fits.
    const smaller = new Supplies(db, ['a4Paper'], { now: () => clock, log, sizes: { a4Paper: { capacity: 100, lowAt: 10, outAt: 0 } } });
    expect(smaller.list()).toMatchObject([{ supply: 'a4Paper', capacity: 100, level: 100 }]);
    // The same sizes again change nothing.
    new Supplies(db, ['a4Paper'], { now: () => clock, log, sizes: { a4Paper: { capacity: 100, lowAt: 10, outAt: 0 } } });
    const resized = audit().filter((a) => a.action === 'supply.resized');
    expect(resized.map((a) => [a.subject, JSON.parse(a.detail) as unknown])).toEqual([
      ['receiptPaper', { capacity: 600, lowAt: 60, outAt: 3, capacityBefore: SUPPLY_SPECS.receiptPaper.capacity, level: left }],
      ['a4Paper', { capacity: 100, lowAt: 10, outAt: 0, capacityBefore: SUPPLY_SPECS.a4Paper.capacity, level: 100 }],
    ]);
    expect(verifyAudit(db)).toMatchObject({ ok: true });
    // A fresh data folder starts each supply full at the station's size.
    const fresh = openDatabase(path.join(dir, 'fresh.db'), { sealer: testSealer(), auditKey: testAuditKey() });
    const first = new Supplies(fresh, ['permitRibbon'], { now: () => clock, log, sizes: { permitRibbon: { capacity: 250, lowAt: 25, outAt: 0 } } });
    expect(first.list()).toMatchObject([{ supply: 'permitRibbon', capacity: 250, level: 250, lowAt: 25 }]);
    fresh.close();
  });
});
