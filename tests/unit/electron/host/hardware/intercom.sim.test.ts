import { afterEach, describe, expect, it, vi } from 'vitest';
import { SIM_RING_MS, SimIntercom } from '../../../../../electron/host/hardware/intercom.sim';
import type { CallState } from '../../../../../shared/hardware/intercom';
import type { DeviceStatus } from '../../../../../shared/hardware/types';

/** A simulator with a listener that records every call state it hears. */
function intercom(opts: { ringMs?: number } = {}) {
  const sim = new SimIntercom(opts);
  const heard: CallState[] = [];
  sim.onCallState((state) => heard.push(state));
  return { sim, heard };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('SimIntercom', () => {
  it('rings, is answered, and ends when the kiosk hangs up', async () => {
    const { sim, heard } = intercom();
    expect(sim.status()).toEqual({ device: 'online' });
    expect(sim.callState()).toBeNull();
    expect(await sim.call()).toMatchObject({ code: 'success' });
    expect(sim.callState()).toBe('ringing');
    expect(sim.answer()).toBe(true);
    expect(sim.callState()).toBe('connected');
    expect(await sim.hangUp()).toMatchObject({ code: 'success' });
    expect(heard).toEqual(['ringing', 'connected', 'ended']);
    expect(sim.callState()).toBeNull();
    // The line stays up: the next call rings again.
    expect(sim.status()).toEqual({ device: 'online' });
    expect(await sim.call()).toMatchObject({ code: 'success' });
    expect(heard.at(-1)).toBe('ringing');
  });

  it('the officer hangs up a connected call', async () => {
    const { sim, heard } = intercom();
    await sim.call();
    sim.answer();
    expect(sim.remoteHangUp()).toBe(true);
    expect(heard).toEqual(['ringing', 'connected', 'ended']);
    // Nothing left to hang up or answer.
    expect(sim.remoteHangUp()).toBe(false);
    expect(sim.answer()).toBe(false);
    expect(await sim.hangUp()).toMatchObject({ code: 'success' });
    expect(heard).toEqual(['ringing', 'connected', 'ended']);
  });

  it('nobody answers: told at once, or after the ring time on the clock', async () => {
    const { sim, heard } = intercom();
    await sim.call();
    expect(sim.noAnswer()).toBe(true);
    expect(heard).toEqual(['ringing', 'unanswered']);

    vi.useFakeTimers();
    const timed = intercom({ ringMs: 30_000 });
    await timed.sim.call();
    vi.advanceTimersByTime(29_999);
    expect(timed.heard).toEqual(['ringing']);
    vi.advanceTimersByTime(1);
    expect(timed.heard).toEqual(['ringing', 'unanswered']);
    expect(timed.sim.callState()).toBeNull();
  });

  it('an answered call does not ring out; a connected call cannot be "not answered"', async () => {
    vi.useFakeTimers();
    const { sim, heard } = intercom();
    await sim.call();
    sim.answer();
    vi.advanceTimersByTime(SIM_RING_MS * 2);
    expect(sim.noAnswer()).toBe(false);
    expect(heard).toEqual(['ringing', 'connected']);
  });

  it('the line drops: the call fails, whether ringing or connected', async () => {
    const { sim, heard } = intercom();
    await sim.call();
    expect(sim.fail()).toBe(true);
    await sim.call();
    sim.answer();
    expect(sim.fail()).toBe(true);
    expect(heard).toEqual(['ringing', 'failed', 'ringing', 'connected', 'failed']);
    expect(sim.fail()).toBe(false);
  });

  it('offline: refuses a call as not ready, and a call going on fails; online again, it calls', async () => {
    const { sim, heard } = intercom();
    const statuses: DeviceStatus[] = [];
    sim.onStatus((s) => statuses.push(s));
    await sim.call();
    sim.setDevice('offline');
    expect(heard).toEqual(['ringing', 'failed']);
    expect(await sim.call()).toMatchObject({ code: 'deviceNotReady' });
    expect(heard).toEqual(['ringing', 'failed']);
    sim.setDevice('online');
    expect(statuses).toEqual([{ device: 'offline' }, { device: 'online' }]);
    expect(await sim.call()).toMatchObject({ code: 'success' });
  });

  it('one call at a time', async () => {
    const { sim, heard } = intercom();
    await sim.call();
    expect(await sim.call()).toMatchObject({ code: 'userError' });
    expect(heard).toEqual(['ringing']);
  });

  it('aborting the signal hangs up; an aborted signal places no call', async () => {
    const { sim, heard } = intercom();
    const abort = new AbortController();
    await sim.call(abort.signal);
    sim.answer();
    abort.abort();
    expect(heard).toEqual(['ringing', 'connected', 'ended']);
    expect(await sim.call(abort.signal)).toMatchObject({ code: 'canceled' });
    expect(heard).toEqual(['ringing', 'connected', 'ended']);
    // A signal of an ended call no longer reaches the next one.
    const next = new AbortController();
    await sim.call(next.signal);
    abort.abort();
    expect(sim.callState()).toBe('ringing');
  });

  it('a listener that throws neither stops the others nor the call', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const sim = new SimIntercom();
    sim.onCallState(() => {
      throw new Error('listener broke');
    });
    const heard: CallState[] = [];
    const off = sim.onCallState((s) => heard.push(s));
    await sim.call();
    expect(heard).toEqual(['ringing']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('listener broke'));
    off();
    sim.answer();
    expect(heard).toEqual(['ringing']);
    expect(sim.callState()).toBe('connected');
  });

  it('close() ends a call going on', async () => {
    const { sim, heard } = intercom();
    await sim.call();
    sim.close();
    expect(heard).toEqual(['ringing', 'ended']);
  });
});
