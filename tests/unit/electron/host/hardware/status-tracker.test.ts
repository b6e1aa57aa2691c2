import { afterEach, describe, expect, it, vi } from 'vitest';
import { StatusTracker } from '../../../../../electron/host/hardware/status-tracker';
import type { DeviceStatus } from '../../../../../shared/hardware/types';

/** A tracker with one listener that records what it hears. */
function tracked(initial: DeviceStatus = { device: 'online', paper: 'full' }, onListenerError?: (error: unknown) => void) {
  const tracker = new StatusTracker(initial, onListenerError);
  const heard: DeviceStatus[] = [];
  const off = tracker.listen((s) => heard.push(s));
  return { tracker, heard, off };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('StatusTracker', () => {
  it('starts with the initial status and tells nobody about it', () => {
    const { tracker, heard } = tracked({ device: 'offline', detail: 'statusNotRead' });
    expect(tracker.get()).toEqual({ device: 'offline', detail: 'statusNotRead' });
    expect(heard).toEqual([]);
  });

  it('tells nothing when nothing changed, by patch or by a whole status', () => {
    const { tracker, heard } = tracked({ device: 'online', paper: 'full', detail: 'x' });
    tracker.update({});
    tracker.update({ device: 'online', paper: 'full' });
    tracker.set({ device: 'online', paper: 'full', detail: 'x' });
    tracker.set({ detail: 'x', paper: 'full', device: 'online' });
    expect(heard).toEqual([]);
  });

  it.each([
    ['paper', { paper: 'low' }],
    ['ink', { ink: 'out' }],
    ['media', { media: 'present' }],
    ['detail', { detail: 'coverOpen' }],
    ['device', { device: 'busy' }],
  ] as const)('tells a change of %s alone', (_field, patch) => {
    const { tracker, heard } = tracked({ device: 'online', paper: 'full' });
    tracker.update(patch);
    expect(heard).toEqual([{ device: 'online', paper: 'full', ...patch }]);
    expect(tracker.get()).toEqual({ device: 'online', paper: 'full', ...patch });
  });

  it('tells a field that set() adds or drops', () => {
    const { tracker, heard } = tracked({ device: 'online' });
    tracker.set({ device: 'online', ink: 'low' });
    tracker.set({ device: 'online' });
    expect(heard).toEqual([{ device: 'online', ink: 'low' }, { device: 'online' }]);
  });

  it('removes a field patched to undefined, and tells it once', () => {
    const { tracker, heard } = tracked({ device: 'offline', detail: 'noAnswer' });
    tracker.update({ device: 'online', detail: undefined });
    tracker.update({ detail: undefined });
    expect(heard).toEqual([{ device: 'online' }]);
    expect(tracker.get()).toEqual({ device: 'online' });
    expect('detail' in tracker.get()).toBe(false);
  });

  it('keeps the device when a patch sets it to undefined', () => {
    const { tracker, heard } = tracked({ device: 'busy' });
    tracker.update({ device: undefined });
    expect(tracker.get()).toEqual({ device: 'busy' });
    expect(heard).toEqual([]);
  });

  it('takes a field set to undefined in set() as absent', () => {
    const { tracker, heard } = tracked({ device: 'online' });
    tracker.set({ device: 'online', detail: undefined });
    expect(heard).toEqual([]);
    expect('detail' in tracker.get()).toBe(false);
  });

  it('hands out copies: changing what get() or a listener got changes nothing', () => {
    const initial: DeviceStatus = { device: 'online', paper: 'full' };
    const tracker = new StatusTracker(initial);
    initial.paper = 'out';
    expect(tracker.get().paper).toBe('full');

    const got = tracker.get();
    got.device = 'offline';
    expect(tracker.get().device).toBe('online');

    const heard: DeviceStatus[] = [];
    tracker.listen((s) => {
      s.device = 'hardwareError';
    });
    tracker.listen((s) => heard.push(s));
    const next: DeviceStatus = { device: 'online', paper: 'low' };
    tracker.set(next);
    next.paper = 'jammed';
    expect(heard).toEqual([{ device: 'online', paper: 'low' }]);
    expect(tracker.get()).toEqual({ device: 'online', paper: 'low' });
  });

  it('tells the other listeners when one throws, reports the error and does not throw', () => {
    const errors: unknown[] = [];
    const broke = new Error('listener broke');
    const tracker = new StatusTracker({ device: 'online' }, (e) => errors.push(e));
    const heard: DeviceStatus[] = [];
    tracker.listen(() => {
      throw broke;
    });
    tracker.listen((s) => heard.push(s));
    expect(() => tracker.update({ device: 'busy' })).not.toThrow();
    expect(heard).toEqual([{ device: 'busy' }]);
    expect(errors).toEqual([broke]);
    expect(tracker.get()).toEqual({ device: 'busy' });
  });

  it('without onListenerError, turns a listener error into a process warning', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const tracker = new StatusTracker({ device: 'online' });
    tracker.listen(() => {
      throw new Error('listener broke');
    });
    tracker.update({ device: 'offline' });
    expect(warn).toHaveBeenCalledWith('Device status listener failed: listener broke');
  });

  it('tells nothing more after unsubscribe, and unsubscribing twice is harmless', () => {
    const { tracker, heard, off } = tracked({ device: 'online' });
    const other: DeviceStatus[] = [];
    tracker.listen((s) => other.push(s));
    tracker.update({ device: 'busy' });
    off();
    off();
    tracker.update({ device: 'online' });
    expect(heard).toEqual([{ device: 'busy' }]);
    expect(other).toEqual([{ device: 'busy' }, { device: 'online' }]);
  });

  it('still tells, this time, a listener another one unsubscribes during the round', () => {
    const tracker = new StatusTracker({ device: 'online' });
    const heard: DeviceStatus[] = [];
    let offSecond = (): void => undefined;
    tracker.listen(() => offSecond());
    offSecond = tracker.listen((s) => heard.push(s));
    tracker.update({ device: 'busy' });
    tracker.update({ device: 'online' });
    expect(heard).toEqual([{ device: 'busy' }]);
  });
});
