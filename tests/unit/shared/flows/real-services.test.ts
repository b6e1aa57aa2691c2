import { describe, expect, it } from 'vitest';
import { identityFromCard } from '../../../../shared/steps/identify/identify.part';
import { begin, CARD, passFace, REFERENCE, startFlow, useFlowClock } from './flow-harness';

useFlowClock();

const EXPIRED = { ...CARD, validTo: '2026-05-10' };

describe('the catalog services, end to end', () => {
  it('noCriminalRecord refuses an expired card', async () => {
    const t = startFlow();
    t.fakes.readCard = async () => identityFromCard(EXPIRED);
    await begin(t, 'noCriminalRecord');
    expect(t.screen()).toMatchObject({ name: 'identify', phase: 'failed', error: 'expired' });
  });

  it('idCardRenewal takes the expired card it renews, a photo after the questions, the fee, then submits and prints', async () => {
    const t = startFlow();
    t.fakes.readCard = async () => identityFromCard(EXPIRED);
    await begin(t, 'idCardRenewal');
    await passFace(t);
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'renewalReason' }, total: 3 });
    t.send({ type: 'ANSWER', questionId: 'renewalReason', value: { choice: 'changed', text: '姓名' } });
    t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '13900000000' } });
    t.send({ type: 'ANSWER', questionId: 'collection', value: { choice: 'mail', text: '北京市朝阳区示例路1号' } });
    expect(t.screen()).toEqual({ name: 'photo', stepId: 'photo', spec: 'residentId', returnToCheck: false });
    t.send({ type: 'PHOTO_TAKEN', photo: 'UEhPVE8x' });
    const check = t.screenAs('check');
    expect(check.feeFen).toBe(2000);
    expect(check.rows.map((r) => r.kind)).toEqual(['answer', 'answer', 'answer', 'photo']);
    t.send({ type: 'SUBMIT' });
    await t.settle();
    expect(t.calls.startPayment).toEqual([{ orderId: 's1-1', submissionKey: 's1', serviceId: 'idCardRenewal', amountFen: 2000 }]);
    expect(t.calls.enqueue[0]).toMatchObject({ serviceId: 'idCardRenewal', photo: 'UEhPVE8x', faceCheck: 'matched', payment: { orderId: 's1-1', amountFen: 2000 }, review: false });
    expect(t.screen()).toMatchObject({ name: 'confirmation', reference: REFERENCE, status: 'printed', paidFen: 2000 });
    expect(t.calls.print[0]?.step).toMatchObject({ output: 'slip', answers: ['renewalReason', 'collection'] });
    t.send({ type: 'FINISH' });
    t.send({ type: 'RATE', level: 5 });
    await t.settle();
    expect(t.calls.saveRating).toEqual([{ serviceId: 'idCardRenewal', level: 5, reason: null }]);
    expect(t.done()).toBe(true);
  });
});
