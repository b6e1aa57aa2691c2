import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import type { KioskDevices } from '../../../../../electron/host/hardware/devices';
import { provideFlowActors } from '../../../../../electron/host/flows/flow-actors';
import {
  createLookupLimiter,
  LOOKUP_LIMITS,
  LookupLimiterError,
  type LookupLimiter,
  type LookupLimiterOptions,
} from '../../../../../electron/host/flows/lookup-limiter';
import { createLogger } from '../../../../../electron/host/log/logger';
import { noPlatform } from '../../../../../electron/host/platform/platform.remote';
import { openDatabase } from '../../../../../electron/host/store/db';
import { generateReference } from '../../../../../shared/domain/reference';
import { toFlowView } from '../../../../../shared/flows/flow-view';
import { testAuditKey, testSealer } from '../../../../fixtures/sealer';

/** A fake clock that only moves when a lookup waits (or when the test moves it). */
function fakeTime(opts: { abortEveryWait?: boolean } = {}) {
  const time = { now: 0, waits: [] as number[] };
  const options: LookupLimiterOptions = {
    now: () => time.now,
    sleep: async (ms) => {
      time.waits.push(ms);
      // A resident who leaves at once: the wait is called off and the clock does not move.
      if (opts.abortEveryWait) throw new LookupLimiterError('aborted', 'left');
      time.now += ms;
    },
  };
  return { time, options };
}

const live = () => new AbortController().signal;

/** The delay of each of `count` lookups, one after another, spread over `sessions` sessions. */
async function delays(limiter: LookupLimiter, count: number, session: (i: number) => string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(await limiter.wait(session(i), live()));
  return out;
}

describe('lookup limiter: per session', () => {
  it('lets the first three through at once, then doubles from 1 s up to 30 s', async () => {
    const { options } = fakeTime();
    const limiter = createLookupLimiter({ ...options, kioskBurst: 1000 });
    expect(await delays(limiter, 11, () => 's1')).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('keeps the defaults the issue asked for', () => {
    expect(LOOKUP_LIMITS).toMatchObject({ freePerSession: 3, firstDelayMs: 1000, maxDelayMs: 30_000 });
  });

  it('counts each session on its own', async () => {
    const { options } = fakeTime();
    const limiter = createLookupLimiter({ ...options, kioskBurst: 1000 });
    expect(await delays(limiter, 4, () => 'a')).toEqual([0, 0, 0, 1000]);
    expect(await delays(limiter, 4, () => 'b')).toEqual([0, 0, 0, 1000]);
    expect(await limiter.wait('a', live())).toBe(2000);
  });

  it('keeps the turn of a lookup called off while it waited, so leaving and coming back is no way round', async () => {
    const { options } = fakeTime();
    let leave = true;
    const limiter = createLookupLimiter({
      ...options,
      kioskBurst: 1000,
      sleep: async (ms, signal) => {
        if (leave) throw new LookupLimiterError('aborted', 'left');
        await options.sleep?.(ms, signal);
      },
    });
    await delays(limiter, 3, () => 's1');
    await expect(limiter.wait('s1', live())).rejects.toMatchObject({ code: 'aborted' });
    leave = false;
    expect(await limiter.wait('s1', live())).toBe(2000);
  });
});

describe('lookup limiter: kiosk-wide', () => {
  it('does not reset when a new session starts: after a burst of 10, one lookup per 10 s', async () => {
    const { time, options } = fakeTime();
    const limiter = createLookupLimiter(options);
    // A new session for every lookup, so the per-session delay never applies.
    const waits = await delays(limiter, 40, (i) => `session-${i}`);
    expect(waits.slice(0, LOOKUP_LIMITS.kioskBurst)).toEqual(Array(LOOKUP_LIMITS.kioskBurst).fill(0));
    expect(waits.slice(LOOKUP_LIMITS.kioskBurst)).toEqual(Array(40 - LOOKUP_LIMITS.kioskBurst).fill(LOOKUP_LIMITS.kioskRefillMs));
    // 40 lookups took 5 fake minutes, against the 75 a second this used to allow.
    expect(time.now).toBe(30 * 10_000);
  });

  it('earns its burst back with time', async () => {
    const { time, options } = fakeTime();
    const limiter = createLookupLimiter(options);
    await delays(limiter, 11, (i) => `s${i}`);
    time.now += 10 * LOOKUP_LIMITS.kioskRefillMs;
    expect(await delays(limiter, 10, (i) => `t${i}`)).toEqual(Array(10).fill(0));
  });

  it('never makes anyone wait over 30 s, however many lookups were called off', async () => {
    const { time, options } = fakeTime({ abortEveryWait: true });
    const limiter = createLookupLimiter(options);
    for (let i = 0; i < 100; i++) await limiter.wait(`s${i}`, live()).catch(() => undefined);
    expect(Math.max(...time.waits)).toBe(30_000);
    expect(time.now).toBe(0);
  });
});

describe('lookup limiter: the real wait', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits on a timer and is aborted when the resident leaves, leaving no timer behind', async () => {
    const limiter = createLookupLimiter({ now: () => Date.now() });
    await delays(limiter, 3, () => 's1');

    let settled = false;
    const done = limiter.wait('s1', live()).then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await done).toBe(true);

    const leave = new AbortController();
    const aborted = limiter.wait('s1', leave.signal);
    await vi.advanceTimersByTimeAsync(500);
    leave.abort();
    await expect(aborted).rejects.toBeInstanceOf(LookupLimiterError);
    await expect(aborted).rejects.toMatchObject({ code: 'aborted' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses at once when the signal is already aborted', async () => {
    const limiter = createLookupLimiter({ now: () => Date.now() });
    const gone = new AbortController();
    gone.abort();
    await expect(limiter.wait('s1', gone.signal)).rejects.toMatchObject({ code: 'aborted' });
  });

  it('logs the delay only: no reference, no session', async () => {
    const lines: string[] = [];
    const limiter = createLookupLimiter({ ...fakeTime().options, log: createLogger({ write: (l) => lines.push(l) }) });
    await delays(limiter, 4, () => 'session-secret-id');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'lookup.paced', delayMs: 1000 });
    expect(lines[0]).not.toContain('session-secret-id');
  });
});

describe('the lookupStatus actor', () => {
  let dir: string;
  let db: Database;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-lookup-'));
    db = openDatabase(path.join(dir, 'kiosk.db'), { sealer: testSealer(), auditKey: testAuditKey() });
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('waits for the limiter with the flow session, on the checking screen, and stops waiting when the resident leaves', async () => {
    const calls: { sessionId: string; signal: AbortSignal }[] = [];
    let release = () => {};
    const lookupLimiter: LookupLimiter = {
      wait: (sessionId, signal) => {
        calls.push({ sessionId, signal });
        return new Promise((resolve) => (release = () => resolve(0)));
      },
    };
    const machine = provideFlowActors({
      db,
      sealer: testSealer(),
      // The lookup touches no device, and asks the kiosk's own queue, not the platform.
      devices: {} as KioskDevices,
      platform: noPlatform(),
      kioskId: 'K01',
      log: createLogger({ write: () => {} }),
      lookupLimiter,
    });
    const actor = createActor(machine, { input: { sessionId: 'session-7', defaultLang: 'zh-CN', idleWarnMs: 60_000, idleResetMs: 30_000 } });
    actor.start();
    const reference = generateReference('K01', (n) => new Uint8Array(n));
    actor.send({ type: 'LOOKUP' });
    actor.send({ type: 'LOOKUP_SUBMIT', reference });
    expect(calls.map((c) => c.sessionId)).toEqual(['session-7']);
    expect(toFlowView(actor.getSnapshot()).screen).toEqual({ name: 'lookup', error: null, reference, checking: true });

    release();
    await vi.waitFor(() => expect(toFlowView(actor.getSnapshot()).screen.name).toBe('lookupResult'));
    expect(toFlowView(actor.getSnapshot()).screen).toEqual({ name: 'lookupResult', reference, result: { found: false }, reprint: 'none' });

    actor.send({ type: 'LOOKUP' });
    actor.send({ type: 'LOOKUP_SUBMIT', reference });
    expect(calls).toHaveLength(2);
    actor.send({ type: 'BACK' });
    expect(calls[1]?.signal.aborted).toBe(true);
    actor.stop();
  });
});
