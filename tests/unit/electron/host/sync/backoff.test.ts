import { describe, expect, it } from 'vitest';
import {
  backoffCeiling,
  backoffDelay,
  classifyStatus,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  retryDelay,
} from '../../../../../electron/host/sync/backoff';

const OPTS = { baseDelayMs: 2_000, maxDelayMs: 15 * 60_000 };
const NOW = Date.UTC(2031, 4, 6, 22, 0, 0);

describe('backoffCeiling', () => {
  it('doubles from the base delay with each failed attempt', () => {
    expect([0, 1, 2, 3, 8].map((n) => backoffCeiling(n, 2_000, 15 * 60_000))).toEqual([2_000, 4_000, 8_000, 16_000, 512_000]);
  });

  it('stops at the maximum delay, even for absurd attempt counts', () => {
    expect(backoffCeiling(9, 2_000, 15 * 60_000)).toBe(15 * 60_000);
    expect(backoffCeiling(1_000, 2_000, 15 * 60_000)).toBe(15 * 60_000);
    expect(backoffCeiling(Number.MAX_SAFE_INTEGER, 2_000, 15 * 60_000)).toBe(15 * 60_000);
  });

  it('treats a negative or fractional attempt count as the nearest sane one', () => {
    expect(backoffCeiling(-3, 2_000, 60_000)).toBe(2_000);
    expect(backoffCeiling(1.9, 2_000, 60_000)).toBe(4_000);
  });
});

describe('backoffDelay (full jitter)', () => {
  it('spans 0 to the ceiling inclusive', () => {
    expect(backoffDelay(3, OPTS, () => 0)).toBe(0);
    expect(backoffDelay(3, OPTS, () => 0.5)).toBe(8_000);
    expect(backoffDelay(3, OPTS, () => 0.999_999_999)).toBe(16_000);
  });

  it('stays within [0, ceiling] for many draws and uses the whole range', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const delays = Array.from({ length: 2_000 }, () => backoffDelay(4, OPTS, random));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(32_000);
    expect(delays.every(Number.isInteger)).toBe(true);
    // Uniform: the lower and upper quarters are both well used.
    expect(delays.filter((d) => d < 8_000).length).toBeGreaterThan(350);
    expect(delays.filter((d) => d > 24_000).length).toBeGreaterThan(350);
  });

  it('never goes negative or beyond the ceiling with a broken random source', () => {
    for (const r of [-1, 1, 2, Number.NaN, Number.POSITIVE_INFINITY]) {
      const delay = backoffDelay(2, OPTS, () => r);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(8_000);
    }
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('30', NOW)).toBe(30_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter(['7', '9'], NOW)).toBe(7_000);
  });

  it('reads an HTTP-date relative to now', () => {
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(parseRetryAfter('Tue, 06 May 2031 22:02:00 GMT', NOW)).toBe(120_000);
    // The obsolete RFC 850 form is still an HTTP-date.
    expect(parseRetryAfter('Tuesday, 06-May-31 22:00:10 GMT', NOW)).toBe(10_000);
  });

  it('treats a date in the past as now', () => {
    expect(parseRetryAfter('Tue, 06 May 2031 21:00:00 GMT', NOW)).toBe(0);
  });

  it('caps what it accepts at an hour', () => {
    expect(parseRetryAfter('86400', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('99999999999999999999999', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('Fri, 01 Jan 2100 00:00:00 GMT', NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('ignores what is neither', () => {
    for (const value of [undefined, '', '-5', '1.5', '3e2', 'soon', 'Tue, 99 Foo 2031', []]) {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    }
  });
});

describe('retryDelay', () => {
  it('follows Retry-After when the platform gives one, without jitter', () => {
    expect(retryDelay({ ...OPTS, attempts: 5, retryAfterMs: 30_000, random: () => 0 })).toBe(30_000);
    expect(retryDelay({ ...OPTS, attempts: 0, retryAfterMs: 0, random: () => 0.9 })).toBe(0);
  });

  it('falls back to jittered backoff', () => {
    expect(retryDelay({ ...OPTS, attempts: 1, retryAfterMs: undefined, random: () => 0.5 })).toBe(2_000);
  });
});

describe('classifyStatus', () => {
  it('accepts 2xx', () => {
    expect([200, 201, 207].map(classifyStatus)).toEqual(['ok', 'ok', 'ok']);
  });

  it('retries 5xx and the 4xx that mean "not now"', () => {
    expect([500, 502, 503, 504, 408, 409, 425, 429].map(classifyStatus)).toEqual(Array(8).fill('retry'));
  });

  it('gives up on the other 4xx', () => {
    expect([400, 404, 413, 422].map(classifyStatus)).toEqual(Array(4).fill('permanent'));
    // Credentials are the kiosk's problem, not the submission's: wait and retry.
    expect([401, 403].map(classifyStatus)).toEqual(['retry', 'retry']);
  });

  it('retries what a platform should never send', () => {
    expect([0, 101, 302].map(classifyStatus)).toEqual(['retry', 'retry', 'retry']);
  });
});
