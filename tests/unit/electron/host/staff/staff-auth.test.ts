import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffEvent } from '../../../../../shared/contract';
import { createLogger } from '../../../../../electron/host/log/logger';
import { issueSetupCode, SETUP_CODE_MS, SETUP_CODE_TRIES, SETUP_FILE } from '../../../../../electron/host/staff/setup-code';
import { cardKeyFrom, CARD_WAIT_MS, isWeakPin, LOCK_MS, NUMBER_FAILURE_LIMIT, NUMBER_FAILURE_WINDOW_MS, NUMBER_PAUSE_MS, PIN_ATTEMPTS, STAFF_IDLE_MS, StaffAuth } from '../../../../../electron/host/staff/staff-auth';
import { openDatabase } from '../../../../../electron/host/store/db';
import { verifyAudit } from '../../../../../electron/host/store/repos/audit-log';
import { testAuditKey, testSealer } from '../../../../fixtures/sealer';

const ADMIN = { staffNumber: '100001', pin: '482916' };
const RESTOCKER = { staffNumber: '200002', pin: '739154', cardUid: '04A1B2C3D4E5F6' };

let dir: string;
let db: Database;
let clock: number;
let lines: string[];
let events: StaffEvent[];
let auth: StaffAuth;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-staff-'));
  db = openDatabase(path.join(dir, 'kiosk.db'), { sealer: testSealer(), auditKey: testAuditKey() });
  clock = Date.UTC(2026, 11, 3, 2, 0);
  lines = [];
  events = [];
  auth = new StaffAuth({
    db,
    dataDir: dir,
    cardKey: cardKeyFrom(testAuditKey().key),
    now: () => clock,
    log: createLogger({ level: 'debug', write: (line) => lines.push(line) }),
    onEvent: (e) => events.push(e),
  });
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// The staff entries of the audit log (the store writes its own too).
const audit = () => (db.prepare("SELECT actor, action, subject, detail FROM audit_log WHERE action LIKE 'staff.%' ORDER BY seq").all() as { actor: string; action: string; subject: string | null; detail: string }[]).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
const actions = () => audit().map((r) => r.action);

async function firstAdmin(): Promise<void> {
  const result = await auth.setUp({ setupCode: await issueSetupCode(dir, clock), ...ADMIN });
  expect(result.signedIn).toBe(true);
  auth.end('signedOut');
}

describe('the first admin, with the one-time setup code', () => {
  it('a new kiosk has no staff; the code makes the first admin, who is signed in with every role', async () => {
    expect(auth.hasStaff()).toBe(false);
    const code = await issueSetupCode(dir, clock);
    expect(code).toMatch(/^\d{12}$/);
    // Only its hash is kept in the data folder.
    expect(fs.readFileSync(path.join(dir, SETUP_FILE), 'utf8')).not.toContain(code);
    const result = await auth.setUp({ setupCode: code.replace(/(\d{4})/g, '$1 ').trim(), ...ADMIN });
    expect(result).toMatchObject({ signedIn: true, session: { staffNumber: ADMIN.staffNumber, roles: ['admin', 'reviewer', 'restocker'], idleEndsAt: clock + STAFF_IDLE_MS } });
    expect(auth.hasStaff()).toBe(true);
    expect(fs.existsSync(path.join(dir, SETUP_FILE))).toBe(false);
    expect(actions()).toEqual(['staff.created', 'staff.signedIn']);
  });

  it('is used once: the same code again, or another, once staff exist, is refused', async () => {
    const code = await issueSetupCode(dir, clock);
    await auth.setUp({ setupCode: code, ...ADMIN });
    expect(await auth.setUp({ setupCode: code, staffNumber: '300003', pin: '918273' })).toMatchObject({ signedIn: false, reason: 'staffExist' });
  });

  it(`a wrong code counts; after ${SETUP_CODE_TRIES} wrong ones the code is gone, and so is an expired one`, async () => {
    const code = await issueSetupCode(dir, clock);
    const wrong = code === '000000000000' ? '111111111111' : '000000000000';
    for (let i = 0; i < SETUP_CODE_TRIES; i++) expect(await auth.setUp({ setupCode: wrong, ...ADMIN })).toMatchObject({ reason: 'setupCodeWrong' });
    expect(await auth.setUp({ setupCode: code, ...ADMIN })).toMatchObject({ signedIn: false, reason: 'setupCodeMissing' });

    const fresh = await issueSetupCode(dir, clock);
    clock += SETUP_CODE_MS;
    expect(await auth.setUp({ setupCode: fresh, ...ADMIN })).toMatchObject({ signedIn: false, reason: 'setupCodeMissing' });
    expect(auth.hasStaff()).toBe(false);
    expect(actions().every((a) => a === 'staff.setupRefused')).toBe(true);
  });

  it('refuses a PIN anyone would guess, before the code is spent', async () => {
    const code = await issueSetupCode(dir, clock);
    for (const pin of ['111111', '123456', '987654', '100001']) expect(await auth.setUp({ setupCode: code, staffNumber: ADMIN.staffNumber, pin })).toMatchObject({ reason: 'weakPin' });
    expect((await auth.setUp({ setupCode: code, ...ADMIN })).signedIn).toBe(true);
  });
});

describe('sign-in with a staff number and PIN', () => {
  beforeEach(firstAdmin);

  it('signs in, and the session ends after two minutes without a touch (audited, and the screen told)', async () => {
    const result = await auth.signIn(ADMIN);
    expect(result.signedIn).toBe(true);
    clock += STAFF_IDLE_MS - 1;
    auth.touch();
    clock += STAFF_IDLE_MS - 1;
    expect(auth.current()).not.toBeNull();
    clock += 1;
    expect(auth.current()).toBeNull();
    expect(events.at(-1)).toEqual({ kind: 'ended', reason: 'idle' });
    expect(audit().at(-1)).toMatchObject({ action: 'staff.signedOut', subject: ADMIN.staffNumber, detail: { reason: 'idle' } });
  });

  it(`${PIN_ATTEMPTS} wrong PINs lock that staff member for 15 minutes; then the right PIN works again`, async () => {
    for (let left = PIN_ATTEMPTS - 1; left >= 1; left--) expect(await auth.signIn({ ...ADMIN, pin: '505050' })).toEqual({ signedIn: false, reason: 'wrongCredentials', attemptsLeft: left, lockedUntil: null });
    expect(await auth.signIn({ ...ADMIN, pin: '505050' })).toEqual({ signedIn: false, reason: 'locked', attemptsLeft: null, lockedUntil: clock + LOCK_MS });
    // Locked: even the right PIN is refused, and says until when.
    clock += LOCK_MS - 1;
    expect(await auth.signIn(ADMIN)).toMatchObject({ signedIn: false, reason: 'locked' });
    clock += 1;
    expect((await auth.signIn(ADMIN)).signedIn).toBe(true);
    // The count starts again from zero after a sign-in.
    auth.end('signedOut');
    expect(await auth.signIn({ ...ADMIN, pin: '505050' })).toMatchObject({ attemptsLeft: PIN_ATTEMPTS - 1 });
    expect(actions().filter((a) => a === 'staff.locked')).toHaveLength(1);
    expect(actions().filter((a) => a === 'staff.signInFailed')).toHaveLength(PIN_ATTEMPTS - 1 + 1 + 1);
  });

  it('an unknown staff number is as vague as a wrong PIN, and locks nobody', async () => {
    expect(await auth.signIn({ staffNumber: '999999', pin: ADMIN.pin })).toEqual({ signedIn: false, reason: 'wrongCredentials', attemptsLeft: null, lockedUntil: null });
    expect(audit().at(-1)).toMatchObject({ action: 'staff.signInFailed', subject: null, detail: { reason: 'unknown' } });
  });

  it('keeps no PIN or card UID in clear, neither in the database nor in the log, and the audit chain holds', async () => {
    await auth.signIn(ADMIN);
    expect(await auth.addStaff(ADMIN.staffNumber, { ...RESTOCKER, roles: ['restocker'] })).toBe('added');
    await auth.signIn({ ...RESTOCKER, pin: '000111' });
    db.pragma('wal_checkpoint(TRUNCATE)');
    const file = fs.readFileSync(path.join(dir, 'kiosk.db')).toString('latin1');
    for (const secret of [ADMIN.pin, RESTOCKER.pin, RESTOCKER.cardUid, '000111']) {
      expect(file).not.toContain(secret);
      expect(lines.join('\n')).not.toContain(secret);
    }
    expect(verifyAudit(db)).toMatchObject({ ok: true });
  });
});

describe('sign-in with a staff card and PIN', () => {
  beforeEach(async () => {
    await firstAdmin();
    expect(await auth.addStaff(ADMIN.staffNumber, { ...RESTOCKER, roles: ['restocker'] })).toBe('added');
  });

  it('the card on the reader, then its PIN: signed in as its holder, with their roles only', async () => {
    expect(await auth.signIn({ card: true, pin: RESTOCKER.pin })).toMatchObject({ signedIn: false, reason: 'noCard' });
    auth.presentCard(RESTOCKER.cardUid.toLowerCase());
    expect(events.at(-1)).toEqual({ kind: 'cardPresented' });
    expect(auth.cardWaiting()).toBe(true);
    const result = await auth.signIn({ card: true, pin: RESTOCKER.pin });
    expect(result).toMatchObject({ signedIn: true, session: { staffNumber: RESTOCKER.staffNumber, roles: ['restocker'] } });
    expect(audit().at(-1)).toMatchObject({ action: 'staff.signedIn', detail: { how: 'card' } });
    // The card is spent with the sign-in.
    auth.end('signedOut');
    expect(await auth.signIn({ card: true, pin: RESTOCKER.pin })).toMatchObject({ reason: 'noCard' });
  });

  it('a card waits a minute for its PIN; an unknown card is refused like a wrong PIN', async () => {
    auth.presentCard(RESTOCKER.cardUid);
    clock += CARD_WAIT_MS;
    expect(await auth.signIn({ card: true, pin: RESTOCKER.pin })).toMatchObject({ reason: 'noCard' });
    auth.presentCard('DEADBEEF01');
    expect(await auth.signIn({ card: true, pin: RESTOCKER.pin })).toMatchObject({ reason: 'wrongCredentials', attemptsLeft: null });
  });

  it('a card already given to someone is not given twice, nor a staff number', async () => {
    expect(await auth.addStaff(ADMIN.staffNumber, { staffNumber: '300003', pin: '918273', roles: ['reviewer'], cardUid: RESTOCKER.cardUid })).toBe('cardInUse');
    expect(await auth.addStaff(ADMIN.staffNumber, { staffNumber: RESTOCKER.staffNumber, pin: '918273', roles: ['reviewer'] })).toBe('exists');
    expect(auth.list().map((s) => [s.staffNumber, s.hasCard])).toEqual([
      [ADMIN.staffNumber, false],
      [RESTOCKER.staffNumber, true],
    ]);
  });

  it('an admin gives a new staff member the card held to the reader in the last minute, once; however the reader prints the UID, it is the same card', async () => {
    const reviewer = { staffNumber: '300003', pin: '918273', roles: ['reviewer' as const], heldCard: true as const };
    expect(await auth.addStaff(ADMIN.staffNumber, reviewer)).toBe('noCard');
    auth.presentCard('04:b1:c2:d3:e4:f5:a6');
    clock += CARD_WAIT_MS;
    expect(await auth.addStaff(ADMIN.staffNumber, reviewer)).toBe('noCard');
    auth.presentCard(RESTOCKER.cardUid.toLowerCase());
    expect(await auth.addStaff(ADMIN.staffNumber, reviewer)).toBe('cardInUse');
    auth.presentCard('04:b1:c2:d3:e4:f5:a6');
    expect(await auth.addStaff(ADMIN.staffNumber, reviewer)).toBe('added');
    // Used: the next staff member needs a card of their own.
    expect(await auth.addStaff(ADMIN.staffNumber, { ...reviewer, staffNumber: '300004' })).toBe('noCard');
    auth.presentCard('04B1C2D3E4F5A6');
    expect(await auth.signIn({ card: true, pin: reviewer.pin })).toMatchObject({ signedIn: true, session: { staffNumber: '300003' } });
  });
});

describe('sign-in by staff number, kiosk-wide', () => {
  beforeEach(async () => {
    await firstAdmin();
    expect(await auth.addStaff(ADMIN.staffNumber, { ...RESTOCKER, roles: ['restocker'] })).toBe('added');
  });

  it(`${NUMBER_FAILURE_LIMIT} failures within 15 minutes, whatever the numbers, pause it for 5 minutes; a card and its PIN still work`, async () => {
    // Spread over the window: one too old to count does not.
    expect((await auth.signIn({ staffNumber: '700007', pin: '505050' })).signedIn).toBe(false);
    clock += NUMBER_FAILURE_WINDOW_MS;
    for (let i = 0; i < NUMBER_FAILURE_LIMIT - 1; i++) {
      const who = i % 3 === 0 ? ADMIN.staffNumber : i % 3 === 1 ? RESTOCKER.staffNumber : `70000${i}`;
      // Four wrong PINs each at most, so nobody is locked: the pause is what stops this.
      expect(await auth.signIn({ staffNumber: who, pin: '505050' }), `try ${i}`).toMatchObject({ reason: 'wrongCredentials' });
      clock += 60_000;
    }
    expect((await auth.signIn(ADMIN)).signedIn).toBe(true);
    auth.end('signedOut');
    expect(await auth.signIn({ staffNumber: '700099', pin: '505050' })).toMatchObject({ reason: 'wrongCredentials' });
    // The limit: by number, even the right PIN waits.
    expect(await auth.signIn(ADMIN)).toEqual({ signedIn: false, reason: 'tooManyAttempts', attemptsLeft: null, lockedUntil: clock + NUMBER_PAUSE_MS });
    expect(actions()).toContain('staff.numberSignInPaused');
    auth.presentCard(RESTOCKER.cardUid);
    expect(await auth.signIn({ card: true, pin: RESTOCKER.pin })).toMatchObject({ signedIn: true });
    auth.end('signedOut');
    clock += NUMBER_PAUSE_MS;
    expect((await auth.signIn(ADMIN)).signedIn).toBe(true);
    expect(verifyAudit(db)).toMatchObject({ ok: true });
  });
});

describe('isWeakPin', () => {
  it.each([
    ['000000', true],
    ['123456', true],
    ['890123', true],
    ['654321', true],
    ['100001', true],
    ['482916', false],
    ['135790', false],
  ])('%s: %s', (pin, weak) => {
    expect(isWeakPin(pin, '100001')).toBe(weak);
  });
});
