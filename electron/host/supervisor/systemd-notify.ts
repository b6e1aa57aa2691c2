import { spawn } from 'node:child_process';
import type { Logger } from '../log/logger';

/*
 * Talking to systemd (sd_notify): READY=1 once the kiosk serves, WATCHDOG=1 at half the unit's
 * WatchdogSec, so that systemd kills and restarts a kiosk whose main loop hangs.
 *
 * The notify socket is a Unix *datagram* socket, which Node cannot open (node:net has stream
 * sockets only, node:dgram UDP only). The ways left were a native add-on (unix-dgram, sd-notify)
 * or systemd's own `systemd-notify` tool. We run the tool:
 * - a native add-on in Electron's main process must be rebuilt for Electron's ABI on each target
 *   (x64, arm64), neither ships prebuilt binaries, and sd-notify needs libsystemd's headers at
 *   build time; `systemd-notify` is part of systemd itself, on every machine that runs the unit;
 * - since systemd 246 the tool waits until the manager has read the message (BARRIER=1), so a
 *   message from a process that exits at once is still matched to the kiosk's unit.
 * The price: the message comes from the tool's PID, not the kiosk's, so the unit says
 * NotifyAccess=all (any process of the unit may notify) instead of main. The unit's other
 * processes are Electron's sandboxed helpers and the tools the host runs (espeak-ng, lp, pactl);
 * NOTIFY_SOCKET is taken out of the environment here, at start-up, so that none of them
 * inherits it, and it is handed to systemd-notify alone.
 *
 * The pings are timed by the event loop that runs the host and the window: when that loop
 * hangs, the pings stop and systemd's watchdog restarts the kiosk. A ping still running when the
 * next is due is not doubled up, and one that takes too long is ended.
 */

/** What one systemd-notify run came to. */
export type NotifyOutcome = 'sent' | 'failed' | 'timedOut' | 'notFound';

/** Sends one assignment (`READY=1`, `WATCHDOG=1`) to the notify socket. */
export type NotifySender = (socket: string, assignment: string) => Promise<NotifyOutcome>;

/** A systemd-notify that takes longer than this is ended: a watchdog ping is due every few seconds. */
const NOTIFY_TIMEOUT_MS = 5_000;

/**
 * Runs `systemd-notify <assignment>` with NOTIFY_SOCKET and PATH as its whole environment.
 * Never rejects.
 */
export function runSystemdNotify(socket: string, assignment: string, opts: { path?: string; command?: string; timeoutMs?: number } = {}): Promise<NotifyOutcome> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { NOTIFY_SOCKET: socket };
    if (opts.path !== undefined) env.PATH = opts.path;
    const child = spawn(opts.command ?? 'systemd-notify', [assignment], {
      env,
      stdio: 'ignore',
      shell: false,
      windowsHide: true,
      timeout: opts.timeoutMs ?? NOTIFY_TIMEOUT_MS,
    });
    let settled = false;
    const settle = (outcome: NotifyOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    child.on('error', (error: NodeJS.ErrnoException) => settle(error.code === 'ENOENT' ? 'notFound' : 'failed'));
    child.on('exit', (code, signal) => settle(code === 0 ? 'sent' : signal !== null ? 'timedOut' : 'failed'));
  });
}

/** The systemd side of the kiosk: READY once, watchdog pings while the loop runs. */
export interface SystemdNotifier {
  /** True when systemd waits for our notifications (NOTIFY_SOCKET was set). */
  readonly supervised: boolean;
  /** The watchdog ping interval, or null when the unit has no watchdog. */
  readonly pingEveryMs: number | null;
  /** Tells systemd the kiosk is up (once; later calls do nothing). Resolves when sent or given up. */
  ready(): Promise<void>;
  /** Stops the pings (the process is going away, or a test is over). */
  stop(): void;
}

export interface SystemdNotifierOptions {
  /** The environment to read, and to take NOTIFY_SOCKET and the WATCHDOG_* settings out of. */
  env: NodeJS.ProcessEnv;
  pid: number;
  /** Our parent's PID: a launcher in between (AppImage's runtime) is systemd's main PID then. */
  ppid: number;
  log: Logger;
  /** Default: systemd-notify, found on the environment's PATH. */
  send?: NotifySender;
}

/**
 * Reads what systemd gave this process and starts the watchdog pings. Without NOTIFY_SOCKET
 * (not run by a Type=notify unit: Windows, a terminal, the tests) it does nothing at all.
 */
export function startSystemdNotifier(opts: SystemdNotifierOptions): SystemdNotifier {
  const { env, log } = opts;
  const socket = env.NOTIFY_SOCKET;
  const watchdogUsec = env.WATCHDOG_USEC;
  const watchdogPid = env.WATCHDOG_PID;
  // Ours alone: no child process learns where the socket is or that a watchdog runs.
  delete env.NOTIFY_SOCKET;
  delete env.WATCHDOG_USEC;
  delete env.WATCHDOG_PID;

  if (socket === undefined || socket === '') {
    return { supervised: false, pingEveryMs: null, ready: () => Promise.resolve(), stop: () => undefined };
  }
  const path = env.PATH;
  const send: NotifySender = opts.send ?? ((s, assignment) => runSystemdNotify(s, assignment, path === undefined ? {} : { path }));

  // The last outcome logged: a failing ping is logged when it starts failing and when it
  // recovers, not every few seconds.
  let lastOutcome: NotifyOutcome = 'sent';
  const notify = async (assignment: string): Promise<void> => {
    const outcome = await send(socket, assignment);
    if (outcome !== lastOutcome) {
      if (outcome === 'sent') log.info('supervisor.notifyRecovered', { assignment });
      else log.error('supervisor.notifyFailed', { assignment, outcome });
      lastOutcome = outcome;
    }
  };

  const pingEveryMs = watchdogInterval(watchdogUsec, watchdogPid, opts.pid, opts.ppid);
  let timer: NodeJS.Timeout | undefined;
  let pinging = false;
  if (pingEveryMs !== null) {
    timer = setInterval(() => {
      if (pinging) return;
      pinging = true;
      void notify('WATCHDOG=1').finally(() => (pinging = false));
    }, pingEveryMs);
    log.info('supervisor.watchdog', { pingEveryMs });
  }

  let readySent: Promise<void> | null = null;
  return {
    supervised: true,
    pingEveryMs,
    ready() {
      readySent ??= notify('READY=1').then(() => log.info('supervisor.ready', {}));
      return readySent;
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

/**
 * Half of WATCHDOG_USEC in milliseconds (as sd_watchdog_enabled advises), or null when there is no
 * watchdog for this process: unset or not a positive number, or meant for another process
 * (WATCHDOG_PID names neither us nor the launcher that started us).
 */
export function watchdogInterval(usec: string | undefined, watchdogPid: string | undefined, pid: number, ppid: number): number | null {
  if (usec === undefined || !/^\d+$/.test(usec)) return null;
  const ms = Math.floor(Number(usec) / 2000);
  if (ms < 1) return null;
  if (watchdogPid !== undefined && watchdogPid !== '' && watchdogPid !== String(pid) && watchdogPid !== String(ppid)) return null;
  return ms;
}
