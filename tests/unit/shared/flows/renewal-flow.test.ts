import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import type { IdentityCard } from '../../../../shared/catalog/types';
import { toFlowView } from '../../../../shared/flows/flow-view';
import {
  serviceFlowMachine,
  type PaymentResult,
  type PaymentStart,
  type SlipRequest,
  type SubmissionDraft,
} from '../../../../shared/flows/service-flow.machine';

const EXPIRED_CARD: IdentityCard = {
  name: '测试员',
  sex: 'F',
  ethnicity: '01',
  birthDate: '1955-07-22',
  address: '上海市浦东新区虚构街88弄3号',
  idNumber: '310115195507220025',
  authority: '上海市公安局浦东分局',
  validFrom: '2006-05-10',
  validTo: '2026-05-10',
};
const WARN = 60_000;
const RESET = 30_000;

function start() {
  const h = {
    card: null as null | ((c: IdentityCard) => void),
    started: [] as PaymentStart[],
    payment: null as null | { resolve: (r: PaymentResult) => void; aborted: boolean },
    startFails: false,
    enqueued: [] as SubmissionDraft[],
  };
  const machine = serviceFlowMachine.provide({
    actors: {
      readCard: fromPromise<IdentityCard>(() => new Promise((resolve) => (h.card = resolve))),
      startPayment: fromPromise<{ qrText: string; expiresAt: number }, PaymentStart>(async ({ input }) => {
        if (h.startFails) throw new Error('acquirer down');
        h.started.push(input);
        return { qrText: `pay:${input.orderId}`, expiresAt: Date.now() + 120_000 };
      }),
      awaitPayment: fromPromise<PaymentResult, { orderId: string }>(({ signal }) => {
        return new Promise((resolve) => {
          const entry = { resolve, aborted: false };
          signal.addEventListener('abort', () => (entry.aborted = true));
          h.payment = entry;
        });
      }),
      enqueue: fromPromise<{ reference: string }, SubmissionDraft>(async ({ input }) => {
        h.enqueued.push(input);
        return { reference: 'JN-K01A-0001-X' };
      }),
      printSlip: fromPromise<void, SlipRequest>(async () => undefined),
    },
  });
  const actor = createActor(machine, { input: { sessionId: 's1', defaultLang: 'zh-CN', idleWarnMs: WARN, idleResetMs: RESET } });
  actor.start();
  return { actor, h, view: () => toFlowView(actor.getSnapshot()) };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

async function toCheck(t: ReturnType<typeof start>) {
  t.actor.send({ type: 'SELECT_SERVICE', serviceId: 'idCardRenewal' });
  t.actor.send({ type: 'CONTINUE' });
  t.h.card?.(EXPIRED_CARD);
  await flush();
  t.actor.send({ type: 'ANSWER', questionId: 'renewalReason', value: { choice: 'expired' } });
  t.actor.send({ type: 'ANSWER', questionId: 'phone', value: { text: '13900000000' } });
  t.actor.send({ type: 'ANSWER', questionId: 'collection', value: { choice: 'collect' } });
  expect(t.view().screen).toBe('photo');
  t.actor.send({ type: 'PHOTO_TAKEN', photo: 'SU1HQkFTRTY0' });
  expect(t.view()).toMatchObject({ screen: 'check', photo: 'SU1HQkFTRTY0' });
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-06-01T10:00:00'));
});
afterEach(() => vi.useRealTimers());

describe('ID card renewal: photo and payment', () => {
  it('takes the expired card it renews, asks for a photo after the questions, and keeps it off other screens', async () => {
    const t = start();
    await toCheck(t);
    t.actor.send({ type: 'CHANGE', questionId: 'photo' });
    expect(t.view()).toMatchObject({ screen: 'photo', returnToCheck: true });
    t.actor.send({ type: 'BACK' });
    expect(t.view().screen).toBe('check');
  });

  it('a paid fee is recorded with the submission; nothing is queued before payment', async () => {
    const t = start();
    await toCheck(t);
    t.actor.send({ type: 'SUBMIT' });
    await flush();
    expect(t.view()).toMatchObject({ screen: 'payment', payment: { amountFen: 2000, qrText: 's1-1'.replace(/^/, 'pay:'), failure: null } });
    expect(t.h.started).toEqual([{ orderId: 's1-1', submissionKey: 's1', serviceId: 'idCardRenewal', amountFen: 2000 }]);
    expect(t.h.enqueued).toEqual([]);
    t.h.payment?.resolve({ status: 'paid', transactionId: 'T1', amountFen: 2000 });
    await flush();
    expect(t.view().screen).toBe('confirmation');
    expect(t.h.enqueued).toHaveLength(1);
    expect(t.h.enqueued[0]).toMatchObject({ payment: { orderId: 's1-1', transactionId: 'T1', amountFen: 2000 }, photo: 'SU1HQkFTRTY0' });
  });

  it.each(['canceled', 'timedOut'] as const)('a payment that ends %s says so, queues nothing, and a retry uses a new order', async (status) => {
    const t = start();
    await toCheck(t);
    t.actor.send({ type: 'SUBMIT' });
    await flush();
    t.h.payment?.resolve({ status });
    await flush();
    expect(t.view()).toMatchObject({ screen: 'paymentFailed', payment: { failure: status } });
    expect(t.h.enqueued).toEqual([]);
    t.actor.send({ type: 'RETRY' });
    await flush();
    expect(t.h.started.map((s) => s.orderId)).toEqual(['s1-1', 's1-2']);
    expect(t.view()).toMatchObject({ screen: 'payment', payment: { failure: null } });
  });

  it('a payment service that cannot be reached ends on paymentFailed (unavailable)', async () => {
    const t = start();
    await toCheck(t);
    t.h.startFails = true;
    t.actor.send({ type: 'SUBMIT' });
    await flush();
    expect(t.view()).toMatchObject({ screen: 'paymentFailed', payment: { failure: 'unavailable' } });
  });

  it('leaving the payment screen stops the wait (the host then cancels the order)', async () => {
    const t = start();
    await toCheck(t);
    t.actor.send({ type: 'SUBMIT' });
    await flush();
    t.actor.send({ type: 'BACK' });
    expect(t.view().screen).toBe('check');
    expect(t.h.payment?.aborted).toBe(true);
  });

  it('does not reset while the resident pays on the phone, and the idle timer restarts afterwards', async () => {
    const t = start();
    await toCheck(t);
    t.actor.send({ type: 'SUBMIT' });
    await flush();
    await vi.advanceTimersByTimeAsync(WARN + RESET + 10_000);
    expect(t.actor.getSnapshot().status).toBe('active');
    expect(t.view()).toMatchObject({ screen: 'payment', idle: { warning: false } });
    t.actor.send({ type: 'BACK' });
    await vi.advanceTimersByTimeAsync(WARN);
    expect(t.view().idle.warning).toBe(true);
  });
});
