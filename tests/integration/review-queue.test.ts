/**
 * The review queue through the host: what waits for staff, newest first and paged; a
 * submission in full (opening it is audited); approve, reject with a reason and ask for more,
 * each audited, shown in the resident's status lookup and sent to the platform.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SUBMISSION_AUDIT_ACTIONS, type FlowView } from '../../shared/contract';
import type { Host } from '../../electron/host/host';
import { ReferenceReceiver } from '../fixtures/reference-receiver';
import { call, removeTempDirs, send, signInStaff, startTestHost, tempDir, waitForView, waitUntil, withDb, ZHANG, type TestHost } from './helpers';
import { drive, SCRIPTS } from './service-driver';

let started: TestHost | undefined;
let receiver: ReferenceReceiver | undefined;
afterEach(async () => {
  await started?.host.close();
  started = undefined;
  await receiver?.close();
  receiver = undefined;
  removeTempDirs();
});

/** Submits a service and returns its reference (from the confirmation it passed). */
async function submit(host: Host, serviceId: string): Promise<string> {
  const seen = await drive(host, serviceId, SCRIPTS[serviceId]!);
  await call(host, 'sim:removeCard', {});
  const confirmation = seen.find((v): v is FlowView & { screen: { name: 'confirmation'; reference: string } } => v.screen.name === 'confirmation');
  if (!confirmation) throw new Error(`${serviceId} showed no confirmation`);
  return confirmation.screen.reference;
}

/** What the resident's status lookup says of a reference. */
async function lookup(host: Host, reference: string) {
  await send(host, { type: 'LOOKUP' });
  await send(host, { type: 'LOOKUP_SUBMIT', reference });
  const view = await waitForView(host, (v) => v.screen.name === 'lookupResult', 'the status');
  await send(host, { type: 'FINISH' });
  if (view.screen.name !== 'lookupResult' || !view.screen.result.found) throw new Error('not found');
  return view.screen.result;
}

describe('the review queue', () => {
  it('lists what waits for review, pages newest first, and filters by service, state and review', async () => {
    started = await startTestHost(tempDir('kiosk-review-'));
    const { host, dataDir } = started;
    const plain = await submit(host, 'noCriminalRecord');
    const first = await submit(host, 'residencePermitApplication');
    const second = await submit(host, 'contactChange');
    await signInStaff(host, dataDir);

    const all = await call(host, 'staff:queue', { limit: 2 });
    expect(all.items.map((i) => i.reference)).toEqual([second, first]);
    expect(all.next).not.toBeNull();
    const rest = await call(host, 'staff:queue', { limit: 2, after: all.next! });
    expect(rest).toEqual({ items: [expect.objectContaining({ reference: plain, needsReview: false })], next: null });

    const awaiting = await call(host, 'staff:queue', { review: 'awaiting' });
    expect(awaiting.items.map((i) => i.reference)).toEqual([second, first]);
    expect((await call(host, 'staff:queue', { serviceId: 'contactChange' })).items.map((i) => i.reference)).toEqual([second]);
    expect((await call(host, 'staff:queue', { state: 'accepted' })).items).toEqual([]);
    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect((await call(host, 'staff:queue', { from: day, to: day })).items).toHaveLength(3);
    expect((await call(host, 'staff:queue', { to: '2020-01-01' })).items).toEqual([]);
  });

  it('a submission in full; opening it is audited; each decision shows in the status lookup and reaches the platform', async () => {
    receiver = await ReferenceReceiver.start();
    // The platform's own record: no permit yet, resident here for over a year.
    receiver.lookups.set('residencePermit', () => ({ hasPermit: false, validTo: null, endorsedUntil: null, endorsementDue: false, residentSince: '2025-01-01' }));
    started = await startTestHost(tempDir('kiosk-review-'), { platform: { kioskId: 'K01', url: receiver.url } });
    const { host, dataDir } = started;
    const permit = await submit(host, 'residencePermitApplication');
    const change = await submit(host, 'contactChange');
    const birth = await submit(host, 'birthRegistration');
    await signInStaff(host, dataDir);

    const detail = await call(host, 'staff:submission', { reference: permit });
    expect(detail).toMatchObject({ reference: permit, serviceId: 'residencePermitApplication', needsReview: true, applicant: { name: ZHANG.name }, answers: { employer: { text: '示例科技有限公司' } }, decisions: [] });
    expect(detail.applicant?.numberMasked).not.toBe(ZHANG.idNumber);
    expect(detail.audit.map((a) => a.action)).toContain('review.opened');

    await call(host, 'staff:decide', { reference: permit, decision: 'approve' });
    await call(host, 'staff:decide', { reference: change, decision: 'reject', reasonCode: 'detailsWrong', note: '新地址门牌号不存在' });
    const asked = await call(host, 'staff:decide', { reference: birth, decision: 'moreInfo', bring: ['birthCertificate', 'householdBook'] });
    expect(asked.decisions).toEqual([expect.objectContaining({ decision: 'moreInfo', bring: ['birthCertificate', 'householdBook'], staffNumber: '100001' })]);
    expect((await call(host, 'staff:queue', { review: 'awaiting' })).items).toEqual([]);
    // Only the reviewer sees the note; it is sealed on disk.
    expect((await call(host, 'staff:submission', { reference: change })).decisions[0]?.note).toBe('新地址门牌号不存在');
    const onDisk = withDb(dataDir, (db) => db.prepare('SELECT note FROM review_decisions WHERE reference = ?').get(change) as { note: string });
    expect(onDisk.note).not.toContain('门牌号');
    await call(host, 'staff:signOut', {});

    expect((await lookup(host, permit)).review).toMatchObject({ decision: 'approve', reasonCode: null, bring: [] });
    expect((await lookup(host, change)).review).toMatchObject({ decision: 'reject', reasonCode: 'detailsWrong' });
    expect((await lookup(host, birth)).review).toMatchObject({ decision: 'moreInfo', bring: ['birthCertificate', 'householdBook'] });

    const audited = withDb(dataDir, (db) => db.prepare("SELECT actor, action, subject FROM audit_log WHERE action LIKE 'review.%' ORDER BY seq").all());
    expect(audited).toEqual([
      { actor: 'staff:100001', action: 'review.opened', subject: permit },
      { actor: 'staff:100001', action: 'review.decided', subject: permit },
      { actor: 'staff:100001', action: 'review.decided', subject: change },
      { actor: 'staff:100001', action: 'review.decided', subject: birth },
      { actor: 'staff:100001', action: 'review.opened', subject: change },
    ]);

    // The uplink takes the decisions to the platform, once each.
    await waitUntil(() => receiver!.reviews.size === 3, 'the decisions at the platform');
    expect([...receiver.reviews.values()].map((r) => [r.reference, r.decision])).toEqual([
      [permit, 'approve'],
      [change, 'reject'],
      [birth, 'moreInfo'],
    ]);
    await waitUntil(() => withDb(dataDir, (db) => (db.prepare('SELECT count(*) AS n FROM review_decisions WHERE sent_at IS NULL').get() as { n: number }).n) === 0, 'the decisions marked sent');

    // Every event of these submissions' audit trails is one the review screen says in words.
    const actions = withDb(dataDir, (db) => (db.prepare('SELECT DISTINCT action FROM audit_log WHERE subject IN (?, ?, ?)').all(permit, change, birth) as { action: string }[]).map((r) => r.action));
    expect(actions).toEqual(expect.arrayContaining(['submission.queued', 'submission.sent', 'review.opened', 'review.decided']));
    for (const action of actions) expect(SUBMISSION_AUDIT_ACTIONS, action).toContain(action);
  });

  it('refuses a decision on a submission that waits for no review, and a reviewer-only command for a restocker', async () => {
    started = await startTestHost(tempDir('kiosk-review-'));
    const { host, dataDir } = started;
    const plain = await submit(host, 'noCriminalRecord');
    await signInStaff(host, dataDir);
    expect(await host.handle('staff:decide', { reference: plain, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    await call(host, 'staff:addStaff', { staffNumber: '200002', pin: '739154', roles: ['restocker'] });
    await call(host, 'staff:signOut', {});
    await call(host, 'door:signIn', { method: 'number', staffNumber: '200002', pin: '739154' });
    expect(await host.handle('staff:queue', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await host.handle('staff:submission', { reference: plain })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
