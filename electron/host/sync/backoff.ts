/**
 * The uplink's retry policy, as pure functions: which answers are worth another try, and
 * how long to wait before it (exponential backoff with full jitter, or the platform's
 * Retry-After when it gives one).
 */

/** A platform asking for longer than this is misconfigured or its date is wrong; we do not stall a day for it. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

// 2^52 is still exact in a double; beyond it the ceiling is maxDelayMs anyway.
const MAX_EXPONENT = 52;

/** What an HTTP status means for the submissions in the request. */
export type StatusClass = 'ok' | 'retry' | 'permanent';

// Timeout, conflict (another request with the key in progress), too early, too many requests.
// 401/403 are the kiosk's credentials, not the submission: an expired token or certificate must
// not fail the whole backlog. They wait with backoff while staff see the error.
const RETRYABLE_4XX: ReadonlySet<number> = new Set([401, 403, 408, 409, 425, 429]);

/** 2xx is done, 5xx and 408/409/425/429 are worth retrying, any other 4xx will fail again the same way. */
export function classifyStatus(status: number): StatusClass {
  if (status >= 200 && status < 300) return 'ok';
  if (status >= 400 && status < 500) return RETRYABLE_4XX.has(status) ? 'retry' : 'permanent';
  // 5xx, and the 1xx/3xx a platform should never send us: retry and let staff see the code.
  return 'retry';
}

/** The largest delay after `attempts` failed tries: base · 2^attempts, capped at maxDelayMs. */
export function backoffCeiling(attempts: number, baseDelayMs: number, maxDelayMs: number): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempts)), MAX_EXPONENT);
  return Math.max(0, Math.min(maxDelayMs, baseDelayMs * 2 ** exponent));
}

/**
 * Full jitter: a whole number of milliseconds drawn uniformly from [0, ceiling], so kiosks
 * that lost the platform together do not come back together. `random` returns [0, 1).
 */
export function backoffDelay(attempts: number, opts: { baseDelayMs: number; maxDelayMs: number }, random: () => number): number {
  const ceiling = backoffCeiling(attempts, opts.baseDelayMs, opts.maxDelayMs);
  const r = random();
  // A bad random source must not turn into a negative or endless delay.
  const u = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1 - Number.EPSILON) : 0;
  return Math.floor(u * (Math.floor(ceiling) + 1));
}

/**
 * Reads a Retry-After header (delta-seconds or an HTTP-date) as milliseconds from `now`;
 * undefined when absent or unreadable. A date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | readonly string[] | undefined, now: number): number | undefined {
  const raw = typeof value === 'string' ? value : value?.[0];
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  // Date.parse takes almost anything ("5", "-1"); an HTTP-date always names a weekday or month.
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

/** How long to wait before the next try: the platform's Retry-After when given, else jittered backoff. */
export function retryDelay(opts: {
  attempts: number;
  retryAfterMs: number | undefined;
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
}): number {
  if (opts.retryAfterMs !== undefined) return Math.min(Math.max(0, opts.retryAfterMs), MAX_RETRY_AFTER_MS);
  return backoffDelay(opts.attempts, opts, opts.random);
}
