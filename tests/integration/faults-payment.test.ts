import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowView } from '../../shared/contract';
import { isReady } from '../../shared/hardware/types';
import type { Host } from '../../electron/host/host';
import { markPaid, type PaymentRow } from '../../electron/host/store/repos/payments';
import { SimPaymentTerminal } from '../../electron/host/hardware/payment-terminal.sim';
import { call, checkAnswers, checkPhoto, countSubmissions, getView, receiptFiles, screenOf, send, waitForView } from './helpers';
import { bindAuditKey } from '../../electron/host/store/repos/audit-log';
import { fixtureKeys } from '../fixtures/sealer';
import { anyNumber } from '../fixtures/matchers';
import {
  availability,
  closeAllHosts,
  offeredWithout,
  closeHost,
  deviceStatus,
  openHost,
  openPayload,
  paymentRows,
  qrTextOf,
  readReceipt,
  recordDeviceEvents,
  RENEWAL_ANSWERS,
  RENEWAL_FEE_FEN,
  renewalToCheck,
  submissionRows,
  submitToPaymentQr,
  waitForDevices,
  waitUntil,
} from './faults-helpers';

const SERVICE = 'idCardRenewal';

afterEach(closeAllHosts);

function paymentFailed(host: Host, from = 0): Promise<FlowView> {
  return waitForView(host, (v) => v.screen.name === 'paymentFailed' && v.seq >= from, 'the payment to fail');
}

function failureOf(view: FlowView): string {
  return screenOf(view, 'paymentFailed').failure;
}

function slipPrinted(host: Host): Promise<FlowView> {
  return waitForView(host, (v) => v.screen.name === 'confirmation' && v.screen.status === 'printed', 'the slip to be printed');
}

function referenceOf(view: FlowView): string {
  return screenOf(view, 'confirmation').reference;
}

/** A QR code shown from the view numbered `from` on. */
function qrShown(host: Host, from: number): Promise<FlowView> {
  return waitForView(host, (v) => v.screen.name === 'payment' && v.screen.qrText !== null && v.seq >= from, 'a QR code');
}

/** Writes to a closed host's database as the host would have before a crash. */
function withWritableDb(dataDir: string, fn: (db: Database) => void): void {
  const db = new BetterSqlite3(path.join(dataDir, 'kiosk.db'), { fileMustExist: true });
  bindAuditKey(db, fixtureKeys(dataDir).auditKey);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

function states(dataDir: string): PaymentRow['state'][] {
  return paymentRows(dataDir).map((r) => r.state);
}

/** The resident pays the order on screen; ends on the printed slip. */
async function payAndFinish(host: Host, dataDir: string): Promise<{ done: FlowView; paid: PaymentRow }> {
  const status = await call(host, 'sim:status', {});
  expect(status.pendingPayment).not.toBeNull();
  const after = await call(host, 'sim:pay', { outcome: 'paid' });
  expect(after.pendingPayment).toBeNull();
  const done = await slipPrinted(host);
  expect(done.screen).toMatchObject({ paidFen: RENEWAL_FEE_FEN });
  const paid = paymentRows(dataDir).filter((r) => r.state === 'paid');
  expect(paid).toHaveLength(1);
  expect(paid[0]!.orderId).toBe(status.pendingPayment);
  return { done, paid: paid[0]! };
}

/** Exactly one queued submission, and its sealed payload names this payment. */
function expectSubmissionCarries(dataDir: string, done: FlowView, paid: PaymentRow): void {
  const rows = submissionRows(dataDir);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ reference: referenceOf(done), submission_key: done.sessionId, service_id: SERVICE, state: 'queued' });
  const payload = openPayload(dataDir, rows[0]!);
  expect(payload.answers).toEqual(RENEWAL_ANSWERS);
  expect(payload.payment).toEqual({ orderId: paid.orderId, transactionId: paid.transactionId, amountFen: RENEWAL_FEE_FEN });
}

describe('payment terminal: offline', () => {
  it('ends on paymentFailed "unavailable" with no money taken; RETRY after it is back shows a code that can be paid', async () => {
    const { host, dataDir } = await openHost();
    await call(host, 'camera:report', { state: 'online' });
    const check = await renewalToCheck(host);
    const pushed = recordDeviceEvents(host);
    const injected = await call(host, 'sim:fault', { device: 'paymentTerminal', fault: 'offline' });
    expect(injected.devices.paymentTerminal).toEqual({ device: 'offline' });
    expect(pushed.events.map((d) => d.paymentTerminal.device)).toEqual(['offline']);
    expect(isReady(injected.devices.paymentTerminal)).toBe(false);
    // Only the services with a fee are withdrawn.
    expect(availability(injected.devices)).toMatchObject({ noCriminalRecord: true, idCardRenewal: false });
    expect(availability(injected.devices)).toEqual(offeredWithout(['paymentTerminal']));
    pushed.stop();

    const paying = await send(host, { type: 'SUBMIT' });
    expect(paying.screen).toMatchObject({ name: 'payment', amountFen: RENEWAL_FEE_FEN });
    const failed = await paymentFailed(host);
    expect(failed.screen).toEqual({ name: 'paymentFailed', stepId: 'fee', amountFen: RENEWAL_FEE_FEN, failure: 'unavailable' });
    expect(failed.sessionId).toBe(check.sessionId);
    expect(paymentRows(dataDir)).toMatchObject([{ orderId: `${check.sessionId}-1`, state: 'canceled', transactionId: null, amountFen: RENEWAL_FEE_FEN }]);
    expect(countSubmissions(dataDir)).toBe(0);
    expect((await call(host, 'sim:status', {})).pendingPayment).toBeNull();

    // Still away: RETRY fails the same way, with a new order that is closed at once.
    const retried = await send(host, { type: 'RETRY' });
    expect(retried.screen).toMatchObject({ name: 'payment', qrText: null });
    expect(failureOf(await paymentFailed(host, retried.seq))).toBe('unavailable');
    expect(states(dataDir)).toEqual(['canceled', 'canceled']);

    await call(host, 'sim:fault', { device: 'paymentTerminal', fault: 'online' });
    const back = await waitForDevices(host, (d) => d.paymentTerminal.device === 'online', 'the terminal back online');
    expect(availability(back).idCardRenewal).toBe(true);
    const retry = await send(host, { type: 'RETRY' });
    const qr = await qrShown(host, retry.seq);
    expect(qr.screen).toMatchObject({ amountFen: RENEWAL_FEE_FEN });

    const { done, paid } = await payAndFinish(host, dataDir);
    expect(paid.orderId).toBe(`${check.sessionId}-3`);
    expect(states(dataDir).sort()).toEqual(['canceled', 'canceled', 'paid']);
    expectSubmissionCarries(dataDir, done, paid);
  });
});

describe('payment terminal: the resident does not pay', () => {
  it('timeoutNext: paymentFailed "timedOut", the order is recorded timedOut; BACK and SUBMIT show a new code', async () => {
    const { host, dataDir } = await openHost();
    const check = await renewalToCheck(host);
    const injected = await call(host, 'sim:fault', { device: 'paymentTerminal', fault: 'timeoutNext' });
    // The next code expires: not a device fault, the terminal stays ready.
    expect(injected.devices.paymentTerminal).toEqual({ device: 'online' });

    await send(host, { type: 'SUBMIT' });
    const failed = await paymentFailed(host);
    expect(failureOf(failed)).toBe('timedOut');
    expect(paymentRows(dataDir)).toMatchObject([{ orderId: `${check.sessionId}-1`, state: 'timedOut', transactionId: null }]);
    expect(countSubmissions(dataDir)).toBe(0);

    const back = await send(host, { type: 'BACK' });
    expect(back.screen.name).toBe('check');
    expect(checkAnswers(back)).toEqual(RENEWAL_ANSWERS);
    expect(checkPhoto(back)).toBe(checkPhoto(check));
    const qr = await submitToPaymentQr(host);
    expect(qrTextOf(qr)).not.toBeNull();
    const { done, paid } = await payAndFinish(host, dataDir);
    expect(paid.orderId).toBe(`${check.sessionId}-2`);
    expect(states(dataDir)).toEqual(['timedOut', 'paid']);
    expectSubmissionCarries(dataDir, done, paid);
  });

  it('sim:pay canceled: paymentFailed "canceled", the order is recorded canceled; RETRY shows a new code', async () => {
    const { host, dataDir } = await openHost();
    const check = await renewalToCheck(host);
    const first = await submitToPaymentQr(host);
    await call(host, 'sim:pay', { outcome: 'canceled' });
    const failed = await paymentFailed(host);
    expect(failureOf(failed)).toBe('canceled');
    expect(paymentRows(dataDir)).toMatchObject([{ orderId: `${check.sessionId}-1`, state: 'canceled' }]);

    const retry = await send(host, { type: 'RETRY' });
    const qr = await qrShown(host, retry.seq);
    expect(qrTextOf(qr)).not.toBe(qrTextOf(first));
    const { done, paid } = await payAndFinish(host, dataDir);
    expect(paid.orderId).toBe(`${check.sessionId}-2`);
    expectSubmissionCarries(dataDir, done, paid);
  });
});

describe('payment terminal: paid', () => {
  it('records the payment as paid with its transaction id, and the queued submission carries it and the photo', async () => {
    const { host, dataDir } = await openHost();
    const check = await renewalToCheck(host);
    const qr = await submitToPaymentQr(host);
    expect(qr.screen).toMatchObject({ name: 'payment', stepId: 'fee', amountFen: RENEWAL_FEE_FEN });
    expect(screenOf(qr, 'payment').expiresAt).toBeGreaterThan(Date.now());
    expect(paymentRows(dataDir)).toMatchObject([{ state: 'pending', submissionKey: check.sessionId, serviceId: SERVICE }]);

    const { done, paid } = await payAndFinish(host, dataDir);
    expect(paid).toMatchObject({ orderId: `${check.sessionId}-1`, submissionKey: check.sessionId, amountFen: RENEWAL_FEE_FEN });
    expect(paid.transactionId).toMatch(/^SIM[0-9A-F]{12}$/);
    expect(paid.paidAt).not.toBeNull();
    expectSubmissionCarries(dataDir, done, paid);
    expect(openPayload(dataDir, submissionRows(dataDir)[0]!).photo).toBe(checkPhoto(check));

    const files = receiptFiles(dataDir);
    expect(files).toHaveLength(1);
    const slip = readReceipt(files[0]!);
    expect(slip.qr).toEqual([referenceOf(done)]);
    expect(slip.text).toContain('￥20.00');
  });
});

describe('payment terminal: leaving the payment screen', () => {
  it.each(['BACK', 'CANCEL'] as const)('%s while the code is shown cancels the order at the terminal', async (type) => {
    const { host, dataDir } = await openHost();
    const check = await renewalToCheck(host);
    await submitToPaymentQr(host);
    const orderId = (await call(host, 'sim:status', {})).pendingPayment;
    expect(orderId).toBe(`${check.sessionId}-1`);

    const left = await send(host, { type });
    expect(left.screen.name).toBe(type === 'BACK' ? 'check' : 'welcome');
    const row = await waitUntil(
      () => paymentRows(dataDir).find((r) => r.orderId === orderId && r.state !== 'pending'),
      `the order to be closed after ${type}`,
    );
    expect(row).toMatchObject({ state: 'canceled', transactionId: null });
    expect((await call(host, 'sim:status', {})).pendingPayment).toBeNull();

    // A resident who scans the old code now cannot pay for it.
    await call(host, 'sim:pay', { outcome: 'paid' });
    expect(states(dataDir)).toEqual(['canceled']);
    expect(countSubmissions(dataDir)).toBe(0);
    expect((await getView(host)).screen).toEqual(left.screen);
  });
});

describe('payment terminal: a crash right after paying', () => {
  it('keeps the payment, queues the submission once with it after the restart, and asks for no second payment', async () => {
    const { host: first, dataDir } = await openHost();
    const check = await renewalToCheck(first);
    await submitToPaymentQr(first);

    // The crash window: the terminal said paid and the kiosk dies in the same tick.
    const paying = first.handle('sim:pay', { outcome: 'paid' });
    const closed = closeHost(first);
    expect(await paying).toMatchObject({ ok: true });
    await closed;
    const paidRows = paymentRows(dataDir);
    expect(paidRows).toMatchObject([{ orderId: `${check.sessionId}-1`, state: 'paid' }]);
    // The window this test is about: the money is recorded, the submission is not.
    expect(countSubmissions(dataDir)).toBe(0);
    expect(paidRows[0]!.transactionId).toMatch(/^SIM[0-9A-F]{12}$/);

    const { host: second } = await openHost(dataDir);
    const done = await waitForView(
      second,
      (v) => v.screen.name === 'paymentFailed' || (v.screen.name === 'confirmation' && v.screen.status === 'printed'),
      'the restored flow to finish',
    );
    expect(done).toMatchObject({ screen: { name: 'confirmation', status: 'printed' }, sessionId: check.sessionId });
    // One order, paid and now matched to its submission; nothing pending, no second order.
    expect(paymentRows(dataDir)).toEqual([{ ...paidRows[0], submissionReference: referenceOf(done), updatedAt: anyNumber() }]);
    expect((await call(second, 'sim:status', {})).pendingPayment).toBeNull();
    expectSubmissionCarries(dataDir, done, paidRows[0]!);
  });

  it('resumes a payment recorded as paid whose next step was never saved: submits it, and shows no new code', async () => {
    const { host: first, dataDir } = await openHost();
    const check = await renewalToCheck(first);
    await submitToPaymentQr(first);
    const orderId = `${check.sessionId}-1`;
    // The kiosk stops while the code is shown: the saved flow stays on the payment screen and
    // the order stays open, to resume after the restart. The terminal's "paid" is then
    // committed the way awaitPayment commits it, and the power goes.
    await closeHost(first);
    expect(states(dataDir)).toEqual(['pending']);
    const acquirer = new SimPaymentTerminal({ stateFile: path.join(dataDir, 'sim', 'payments.json') });
    acquirer.pay(orderId);
    const known = await acquirer.queryOrder(orderId);
    acquirer.close();
    if (known.value?.status !== 'paid') throw new Error('The simulated acquirer did not take the payment.');
    const { transactionId } = known.value;
    withWritableDb(dataDir, (db) => markPaid(db, orderId, { transactionId, paidAt: Date.now(), now: Date.now() }, { actor: 'kiosk' }));
    expect(countSubmissions(dataDir)).toBe(0);

    const { host: second } = await openHost(dataDir);
    const done = await waitForView(
      second,
      (v) => v.screen.name === 'paymentFailed' || (v.screen.name === 'confirmation' && v.screen.status === 'printed'),
      'the restored flow to finish',
    );
    expect(done).toMatchObject({ screen: { name: 'confirmation', status: 'printed' }, sessionId: check.sessionId });
    const rows = paymentRows(dataDir);
    expect(rows).toMatchObject([{ orderId, state: 'paid', transactionId }]);
    expect((await call(second, 'sim:status', {})).pendingPayment).toBeNull();
    expectSubmissionCarries(dataDir, done, rows[0]!);
  });
});

describe('camera status and the welcome screen', () => {
  it('denied: the status shows it, the renewal is withdrawn while the no-criminal-record service stays; online lifts it', async () => {
    const { host } = await openHost();
    // Until the renderer reports a camera there is none.
    const initial = await deviceStatus(host);
    expect(initial.camera).toEqual({ device: 'noDevice', detail: 'notReported' });
    expect(availability(initial)).toMatchObject({ noCriminalRecord: true, idCardRenewal: false });
    expect(availability(initial)).toEqual(offeredWithout(['camera']));
    const reported = await call(host, 'camera:report', { state: 'online' });
    expect(availability(reported)).toMatchObject({ noCriminalRecord: true, idCardRenewal: true });
    expect(availability(reported)).toEqual(offeredWithout([]));

    const pushed = recordDeviceEvents(host);
    const denied = await call(host, 'sim:fault', { device: 'camera', fault: 'denied' });
    expect(denied.devices.camera).toEqual({ device: 'userError', detail: 'permissionDenied' });
    expect(pushed.events.map((d) => d.camera)).toEqual([{ device: 'userError', detail: 'permissionDenied' }]);
    expect(isReady(denied.devices.camera)).toBe(false);
    expect(availability(denied.devices)).toMatchObject({ noCriminalRecord: true, idCardRenewal: false });
    expect(availability(denied.devices)).toEqual(offeredWithout(['camera']));

    // The renderer's own report cannot undo a simulated fault.
    const ignored = await call(host, 'camera:report', { state: 'online' });
    expect(ignored.camera).toEqual({ device: 'userError', detail: 'permissionDenied' });
    expect(pushed.events).toHaveLength(1);

    const lifted = await call(host, 'sim:fault', { device: 'camera', fault: 'online' });
    expect(lifted.devices.camera).toEqual({ device: 'online' });
    expect(pushed.events.at(-1)?.camera).toEqual({ device: 'online' });
    expect(availability(lifted.devices)).toEqual(offeredWithout([]));
    pushed.stop();
  });

  it('noDevice: the renewal is withdrawn; the renderer can report the camera again after online', async () => {
    const { host } = await openHost();
    await call(host, 'camera:report', { state: 'online' });
    const gone = await call(host, 'sim:fault', { device: 'camera', fault: 'noDevice' });
    expect(gone.devices.camera.device).toBe('noDevice');
    expect(availability(gone.devices).idCardRenewal).toBe(false);
    await call(host, 'sim:fault', { device: 'camera', fault: 'online' });
    const denied = await call(host, 'camera:report', { state: 'denied' });
    expect(denied.camera).toEqual({ device: 'userError', detail: 'permissionDenied' });
  });
});
