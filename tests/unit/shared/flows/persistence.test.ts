import { describe, expect, it, vi } from 'vitest';
import { begin, passFace, REFERENCE, RESET, startFlow, useFlowClock, WARN, type Flow } from './flow-harness';

useFlowClock();

async function toRenewalCheck(t: Flow) {
  await begin(t, 'idCardRenewal');
  await passFace(t);
  t.send({ type: 'ANSWER', questionId: 'renewalReason', value: { choice: 'expired' } });
  t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '13900000000' } });
  t.send({ type: 'ANSWER', questionId: 'collection', value: { choice: 'collect' } });
  t.send({ type: 'PHOTO_TAKEN', photo: 'UEhPVE8x' });
  expect(t.screen().name).toBe('check');
}

describe('persistence: a restored snapshot resumes where the resident was', () => {
  it('mid-questions: the same screen and view, the answers kept, and the flow goes on from there', async () => {
    const t = startFlow();
    await begin(t, 'noCriminalRecord');
    t.send({ type: 'ANSWER', questionId: 'purpose', value: { choice: 'other', text: '领养' } });
    t.send({ type: 'ANSWER', questionId: 'destination', value: { text: 'x'.repeat(61) } });
    const before = t.view();
    expect(before.screen).toMatchObject({ name: 'question', question: { id: 'destination' }, error: 'tooLong' });
    t.resume();
    expect(t.view()).toEqual(before);
    t.send({ type: 'ANSWER', questionId: 'destination', value: { text: '加拿大' } });
    t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '13900000000' } });
    t.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
    t.send({ type: 'SUBMIT' });
    await t.settle();
    expect(t.calls.readCard).toHaveLength(1);
    expect(t.calls.enqueue[0]?.answers).toEqual({ purpose: { choice: 'other', text: '领养' }, destination: { text: '加拿大' }, phone: { text: '13900000000' }, delivery: { choice: 'collect' } });
  });

  it('on the check page after a Change: still on the way back to check', async () => {
    const t = startFlow();
    await toRenewalCheck(t);
    t.send({ type: 'CHANGE', item: 'phone' });
    const before = t.view();
    t.resume();
    expect(t.view()).toEqual(before);
    t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '13800000000' } });
    expect(t.screen().name).toBe('check');
  });

  it('mid-payment: the same payment screen, the terminal asked again about the same order, no new order', async () => {
    const t = startFlow();
    t.hold('awaitPayment');
    await toRenewalCheck(t);
    t.send({ type: 'SUBMIT' });
    await t.settle();
    const before = t.view();
    expect(before.screen).toMatchObject({ name: 'payment', amountFen: 2000, qrText: 'pay:s1-1' });
    const again = t.hold('awaitPayment');
    t.resume();
    expect(t.view()).toEqual(before);
    expect(t.calls.awaitPayment).toEqual([{ orderId: 's1-1' }, { orderId: 's1-1' }]);
    expect(t.calls.startPayment).toHaveLength(1);
    again[0]?.resolve({ status: 'paid', transactionId: 'T1', amountFen: 2000 });
    await t.settle();
    expect(t.screenAs('confirmation').paidFen).toBe(2000);
    expect(t.calls.enqueue[0]?.payment).toEqual({ orderId: 's1-1', transactionId: 'T1', amountFen: 2000 });
  });

  it('mid-payment: the idle timer stays held after the restore', async () => {
    const t = startFlow();
    t.hold('awaitPayment');
    await toRenewalCheck(t);
    t.send({ type: 'SUBMIT' });
    await t.settle();
    t.resume();
    t.send({ type: 'RESUMED' });
    await vi.advanceTimersByTimeAsync(WARN + RESET + 1000);
    expect(t.done()).toBe(false);
    expect(t.view().idle.warning).toBe(false);
  });

  it('a payment in doubt resumes in doubt, and RETRY still asks about the same order', async () => {
    const t = startFlow();
    t.fakes.awaitPayment = async () => ({ status: 'inDoubt' });
    await toRenewalCheck(t);
    t.send({ type: 'SUBMIT' });
    await t.settle();
    const before = t.view();
    expect(before.screen).toMatchObject({ name: 'paymentFailed', failure: 'inDoubt' });
    t.resume();
    expect(t.view()).toEqual(before);
    t.fakes.awaitPayment = async () => ({ status: 'paid', transactionId: 'T1', amountFen: 2000 });
    t.send({ type: 'RETRY' });
    await t.settle();
    expect(t.calls.awaitPayment.map((c) => c.orderId)).toEqual(['s1-1', 's1-1']);
    expect(t.screen().name).toBe('confirmation');
  });

  it('after RESUMED the idle timer starts afresh', async () => {
    const t = startFlow();
    await begin(t, 'noCriminalRecord');
    await vi.advanceTimersByTimeAsync(WARN - 1000);
    t.resume();
    t.send({ type: 'RESUMED' });
    await vi.advanceTimersByTimeAsync(WARN - 1);
    expect(t.view().idle.warning).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.view().idle.warning).toBe(true);
  });

  it('a check-a-submission result resumes on the same result', async () => {
    const t = startFlow();
    t.fakes.lookupStatus = async () => ({ found: true, serviceId: 'noCriminalRecord', state: 'queued', certificateReady: false, submittedAt: 1, toPrint: ['slip'], review: null });
    t.send({ type: 'LOOKUP' });
    t.send({ type: 'LOOKUP_SUBMIT', reference: REFERENCE });
    await t.settle();
    const before = t.view();
    expect(before.screen).toMatchObject({ name: 'lookupResult', reference: REFERENCE, result: { found: true, toPrint: ['slip'] } });
    t.resume();
    expect(t.view()).toEqual(before);
    t.send({ type: 'REPRINT' });
    await t.settle();
    expect(t.calls.reprint).toEqual([{ reference: REFERENCE }]);
    t.send({ type: 'FINISH' });
    expect(t.done()).toBe(true);
  });
});
