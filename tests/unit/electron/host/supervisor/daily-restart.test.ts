import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../../../electron/host/log/logger';
import { nextDailyTime, parseDailyTime, scheduleDailyRestart, type InUse } from '../../../../../electron/host/supervisor/daily-restart';

const AT = { hour: 3, minute: 30 };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Local time on 10 January 2026 (the machine's own time zone, as the kiosk reads it). */
const local = (hour: number, minute = 0, day = 10) => new Date(2026, 0, day, hour, minute).getTime();

const cancels: (() => void)[] = [];

function schedule(inUse: () => InUse = () => null) {
  const restart = vi.fn();
  const lines: { event: string; [key: string]: unknown }[] = [];
  const log = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as { event: string }) });
  cancels.push(scheduleDailyRestart({ at: AT, inUse, restart, log }));
  return { restart, lines };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(local(1, 0));
});

afterEach(() => {
  for (const cancel of cancels.splice(0)) cancel();
  vi.useRealTimers();
});

describe('the daily restart', () => {
  it('restarts at the hour when the kiosk is idle, not before', async () => {
    const { restart } = schedule();
    await vi.advanceTimersByTimeAsync(local(3, 30) - local(1, 0) - 1);
    expect(restart).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(restart).toHaveBeenCalledTimes(1);
  });

  it('waits while someone uses the kiosk, and restarts once they are done', async () => {
    let use: InUse = 'residentSession';
    const { restart, lines } = schedule(() => use);
    vi.setSystemTime(local(3, 29, 10));
    await vi.advanceTimersByTimeAsync(40 * MINUTE);
    expect(restart).not.toHaveBeenCalled();
    use = 'staffSession';
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(restart).not.toHaveBeenCalled();
    use = null;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(restart).toHaveBeenCalledTimes(1);
    // Each reason for waiting is logged when it starts, not twice a minute.
    expect(lines.filter((l) => l.event === 'restart.waiting').map((l) => l.inUse)).toEqual(['residentSession', 'staffSession']);
    expect(lines.find((l) => l.event === 'restart.now')).toMatchObject({ at: '03:30', waited: true });
  });

  it('restarts once a day: not again that day, whatever happens later', async () => {
    const { restart } = schedule();
    await vi.advanceTimersByTimeAsync(local(3, 31) - local(1, 0));
    expect(restart).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3 * 24 * HOUR);
    expect(restart).toHaveBeenCalledTimes(1);
  });

  it('has the kiosk it started restart tomorrow at the hour, not again today', async () => {
    // The restarted kiosk comes up at 03:30:40 and is idle at once.
    vi.setSystemTime(local(3, 30) + 40_000);
    const { restart } = schedule();
    await vi.advanceTimersByTimeAsync(local(3, 30, 11) - (local(3, 30) + 40_000) - 1);
    expect(restart).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(restart).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a restart that waited until 04:10 started', 4, 10],
    ['a power cut at 03:00 started (less than an hour before the hour)', 3, 0],
  ])('has the kiosk %s restart tomorrow at 03:30', async (_name, hour, minute) => {
    vi.setSystemTime(local(hour, minute));
    const { restart } = schedule();
    await vi.advanceTimersByTimeAsync(local(3, 29, 11) - local(hour, minute));
    expect(restart).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(restart).toHaveBeenCalledTimes(1);
  });

  it('follows a clock set right by days: the next quiet hour, not a restart at once', async () => {
    const { restart, lines } = schedule();
    // NTP after a boot with a wrong clock: suddenly 20 January, 14:00.
    vi.setSystemTime(local(14, 0, 20));
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(restart).not.toHaveBeenCalled();
    expect(lines.some((l) => l.event === 'restart.clockMoved')).toBe(true);
    await vi.advanceTimersByTimeAsync(local(3, 31, 21) - local(14, 1, 20));
    expect(restart).toHaveBeenCalledTimes(1);
  });

  it('follows a clock set back by days too, instead of waiting for that date to come round', async () => {
    vi.setSystemTime(local(1, 0, 25));
    const { restart } = schedule();
    vi.setSystemTime(local(1, 0, 10));
    await vi.advanceTimersByTimeAsync(local(3, 31, 10) - local(1, 0, 10));
    expect(restart).toHaveBeenCalledTimes(1);
  });

  it('is cancelled with the host', async () => {
    const { restart } = schedule();
    for (const cancel of cancels.splice(0)) cancel();
    await vi.advanceTimersByTimeAsync(2 * 24 * HOUR);
    expect(restart).not.toHaveBeenCalled();
  });
});

describe('times of day', () => {
  it('parses HH:MM, 24-hour', () => {
    expect(parseDailyTime('03:30')).toEqual({ hour: 3, minute: 30 });
    expect(parseDailyTime('00:00')).toEqual({ hour: 0, minute: 0 });
    expect(parseDailyTime('23:59')).toEqual({ hour: 23, minute: 59 });
    for (const bad of ['3:30', '24:00', '12:60', '', '03:30 ', 'noon']) expect(parseDailyTime(bad), bad).toBeNull();
  });

  it('finds the next one strictly after a moment, in local time', () => {
    expect(nextDailyTime(local(1, 0), AT)).toBe(local(3, 30));
    expect(nextDailyTime(local(3, 30), AT)).toBe(local(3, 30, 11));
    expect(nextDailyTime(local(23, 59), AT)).toBe(local(3, 30, 11));
    // Across a month's end.
    expect(nextDailyTime(new Date(2026, 0, 31, 12, 0).getTime(), AT)).toBe(new Date(2026, 1, 1, 3, 30).getTime());
  });
});
