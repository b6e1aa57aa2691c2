import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/host/log/logger';
import { countByState, getSubmission, listAwaitingDecision, retryFailed } from '../../electron/host/store/repos/submissions';
import { createUplink } from '../../electron/host/sync/uplink';
import { parseUplinkConfig } from '../../electron/host/sync/uplink-config';
import { testSealer } from '../fixtures/sealer';
import { waitUntil } from './helpers';
import { auditActions, auditText, drain, expectDeliveredExactlyOnce, expectNoPersonalData, harness, type Harness } from './uplink-harness';

let h: Harness;

beforeEach(async () => {
  h = await harness();
});

afterEach(async () => {
  expectNoPersonalData([...h.lines, ...auditText(h.db)]);
  await h.close();
});

describe('batching and concurrency', () => {
  it('posts a backlog as one batch and a lone submission on its own key', async () => {
    const backlog = h.enqueue(30);
    const uplink = h.uplink({ batchSize: 50 });
    await uplink.syncOnce();
    expect(h.receiver.counters.submitRequests).toBe(1);
    // The heartbeat goes first; then the backlog, in one batch; then the status pull.
    expect(h.receiver.requests.map((r) => r.kind)).toEqual(['heartbeat', 'submit', 'status']);
    const batch = h.receiver.requests.find((r) => r.kind === 'submit');
    expect(batch).toMatchObject({ kind: 'submit', kioskId: 'K01' });
    expect(batch!.references).toEqual(backlog);
    expect(batch!.idempotencyKey).toMatch(/^batch-[0-9a-f]{32}$/);

    const [lone] = h.enqueue(1);
    await uplink.syncOnce();
    const single = h.receiver.requests.filter((r) => r.kind === 'submit')[1];
    expect(single!.references).toEqual([lone]);
    expect(single!.idempotencyKey).toBe(h.drafts.get(lone!)!.submissionKey);
    expectDeliveredExactlyOnce(h, [...backlog, lone!]);
  });

  it('keeps one request of each kind in flight however often it is asked', async () => {
    const refs = h.enqueue(20);
    h.receiver.failWith(() => ({ kind: 'slow', ms: 40 }));
    const uplink = h.uplink({ batchSize: 5 });
    await Promise.all([uplink.syncOnce(), uplink.syncOnce(), uplink.pullStatus(), uplink.syncOnce(), uplink.pullStatus()]);
    expect(h.receiver.maxInFlight).toEqual({ submit: 1, status: 1, heartbeat: 1 });
    expect(h.receiver.counters.heartbeatRequests).toBe(1);
    expect(h.receiver.counters.submitRequests).toBe(4);
    expectDeliveredExactlyOnce(h, refs);
  });
});

describe('failures that stop at the kiosk', () => {
  it('fails a submission when its retry budget is spent, and sends it after a staff retry', async () => {
    const refs = h.enqueue(3);
    h.receiver.failNext({ kind: 'status', status: 503 }, { times: 3 });
    const uplink = h.uplink({ maxAttempts: 3 });
    await drain(h, uplink);
    for (const reference of refs) {
      expect(getSubmission(h.db, reference)).toMatchObject({ state: 'failed', attempts: 3, lastError: 'http503' });
      expect(auditActions(h.db, reference)).toEqual([{ action: 'submission.failed', detail: { error: 'http503', attempts: 3 } }]);
    }
    expect(h.receiver.stored.size).toBe(0);

    for (const reference of refs) expect(retryFailed(h.db, reference, h.clock.t, { actor: 'staff:S001' })).toBe(true);
    await drain(h, uplink);
    expectDeliveredExactlyOnce(h, refs);
    expect(getSubmission(h.db, refs[0]!)?.attempts).toBe(0);
  });

  it('fails an invalid submission for good without sending it again; the batch still goes', async () => {
    const refs = h.enqueue(5);
    h.receiver.invalidate(refs[2]!, 'photoMissing');
    // Free text is not a reason code: it must not reach the database, logs or audit.
    h.receiver.invalidate(refs[3]!, '张伟明 110105198003150012 wrong');
    const uplink = h.uplink();
    await drain(h, uplink);
    expect(getSubmission(h.db, refs[2]!)).toMatchObject({ state: 'failed', attempts: 1, lastError: 'invalid:photoMissing' });
    expect(getSubmission(h.db, refs[3]!)).toMatchObject({ state: 'failed', lastError: 'invalid:unspecified' });
    expect(auditActions(h.db, refs[2]!)).toEqual([{ action: 'submission.failed', detail: { error: 'invalid:photoMissing', attempts: 1 } }]);
    for (const reference of [refs[0], refs[1], refs[4]]) expect(getSubmission(h.db, reference!)?.state).toBe('sent');

    for (let i = 0; i < 3; i++) {
      h.clock.t += 3_600_000;
      await uplink.syncOnce();
    }
    const carrying = h.receiver.requests.filter((r) => r.kind === 'submit' && r.references.includes(refs[2]!));
    expect(carrying).toHaveLength(1);
  });

  it('fails the batch for good on a 4xx that will not change', async () => {
    const refs = h.enqueue(3);
    h.receiver.failNext({ kind: 'status', status: 422 });
    const uplink = h.uplink();
    await uplink.syncOnce();
    for (const reference of refs) expect(getSubmission(h.db, reference)).toMatchObject({ state: 'failed', lastError: 'http422' });
    expect(uplink.status()).toMatchObject({ platform: 'error', lastError: 'http422' });
    h.clock.t += 3_600_000;
    await uplink.syncOnce();
    expect(h.receiver.counters.submitRequests).toBe(1);
  });

  it('splits a batch the platform finds too large, without using up the retry budget', async () => {
    const refs = h.enqueue(8);
    h.receiver.failNext({ kind: 'status', status: 413 }, { times: 2 });
    const uplink = h.uplink();
    await uplink.syncOnce();
    expect(h.receiver.requests.filter((r) => r.kind === 'submit').map((r) => r.references.length)).toEqual([8, 4, 2, 2, 2, 2]);
    expectDeliveredExactlyOnce(h, refs);
    for (const reference of refs) expect(getSubmission(h.db, reference)?.attempts).toBe(0);

    // A single submission that is still too large cannot be split: it fails for good.
    h.receiver.failNext({ kind: 'status', status: 413 });
    const [big] = h.enqueue(1);
    await uplink.syncOnce();
    expect(getSubmission(h.db, big!)).toMatchObject({ state: 'failed', lastError: 'http413' });
  });

  it('fails a payload it cannot open as unreadable and sends the others', async () => {
    const good = h.enqueue(2);
    // Sealed with a key this kiosk does not have: as if the key file were lost.
    const [lost] = h.enqueue(1, testSealer());
    const more = h.enqueue(2);
    const uplink = h.uplink();
    await drain(h, uplink);
    expect(getSubmission(h.db, lost!)).toMatchObject({ state: 'failed', lastError: 'unreadable' });
    expect(auditActions(h.db, lost!)).toEqual([{ action: 'submission.failed', detail: { error: 'unreadable', attempts: 1 } }]);
    expect(h.receiver.requests.some((r) => r.references.includes(lost!))).toBe(false);
    expect([...h.receiver.stored.keys()].sort()).toEqual([...good, ...more].sort());
    expect(h.lines.some((l) => l.includes('"uplink.unreadable"') && l.includes('"unknownKey"'))).toBe(true);
  });
});

describe('decisions pulled back', () => {
  it('records accepted, rejected with a reason and certificate ready, each audited', async () => {
    const refs = h.enqueue(5);
    const uplink = h.uplink();
    await drain(h, uplink);
    expect(getSubmission(h.db, refs[0]!)).toMatchObject({ state: 'sent', remoteStatus: 'received' });

    const [acceptedRef, rejectedRef, readyRef, waitingRef, oddRef] = refs as [string, string, string, string, string];
    h.receiver.decide(acceptedRef, { state: 'accepted' });
    h.receiver.decide(rejectedRef, { state: 'rejected', reason: 'documentsIncomplete' });
    h.receiver.decide(readyRef, { state: 'accepted', certificateReady: true });
    h.receiver.decide(oddRef, { state: 'rejected', reason: 'see note for 13912345678' });
    h.clock.t += 60_000;
    expect(await uplink.pullStatus()).toEqual({ requests: 1, updates: 4 });

    expect(getSubmission(h.db, acceptedRef)).toMatchObject({ state: 'accepted', remoteStatus: 'accepted', acceptedAt: h.clock.t });
    expect(getSubmission(h.db, rejectedRef)).toMatchObject({ state: 'rejected', remoteStatus: 'rejected', remoteReason: 'documentsIncomplete' });
    expect(getSubmission(h.db, readyRef)).toMatchObject({ state: 'accepted', remoteStatus: 'certificateReady' });
    expect(getSubmission(h.db, waitingRef)).toMatchObject({ state: 'sent', remoteStatus: 'received' });
    expect(getSubmission(h.db, oddRef)).toMatchObject({ state: 'rejected', remoteReason: 'unspecified' });
    expect(auditActions(h.db, acceptedRef).at(-1)).toEqual({ action: 'submission.accepted', detail: { certificateReady: false } });
    expect(auditActions(h.db, rejectedRef).at(-1)).toEqual({ action: 'submission.rejected', detail: { reason: 'documentsIncomplete' } });
    expect(auditActions(h.db, readyRef).at(-1)).toEqual({ action: 'submission.accepted', detail: { certificateReady: true } });
    expect(auditActions(h.db, waitingRef).map((a) => a.action)).toEqual(['submission.sent']);

    const acceptedAt = h.clock.t;
    h.receiver.decide(acceptedRef, { state: 'accepted', certificateReady: true });
    h.clock.t += 60_000;
    expect(await uplink.pullStatus()).toEqual({ requests: 1, updates: 1 });
    // Accepted when the platform first said so, not when the certificate was ready.
    expect(getSubmission(h.db, acceptedRef)).toMatchObject({ state: 'accepted', remoteStatus: 'certificateReady', acceptedAt });
    expect(auditActions(h.db, acceptedRef).at(-1)).toEqual({ action: 'submission.certificateReady', detail: {} });

    // Done ones are no longer asked about.
    expect(listAwaitingDecision(h.db, 10).map((r) => r.reference)).toEqual([waitingRef]);
    await uplink.pullStatus();
    expect(h.receiver.requests.at(-1)).toMatchObject({ kind: 'status', references: [waitingRef] });
  });

  it('keeps the decisions it has when the status pull fails', async () => {
    const refs = h.enqueue(2);
    const uplink = h.uplink();
    await drain(h, uplink);
    h.receiver.decide(refs[0]!, { state: 'accepted' });
    h.receiver.failNext({ kind: 'status', status: 500 }, { on: 'status' });
    expect(await uplink.pullStatus()).toEqual({ requests: 1, updates: 0 });
    expect(uplink.status()).toMatchObject({ platform: 'error', lastError: 'http500' });
    expect(getSubmission(h.db, refs[0]!)?.state).toBe('sent');
    expect(await uplink.pullStatus()).toEqual({ requests: 1, updates: 1 });
    expect(uplink.status()).toMatchObject({ platform: 'ok', lastError: null });
  });
});

describe('the loop', () => {
  it('stays idle with no platform configured, and says so', async () => {
    h.enqueue(3);
    const lines: string[] = [];
    const uplink = createUplink(h.db, h.sealer, parseUplinkConfig({ kioskId: 'K01' }), createLogger({ write: (l) => lines.push(l) }));
    uplink.start();
    expect(await uplink.syncOnce()).toEqual({ requests: 0, sent: 0, failed: 0, retried: 0, statusUpdates: 0 });
    expect(uplink.status()).toEqual({
      platform: 'notConfigured',
      lastSuccessAt: null,
      lastError: null,
      backlog: { queued: 3, sending: 0, sent: 0, accepted: 0, rejected: 0, failed: 0 },
    });
    await uplink.stop();
    expect(h.receiver.counters.requests).toBe(0);
    expect(lines).toEqual([]);
  });

  it('runs on its own, wakes early when notified, and on stop leaves an aborted send for next time', async () => {
    // Real time here: the loop's timers are real. A long pull interval means only notify() can wake it.
    const uplink = h.uplink({ statusPullIntervalMs: 600_000, requestTimeoutMs: 10_000 }, { now: Date.now });
    uplink.start();
    const [first] = h.enqueue(1);
    uplink.notify();
    await waitUntil(() => getSubmission(h.db, first!)?.state === 'sent', 'the first submission to be sent');

    h.receiver.failNext({ kind: 'hang' });
    const [second] = h.enqueue(1);
    uplink.notify();
    await waitUntil(() => h.receiver.counters.submitRequests === 2, 'the hanging request');
    // The receiver never answers: stop() returns only because it aborts the request.
    await uplink.stop();
    // Not a failed attempt (a timeout would have counted one): it stays claimed and goes first
    // next time; the key makes that safe.
    expect(getSubmission(h.db, second!)).toMatchObject({ state: 'sending', attempts: 0 });

    uplink.start();
    uplink.notify();
    await waitUntil(() => getSubmission(h.db, second!)?.state === 'sent', 'the second submission to be sent');
    await uplink.stop();
    expect(uplink.status()).toMatchObject({ platform: 'ok', lastError: null });
    expect(uplink.status().lastSuccessAt).not.toBeNull();
    expect(countByState(h.db)).toMatchObject({ sent: 2, queued: 0, sending: 0 });
  });
});
