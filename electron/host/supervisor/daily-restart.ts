import type { Logger } from '../log/logger';

/*
 * The daily restart: once a day, at a quiet hour, the kiosk starts afresh (a new Electron and
 * Chromium, fresh memory, the day's log file reopened), as a long-running kiosk should. Never
 * under someone's hands: when the kiosk is in use at that time (a resident's session, a staff
 * session, a call to the station, a touch a moment ago), it waits until it is idle, then restarts.
 *
 * Once a day holds across the restart itself without storing anything: the time due is the first
 * restart time *after this process started* (and had an hour to run), so the kiosk that a restart
 * at 03:30 (or a wait until 04:10) started next restarts tomorrow at 03:30, and one started at
 * 03:00 (a power cut) is not restarted half an hour later. The wall clock is read on every check
 * rather than trusted to one long timer, so a clock set right by NTP after boot is followed.
 */

/** A time of day, local time. */
export interface DailyTime {
  hour: number;
  minute: number;
}

/** Parses `HH:MM` (24-hour, local time), or returns null when `text` is not one. */
export function parseDailyTime(text: string): DailyTime | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) return null;
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** `HH:MM` of a daily time, for the log. */
export function formatDailyTime(at: DailyTime): string {
  return `${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`;
}

/** The first moment strictly after `after` (ms since the epoch) that is `at` in local time. */
export function nextDailyTime(after: number, at: DailyTime): number {
  const day = new Date(after);
  for (let offset = 0; offset <= 2; offset += 1) {
    // Built from the local date each time, so a day of 23 or 25 hours (a clock change) is still one day.
    const candidate = new Date(day.getFullYear(), day.getMonth(), day.getDate() + offset, at.hour, at.minute).getTime();
    if (candidate > after) return candidate;
  }
  throw new Error('unreachable: a daily time always comes within two days');
}

/** Why the kiosk is in use, or null when it is idle and may restart. Codes only. */
export type InUse = 'residentSession' | 'staffSession' | 'stationCall' | 'recentUse' | null;

export interface DailyRestartOptions {
  at: DailyTime;
  /** Asked at every check once the time has come. */
  inUse: () => InUse;
  /** Restarts the kiosk (the shell's way: Electron quits and is started again). Called once. */
  restart: () => void;
  log: Logger;
  /** The wall clock; tests use fake timers instead of passing one. */
  now?: () => number;
  /** How often the clock and the kiosk's use are looked at. */
  checkEveryMs?: number;
}

/** A kiosk younger than this at the restart time has nothing to gain from it: its restart is tomorrow's. */
export const MIN_UPTIME_MS = 60 * 60_000;

const DAY_MS = 24 * 60 * 60_000;

/** Looks at the clock twice a minute, so a restart comes within 30 s of its time or of the end of the last session. */
const CHECK_EVERY_MS = 30_000;

/** Schedules the daily restart; returns a function that cancels it (the host closing). */
export function scheduleDailyRestart(opts: DailyRestartOptions): () => void {
  const now = opts.now ?? Date.now;
  const startedAt = now();
  let due = nextDailyTime(startedAt + MIN_UPTIME_MS, opts.at);
  let waitingFor: InUse = null;
  let done = false;
  opts.log.info('restart.scheduled', { at: formatDailyTime(opts.at), due: new Date(due).toISOString() });

  const check = (): void => {
    if (done) return;
    const t = now();
    // A clock set right by a day or more (a kiosk that booted with a wrong clock) moves the
    // restart to the next quiet hour instead of restarting now, or years from now.
    if (t >= due + DAY_MS || due - t > 2 * DAY_MS) {
      due = nextDailyTime(t, opts.at);
      opts.log.warn('restart.clockMoved', { due: new Date(due).toISOString() });
      return;
    }
    if (t < due) return;
    const busy = opts.inUse();
    if (busy !== null) {
      if (busy !== waitingFor) opts.log.info('restart.waiting', { inUse: busy });
      waitingFor = busy;
      return;
    }
    done = true;
    clearInterval(timer);
    opts.log.info('restart.now', { at: formatDailyTime(opts.at), waited: waitingFor !== null });
    opts.restart();
  };
  const timer = setInterval(check, opts.checkEveryMs ?? CHECK_EVERY_MS);
  timer.unref();
  return () => {
    done = true;
    clearInterval(timer);
  };
}
