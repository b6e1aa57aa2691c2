import { HEARTBEAT_CODE } from '../sync/uplink-protocol';
import { scrub, type LogFields, type Logger } from './logger';

/** One warning or error as the heartbeat reports it. */
export interface RecentCode {
  event: string;
  code: string | null;
  count: number;
  lastAt: number;
}

// The platform wants to know what went wrong lately, not a log: a few kinds, each counted.
const KEPT = 10;

/**
 * The latest warnings and errors the kiosk logged, by event and code, newest first. Only
 * values shaped like codes are kept (see HEARTBEAT_CODE), so nothing personal gets in even
 * when a log line breaks the rule that fields carry codes only.
 */
export class RecentCodes {
  private readonly byKey = new Map<string, RecentCode>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one warning or error. */
  note(event: string, fields: LogFields = {}): void {
    if (!HEARTBEAT_CODE.test(event)) return;
    const raw = typeof fields.error === 'string' ? fields.error : typeof fields.code === 'string' ? fields.code : null;
    const code = raw !== null && HEARTBEAT_CODE.test(scrub(raw)) ? raw : null;
    const key = `${event}\n${code ?? ''}`;
    const earlier = this.byKey.get(key);
    // Deleted and set again, so the map's order is oldest first and the oldest goes first.
    this.byKey.delete(key);
    this.byKey.set(key, { event, code, count: (earlier?.count ?? 0) + 1, lastAt: this.now() });
    for (const oldest of this.byKey.keys()) {
      if (this.byKey.size <= KEPT) break;
      this.byKey.delete(oldest);
    }
  }

  /** Newest first. */
  list(): RecentCode[] {
    return [...this.byKey.values()].reverse();
  }
}

/** A logger that also counts its warnings and errors in `codes`. */
export function recordingLogger(log: Logger, codes: RecentCodes): Logger {
  return {
    debug: (event, fields) => log.debug(event, fields),
    info: (event, fields) => log.info(event, fields),
    warn: (event, fields) => {
      codes.note(event, fields);
      log.warn(event, fields);
    },
    error: (event, fields) => {
      codes.note(event, fields);
      log.error(event, fields);
    },
  };
}
