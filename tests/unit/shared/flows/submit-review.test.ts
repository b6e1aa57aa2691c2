import { describe, expect, it } from 'vitest';
import type { Step } from '../../../../shared/catalog/catalog-schema';
import { identityFromCard } from '../../../../shared/steps/identify/identify.part';
import { begin, CARD, CHECK, IDENTIFY, LOOKUP_DATA, RATING, REFERENCE, service, SLIP, startFlow, SUBMIT, useFlowClock, type Flow } from './flow-harness';

useFlowClock();

const DETAILS: Step = {
  kind: 'questions',
  id: 'details',
  questions: [
    { id: 'delivery', kind: 'choice', options: [{ id: 'collect' }, { id: 'mail' }] },
    { id: 'postAddress', kind: 'text', maxLength: 100, when: { question: 'delivery', is: ['mail'] } },
  ],
};
const REGISTER: Step = { kind: 'lookup', id: 'register', lookup: 'household', params: { idNumber: 'identity.idNumber' } };
const PHOTO: Step = { kind: 'photo', id: 'photo', spec: 'residentId' };
const FEE: Step = { kind: 'pay', id: 'fee', amount: { fixedFen: 2000 } };
const REVIEW: Step = { kind: 'review', id: 'review', workingDays: 5 };
const CATALOG = [
  service('plain', [IDENTIFY, DETAILS, CHECK, SUBMIT, SLIP, RATING]),
  service('full', [IDENTIFY, REGISTER, DETAILS, PHOTO, CHECK, FEE, REVIEW, SUBMIT, SLIP, RATING]),
  service('reviewFirst', [IDENTIFY, DETAILS, CHECK, REVIEW, SUBMIT, SLIP, RATING]),
];

async function toCheck(t: Flow, id: string) {
  await begin(t, id);
  t.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'mail' } });
  t.send({ type: 'ANSWER', questionId: 'postAddress', value: { text: '上海市' } });
  if (id === 'full') t.send({ type: 'PHOTO_TAKEN', photo: 'UEhPVE8x' });
  expect(t.screen().name).toBe('check');
}

describe('review: the notice that staff review the application', () => {
  it('says how long the review takes; Continue goes on, Back goes back to the check page', async () => {
    const t = startFlow(CATALOG);
    await toCheck(t, 'reviewFirst');
    t.send({ type: 'SUBMIT' });
    expect(t.screen()).toEqual({ name: 'reviewNotice', stepId: 'review', workingDays: 5 });
    t.send({ type: 'BACK' });
    expect(t.screen().name).toBe('check');
    t.send({ type: 'SUBMIT' });
    t.send({ type: 'CONTINUE' });
    await t.settle();
    expect(t.calls.enqueue).toHaveLength(1);
    expect(t.calls.enqueue[0]?.review).toBe(true);
    expect(t.screenAs('confirmation').review).toBe(true);
  });

  it('a service without a review step says so in its draft and on its confirmation', async () => {
    const t = startFlow(CATALOG);
    await toCheck(t, 'plain');
    t.send({ type: 'SUBMIT' });
    await t.settle();
    expect(t.calls.enqueue[0]?.review).toBe(false);
    expect(t.screenAs('confirmation').review).toBe(false);
  });
});

describe('submit: the draft handed to the queue', () => {
  it('carries the applicant, the answers, the photo, the payment and the lookups', async () => {
    const t = startFlow(CATALOG);
    t.send({ type: 'SET_LANG', lang: 'en' });
    await toCheck(t, 'full');
    t.send({ type: 'SUBMIT' });
    await t.settle();
    t.send({ type: 'CONTINUE' });
    await t.settle();
    expect(t.calls.enqueue).toEqual([
      {
        submissionKey: 's1',
        serviceId: 'full',
        lang: 'en',
        applicant: identityFromCard(CARD),
        answers: { delivery: { choice: 'mail' }, postAddress: { text: '上海市' } },
        photo: 'UEhPVE8x',
        faceCheck: null,
        payment: { orderId: 's1-1', transactionId: 'T-s1-1', amountFen: 2000 },
        lookups: { register: LOOKUP_DATA.household },
        review: true,
      },
    ]);
    expect(t.view()).toMatchObject({ submitted: true, screen: { name: 'confirmation', reference: REFERENCE, paidFen: 2000 } });
  });

  it('drops an answer to a question that no longer applies', async () => {
    const t = startFlow(CATALOG);
    await toCheck(t, 'plain');
    t.send({ type: 'CHANGE', item: 'delivery' });
    t.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
    // Still in the session (going back to "mail" would show it), but not submitted.
    expect(t.actor.getSnapshot().context.session.answers.postAddress).toEqual({ text: '上海市' });
    t.send({ type: 'SUBMIT' });
    await t.settle();
    expect(t.calls.enqueue[0]?.answers).toEqual({ delivery: { choice: 'collect' } });
  });
});

describe('submit: when the commit fails', () => {
  async function failing(id: string) {
    const t = startFlow(CATALOG);
    let fails = true;
    t.fakes.enqueue = async () => {
      if (fails) throw new Error('disk full');
      return { reference: REFERENCE };
    };
    await toCheck(t, id);
    t.send({ type: 'SUBMIT' });
    await t.settle();
    if (id === 'full') {
      t.send({ type: 'CONTINUE' });
      await t.settle();
    }
    expect(t.view()).toMatchObject({ screen: { name: 'submitFailed', stepId: 'submit' }, submitted: false });
    return { t, succeed: () => (fails = false) };
  }

  it('shows the submitting screen while the commit runs', async () => {
    const t = startFlow(CATALOG);
    t.hold('enqueue');
    await toCheck(t, 'plain');
    t.send({ type: 'SUBMIT' });
    expect(t.screen()).toEqual({ name: 'submitting', stepId: 'submit' });
  });

  it('keeps the answers, and RETRY commits with the same key', async () => {
    const { t, succeed } = await failing('plain');
    expect(t.actor.getSnapshot().context.session.answers.delivery).toEqual({ choice: 'mail' });
    succeed();
    t.send({ type: 'RETRY' });
    await t.settle();
    expect(t.screen().name).toBe('confirmation');
    expect(t.calls.enqueue.map((d) => d.submissionKey)).toEqual(['s1', 's1']);
  });

  it('BACK goes back to the check page while nothing is paid', async () => {
    const { t } = await failing('plain');
    t.send({ type: 'BACK' });
    expect(t.screen().name).toBe('check');
  });

  it('BACK does nothing once the fee is paid: paid money stays with this submission', async () => {
    const { t, succeed } = await failing('full');
    t.send({ type: 'BACK' });
    expect(t.screen().name).toBe('submitFailed');
    succeed();
    t.send({ type: 'RETRY' });
    await t.settle();
    expect(t.calls.enqueue.at(-1)?.payment?.orderId).toBe('s1-1');
    expect(t.calls.startPayment).toHaveLength(1);
  });
});
