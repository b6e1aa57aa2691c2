import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../../../electron/host/log/logger';
import { tempDirs } from '../../../../fixtures/temp-dirs';
import { runSystemdNotify, startSystemdNotifier, watchdogInterval, type NotifyOutcome, type NotifySender } from '../../../../../electron/host/supervisor/systemd-notify';

const PID = 4242;
const PPID = 4241;
const dirs = tempDirs('kiosk-notify-');
const tempDir = dirs.make;
const stops: (() => void)[] = [];

function logLines(): { log: ReturnType<typeof createLogger>; lines: { event: string; [key: string]: unknown }[] } {
  const lines: { event: string }[] = [];
  return { log: createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as { event: string }) }), lines };
}

/** A notifier on `env` whose messages are recorded instead of sent. */
function recorded(env: NodeJS.ProcessEnv, outcome: () => Promise<NotifyOutcome> = () => Promise.resolve('sent')) {
  const sent: string[] = [];
  const send = vi.fn<NotifySender>((socket, assignment) => {
    sent.push(`${socket} ${assignment}`);
    return outcome();
  });
  const { log, lines } = logLines();
  const notifier = startSystemdNotifier({ env, pid: PID, ppid: PPID, log, send });
  stops.push(() => notifier.stop());
  return { notifier, sent, send, lines };
}

/** A stand-in `systemd-notify` that appends its arguments and environment to `record`. */
function fakeSystemdNotify(dir: string, record: string, exit = 'exit 0'): void {
  const script = path.join(dir, 'systemd-notify');
  fs.writeFileSync(script, `#!/bin/sh\nprintf '%s|%s|%s\\n' "$*" "$NOTIFY_SOCKET" "$(env | sort | tr '\\n' ' ')" >> '${record}'\n${exit}\n`, { mode: 0o755 });
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.useRealTimers();
  dirs.removeAll();
});

describe('without systemd (no NOTIFY_SOCKET)', () => {
  it('sends nothing, ever, and says it is not supervised', async () => {
    const { notifier, send } = recorded({ PATH: '/usr/bin', WATCHDOG_USEC: '30000000' });
    expect(notifier.supervised).toBe(false);
    expect(notifier.pingEveryMs).toBeNull();
    await notifier.ready();
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(send).not.toHaveBeenCalled();
  });
});

describe('under a Type=notify unit', () => {
  const env = () => ({ NOTIFY_SOCKET: '/run/user/1000/systemd/notify', WATCHDOG_USEC: '30000000', WATCHDOG_PID: String(PID), PATH: '/usr/bin', KEEP: 'x' });

  it('sends READY=1 once, then WATCHDOG=1 every half WatchdogSec', async () => {
    const { notifier, sent } = recorded(env());
    expect(notifier.supervised).toBe(true);
    expect(notifier.pingEveryMs).toBe(15_000);
    await notifier.ready();
    await notifier.ready();
    expect(sent).toEqual(['/run/user/1000/systemd/notify READY=1']);
    await vi.advanceTimersByTimeAsync(14_999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['/run/user/1000/systemd/notify READY=1', '/run/user/1000/systemd/notify WATCHDOG=1']);
    await vi.advanceTimersByTimeAsync(15_000 * 3);
    expect(sent.slice(1)).toEqual(Array(4).fill('/run/user/1000/systemd/notify WATCHDOG=1'));
  });

  it('pings from the start, before READY: systemd runs the watchdog during start-up too', async () => {
    const { sent } = recorded(env());
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sent).toEqual(Array(2).fill('/run/user/1000/systemd/notify WATCHDOG=1'));
  });

  it('takes NOTIFY_SOCKET and the watchdog settings out of the environment, so no child inherits them', () => {
    const e: NodeJS.ProcessEnv = env();
    recorded(e);
    expect(e).toEqual({ PATH: '/usr/bin', KEEP: 'x' });
  });

  it('stops pinging when the loop that times the pings is stopped', async () => {
    const { notifier, sent } = recorded(env());
    await vi.advanceTimersByTimeAsync(15_000);
    notifier.stop();
    await vi.advanceTimersByTimeAsync(15_000 * 10);
    expect(sent).toHaveLength(1);
  });

  it('never has two pings in flight: a stuck systemd-notify holds the next ones', async () => {
    let finish: (outcome: NotifyOutcome) => void = () => undefined;
    const { sent } = recorded(env(), () => new Promise<NotifyOutcome>((resolve) => (finish = resolve)));
    await vi.advanceTimersByTimeAsync(15_000 * 4);
    expect(sent).toHaveLength(1);
    finish('sent');
    await vi.advanceTimersByTimeAsync(15_000);
    expect(sent).toHaveLength(2);
  });

  it('sends READY=1 without pings when the unit has no watchdog', async () => {
    const { notifier, sent } = recorded({ NOTIFY_SOCKET: '@/org/freedesktop/systemd1/notify' });
    expect(notifier.pingEveryMs).toBeNull();
    await notifier.ready();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(sent).toEqual(['@/org/freedesktop/systemd1/notify READY=1']);
  });

  it('logs a failing ping once when it starts failing and once when it recovers', async () => {
    let outcome: NotifyOutcome = 'failed';
    const { lines } = recorded(env(), () => Promise.resolve(outcome));
    await vi.advanceTimersByTimeAsync(15_000 * 5);
    outcome = 'sent';
    await vi.advanceTimersByTimeAsync(15_000 * 5);
    const events = lines.filter((l) => l.event.startsWith('supervisor.notify'));
    expect(events).toMatchObject([
      { event: 'supervisor.notifyFailed', level: 'error', assignment: 'WATCHDOG=1', outcome: 'failed' },
      { event: 'supervisor.notifyRecovered', level: 'info', assignment: 'WATCHDOG=1' },
    ]);
  });
});

describe('watchdogInterval', () => {
  it('is half of WATCHDOG_USEC, in milliseconds', () => {
    expect(watchdogInterval('30000000', undefined, PID, PPID)).toBe(15_000);
    expect(watchdogInterval('1000000', String(PID), PID, PPID)).toBe(500);
  });

  it('accepts a WATCHDOG_PID of the launcher that started us (the AppImage runtime)', () => {
    expect(watchdogInterval('30000000', String(PPID), PID, PPID)).toBe(15_000);
  });

  it.each([
    ['unset', undefined, undefined],
    ['empty', '', undefined],
    ['not a number', '30s', undefined],
    ['negative', '-1', undefined],
    ['too small to ping', '1', undefined],
    ['meant for another process', '30000000', '99'],
  ])('is off when WATCHDOG_USEC is %s', (_name, usec, watchdogPid) => {
    expect(watchdogInterval(usec, watchdogPid, PID, PPID)).toBeNull();
  });
});

describe('runSystemdNotify (real processes)', () => {
  beforeEach(() => {
    vi.useRealTimers();
  });

  it('runs systemd-notify from PATH with the assignment, NOTIFY_SOCKET and PATH alone', async () => {
    const dir = tempDir();
    const record = path.join(dir, 'calls.txt');
    fakeSystemdNotify(dir, record);
    const env: NodeJS.ProcessEnv = { NOTIFY_SOCKET: '/run/notify-test', WATCHDOG_USEC: '30000000', PATH: dir, KIOSK_PLATFORM_TOKEN: 'secret-token' };
    const { log } = logLines();
    const notifier = startSystemdNotifier({ env, pid: PID, ppid: PPID, log });
    stops.push(() => notifier.stop());
    await notifier.ready();
    const [call, ...more] = fs.readFileSync(record, 'utf8').trim().split('\n');
    expect(more).toEqual([]);
    const [args, socket, childEnv] = (call ?? '').split('|');
    expect(args).toBe('READY=1');
    expect(socket).toBe('/run/notify-test');
    expect(childEnv).not.toContain('secret-token');
    expect(childEnv).not.toContain('WATCHDOG_USEC');
  });

  it('tells sent, failed, ended by a signal and not found apart', async () => {
    const dir = tempDir();
    const record = path.join(dir, 'calls.txt');
    fakeSystemdNotify(dir, record);
    expect(await runSystemdNotify('/run/x', 'WATCHDOG=1', { path: dir })).toBe('sent');
    fakeSystemdNotify(dir, record, 'exit 1');
    expect(await runSystemdNotify('/run/x', 'WATCHDOG=1', { path: dir })).toBe('failed');
    // What the spawn timeout does to a systemd-notify that hangs: it is ended by a signal.
    fakeSystemdNotify(dir, record, 'kill -TERM $$');
    expect(await runSystemdNotify('/run/x', 'WATCHDOG=1', { path: dir })).toBe('timedOut');
    expect(await runSystemdNotify('/run/x', 'WATCHDOG=1', { path: tempDir() })).toBe('notFound');
  });

  it("reaches a datagram socket with systemd's own systemd-notify (package systemd)", async () => {
    const socketPath = path.join(tempDir(), 'notify');
    const receiver: ChildProcessWithoutNullStreams = spawn('python3', [path.resolve(__dirname, '../../../../fixtures/notify-socket.py'), socketPath, '2']);
    try {
      const lines = readline.createInterface({ input: receiver.stdout })[Symbol.asyncIterator]();
      expect((await lines.next()).value).toBe('listening');
      // Its real PATH: the test needs the real binary, and fails where systemd is not installed.
      expect(await runSystemdNotify(socketPath, 'READY=1', { path: process.env.PATH ?? '/usr/bin:/bin' })).toBe('sent');
      expect(await runSystemdNotify(socketPath, 'WATCHDOG=1', { path: process.env.PATH ?? '/usr/bin:/bin' })).toBe('sent');
      expect((await lines.next()).value).toBe("'READY=1'");
      expect((await lines.next()).value).toBe("'WATCHDOG=1'");
    } finally {
      receiver.kill();
    }
  });
});
