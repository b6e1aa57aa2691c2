import { afterEach, describe, expect, it } from 'vitest';
import type { Devices } from '../../shared/contract';
import { isReady } from '../../shared/hardware/types';
import { SIM_FAULTS, type SimDevice } from '../../electron/host/hardware/sim-faults';
import { call, send } from './helpers';
import { availability, closeAllHosts, deviceStatus, openHost, presentCard, recordDeviceEvents, toIdentify } from './faults-helpers';

afterEach(closeAllHosts);

type Status = Devices[keyof Devices];
interface Effect {
  /** The status fields the fault changes; none for a fault that hits the next job or read only. */
  change: Partial<Status>;
  /** isReady() of the device afterwards. */
  ready: boolean;
}

/**
 * What each fault does to its device's status on a fresh kiosk; null for the platform, which is
 * no device of the status: its faults show in what it answers (tests/unit/electron/host/platform).
 */
const EFFECTS: { [D in SimDevice]: Record<(typeof SIM_FAULTS)[D][number], D extends keyof Devices ? Effect : null> } = {
  idCardReader: {
    offline: { change: { device: 'offline' }, ready: false },
    online: { change: {}, ready: true },
    cardPulled: { change: {}, ready: true },
    checksumError: { change: {}, ready: true },
    timeout: { change: {}, ready: true },
  },
  receiptPrinter: {
    paperFull: { change: {}, ready: true },
    paperLow: { change: { paper: 'low' }, ready: true },
    paperOut: { change: { paper: 'out' }, ready: false },
    jammed: { change: { paper: 'jammed' }, ready: false },
    jamNextJob: { change: {}, ready: true },
    offline: { change: { device: 'offline' }, ready: false },
    online: { change: {}, ready: true },
  },
  paymentTerminal: {
    offline: { change: { device: 'offline' }, ready: false },
    online: { change: {}, ready: true },
    timeoutNext: { change: {}, ready: true },
  },
  permitPrinter: {
    ribbonLow: { change: { ink: 'low' }, ready: true },
    ribbonOut: { change: { ink: 'out' }, ready: false },
    offline: { change: { device: 'offline' }, ready: false },
    online: { change: {}, ready: true },
    jamNextJob: { change: {}, ready: true },
  },
  documentReader: {
    offline: { change: { device: 'offline' }, ready: false },
    online: { change: {}, ready: true },
    timeoutNext: { change: {}, ready: true },
    garbledNext: { change: {}, ready: true },
  },
  documentPrinter: {
    paperOut: { change: { paper: 'out' }, ready: false },
    paperFull: { change: {}, ready: true },
    offline: { change: { device: 'offline' }, ready: false },
    online: { change: {}, ready: true },
    jamNextJob: { change: {}, ready: true },
  },
  intercom: {
    offline: { change: { device: 'offline' }, ready: false },
    online: { change: {}, ready: true },
  },
  // The camera starts as "not reported" (noDevice, detail notReported): its status is replaced whole.
  camera: {
    denied: { change: { device: 'userError', detail: 'permissionDenied' }, ready: false },
    noDevice: { change: { device: 'noDevice' }, ready: false },
    online: { change: { device: 'online' }, ready: true },
  },
  // Armed for the next commit only: the status does not change.
  storage: {
    failNextWrite: { change: {}, ready: true },
  },
  platform: {
    offline: null,
    online: null,
    unavailableNext: null,
    notFoundNext: null,
  },
};

const CASES = (Object.keys(SIM_FAULTS) as SimDevice[]).flatMap((device) =>
  (SIM_FAULTS[device] as readonly string[]).map((fault) => [device, fault] as const),
);

function effect(device: SimDevice, fault: string): Effect | null {
  const found = (EFFECTS[device] as Record<string, Effect | null | undefined>)[fault];
  if (found === undefined) throw new Error(`No expected effect for ${device}:${fault}`);
  return found;
}

const isStatusDevice = (device: SimDevice): device is keyof Devices & SimDevice => device !== 'platform';

describe('every simulator fault', () => {
  it('the table here covers exactly the faults SIM_FAULTS offers', () => {
    for (const device of Object.keys(SIM_FAULTS) as SimDevice[]) {
      expect(Object.keys(EFFECTS[device]).sort(), device).toEqual([...SIM_FAULTS[device]].sort());
    }
  });

  it.each(CASES.filter(([device]) => isStatusDevice(device)))('%s:%s shows in device:status and in the pushed status', async (device, fault) => {
    const { host } = await openHost();
    const before = await deviceStatus(host);
    const found = effect(device, fault);
    if (!found || !isStatusDevice(device)) throw new Error(`${device} has no status`);
    const { change, ready } = found;
    const expected = device === 'camera' ? (change as Status) : { ...before[device], ...change };

    const pushed = recordDeviceEvents(host);
    const reply = await call(host, 'sim:fault', { device, fault });
    pushed.stop();
    expect(reply.devices[device]).toEqual(expected);
    expect(await deviceStatus(host)).toEqual(reply.devices);
    expect(isReady(reply.devices[device])).toBe(ready);
    // A change is pushed once; a fault armed for the next job or read pushes nothing.
    const changed = JSON.stringify(expected) !== JSON.stringify(before[device]);
    expect(pushed.events).toEqual(changed ? [reply.devices] : []);
    // The other devices are untouched.
    for (const other of Object.keys(before) as (keyof Devices)[]) {
      if (other !== device) expect(reply.devices[other], other).toEqual(before[other]);
    }
  });
});

describe('platform faults', () => {
  it.each(CASES.filter(([device]) => !isStatusDevice(device)))('%s:%s is taken and leaves every device status as it was', async (device, fault) => {
    const { host } = await openHost();
    const before = await call(host, 'sim:status', {});
    const pushed = recordDeviceEvents(host);
    const reply = await call(host, 'sim:fault', { device, fault });
    pushed.stop();
    expect(reply).toEqual(before);
    expect(pushed.events).toEqual([]);
  });

  it('refuses a fault the platform does not know, naming those it does', async () => {
    const { host } = await openHost();
    const refused = await host.handle('sim:fault', { device: 'platform', fault: 'paperOut' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    if (refused.ok) throw new Error('unreachable');
    expect(refused.error.message).toContain(SIM_FAULTS.platform.join(', '));
  });
});

describe('faults the kiosk starts with (KIOSK_SIM_FAULTS)', () => {
  it('applies them before the first view: the printer is out of paper and the first read fails', async () => {
    const { host } = await openHost(undefined, {
      simFaults: [
        { device: 'receiptPrinter', fault: 'paperOut' },
        { device: 'idCardReader', fault: 'checksumError' },
      ],
    });
    const devices = await deviceStatus(host);
    expect(devices.receiptPrinter.paper).toBe('out');
    expect(availability(devices).noCriminalRecord).toBe(false);
    // Not offered, and not started either when a page asks for it anyway.
    expect((await send(host, { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' })).screen.name).toBe('welcome');

    await call(host, 'sim:setPaper', { paper: 'full' });
    await toIdentify(host, 'noCriminalRecord');
    expect(await presentCard(host, 'zhang')).toMatchObject({ screen: { name: 'identify', phase: 'failed', error: 'unreadable' } });
    await send(host, { type: 'RETRY' });
    expect((await presentCard(host, 'zhang')).screen.name).toBe('question');
  });
});
