import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSubmission } from '../../electron/host/store/repos/submissions';
import type { Uplink } from '../../electron/host/sync/uplink';
import type { UplinkConfigInput } from '../../electron/host/sync/uplink-config';
import type { Fault, ReferenceReceiver } from '../fixtures/reference-receiver';
import { waitUntil } from './helpers';
import { drain, expectDeliveredExactlyOnce, harness, seeded, type Harness } from './uplink-harness';

const N = 30;
// batchSize 8 in the harness: 30 submissions make four batches.
const BATCHES = 4;

interface Mode {
  name: string;
  config?: Partial<UplinkConfigInput>;
  arrange(receiver: ReferenceReceiver): void;
  /** Checks after the first sync, with the clock still where it started. */
  first?(h: Harness, uplink: Uplink, refs: readonly string[], startedAt: number): void;
  /** Checks after the outbox is empty. */
  last?(h: Harness): Promise<void> | void;
}

const MIX: readonly Fault[] = [
  { kind: 'status', status: 500 },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 429, retryAfter: '1' },
  { kind: 'hang' },
  { kind: 'slow', ms: 20 },
  { kind: 'slow', ms: 300 },
  { kind: 'closeAfterCommit' },
  { kind: 'garbage' },
];

const MODES: Mode[] = [
  {
    name: 'no failures',
    arrange: () => undefined,
    last: (h) => {
      expect(h.receiver.counters.submitRequests).toBe(BATCHES);
      expect(h.receiver.counters.duplicates).toBe(0);
    },
  },
  {
    name: '500 three times',
    arrange: (r) => r.failNext({ kind: 'status', status: 500 }, { times: 3 }),
    first: (h, uplink, refs, startedAt) => {
      // The heartbeat went through just before (faults here are on submissions only).
      expect(uplink.status()).toMatchObject({ platform: 'error', lastError: 'http500', lastSuccessAt: startedAt });
      expect(getSubmission(h.db, refs[0]!)).toMatchObject({ state: 'queued', attempts: 1, lastError: 'http500' });
      // The platform is down: the rest of the backlog is not thrown at it in the same turn.
      expect(getSubmission(h.db, refs[BATCHES * 2]!)).toMatchObject({ state: 'queued', attempts: 0 });
    },
    last: (h) => expect(h.receiver.counters.submitRequests).toBe(BATCHES + 3),
  },
  {
    name: '429 with Retry-After',
    arrange: (r) => r.failNext({ kind: 'status', status: 429, retryAfter: '30' }, { times: 2 }),
    first: (h, _uplink, refs, startedAt) => {
      for (const reference of refs.slice(0, 8)) {
        expect(getSubmission(h.db, reference)).toMatchObject({ state: 'queued', lastError: 'http429', nextAttemptAt: startedAt + 30_000 });
      }
    },
    last: (h) => {
      // The second 429 came 30 s later, on the first batch again: nothing was posted in between.
      expect(h.receiver.requests.filter((r) => r.kind === 'submit').map((r) => r.fault)).toEqual(['status', 'status', null, null, null, null]);
      expect(h.clock.t).toBe(Date.UTC(2031, 4, 6, 22, 0, 0) + 60_000);
    },
  },
  {
    name: 'timeouts',
    config: { requestTimeoutMs: 150 },
    arrange: (r) => r.failNext({ kind: 'hang' }, { times: 2 }),
    first: (h, uplink, refs) => {
      expect(uplink.status()).toMatchObject({ platform: 'unreachable', lastError: 'timeout' });
      expect(getSubmission(h.db, refs[0]!)).toMatchObject({ state: 'queued', lastError: 'timeout' });
    },
  },
  {
    name: 'slow answers within the deadline',
    config: { requestTimeoutMs: 1_000 },
    arrange: (r) => r.failNext({ kind: 'slow', ms: 60 }, { times: BATCHES }),
    last: (h) => expect(h.receiver.counters.submitRequests).toBe(BATCHES),
  },
  {
    name: 'answers after the deadline (committed late)',
    config: { requestTimeoutMs: 100 },
    arrange: (r) => r.failNext({ kind: 'slow', ms: 250 }, { times: 2 }),
    last: async (h) => {
      // Both late commits land after the kiosk gave up on them: the keys turn them into duplicates.
      await waitUntil(() => h.receiver.counters.duplicates === 16, 'the late commits');
      expect(h.receiver.counters.stored).toBe(N);
    },
  },
  {
    name: 'connection closed after commit',
    arrange: (r) => r.failNext({ kind: 'closeAfterCommit' }, { times: 2 }),
    first: (h, uplink, refs) => {
      expect(h.receiver.counters.stored).toBe(8);
      expect(uplink.status().platform).toBe('unreachable');
      expect(getSubmission(h.db, refs[0]!)?.lastError).toMatch(/^network:/);
    },
    last: (h) => expect(h.receiver.counters.duplicates).toBe(16),
  },
  {
    name: 'a seeded mix of all of them',
    config: { requestTimeoutMs: 150, maxAttempts: 100, batchSize: 3 },
    arrange: (r) => {
      const random = seeded(1);
      r.failWith(() => (random() < 0.7 ? MIX[Math.floor(random() * MIX.length)] : undefined));
    },
    last: (h) => {
      const kinds = new Set(h.receiver.requests.map((r) => r.fault));
      expect(h.receiver.counters.faults).toBeGreaterThan(20);
      expect([...kinds]).toEqual(expect.arrayContaining(['status', 'hang', 'slow', 'closeAfterCommit', 'garbage']));
    },
  },
];

let h: Harness;

beforeEach(async () => {
  h = await harness();
});

afterEach(async () => {
  await h.close();
});

describe('uplink against the reference receiver', () => {
  it.each(MODES)('delivers every submission exactly once: $name', async (mode) => {
    const refs = h.enqueue(N);
    mode.arrange(h.receiver);
    const uplink = h.uplink(mode.config);
    const startedAt = h.clock.t;
    await uplink.syncOnce();
    mode.first?.(h, uplink, refs, startedAt);
    await drain(h, uplink, 300);
    await mode.last?.(h);
    expectDeliveredExactlyOnce(h, refs);
    // The last word on the platform's health is the last exchange (in the mix it may have been a fault).
    if (h.receiver.requests.at(-1)?.fault === null) expect(uplink.status()).toMatchObject({ platform: 'ok', lastError: null, lastSuccessAt: h.clock.t });
  });
});
