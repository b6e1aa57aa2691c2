import type { Logger } from '../log/logger';

/** A lookup that was waiting for its turn and was called off (the resident left the screen). */
export class LookupLimiterError extends Error {
  override readonly name = 'LookupLimiterError';

  constructor(
    readonly code: 'aborted',
    message: string,
  ) {
    super(message);
  }
}

export interface LookupLimiterOptions {
  /** Lookups a session makes at once before it has to wait. */
  freePerSession?: number;
  /** The first wait in a session; each later lookup waits twice as long as the one before. */
  firstDelayMs?: number;
  /** No lookup ever waits longer than this, from either limit. */
  maxDelayMs?: number;
  /** Lookups the whole kiosk makes at once, across sessions, before they are paced. */
  kioskBurst?: number;
  /** How long the kiosk takes to earn back one lookup of its burst. */
  kioskRefillMs?: number;
  /** A monotonic clock in milliseconds; tests pass a fake one. */
  now?: () => number;
  /** Waits, or rejects when the signal aborts; tests pass one that does not wait. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  log?: Logger;
}

export interface LookupLimiter {
  /** Takes this session's next turn and waits for it; resolves with the wait in ms, rejects with `aborted`. */
  wait(sessionId: string, signal: AbortSignal): Promise<number>;
}

export const LOOKUP_LIMITS = {
  freePerSession: 3,
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  kioskBurst: 10,
  kioskRefillMs: 10_000,
} as const;

// Counts of sessions long gone are not worth keeping: the kiosk-wide bucket is what stops an
// attacker who starts new sessions, so forgetting an old session's count gives nothing away.
const SESSIONS_KEPT = 32;

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      reject(new LookupLimiterError('aborted', 'The lookup was called off while it waited for its turn.'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
}

/**
 * Paces "check a submission" lookups, so the kiosk cannot be used to try references by the
 * thousand: per session, the first few run at once and each next one waits a doubling delay;
 * across sessions, a token bucket, because anyone at the screen can start a new session.
 */
export function createLookupLimiter(opts: LookupLimiterOptions = {}): LookupLimiter {
  const free = opts.freePerSession ?? LOOKUP_LIMITS.freePerSession;
  const first = opts.firstDelayMs ?? LOOKUP_LIMITS.firstDelayMs;
  const max = opts.maxDelayMs ?? LOOKUP_LIMITS.maxDelayMs;
  const burst = opts.kioskBurst ?? LOOKUP_LIMITS.kioskBurst;
  const refillMs = opts.kioskRefillMs ?? LOOKUP_LIMITS.kioskRefillMs;
  // Monotonic, so setting the wall clock forward cannot refill the bucket.
  const now = opts.now ?? (() => performance.now());
  const sleep = opts.sleep ?? abortableSleep;
  const sessions = new Map<string, number>();
  let tokens = burst;
  let refilledAt = now();

  const sessionDelay = (sessionId: string): number => {
    const used = sessions.get(sessionId) ?? 0;
    sessions.delete(sessionId);
    sessions.set(sessionId, used + 1);
    if (sessions.size > SESSIONS_KEPT) sessions.delete(sessions.keys().next().value ?? sessionId);
    return used < free ? 0 : Math.min(first * 2 ** (used - free), max);
  };

  // The turn is taken before the wait, and kept if the wait is called off: leaving the screen
  // and coming back must not be a way round the delay. The debt is bounded so that a burst
  // of called-off lookups cannot make the next resident wait longer than the cap.
  const kioskDelay = (): number => {
    const at = now();
    tokens = Math.min(burst, tokens + (at - refilledAt) / refillMs);
    refilledAt = at;
    tokens = Math.max(tokens - 1, -max / refillMs);
    return tokens >= 0 ? 0 : Math.min(Math.ceil(-tokens * refillMs), max);
  };

  return {
    async wait(sessionId, signal) {
      const delay = Math.max(sessionDelay(sessionId), kioskDelay());
      if (signal.aborted) throw new LookupLimiterError('aborted', 'The lookup was called off before it ran.');
      if (delay === 0) return 0;
      // The delay only, never the reference or the session: the log needs to show pacing, not who.
      opts.log?.info('lookup.paced', { delayMs: delay });
      await sleep(delay, signal);
      return delay;
    },
  };
}
