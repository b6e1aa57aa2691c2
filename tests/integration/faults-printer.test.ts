import { afterEach, describe, expect, it } from 'vitest';
import type { Devices, FlowView } from '../../shared/contract';
import { isReady } from '../../shared/hardware/types';
import type { Host } from '../../electron/host/host';
import { call, finishSession, getView, receiptFiles, screenOf, send, waitForView } from './helpers';
import {
  availability,
  closeAllHosts,
  offeredWithout,
  closeHost,
  deviceStatus,
  ncrToCheck,
  openHost,
  readReceipt,
  recordDeviceEvents,
  submissionRows,
  waitForDevices,
} from './faults-helpers';

afterEach(closeAllHosts);

type PrinterStatus = Devices['receiptPrinter'];

/** The slip's failure, from the view numbered `from` on (a RETRY's own reply, say). */
function printFailed(host: Host, from = 0): Promise<FlowView> {
  return waitForView(host, (v) => v.screen.name === 'confirmation' && v.screen.status === 'failed' && v.seq >= from, 'the slip to fail');
}

function printed(host: Host, from = 0): Promise<FlowView> {
  return waitForView(host, (v) => v.screen.name === 'confirmation' && v.screen.status === 'printed' && v.seq >= from, 'the slip to be printed');
}

function referenceOf(view: FlowView): string {
  return screenOf(view, 'confirmation').reference;
}

/** The one queued submission and the reference the resident was shown. */
function expectQueuedOnce(dataDir: string, reference: string): void {
  expect(reference).toMatch(/^JN-K01/);
  const rows = submissionRows(dataDir);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ reference, state: 'queued', service_id: 'noCriminalRecord' });
}

/** Exactly one slip was printed, and its QR code carries the reference. */
function expectOneSlip(dataDir: string, reference: string): void {
  const files = receiptFiles(dataDir);
  expect(files).toHaveLength(1);
  const slip = readReceipt(files[0]!);
  expect(slip.qr).toEqual([reference]);
  expect(slip.text).toContain(reference);
  expect(slip.cuts).toBe(1);
}

describe('receipt printer: a fault that stays until it is cleared', () => {
  it.each([
    ['paperOut', { device: 'online', paper: 'out' }, 'paperFull'],
    ['jammed', { device: 'online', paper: 'jammed' }, 'paperFull'],
    ['offline', { device: 'offline', paper: 'full' }, 'online'],
  ] as const satisfies readonly (readonly [string, PrinterStatus, string])[])(
    '%s before SUBMIT: print failed, submission queued, no slip; RETRY fails again until %s is cleared, then prints',
    async (fault, status, clear) => {
      const { host, dataDir, lines } = await openHost();
      await ncrToCheck(host);
      const pushed = recordDeviceEvents(host);
      const injected = await call(host, 'sim:fault', { device: 'receiptPrinter', fault });
      expect(injected.devices.receiptPrinter).toEqual(status);
      expect(pushed.events).toEqual([injected.devices]);
      expect(isReady(injected.devices.receiptPrinter)).toBe(false);
      // The welcome screen would offer neither service: both print a slip.
      expect(availability(injected.devices)).toMatchObject({ noCriminalRecord: false, idCardRenewal: false });
      expect(availability(injected.devices)).toEqual(offeredWithout(['receiptPrinter', 'camera']));
      pushed.stop();

      const submitting = await send(host, { type: 'SUBMIT' });
      expect(submitting.screen.name).toBe('submitting');
      const failed = await printFailed(host);
      expect(failed.submitted).toBe(true);
      const reference = referenceOf(failed);
      expectQueuedOnce(dataDir, reference);
      expect(receiptFiles(dataDir)).toEqual([]);
      expect(lines.some((line) => line.includes('"print.failed"') && line.includes('deviceNotReady'))).toBe(true);

      // RETRY with the fault still there: failed again, the same reference, still one row.
      const retried = await send(host, { type: 'RETRY' });
      expect(retried.screen).toMatchObject({ name: 'confirmation', status: 'printing', reference });
      const again = await printFailed(host, retried.seq);
      expect(referenceOf(again)).toBe(reference);
      expectQueuedOnce(dataDir, reference);
      expect(receiptFiles(dataDir)).toEqual([]);

      await call(host, 'sim:fault', { device: 'receiptPrinter', fault: clear });
      const ready = await waitForDevices(host, (d) => isReady(d.receiptPrinter), 'the printer to be ready');
      expect(ready.receiptPrinter).toEqual({ device: 'online', paper: 'full' });
      expect(availability(ready).noCriminalRecord).toBe(true);

      const retry = await send(host, { type: 'RETRY' });
      const done = await printed(host, retry.seq);
      expect(referenceOf(done)).toBe(reference);
      expectQueuedOnce(dataDir, reference);
      expectOneSlip(dataDir, reference);
    },
  );
});

describe('receipt printer: one job fails', () => {
  it('jamNextJob: the slip fails with the printer still ready, and RETRY prints without clearing anything', async () => {
    const { host, dataDir, lines } = await openHost();
    await ncrToCheck(host);
    const injected = await call(host, 'sim:fault', { device: 'receiptPrinter', fault: 'jamNextJob' });
    // Armed for the next job only: nothing to see in the status yet.
    expect(injected.devices.receiptPrinter).toEqual({ device: 'online', paper: 'full' });

    await send(host, { type: 'SUBMIT' });
    const failed = await printFailed(host);
    const reference = referenceOf(failed);
    expectQueuedOnce(dataDir, reference);
    expect(receiptFiles(dataDir)).toEqual([]);
    expect(lines.some((line) => line.includes('"print.failed"') && line.includes('hardwareError'))).toBe(true);

    const retry = await send(host, { type: 'RETRY' });
    const done = await printed(host, retry.seq);
    expect(referenceOf(done)).toBe(reference);
    expectQueuedOnce(dataDir, reference);
    expectOneSlip(dataDir, reference);
    expect((await call(host, 'sim:status', {})).receipts).toBe(1);
  });

  it('paperLow: the slip still prints, and the status says the paper is low', async () => {
    const { host, dataDir } = await openHost();
    await ncrToCheck(host);
    const pushed = recordDeviceEvents(host);
    const injected = await call(host, 'sim:fault', { device: 'receiptPrinter', fault: 'paperLow' });
    expect(injected.devices.receiptPrinter).toEqual({ device: 'online', paper: 'low' });
    expect(pushed.events.map((d) => d.receiptPrinter.paper)).toEqual(['low']);
    expect(isReady(injected.devices.receiptPrinter)).toBe(true);
    expect(availability(injected.devices).noCriminalRecord).toBe(true);
    pushed.stop();

    await send(host, { type: 'SUBMIT' });
    const done = await printed(host);
    expectQueuedOnce(dataDir, referenceOf(done));
    expectOneSlip(dataDir, referenceOf(done));
    expect((await deviceStatus(host)).receiptPrinter.paper).toBe('low');
  });
});

describe('receipt printer: going on from a failed slip', () => {
  it('FINISH without a slip keeps the submission queued and, after the rating, starts a new session', async () => {
    const { host, dataDir } = await openHost();
    const check = await ncrToCheck(host);
    await call(host, 'sim:fault', { device: 'receiptPrinter', fault: 'paperOut' });
    await send(host, { type: 'SUBMIT' });
    const failed = await printFailed(host);

    const welcome = await finishSession(host);
    expect(welcome).toMatchObject({ serviceId: null, submitted: false });
    expect(welcome.sessionId).not.toBe(check.sessionId);
    expectQueuedOnce(dataDir, referenceOf(failed));
    expect(receiptFiles(dataDir)).toEqual([]);
  });

  it('after a restart the failed slip is still shown with the same reference, and RETRY prints it once', async () => {
    const { host, dataDir } = await openHost();
    await ncrToCheck(host);
    await call(host, 'sim:fault', { device: 'receiptPrinter', fault: 'offline' });
    await send(host, { type: 'SUBMIT' });
    const failed = await printFailed(host);
    await closeHost(host);

    // A new host has a new (ready) printer simulator; the flow comes back where it was.
    const second = await openHost(dataDir);
    const resumed = await getView(second.host);
    expect(resumed.screen).toEqual(failed.screen);
    expect(resumed.sessionId).toBe(failed.sessionId);
    const reference = referenceOf(failed);
    expectQueuedOnce(dataDir, reference);

    const retry = await send(second.host, { type: 'RETRY' });
    const done = await printed(second.host, retry.seq);
    expect(referenceOf(done)).toBe(reference);
    expectQueuedOnce(dataDir, reference);
    expectOneSlip(dataDir, reference);
  });

  it('sim:setPaper out and full push a status each and behave like the paperOut / paperFull faults', async () => {
    const { host, dataDir } = await openHost();
    await ncrToCheck(host);
    const pushed = recordDeviceEvents(host);
    await call(host, 'sim:setPaper', { paper: 'out' });
    await send(host, { type: 'SUBMIT' });
    const failed = await printFailed(host);
    await call(host, 'sim:setPaper', { paper: 'full' });
    expect(pushed.events.map((d) => d.receiptPrinter.paper)).toEqual(['out', 'full']);
    pushed.stop();
    const retry = await send(host, { type: 'RETRY' });
    await printed(host, retry.seq);
    expectOneSlip(dataDir, referenceOf(failed));
  });
});
