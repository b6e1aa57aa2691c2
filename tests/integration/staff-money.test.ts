/**
 * Money and failures for staff, through the host: a payment no submission names is refunded at
 * the terminal, a submission the platform refused for good is sent again, and a slip that
 * jammed is printed again; each shows in the overview until it is dealt with, and is audited.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { formatTime } from '../../electron/host/slip';
import { decodeEscPos } from '../fixtures/escpos-decode';
import { ReferenceReceiver } from '../fixtures/reference-receiver';
import type { Host } from '../../electron/host/host';
import { call, finishSession, receiptFiles, recordToCheck, removeTempDirs, screenOf, send, signInStaff, startTestHost, tempDir, waitForView, waitUntil, withDb, type TestHost } from './helpers';
import { drive, SCRIPTS } from './service-driver';

let started: TestHost | undefined;
let receiver: ReferenceReceiver | undefined;
afterEach(async () => {
  await started?.host.close();
  started = undefined;
  await receiver?.close();
  receiver = undefined;
  removeTempDirs();
});

const audited = (dataDir: string, action: string) =>
  withDb(dataDir, (db) => db.prepare('SELECT actor, subject FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { actor: string; subject: string }[]);

describe('money and failures', () => {
  it('money taken for a submission that never queued is listed, refunded at the terminal once, and audited', async () => {
    started = await startTestHost(tempDir('kiosk-money-'));
    const { host, dataDir } = started;
    await send(host, { type: 'SELECT_SERVICE', serviceId: 'trafficFines' });
    await send(host, { type: 'CONTINUE' });
    await call(host, 'sim:presentCard', { residentId: 'zhang' });
    await waitForView(host, (v) => v.screen.name === 'question', 'the plate question');
    await send(host, { type: 'ANSWER', questionId: 'plate', value: { text: '京A·12345' } });
    await waitForView(host, (v) => v.screen.name === 'question' && v.screen.question.id === 'finesChosen', 'the fines');
    await send(host, { type: 'ANSWER', questionId: 'finesChosen', value: { picks: ['V2026002'] } });
    await send(host, { type: 'SUBMIT' });
    await waitForView(host, (v) => v.screen.name === 'payment' && v.screen.qrText !== null, 'the QR code');
    // The disk refuses the submission after the money was taken; the resident walks away.
    await call(host, 'sim:fault', { device: 'storage', fault: 'failNextWrite' });
    await call(host, 'sim:pay', { outcome: 'paid' });
    await waitForView(host, (v) => v.screen.name === 'submitFailed', 'the submission to fail');
    await send(host, { type: 'CANCEL' });
    await call(host, 'sim:removeCard', {});

    await signInStaff(host, dataDir);
    const { refundsDue } = await call(host, 'staff:money', {});
    expect(refundsDue).toEqual([expect.objectContaining({ serviceId: 'trafficFines', amountFen: 10_000 })]);
    const orderId = refundsDue[0]!.orderId;
    expect(await call(host, 'staff:refund', { orderId })).toEqual({ result: 'refunded' });
    expect((await call(host, 'staff:money', {})).refundsDue).toEqual([]);
    // Not twice.
    expect(await host.handle('staff:refund', { orderId })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(withDb(dataDir, (db) => db.prepare('SELECT state FROM payments WHERE order_id = ?').get(orderId))).toEqual({ state: 'refunded' });
    expect(audited(dataDir, 'payment.refunded')).toEqual([{ actor: 'staff:100001', subject: orderId }]);
  });

  it('a submission the platform refused for good is listed, sent again by staff, and stored once', async () => {
    receiver = await ReferenceReceiver.start();
    receiver.failNext({ kind: 'status', status: 400 });
    started = await startTestHost(tempDir('kiosk-money-'), { platform: { kioskId: 'K01', url: receiver.url } });
    const { host, dataDir } = started;
    await recordToCheck(host);
    await send(host, { type: 'SUBMIT' });
    const done = await waitForView(host, (v) => v.screen.name === 'confirmation' && v.screen.status === 'printed', 'the slip');
    const reference = screenOf(done, 'confirmation').reference;
    await call(host, 'sim:removeCard', {});
    await finishSession(host);
    await signInStaff(host, dataDir);
    await waitUntil(async () => (await call(host, 'staff:money', {})).failed.some((f) => f.reference === reference), 'the refusal');
    expect((await call(host, 'staff:money', {})).failed).toEqual([expect.objectContaining({ reference, error: 'http400' })]);
    expect(await call(host, 'staff:retrySubmission', { reference })).toEqual({ requeued: true });
    await waitUntil(() => receiver!.stored.has(reference), 'the submission at the platform');
    expect((await call(host, 'staff:money', {})).failed).toEqual([]);
    expect(audited(dataDir, 'submission.requeued')).toEqual([{ actor: 'staff:100001', subject: reference }]);
  });

  it('a slip that jammed is listed and printed again by staff', async () => {
    started = await startTestHost(tempDir('kiosk-money-'));
    const { host, dataDir } = started;
    await call(host, 'sim:fault', { device: 'receiptPrinter', fault: 'jamNextJob' });
    await recordToCheck(host);
    await send(host, { type: 'SUBMIT' });
    const failed = await waitForView(host, (v) => v.screen.name === 'confirmation' && v.screen.status === 'failed', 'the jam');
    const reference = screenOf(failed, 'confirmation').reference;
    await send(host, { type: 'FINISH' });
    await send(host, { type: 'SKIP' });
    await call(host, 'sim:removeCard', {});
    await call(host, 'sim:fault', { device: 'receiptPrinter', fault: 'online' });
    await call(host, 'sim:setPaper', { paper: 'full' });
    await signInStaff(host, dataDir);
    expect((await call(host, 'staff:money', {})).toPrint).toEqual([expect.objectContaining({ reference, output: 'slip' })]);
    expect(receiptFiles(dataDir)).toHaveLength(0);
    expect(await call(host, 'staff:reprint', { reference })).toEqual({ result: 'printed' });
    expect(receiptFiles(dataDir)).toHaveLength(1);
    expect((await call(host, 'staff:money', {})).toPrint).toEqual([]);
    // The printer's counts say one slip jammed, then one printed; the card was read once.
    const counts = await call(host, 'staff:deviceCounters', {});
    expect(counts.receiptPrinter).toMatchObject({ ok: 1, failed: 1, lastError: { code: 'hardwareError' } });
    expect(counts.idCardReader).toMatchObject({ ok: 1, failed: 0, lastError: null });
  });

  it('device health: a test print uses a slip and is audited; the audit check says the chain holds, and is audited too', async () => {
    started = await startTestHost(tempDir('kiosk-money-'));
    const { host, dataDir } = started;
    await signInStaff(host, dataDir);
    const before = formatTime(new Date());
    expect(await call(host, 'staff:testPrint', { device: 'receiptPrinter' })).toEqual({ result: 'success' });
    const after = formatTime(new Date());
    expect(receiptFiles(dataDir)).toHaveLength(1);
    // The kiosk's local time, as on residents' slips.
    const text = decodeEscPos(new Uint8Array(fs.readFileSync(receiptFiles(dataDir)[0]!))).text;
    expect(text.includes(before) || text.includes(after), text).toBe(true);
    await call(host, 'sim:setPaper', { paper: 'out' });
    expect(await call(host, 'staff:testPrint', { device: 'receiptPrinter' })).toEqual({ result: 'deviceNotReady' });
    const verdict = await call(host, 'staff:auditVerify', {});
    expect(verdict).toMatchObject({ ok: true, brokenAt: null });
    expect(verdict.entries).toBeGreaterThan(3);
    expect(audited(dataDir, 'device.testPrint')).toHaveLength(2);
    expect(audited(dataDir, 'audit.verified')).toEqual([{ actor: 'staff:100001', subject: null }]);

    // The card-read test: the card put on the reader is read and forgotten, and staff mode stays open.
    // Until the test begins, only staff mode's watch for a resident card reads the reader.
    expect(await call(host, 'sim:status', {})).toMatchObject({ readerWaiting: false, readerWatching: true });
    const test = call(host, 'staff:cardTest', {});
    await waitUntil(async () => (await call(host, 'sim:status', {})).readerWaiting, 'the test to wait for a card');
    expect((await call(host, 'sim:status', {})).readerWatching).toBe(false);
    await call(host, 'sim:presentCard', { residentId: 'zhang' });
    expect(await test).toEqual({ result: 'read' });
    expect((await host.handle('staff:session', {})).ok).toBe(true);
    await call(host, 'sim:removeCard', {});
    await call(host, 'sim:fault', { device: 'idCardReader', fault: 'offline' });
    expect(await call(host, 'staff:cardTest', {})).toEqual({ result: 'readerUnavailable' });
    expect(audited(dataDir, 'device.cardTest')).toHaveLength(2);
  });
});

/**
 * An HK/Macao endorsement paid for while the permit printer was offline ("print later"), with
 * the printer back and staff signed in: its reference.
 */
async function endorsementToPrint(host: Host, dataDir: string): Promise<string> {
  const views = await drive(host, 'hkMacaoEndorsement', SCRIPTS.hkMacaoEndorsement!, { payment: () => call(host, 'sim:fault', { device: 'permitPrinter', fault: 'offline' }) });
  const later = views.find((v) => v.screen.name === 'printing' && v.screen.status === 'later');
  if (!later) throw new Error('The endorsement was printed: the permit printer did not go offline in time.');
  await call(host, 'sim:fault', { device: 'permitPrinter', fault: 'online' });
  await signInStaff(host, dataDir);
  return screenOf(later, 'printing').reference;
}

const endorsementsPrinted = async (host: Host) => (await call(host, 'sim:status', {})).endorsementsPrinted;

describe('a staff reprint of an endorsement, waiting for the permit', () => {
  it('is cancelled by staff while the printer waits: nothing printed, still listed; one at a time; then printed once the permit is in', async () => {
    started = await startTestHost(tempDir('kiosk-money-'));
    const { host, dataDir } = started;
    const reference = await endorsementToPrint(host, dataDir);
    expect((await call(host, 'staff:money', {})).toPrint).toEqual([expect.objectContaining({ reference, output: 'permitEndorsement' })]);
    expect(await call(host, 'staff:cancelReprint', {})).toEqual({ canceled: false });

    // No permit in the slot: the reprint waits (up to two minutes) for one.
    const waiting = host.handle('staff:reprint', { reference });
    // The permit printer holds one permit: a second reprint is refused meanwhile.
    expect(await host.handle('staff:reprint', { reference })).toEqual({ ok: false, error: { code: 'invalidRequest', message: `${reference} is being printed: wait for it, or cancel it first.` } });
    expect(await call(host, 'staff:cancelReprint', {})).toEqual({ canceled: true });
    expect(await waiting).toEqual({ ok: true, value: { result: 'canceled' } });
    expect(await call(host, 'staff:cancelReprint', {})).toEqual({ canceled: false });
    expect(await endorsementsPrinted(host)).toEqual([]);
    expect((await call(host, 'staff:money', {})).toPrint).toEqual([expect.objectContaining({ reference, output: 'permitEndorsement' })]);

    const printing = call(host, 'staff:reprint', { reference });
    await call(host, 'sim:insertPermit', {});
    expect(await printing).toEqual({ result: 'printed' });
    expect(await endorsementsPrinted(host)).toEqual([expect.objectContaining({ destination: 'HKG', entries: 2 })]);
    expect((await call(host, 'staff:money', {})).toPrint).toEqual([]);
  });

  it.each([
    ['signs out', (host: Host) => call(host, 'staff:signOut', {})],
    ['is replaced by a resident putting a card on the reader', (host: Host) => call(host, 'sim:presentCard', { residentId: 'zhang' })],
  ])('stops when the staff member %s while the printer waits', async (_how, end) => {
    started = await startTestHost(tempDir('kiosk-money-'));
    const { host, dataDir } = started;
    const reference = await endorsementToPrint(host, dataDir);
    const waiting = call(host, 'staff:reprint', { reference });
    await end(host);
    expect(await waiting).toEqual({ result: 'canceled' });
    expect((await host.handle('staff:session', {})).ok).toBe(false);
    // Nothing is printed later for the next person at the kiosk.
    await call(host, 'sim:insertPermit', {});
    expect(await endorsementsPrinted(host)).toEqual([]);
  });
});
