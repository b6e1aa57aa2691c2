/**
 * Supplies through the host: a printed slip counts down the receipt paper; paper counted out
 * makes the services that print unavailable (on the welcome screen and at the host); a refill
 * by staff makes them available again, and says who refilled what.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../electron/host/host';
import { ReferenceReceiver } from '../fixtures/reference-receiver';
import { SUPPLY_SPECS } from '../../electron/host/supplies/supplies';
import { call, finishSession, removeTempDirs, send, signInStaff, startTestHost, submitRecord, tempDir, waitUntil, withDb } from './helpers';

let host: Host | undefined;
let receiver: ReferenceReceiver | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
  await receiver?.close();
  receiver = undefined;
  removeTempDirs();
});

describe('supplies through the host', () => {
  it('a slip uses receipt paper; out of paper, nothing that prints starts; a refill by staff opens it again', async () => {
    const started = await startTestHost(tempDir('kiosk-supplies-'));
    host = started.host;
    await submitRecord(host);
    await call(host, 'sim:removeCard', {});
    await finishSession(host);
    await signInStaff(host, started.dataDir);
    const before = await call(host, 'staff:supplies', {});
    expect(before.find((s) => s.supply === 'receiptPaper')).toMatchObject({ level: SUPPLY_SPECS.receiptPaper.capacity - 1, state: 'ok' });
    await call(host, 'staff:signOut', {});

    await call(host, 'sim:setSupply', { supply: 'receiptPaper', level: SUPPLY_SPECS.receiptPaper.outAt });
    expect((await call(host, 'device:status', {})).receiptPrinter).toMatchObject({ device: 'online', paper: 'out' });
    expect((await send(host, { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' })).screen.name).toBe('welcome');

    await signInStaff(host, started.dataDir);
    const refilled = await call(host, 'staff:refill', { supply: 'receiptPaper' });
    expect(refilled).toMatchObject({ level: SUPPLY_SPECS.receiptPaper.capacity, state: 'ok', lastRefill: { by: '100001' } });
    expect((await call(host, 'device:status', {})).receiptPrinter.paper).toBe('full');
    await call(host, 'staff:signOut', {});
    expect((await send(host, { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' })).screen.name).toBe('start');

    const audited = withDb(started.dataDir, (db) => db.prepare("SELECT actor, action, subject FROM audit_log WHERE action LIKE 'supply.%' ORDER BY seq").all());
    expect(audited).toEqual([{ actor: 'staff:100001', action: 'supply.refilled', subject: 'receiptPaper' }]);
  });

  it('a supply that goes low is reported to the platform, and so is the refill', async () => {
    receiver = await ReferenceReceiver.start();
    const started = await startTestHost(tempDir('kiosk-supplies-'), { platform: { kioskId: 'K01', url: receiver.url } });
    host = started.host;
    await call(host, 'sim:setSupply', { supply: 'a4Paper', level: SUPPLY_SPECS.a4Paper.lowAt });
    await waitUntil(() => receiver!.kioskStatuses.length > 0, 'the low paper at the platform');
    const low = receiver.kioskStatuses.at(-1) as { kioskId: string; supplies: { supply: string; state: string }[] };
    expect(low.kioskId).toBe('K01');
    expect(low.supplies.find((s) => s.supply === 'a4Paper')).toMatchObject({ state: 'low', level: SUPPLY_SPECS.a4Paper.lowAt });
    await signInStaff(host, started.dataDir);
    await call(host, 'staff:refill', { supply: 'a4Paper' });
    await waitUntil(() => (receiver!.kioskStatuses.at(-1) as typeof low).supplies.find((s) => s.supply === 'a4Paper')?.state === 'ok', 'the refill at the platform');
  });
});
