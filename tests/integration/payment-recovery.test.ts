/**
 * Money and a crash: the kiosk stops while a resident pays on the phone. Nothing the terminal
 * took may be lost, nothing may be taken twice, and the resident is told nothing before the
 * terminal has been asked.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowView } from '../../shared/contract';
import type { Host } from '../../electron/host/host';
import { SimPaymentTerminal } from '../../electron/host/hardware/payment-terminal.sim';
import { verifyAudit } from '../../electron/host/store/repos/audit-log';
import { listPaidWithoutSubmission } from '../../electron/host/store/repos/payments';
import { verifyRowDigests } from '../../electron/host/store/repos/row-audit';
import { fixtureKeys } from '../fixtures/sealer';
import { call, screenOf, send, waitForView } from './helpers';
import { closeAllHosts, closeHost, openHost, openPayload, paymentRows, qrTextOf, renewalToCheck, submissionRows, submitToPaymentQr, waitUntil } from './faults-helpers';
import { containing, matching } from '../fixtures/matchers';

afterEach(closeAllHosts);

const stateFile = (dataDir: string) => path.join(dataDir, 'sim', 'payments.json');

function finished(host: Host): Promise<FlowView> {
  return waitForView(host, (v) => (v.screen.name === 'confirmation' && v.screen.status === 'printed') || v.screen.name === 'paymentFailed', 'the resumed payment to end');
}

const printed = { screen: { name: 'confirmation', status: 'printed' } } as const;
const inDoubt = { screen: { name: 'paymentFailed', failure: 'inDoubt' } } as const;

/** The audit log and every payment and submission row check out with the kiosk's key. */
function expectAuditIntact(dataDir: string): void {
  const db = new BetterSqlite3(path.join(dataDir, 'kiosk.db'), { readonly: true });
  try {
    expect(verifyAudit(db, fixtureKeys(dataDir).auditKey)).toMatchObject({ ok: true });
    expect(verifyRowDigests(db)).toMatchObject({ ok: true });
  } finally {
    db.close();
  }
}

function refundsDue(dataDir: string) {
  const db = new BetterSqlite3(path.join(dataDir, 'kiosk.db'), { readonly: true });
  try {
    return listPaidWithoutSubmission(db);
  } finally {
    db.close();
  }
}

/** A renewal up to its QR code; the kiosk then stops with the order open. */
async function stopWhilePaying(): Promise<{ dataDir: string; orderId: string; qrText: string; sessionId: string }> {
  const { host, dataDir } = await openHost();
  await call(host, 'camera:report', { state: 'online' });
  const check = await renewalToCheck(host);
  const qr = await submitToPaymentQr(host);
  await closeHost(host);
  // Stopping is not leaving: the order stays open at the terminal and in the kiosk's books.
  expect(paymentRows(dataDir)).toMatchObject([{ orderId: `${check.sessionId}-1`, state: 'pending' }]);
  return { dataDir, orderId: `${check.sessionId}-1`, qrText: qrTextOf(qr) ?? '', sessionId: check.sessionId };
}

describe('a payment interrupted by a crash', () => {
  it('paid at the terminal while the kiosk was down: recorded, submitted once, matched, nothing to refund', async () => {
    const { dataDir, orderId, sessionId } = await stopWhilePaying();
    // The resident pays on the phone while the kiosk restarts: only the acquirer knows.
    expect(SimPaymentTerminal.payWhileKioskDown(stateFile(dataDir), orderId)).toBe(true);

    const { host } = await openHost(dataDir);
    const done = await finished(host);
    expect(done).toMatchObject({ ...printed, sessionId });
    const rows = paymentRows(dataDir);
    expect(rows).toEqual([containing({ orderId, state: 'paid', transactionId: matching(/^SIM[0-9A-F]{12}$/), submissionReference: screenOf(done, 'confirmation').reference })]);
    const submissions = submissionRows(dataDir);
    expect(submissions).toHaveLength(1);
    expect(openPayload(dataDir, submissions[0]!).payment).toEqual({ orderId, transactionId: rows[0]!.transactionId, amountFen: 2000 });
    expect((await call(host, 'sim:status', {})).pendingPayment).toBeNull();
    await closeHost(host);
    expect(refundsDue(dataDir)).toEqual([]);
    expectAuditIntact(dataDir);
  });

  it('not paid yet: the same code is shown again and can still be paid, with no second order', async () => {
    const { dataDir, orderId, qrText } = await stopWhilePaying();
    const { host } = await openHost(dataDir);
    const resumed = await waitForView(host, (v) => v.screen.name === 'payment' && v.screen.qrText !== null, 'the resumed payment screen');
    expect(qrTextOf(resumed)).toBe(qrText);
    expect((await call(host, 'sim:status', {})).pendingPayment).toBe(orderId);
    await call(host, 'sim:pay', { outcome: 'paid' });
    expect(await finished(host)).toMatchObject(printed);
    expect(paymentRows(dataDir).map((r) => [r.orderId, r.state])).toEqual([[orderId, 'paid']]);
  });

  it('the terminal cannot be asked after the restart: "in doubt", never a new code; Try again asks about the same order', async () => {
    const { dataDir, orderId, qrText } = await stopWhilePaying();
    const { host } = await openHost(dataDir, { simFaults: [{ device: 'paymentTerminal', fault: 'offline' }] }, { orderQueryDelaysMs: [] });
    const doubt = await finished(host);
    expect(doubt).toMatchObject(inDoubt);
    // Meanwhile the payment had gone through on the phone; the terminal comes back.
    await call(host, 'sim:pay', { outcome: 'paid' });
    await call(host, 'sim:fault', { device: 'paymentTerminal', fault: 'online' });
    const retried = await send(host, { type: 'RETRY' });
    // The same order is asked about again, under its own code: no new order is made.
    expect(retried.screen).toMatchObject({ name: 'payment', qrText });
    expect(await finished(host)).toMatchObject(printed);
    expect(paymentRows(dataDir).map((r) => [r.orderId, r.state])).toEqual([[orderId, 'paid']]);
    expect(submissionRows(dataDir)).toHaveLength(1);
  });

  it('money found after the resident left is recorded and listed for refund at the next start', async () => {
    const { dataDir, orderId } = await stopWhilePaying();
    const { host } = await openHost(dataDir, { simFaults: [{ device: 'paymentTerminal', fault: 'offline' }] }, { orderQueryDelaysMs: [] });
    expect(await finished(host)).toMatchObject(inDoubt);
    // The resident gives up; the cancel cannot reach the terminal, so the order stays open.
    await send(host, { type: 'CANCEL' });
    await waitForView(host, (v) => v.screen.name === 'welcome', 'the welcome screen');
    await call(host, 'sim:pay', { outcome: 'paid' });
    await closeHost(host);
    expect(paymentRows(dataDir)).toMatchObject([{ orderId, state: 'pending' }]);

    const { host: next } = await openHost(dataDir);
    await waitUntil(() => paymentRows(dataDir)[0]?.state === 'paid', 'the reconciler to find the payment');
    await closeHost(next);
    expect(refundsDue(dataDir)).toMatchObject([{ orderId, state: 'paid', submissionReference: null }]);
    expect(submissionRows(dataDir)).toHaveLength(0);
    expectAuditIntact(dataDir);
  });
});

describe('a payment made just as the resident pressed Back', () => {
  it('the terminal link was down, so the order could not be closed: Submit again finds it paid and uses it, with no second code', async () => {
    const { host, dataDir } = await openHost();
    await call(host, 'camera:report', { state: 'online' });
    const check = await renewalToCheck(host);
    await submitToPaymentQr(host);
    const orderId = `${check.sessionId}-1`;
    // The link drops, Back cannot close the order, and the phone pays it meanwhile.
    await call(host, 'sim:fault', { device: 'paymentTerminal', fault: 'offline' });
    expect((await send(host, { type: 'BACK' })).screen.name).toBe('check');
    await call(host, 'sim:pay', { outcome: 'paid' });
    expect(paymentRows(dataDir)).toMatchObject([{ orderId, state: 'pending' }]);
    await call(host, 'sim:fault', { device: 'paymentTerminal', fault: 'online' });

    await send(host, { type: 'SUBMIT' });
    const done = await finished(host);
    expect(done).toMatchObject(printed);
    expect(screenOf(done, 'confirmation').paidFen).toBe(2000);
    // One order, paid once, matched to the one submission; no second code was ever made.
    const rows = paymentRows(dataDir);
    expect(rows).toEqual([containing({ orderId, state: 'paid', submissionReference: screenOf(done, 'confirmation').reference })]);
    const submissions = submissionRows(dataDir);
    expect(submissions).toHaveLength(1);
    expect(openPayload(dataDir, submissions[0]!).payment).toMatchObject({ orderId, amountFen: 2000 });
    await closeHost(host);
    expect(refundsDue(dataDir)).toEqual([]);
    expectAuditIntact(dataDir);
  });

  it('an earlier order that still cannot be asked about: in doubt, no new code; once the link is back, Try again settles it', async () => {
    const { host, dataDir } = await openHost();
    await call(host, 'camera:report', { state: 'online' });
    const check = await renewalToCheck(host);
    await submitToPaymentQr(host);
    await call(host, 'sim:fault', { device: 'paymentTerminal', fault: 'offline' });
    await send(host, { type: 'BACK' });
    const again = await send(host, { type: 'SUBMIT' });
    const failed = again.screen.name === 'paymentFailed' ? again : await waitForView(host, (v) => v.screen.name === 'paymentFailed', 'the payment to fail');
    expect(failed).toMatchObject(inDoubt);
    expect(paymentRows(dataDir).map((r) => r.orderId)).toEqual([`${check.sessionId}-1`]);

    // Not paid after all: the earlier order is closed, and a new code is shown for this one.
    await call(host, 'sim:fault', { device: 'paymentTerminal', fault: 'online' });
    await send(host, { type: 'RETRY' });
    await waitForView(host, (v) => v.screen.name === 'payment' && v.screen.qrText !== null, 'a new QR code');
    expect(paymentRows(dataDir)).toMatchObject([
      { orderId: `${check.sessionId}-1`, state: 'canceled' },
      { orderId: `${check.sessionId}-2`, state: 'pending' },
    ]);
  });
});
