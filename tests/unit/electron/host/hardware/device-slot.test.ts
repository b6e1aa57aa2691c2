import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeviceSlot } from '../../../../../electron/host/hardware/device-slot';
import type { Device, DeviceStatus } from '../../../../../shared/hardware/types';

/** A driver whose status the test sets; records whether it was disposed. */
class FakeDevice implements Device {
  readonly kind = 'fake';
  disposed = false;
  private current: DeviceStatus;
  private readonly listeners = new Set<(s: DeviceStatus) => void>();

  constructor(
    readonly name: string,
    initial: DeviceStatus = { device: 'online', paper: 'full' },
  ) {
    this.current = initial;
  }

  status(): DeviceStatus {
    return { ...this.current };
  }

  onStatus(listener: (s: DeviceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  listenerCount(): number {
    return this.listeners.size;
  }

  set(next: DeviceStatus): void {
    this.current = next;
    for (const listener of [...this.listeners]) listener({ ...next });
  }
}

const RETRY_MS = 1_000;

/** connect() answers from a script: a device, or an error, one entry per attempt. */
function scriptedConnect(script: (FakeDevice | Error)[]) {
  const connect = vi.fn(async (): Promise<FakeDevice> => {
    const next = script.shift();
    if (next === undefined) throw new Error('connect called more often than the test expected');
    if (next instanceof Error) throw next;
    return next;
  });
  return { connect };
}

function makeSlot(connect: () => Promise<FakeDevice>, opts: { retryMs?: number } = { retryMs: RETRY_MS }) {
  const seen: DeviceStatus[] = [];
  const errors: unknown[] = [];
  const dispose = vi.fn(async (device: FakeDevice) => {
    device.disposed = true;
  });
  const slot = new DeviceSlot<FakeDevice>('fake-kind', connect, { ...opts, dispose, onError: (e) => errors.push(e) });
  slot.onStatus((s) => seen.push(s));
  return { slot, seen, errors, dispose };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('DeviceSlot', () => {
  it('reports noDevice "connecting" before the first attempt', () => {
    const { slot, seen } = makeSlot(scriptedConnect([]).connect);
    expect(slot.kind).toBe('fake-kind');
    expect(slot.status()).toEqual({ device: 'noDevice', detail: 'connecting' });
    expect(slot.current()).toBeUndefined();
    expect(seen).toEqual([]);
  });

  it('once connected, reports the device status, tells listeners, and follows its changes', async () => {
    const device = new FakeDevice('A', { device: 'online', paper: 'low' });
    const { connect } = scriptedConnect([device]);
    const { slot, seen, errors } = makeSlot(connect);

    await slot.start();
    expect(connect).toHaveBeenCalledTimes(1);
    expect(slot.current()).toBe(device);
    expect(slot.status()).toEqual({ device: 'online', paper: 'low' });
    expect(seen).toEqual([{ device: 'online', paper: 'low' }]);

    device.set({ device: 'online', paper: 'out' });
    expect(slot.status()).toEqual({ device: 'online', paper: 'out' });
    expect(seen.at(-1)).toEqual({ device: 'online', paper: 'out' });
    expect(errors).toEqual([]);

    // Already connected: another start() does not connect again.
    await slot.start();
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('an unsubscribed listener hears nothing more', async () => {
    const device = new FakeDevice('A');
    const { slot } = makeSlot(scriptedConnect([device]).connect);
    const heard: DeviceStatus[] = [];
    const off = slot.onStatus((s) => heard.push(s));
    await slot.start();
    off();
    device.set({ device: 'busy' });
    expect(heard).toEqual([{ device: 'online', paper: 'full' }]);
  });

  it('when connect fails: noDevice "notConnected", onError with the error, and another attempt after retryMs', async () => {
    const refused = new Error('connection refused');
    const device = new FakeDevice('B');
    const { connect } = scriptedConnect([refused, refused, device]);
    const { slot, seen, errors } = makeSlot(connect);

    await slot.start();
    expect(slot.status()).toEqual({ device: 'noDevice', detail: 'notConnected' });
    expect(seen).toEqual([{ device: 'noDevice', detail: 'notConnected' }]);
    expect(errors).toEqual([refused]);
    expect(slot.current()).toBeUndefined();

    await vi.advanceTimersByTimeAsync(RETRY_MS - 1);
    expect(connect).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(connect).toHaveBeenCalledTimes(2);
    expect(errors).toEqual([refused, refused]);

    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(connect).toHaveBeenCalledTimes(3);
    expect(slot.current()).toBe(device);
    expect(slot.status()).toEqual({ device: 'online', paper: 'full' });
    expect(seen.at(-1)).toEqual({ device: 'online', paper: 'full' });

    // Connected: no more attempts.
    await vi.advanceTimersByTimeAsync(10 * RETRY_MS);
    expect(connect).toHaveBeenCalledTimes(3);
  });

  it('retries every 5 s when no retryMs is given', async () => {
    const { connect } = scriptedConnect([new Error('absent'), new Error('absent')]);
    const { slot } = makeSlot(connect, {});
    await slot.start();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(connect).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(connect).toHaveBeenCalledTimes(2);
    await slot.close();
  });

  it.each(['offline', 'noDevice'] as const)('a device that reports %s is disposed and connected afresh', async (state) => {
    const first = new FakeDevice('first');
    const second = new FakeDevice('second');
    const { connect } = scriptedConnect([first, second]);
    const { slot, seen, dispose } = makeSlot(connect);
    await slot.start();

    first.set({ device: state, paper: 'full' });
    // Listeners hear what the device said; the slot lets go of it at once.
    expect(seen.at(-1)).toEqual({ device: state, paper: 'full' });
    expect(slot.current()).toBeUndefined();
    expect(slot.status()).toEqual({ device: 'noDevice', detail: 'reconnecting' });
    expect(dispose).toHaveBeenCalledWith(first);
    expect(first.disposed).toBe(true);
    expect(first.listenerCount()).toBe(0);

    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(connect).toHaveBeenCalledTimes(2);
    expect(slot.current()).toBe(second);
    expect(slot.status()).toEqual({ device: 'online', paper: 'full' });

    // The old driver is no longer heard.
    const before = seen.length;
    first.set({ device: 'hardwareError' });
    expect(seen).toHaveLength(before);
  });

  it('keeps a device that reports another fault (hardwareError, paper out) and does not reconnect', async () => {
    const device = new FakeDevice('A');
    const { connect } = scriptedConnect([device]);
    const { slot, dispose } = makeSlot(connect);
    await slot.start();
    device.set({ device: 'hardwareError', paper: 'jammed' });
    await vi.advanceTimersByTimeAsync(10 * RETRY_MS);
    expect(connect).toHaveBeenCalledTimes(1);
    expect(dispose).not.toHaveBeenCalled();
    expect(slot.status()).toEqual({ device: 'hardwareError', paper: 'jammed' });
  });

  it('passes a failure to dispose a dropped device to onError and still reconnects', async () => {
    const first = new FakeDevice('first');
    const second = new FakeDevice('second');
    const { connect } = scriptedConnect([first, second]);
    const errors: unknown[] = [];
    const broken = new Error('close failed');
    const slot = new DeviceSlot<FakeDevice>('fake-kind', connect, {
      retryMs: RETRY_MS,
      dispose: () => Promise.reject(broken),
      onError: (e) => errors.push(e),
    });
    await slot.start();
    first.set({ device: 'offline' });
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([broken]);
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(slot.current()).toBe(second);
  });

  it('close() stops the retries', async () => {
    const { connect } = scriptedConnect([new Error('absent')]);
    const { slot } = makeSlot(connect);
    await slot.start();
    await slot.close();
    await vi.advanceTimersByTimeAsync(10 * RETRY_MS);
    expect(connect).toHaveBeenCalledTimes(1);
    // A closed slot does not start again either.
    await slot.start();
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('close() disposes the connected device and stops a reconnect that was already scheduled', async () => {
    const first = new FakeDevice('first');
    const { connect } = scriptedConnect([first]);
    const { slot, dispose } = makeSlot(connect);
    await slot.start();
    await slot.close();
    expect(dispose).toHaveBeenCalledWith(first);
    expect(slot.current()).toBeUndefined();
    expect(first.disposed).toBe(true);

    // A status arriving after close (the driver's last words) does not start a reconnect.
    first.set({ device: 'offline' });
    await vi.advanceTimersByTimeAsync(10 * RETRY_MS);
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('a device whose connect finishes after close() is disposed and never used', async () => {
    let finish: ((d: FakeDevice) => void) | undefined;
    const late = new FakeDevice('late');
    const connect = vi.fn(() => new Promise<FakeDevice>((resolve) => (finish = resolve)));
    const { slot, seen, dispose } = makeSlot(connect);
    const starting = slot.start();
    await slot.close();
    if (!finish) throw new Error('connect was not called');
    finish(late);
    await starting;
    expect(dispose).toHaveBeenCalledWith(late);
    expect(slot.current()).toBeUndefined();
    expect(seen).toEqual([]);
    expect(late.listenerCount()).toBe(0);
  });
});
