import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIM_RESIDENTS } from '../../../../../electron/host/hardware/sim-residents';
import { enqueueSubmission } from '../../../../../electron/host/queue/enqueue';
import { openDatabase } from '../../../../../electron/host/store/db';
import { getPayment, insertPendingPayment, listPaidWithoutSubmission, markPaid, markUnpaid } from '../../../../../electron/host/store/repos/payments';
import { listDecisions, recordDecision } from '../../../../../electron/host/store/repos/review-decisions';
import { getSetting, setSetting } from '../../../../../electron/host/store/repos/settings';
import {
  claimDue,
  countByState,
  getSubmission,
  listAwaitingDecision,
  listSubmissions,
  markFailed,
  markSent,
  recordRemoteStatus,
  retryFailed,
} from '../../../../../electron/host/store/repos/submissions';
import { testAuditKey, testSealer } from '../../../../fixtures/sealer';
import { verifyRowDigests } from '../../../../../electron/host/store/repos/row-audit';
import { identityFromCard } from '../../../../../shared/steps/identify/identify.part';
import type { SubmissionDraft } from '../../../../../shared/steps/submit/submit.step';

const sealer = testSealer();
let dir: string;
let db: Database;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-repos-'));
  db = openDatabase(path.join(dir, 'kiosk.db'), { sealer, auditKey: testAuditKey() });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function queue(key: string, now: number, payment: SubmissionDraft['payment'] = null): string {
  return enqueueSubmission(
    db,
    { submissionKey: key, serviceId: 'noCriminalRecord', lang: 'zh-CN', applicant: identityFromCard(SIM_RESIDENTS[0]!.card!), answers: {}, photo: null, faceCheck: null, payment, lookups: {}, review: false },
    { kioskId: 'K01', sealer, now },
  );
}

describe('review decisions', () => {
  it('records decisions per submission, oldest first, and refuses unknown decisions or references', () => {
    const ref = queue('a', 1);
    recordDecision(db, { reference: ref, decision: 'moreInfo', staffId: 'S001', note: 'photo unclear', now: 10 });
    recordDecision(db, { reference: ref, decision: 'approve', staffId: 'S002', note: null, now: 20 });
    expect(listDecisions(db, ref).map((d) => [d.decision, d.staffId, d.decidedAt])).toEqual([
      ['moreInfo', 'S001', 10],
      ['approve', 'S002', 20],
    ]);
    expect(() => recordDecision(db, { reference: ref, decision: 'maybe' as 'approve', staffId: 'S1', note: null, now: 1 })).toThrow(/CHECK/);
    expect(() => recordDecision(db, { reference: 'JN-NONE-0000-0', decision: 'approve', staffId: 'S1', note: null, now: 1 })).toThrow(/FOREIGN KEY/);
  });
});

describe('settings', () => {
  it('stores, replaces and reads back', () => {
    expect(getSetting(db, 'kiosk.name')).toBeUndefined();
    setSetting(db, 'kiosk.name', '东城站');
    setSetting(db, 'kiosk.name', '西城站');
    expect(getSetting(db, 'kiosk.name')).toBe('西城站');
  });
});

describe('outbox states', () => {
  it('counts by state as the rows stand through every change the sync makes, and pulls status oldest update first', () => {
    const actual = () => {
      const counts: Record<string, number> = { queued: 0, sending: 0, sent: 0, accepted: 0, rejected: 0, failed: 0 };
      for (const r of db.prepare('SELECT state, count(*) AS n FROM submissions GROUP BY state').all() as { state: string; n: number }[]) counts[r.state] = r.n;
      return counts;
    };
    const refs = ['a', 'b', 'c', 'd', 'e'].map((k, i) => queue(k, 100 + i));
    claimDue(db, 1000, 5);
    for (const ref of refs.slice(0, 4)) markSent(db, ref, 1001, { actor: 'sync' });
    markFailed(db, refs[4]!, { now: 1001, error: 'http500' }, { actor: 'sync' });
    expect(countByState(db)).toEqual({ queued: 0, sending: 0, sent: 4, accepted: 0, rejected: 0, failed: 1 });
    recordRemoteStatus(db, refs[0]!, { now: 1002, state: 'accepted', remoteStatus: 'certificateReady', reason: null }, { action: 'accepted', note: { actor: 'sync' } });
    recordRemoteStatus(db, refs[1]!, { now: 1003, state: 'accepted', remoteStatus: 'accepted', reason: null }, { action: 'accepted', note: { actor: 'sync' } });
    recordRemoteStatus(db, refs[2]!, { now: 1004, state: 'rejected', remoteStatus: 'rejected', reason: 'x' }, { action: 'rejected', note: { actor: 'sync' } });
    retryFailed(db, refs[4]!, 1005, { actor: 'staff:S001' });
    expect(countByState(db)).toEqual({ queued: 1, sending: 0, sent: 1, accepted: 2, rejected: 1, failed: 0 });
    expect(countByState(db)).toEqual(actual());
    // Sent (updated at 1001) before accepted without a certificate (1003); decided ones are not asked about.
    expect(listAwaitingDecision(db, 10).map((r) => r.reference)).toEqual([refs[3], refs[1]]);
    expect(listAwaitingDecision(db, 1).map((r) => r.reference)).toEqual([refs[3]]);
  });

  it('claims due rows, fails and retries them for staff, and pages the staff list newest first', () => {
    const refs = [queue('a', 100), queue('b', 200), queue('c', 300)];
    expect(claimDue(db, 1000, 2).map((r) => r.reference)).toEqual(refs.slice(0, 2));
    markFailed(db, refs[0]!, { now: 1001, error: 'http500' }, { actor: 'sync' });
    expect(countByState(db)).toMatchObject({ queued: 1, sending: 1, failed: 1 });
    expect(retryFailed(db, refs[0]!, 1002, { actor: 'staff:S001' })).toBe(true);
    expect(retryFailed(db, refs[0]!, 1003, { actor: 'staff:S001' })).toBe(false);
    // Every change of state wrote its entry: queued x3, sending x2, failed, requeued.
    expect(db.prepare("SELECT action FROM audit_log WHERE subject = ? ORDER BY seq").pluck().all(refs[0]!)).toEqual([
      'submission.queued',
      'submission.sending',
      'submission.failed',
      'submission.requeued',
    ]);
    expect(getSubmission(db, refs[0]!)).toMatchObject({ state: 'queued', attempts: 0 });
    const first = listSubmissions(db, { limit: 2 });
    expect(first.map((r) => r.reference)).toEqual([refs[2], refs[1]]);
    const next = listSubmissions(db, { limit: 2, before: { createdAt: first[1]!.createdAt, id: first[1]!.id } });
    expect(next.map((r) => r.reference)).toEqual([refs[0]]);
  });
});

describe('payments', () => {
  it('a paid order is never downgraded, and a paid order no submission names is listed for refund', () => {
    insertPendingPayment(db, { orderId: 'o1', submissionKey: 'lost-session', serviceId: 'idCardRenewal', amountFen: 2000, now: 1 });
    insertPendingPayment(db, { orderId: 'o1', submissionKey: 'other', serviceId: 'x', amountFen: 1, now: 2 });
    expect(getPayment(db, 'o1')).toMatchObject({ submissionKey: 'lost-session', amountFen: 2000, state: 'pending' });
    expect(markPaid(db, 'o1', { transactionId: 'T1', paidAt: 5, now: 5 }, { actor: 'kiosk' })).toBe(true);
    expect(markPaid(db, 'o1', { transactionId: 'T1', paidAt: 5, now: 5 }, { actor: 'kiosk' })).toBe(false);
    markUnpaid(db, 'o1', 'canceled', 6);
    expect(getPayment(db, 'o1')).toMatchObject({ state: 'paid', transactionId: 'T1', paidAt: 5 });
    expect(listPaidWithoutSubmission(db).map((p) => p.orderId)).toEqual(['o1']);
    // The order the session in progress paid may be submitted yet: it is not listed.
    expect(listPaidWithoutSubmission(db, 'o1')).toEqual([]);
    const reference = queue('lost-session', 7, { orderId: 'o1', transactionId: 'T1', amountFen: 2000 });
    expect(getPayment(db, 'o1')).toMatchObject({ submissionReference: reference });
    expect(listPaidWithoutSubmission(db)).toEqual([]);
    expect(verifyRowDigests(db)).toEqual({ ok: true, rows: 2 });
  });
});
