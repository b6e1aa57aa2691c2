import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../electron/host/host';
import { ReferenceReceiver } from '../fixtures/reference-receiver';
import { call, expectNoPersonalData, finishSession, removeTempDirs, signInStaff, startTestHost, submitRecord, tempDir, waitUntil, ZHANG } from './helpers';

let host: Host | undefined;
let receiver: ReferenceReceiver | undefined;
afterEach(async () => {
  await host?.close();
  await receiver?.close();
  host = undefined;
  receiver = undefined;
  removeTempDirs();
});

describe('the host and the platform', () => {
  it('without a platform it keeps queueing and says so', async () => {
    const started = await startTestHost(tempDir('kiosk-sync-'));
    host = started.host;
    const reference = await submitRecord(host);
    await finishSession(host);
    await signInStaff(host, started.dataDir);
    const status = await call(host, 'staff:sync', {});
    expect(status).toMatchObject({ platform: 'notConfigured', backlog: { queued: 1 } });
    expect(reference).toMatch(/^JN-/);
    expect(started.lines.some((l) => l.includes('sync.notConfigured'))).toBe(true);
  });

  it('with a platform, a new submission is sent at once and the receiver has it exactly once', async () => {
    receiver = await ReferenceReceiver.start();
    const started = await startTestHost(tempDir('kiosk-sync-'), { platform: { kioskId: 'K01', url: receiver.url } });
    host = started.host;
    const reference = await submitRecord(host);
    await finishSession(host);
    await signInStaff(host, started.dataDir);
    await waitUntil(async () => (await call(host!, 'staff:sync', {})).backlog.sent === 1, 'the submission to be sent');
    expect([...receiver.stored.keys()]).toEqual([reference]);
    expect(receiver.counters.stored).toBe(1);
    expect((await call(host, 'staff:sync', {})).platform).toBe('ok');
  });

  it('sends a heartbeat at start and an alert when a device fails, with codes only, whatever the resident typed', async () => {
    receiver = await ReferenceReceiver.start();
    const started = await startTestHost(tempDir('kiosk-sync-'), { platform: { kioskId: 'K01', url: receiver.url } });
    host = started.host;
    await waitUntil(() => receiver!.kioskStatuses.length > 0, 'the first heartbeat');
    expect(receiver.kioskStatuses[0]).toMatchObject({ kioskId: 'K01', reason: 'start', seq: 1, version: '0.0.0-test', devices: { receiptPrinter: { device: 'online' } } });

    await submitRecord(host);
    await finishSession(host);
    await call(host, 'sim:fault', { device: 'receiptPrinter', fault: 'offline' });
    const failed = () => receiver!.kioskStatuses.find((s) => s.reason === 'alert' && s.devices.receiptPrinter?.device === 'offline');
    // At the next turn, not at the end of the minute's period.
    await waitUntil(() => failed() !== undefined, 'the alert for the printer');
    expect(failed()!.outbox.queued + failed()!.outbox.sending + failed()!.outbox.sent).toBe(1);
    expect(failed()!.supplies.find((s) => s.supply === 'receiptPaper')).toMatchObject({ state: 'ok' });
    expect(receiver.heartbeatBodies.join('\n')).not.toContain(ZHANG.name);
    expect(receiver.heartbeatBodies.join('\n')).not.toContain(ZHANG.idNumber);
    expectNoPersonalData(receiver.heartbeatBodies);
  });
});
