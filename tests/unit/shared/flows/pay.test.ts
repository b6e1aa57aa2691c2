import { describe, expect, it, vi } from 'vitest';
import type { Step } from '../../../../shared/catalog/catalog-schema';
import { StepError } from '../../../../shared/steps/step-error';
import { begin, CHECK, IDENTIFY, LOOKUP_DATA, RATING, RESET, service, SLIP, startFlow, SUBMIT, useFlowClock, WARN, type Flow } from './flow-harness';

useFlowClock();

const FEE: Step = { kind: 'pay', id: 'fee', amount: { fixedFen: 2000 } };
const PHONE: Step = { kind: 'questions', id: 'details', questions: [{ id: 'phone', kind: 'phone' }] };
const COPIES: Step = { kind: 'questions', id: 'details', questions: [{ id: 'copies', kind: 'choice', options: [{ id: '1' }, { id: '2' }, { id: '3' }] }] };
const FINES: Step = { kind: 'lookup', id: 'fines', lookup: 'fines', params: { plate: 'identity.name', idNumber: 'identity.idNumber' } };
const PICK: Step = { kind: 'questions', id: 'which', questions: [{ id: 'picked', kind: 'pick', from: 'fines', min: 1 }] };
const CATALOG = [
  service('fixed', [IDENTIFY, PHONE, CHECK, FEE, SUBMIT, SLIP, RATING]),
  service('perCopy', [IDENTIFY, COPIES, CHECK, { kind: 'pay', id: 'fee', amount: { unitFen: 500, times: 'copies' } }, SUBMIT, SLIP, RATING]),
  service('fines', [IDENTIFY, FINES, PICK, CHECK, { kind: 'pay', id: 'fee', amount: { picked: 'picked', from: 'fines' } }, SUBMIT, SLIP, RATING]),
  service('reviewed', [IDENTIFY, PHONE, CHECK, FEE, { kind: 'review', id: 'review', workingDays: 5 }, SUBMIT, SLIP, RATING]),
];

async function toPayment(t: Flow, id = 'fixed') {
  await begin(t, id);
  if (id === 'perCopy') t.send({ type: 'ANSWER', questionId: 'copies', value: { choice: '3' } });
  else if (id === 'fines') t.send({ type: 'ANSWER', questionId: 'picked', value: { picks: ['f1', 'f2'] } });
  else t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '13900000000' } });
  expect(t.screen().name).toBe('check');
  t.send({ type: 'SUBMIT' });
  await t.settle();
}

const session = (t: Flow) => t.actor.getSnapshot().context.session;

describe('pay: the amount', () => {
  it.each([
    ['fixed', 2000],
    ['perCopy', 1500],
    ['fines', 25000],
  ])('%s asks %i fen, and the check page shows it', async (id, amountFen) => {
    const t = startFlow(CATALOG);
    t.hold('awaitPayment');
    await begin(t, id);
    if (id === 'perCopy') t.send({ type: 'ANSWER', questionId: 'copies', value: { choice: '3' } });
    else if (id === 'fines') t.send({ type: 'ANSWER', questionId: 'picked', value: { picks: ['f1', 'f2'] } });
    else t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '13900000000' } });
    expect(t.screenAs('check').feeFen).toBe(amountFen);
    t.send({ type: 'SUBMIT' });
    await t.settle();
    expect(t.screen()).toMatchObject({ name: 'payment', stepId: 'fee', amountFen });
    expect(t.calls.startPayment).toEqual([{ orderId: 's1-1', submissionKey: 's1', serviceId: id, amountFen }]);
  });

  it('nothing to pay (picked items that cost nothing): the step is passed over', async () => {
    const t = startFlow(CATALOG);
    const fines = LOOKUP_DATA.fines!;
    t.fakes.lookup = async () => (fines.kind === 'fines' ? { ...fines, data: { ...fines.data, items: fines.data.items.map((i) => ({ ...i, amountFen: 0 })) } } : fines);
    await toPayment(t, 'fines');
    expect(t.calls.startPayment).toEqual([]);
    expect(t.screen().name).toBe('confirmation');
    expect(t.calls.enqueue[0]?.payment).toBeNull();
  });
});

describe('pay: paying', () => {
  it('shows the QR code, records the payment, and hands it on with the submission', async () => {
    const t = startFlow(CATALOG);
    const paying = t.hold('awaitPayment');
    await toPayment(t);
    expect(t.screen()).toEqual({ name: 'payment', stepId: 'fee', amountFen: 2000, qrText: 'pay:s1-1', expiresAt: Date.now() + 120_000 });
    expect(t.calls.awaitPayment).toEqual([{ orderId: 's1-1' }]);
    expect(t.calls.enqueue).toEqual([]);
    paying[0]?.resolve({ status: 'paid', transactionId: 'T1', amountFen: 2000 });
    await t.settle();
    expect(session(t).payment).toEqual({ orderId: 's1-1', transactionId: 'T1', amountFen: 2000 });
    expect(t.calls.enqueue[0]?.payment).toEqual({ orderId: 's1-1', transactionId: 'T1', amountFen: 2000 });
    expect(t.screenAs('confirmation').paidFen).toBe(2000);
  });

  it('shows the payment screen without a code while the order is being made', async () => {
    const t = startFlow(CATALOG);
    t.hold('startPayment');
    await toPayment(t);
    expect(t.screen()).toEqual({ name: 'payment', stepId: 'fee', amountFen: 2000, qrText: null, expiresAt: null });
  });

  it('a payment service that cannot be reached -> unavailable; RETRY makes a new order', async () => {
    const t = startFlow(CATALOG);
    t.fakes.startPayment = async () => {
      throw new Error('acquirer down');
    };
    await toPayment(t);
    expect(t.screen()).toEqual({ name: 'paymentFailed', stepId: 'fee', amountFen: 2000, failure: 'unavailable' });
    t.fakes.startPayment = async ({ orderId }) => ({ qrText: `pay:${orderId}`, expiresAt: 1 });
    t.send({ type: 'RETRY' });
    await t.settle();
    expect(t.calls.startPayment.map((s) => s.orderId)).toEqual(['s1-1', 's1-2']);
    expect(t.screen().name).toBe('confirmation');
  });

  it.each(['canceled', 'timedOut'] as const)('a payment that ends %s says so, queues nothing; RETRY is a new order <session>-<attempt>', async (status) => {
    const t = startFlow(CATALOG);
    t.fakes.awaitPayment = async () => ({ status });
    await toPayment(t);
    expect(t.screen()).toEqual({ name: 'paymentFailed', stepId: 'fee', amountFen: 2000, failure: status });
    expect(t.calls.enqueue).toEqual([]);
    const paying = t.hold('awaitPayment');
    t.send({ type: 'RETRY' });
    await t.settle();
    expect(t.calls.startPayment.map((s) => s.orderId)).toEqual(['s1-1', 's1-2']);
    expect(t.screen()).toMatchObject({ name: 'payment', qrText: 'pay:s1-2' });
    paying[0]?.resolve({ status: 'paid', transactionId: 'T2', amountFen: 2000 });
    await t.settle();
    expect(session(t).payment?.orderId).toBe('s1-2');
  });

  it.each([
    ['the terminal says it cannot tell', async () => ({ status: 'inDoubt' as const })],
    [
      'the wait itself fails',
      async () => {
        throw new Error('terminal link lost');
      },
    ],
  ])('when %s: inDoubt, and RETRY asks about the SAME order, never a new one', async (_label, outcome) => {
    const t = startFlow(CATALOG);
    t.fakes.awaitPayment = outcome;
    await toPayment(t);
    expect(t.screen()).toMatchObject({ name: 'paymentFailed', failure: 'inDoubt' });
    t.fakes.awaitPayment = async () => ({ status: 'paid', transactionId: 'T1', amountFen: 2000 });
    t.send({ type: 'RETRY' });
    await t.settle();
    expect(t.calls.startPayment).toHaveLength(1);
    expect(t.calls.awaitPayment).toEqual([{ orderId: 's1-1' }, { orderId: 's1-1' }]);
    expect(session(t).payment).toEqual({ orderId: 's1-1', transactionId: 'T1', amountFen: 2000 });
  });

  it('Back from the payment screen goes to the check page and stops the wait (the host then cancels the order)', async () => {
    const t = startFlow(CATALOG);
    t.hold('awaitPayment');
    await toPayment(t);
    t.send({ type: 'BACK' });
    expect(t.screen().name).toBe('check');
    expect(t.aborted.awaitPayment).toBe(1);
    t.send({ type: 'SUBMIT' });
    await t.settle();
    expect(t.calls.startPayment.map((s) => s.orderId)).toEqual(['s1-1', 's1-2']);
  });

  it('Back, then Submit again: an earlier order the host finds paid is the payment, with no new code shown', async () => {
    const t = startFlow(CATALOG);
    t.hold('awaitPayment');
    await toPayment(t);
    t.send({ type: 'BACK' });
    t.fakes.startPayment = async () => ({ alreadyPaid: { orderId: 's1-1', transactionId: 'T1', amountFen: 2000 } });
    t.send({ type: 'SUBMIT' });
    await t.settle();
    expect(t.calls.awaitPayment).toHaveLength(1);
    expect(session(t).payment).toEqual({ orderId: 's1-1', transactionId: 'T1', amountFen: 2000 });
    expect(t.calls.enqueue[0]?.payment).toEqual({ orderId: 's1-1', transactionId: 'T1', amountFen: 2000 });
    expect(t.screenAs('confirmation').paidFen).toBe(2000);
  });

  it('an earlier order that cannot be asked about: inDoubt with no code shown; RETRY asks again with the same new order', async () => {
    const t = startFlow(CATALOG);
    t.fakes.startPayment = async () => {
      throw new StepError('inDoubt', 'earlier order unknown');
    };
    await toPayment(t);
    expect(t.screen()).toEqual({ name: 'paymentFailed', stepId: 'fee', amountFen: 2000, failure: 'inDoubt' });
    expect(t.calls.awaitPayment).toEqual([]);
    t.fakes.startPayment = async ({ orderId }) => ({ qrText: `pay:${orderId}`, expiresAt: 1 });
    t.send({ type: 'RETRY' });
    await t.settle();
    expect(t.calls.startPayment.map((s) => s.orderId)).toEqual(['s1-1', 's1-1']);
    expect(session(t).payment?.orderId).toBe('s1-1');
  });

  it('Back from a failed payment goes to the check page', async () => {
    const t = startFlow(CATALOG);
    t.fakes.awaitPayment = async () => ({ status: 'canceled' });
    await toPayment(t);
    t.send({ type: 'BACK' });
    expect(t.screen().name).toBe('check');
  });

  it('a paid amount is never asked again: Back from the review notice to check, and Submit again', async () => {
    const t = startFlow(CATALOG);
    await toPayment(t, 'reviewed');
    expect(t.screen().name).toBe('reviewNotice');
    t.send({ type: 'BACK' });
    expect(t.screen().name).toBe('check');
    t.send({ type: 'SUBMIT' });
    await t.settle();
    expect(t.screen().name).toBe('reviewNotice');
    expect(t.calls.startPayment).toHaveLength(1);
    expect(t.calls.awaitPayment).toHaveLength(1);
  });
});

describe('pay: idle while paying', () => {
  it('holds the idle timer while the resident pays on the phone, and restarts it afterwards', async () => {
    const t = startFlow(CATALOG);
    const paying = t.hold('awaitPayment');
    await toPayment(t);
    await vi.advanceTimersByTimeAsync(WARN + RESET + 10_000);
    expect(t.done()).toBe(false);
    expect(t.view()).toMatchObject({ screen: { name: 'payment' }, idle: { warning: false, resetAt: null } });
    paying[0]?.resolve({ status: 'paid', transactionId: 'T1', amountFen: 2000 });
    await t.settle();
    expect(t.screen().name).toBe('confirmation');
    await vi.advanceTimersByTimeAsync(WARN - 1);
    expect(t.view().idle.warning).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.view().idle.warning).toBe(true);
  });

  it('restarts the idle timer when the payment screen is left by Back', async () => {
    const t = startFlow(CATALOG);
    t.hold('awaitPayment');
    await toPayment(t);
    await vi.advanceTimersByTimeAsync(WARN * 2);
    t.send({ type: 'BACK' });
    await vi.advanceTimersByTimeAsync(WARN - 1);
    expect(t.view().idle.warning).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.view().idle.warning).toBe(true);
  });
});
