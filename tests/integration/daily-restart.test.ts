/**
 * The daily restart through a real host: it knows when a resident's or a staff session is open
 * (its flow and its staff sign-in), waits for it to end and for the kiosk to be left alone, then
 * asks the shell to restart, once. Fake clock for the intervals and the wall clock only: the
 * flow's own timers run as usual, and no idle time elapses for real during the test.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostConfig } from '../../electron/host/config';
import type { Host } from '../../electron/host/host';
import { call, removeTempDirs, send, signInStaff, startTestHost, tempDir } from './helpers';

const local = (hour: number, minute = 0, second = 0) => new Date(2026, 2, 14, hour, minute, second).getTime();
const hosts: Host[] = [];

async function openHost(restart: (() => void) | undefined, restartAt: HostConfig['restartAt'] = { hour: 3, minute: 30 }) {
  const dataDir = tempDir('kiosk-restart-');
  const { host, lines } = await startTestHost(dataDir, { restartAt }, restart ? { restart } : {});
  hosts.push(host);
  return { host, dataDir, lines };
}

/** What the host said it waited for, in order: the reasons, as codes. */
function waitedFor(lines: string[]): unknown[] {
  return lines.map((line) => JSON.parse(line) as { event: string; inUse?: string }).filter((l) => l.event === 'restart.waiting').map((l) => l.inUse);
}

/** Moves the wall clock to `at` and lets the intervals due by then run. */
async function until(at: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(at - Date.now());
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(local(1, 0));
});

afterEach(async () => {
  vi.useRealTimers();
  for (const host of hosts.splice(0)) await host.close();
  removeTempDirs();
});

describe('the daily restart of a real host', () => {
  it('restarts an idle kiosk at the hour', async () => {
    const restart = vi.fn();
    await openHost(restart);
    vi.setSystemTime(local(3, 29));
    await until(local(3, 29, 50));
    expect(restart).not.toHaveBeenCalled();
    await until(local(3, 30, 30));
    expect(restart).toHaveBeenCalledTimes(1);
  });

  it("waits for a resident's session to end and the kiosk to be left alone, then restarts once", async () => {
    const restart = vi.fn();
    const { host, lines } = await openHost(restart);
    vi.setSystemTime(local(3, 25));
    expect((await send(host, { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' })).screen.name).toBe('start');
    await until(local(3, 45));
    expect(restart).not.toHaveBeenCalled();
    // The resident leaves (Start again): back on the welcome screen, touched a moment ago.
    expect((await send(host, { type: 'CANCEL' })).screen.name).toBe('welcome');
    await until(local(3, 46, 30));
    expect(restart).not.toHaveBeenCalled();
    await until(local(3, 47, 30));
    expect(restart).toHaveBeenCalledTimes(1);
    await until(local(5, 0));
    expect(restart).toHaveBeenCalledTimes(1);
    expect(waitedFor(lines)).toEqual(['residentSession', 'recentUse']);
  });

  it('waits for a staff session to end', async () => {
    const restart = vi.fn();
    const { host, dataDir, lines } = await openHost(restart);
    vi.setSystemTime(local(3, 29));
    await signInStaff(host, dataDir);
    await until(local(3, 30, 40));
    // Staff at work: a staff command keeps their session open past the hour.
    await call(host, 'staff:supplies', {});
    await until(local(3, 31, 40));
    expect(restart).not.toHaveBeenCalled();
    await call(host, 'staff:signOut', {});
    await until(local(3, 33, 0));
    expect(restart).not.toHaveBeenCalled();
    await until(local(3, 34, 0));
    expect(restart).toHaveBeenCalledTimes(1);
    expect(waitedFor(lines)).toEqual(['staffSession', 'recentUse']);
  });

  it('is not scheduled with KIOSK_RESTART_AT=off', async () => {
    const restart = vi.fn();
    const { lines } = await openHost(restart, null);
    await until(local(4, 0));
    expect(restart).not.toHaveBeenCalled();
    expect(lines.some((line) => line.includes('"restart.scheduled"'))).toBe(false);
  });

  it('is not scheduled when the shell has no way to restart (a plain npm run serve)', async () => {
    const { lines } = await openHost(undefined);
    expect(lines.some((line) => line.includes('"restart.scheduled"'))).toBe(false);
  });

  it('says when it is due', async () => {
    const { lines } = await openHost(vi.fn());
    const scheduled = lines.map((line) => JSON.parse(line) as { event: string; due?: string }).find((l) => l.event === 'restart.scheduled');
    expect(scheduled?.due).toBe(new Date(local(3, 30)).toISOString());
  });
});
