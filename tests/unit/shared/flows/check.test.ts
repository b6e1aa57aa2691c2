import { describe, expect, it } from 'vitest';
import type { Step } from '../../../../shared/catalog/catalog-schema';
import type { Question } from '../../../../shared/catalog/questions';
import { begin, CHECK, IDENTIFY, RATING, service, SLIP, startFlow, SUBMIT, useFlowClock, type Flow } from './flow-harness';

useFlowClock();

const DELIVERY: Question = { id: 'delivery', kind: 'choice', options: [{ id: 'collect' }, { id: 'mail' }] };
const POST_ADDRESS: Question = { id: 'postAddress', kind: 'text', maxLength: 100, when: { question: 'delivery', is: ['mail'] } };
const PHONE: Question = { id: 'phone', kind: 'phone' };
const DETAILS: Step = { kind: 'questions', id: 'details', questions: [DELIVERY, POST_ADDRESS, PHONE] };
const PHOTO: Step = { kind: 'photo', id: 'photo', spec: 'residentId' };
const FEE: Step = { kind: 'pay', id: 'fee', amount: { fixedFen: 2000 } };
const CATALOG = [
  service('withPhoto', [IDENTIFY, DETAILS, PHOTO, CHECK, SUBMIT, SLIP, RATING]),
  service('withFee', [IDENTIFY, DETAILS, CHECK, FEE, SUBMIT, SLIP, RATING]),
];

async function toCheck(t: Flow, id = 'withPhoto') {
  await begin(t, id);
  t.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
  t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '13900000000' } });
  if (id === 'withPhoto') {
    expect(t.screenAs('photo')).toEqual({ name: 'photo', stepId: 'photo', spec: 'residentId', returnToCheck: false });
    t.send({ type: 'PHOTO_TAKEN', photo: 'UEhPVE8x' });
  }
  expect(t.screen().name).toBe('check');
}

const rowIds = (t: Flow) => t.screenAs('check').rows.map((r) => (r.kind === 'answer' ? r.question.id : r.stepId));

describe('check your answers: the page', () => {
  it('lists the answers that apply and the photo, in order, with the applicant and no fee', async () => {
    const t = startFlow(CATALOG);
    await toCheck(t);
    const check = t.screenAs('check');
    expect(check).toMatchObject({ stepId: 'check', feeFen: 0, applicant: { name: '测试员', method: 'idCard' } });
    expect(check.rows).toEqual([
      { kind: 'answer', question: DELIVERY, value: { choice: 'collect' }, picked: null },
      { kind: 'answer', question: PHONE, value: { text: '13900000000' }, picked: null },
      { kind: 'photo', stepId: 'photo', photo: 'UEhPVE8x' },
    ]);
    expect(check.applicant?.numberMasked).not.toContain('19800315');
  });

  it('shows the fee the pay step after it will ask', async () => {
    const t = startFlow(CATALOG);
    await toCheck(t, 'withFee');
    expect(t.screenAs('check').feeFen).toBe(2000);
  });

  it('Back goes to the step before it: the photo, then the last question', async () => {
    const t = startFlow(CATALOG);
    await toCheck(t);
    t.send({ type: 'BACK' });
    expect(t.screenAs('photo').returnToCheck).toBe(false);
    t.send({ type: 'BACK' });
    expect(t.screenAs('question').question.id).toBe('phone');
  });

  it('a Change link to something not on the page does nothing', async () => {
    const t = startFlow(CATALOG);
    await toCheck(t);
    t.send({ type: 'CHANGE', item: 'nonsense' });
    expect(t.screen().name).toBe('check');
  });
});

describe('check your answers: Change', () => {
  it('opens that question, and comes back to the check page once it is answered', async () => {
    const t = startFlow(CATALOG);
    await toCheck(t);
    t.send({ type: 'CHANGE', item: 'phone' });
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'phone' }, answer: { text: '13900000000' }, returnToCheck: true });
    t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '13800000000' } });
    expect(t.screen().name).toBe('check');
    expect(t.screenAs('check').rows[1]).toMatchObject({ value: { text: '13800000000' } });
  });

  it('a wrong answer after a Change keeps the resident on the question, still on the way back to check', async () => {
    const t = startFlow(CATALOG);
    await toCheck(t);
    t.send({ type: 'CHANGE', item: 'phone' });
    t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '1' } });
    expect(t.screenAs('question')).toMatchObject({ error: 'phoneFormat', returnToCheck: true });
    t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '13800000000' } });
    expect(t.screen().name).toBe('check');
  });

  it('asks a question the change made apply before going back to the check page', async () => {
    const t = startFlow(CATALOG);
    await toCheck(t);
    t.send({ type: 'CHANGE', item: 'delivery' });
    t.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'mail' } });
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'postAddress' }, returnToCheck: true, total: 3 });
    t.send({ type: 'ANSWER', questionId: 'postAddress', value: { text: '上海市' } });
    expect(t.screen().name).toBe('check');
    expect(rowIds(t)).toEqual(['delivery', 'postAddress', 'phone', 'photo']);
  });

  it('an answer that no longer applies leaves the page', async () => {
    const t = startFlow(CATALOG);
    await toCheck(t);
    t.send({ type: 'CHANGE', item: 'delivery' });
    t.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'mail' } });
    t.send({ type: 'ANSWER', questionId: 'postAddress', value: { text: '上海市' } });
    t.send({ type: 'CHANGE', item: 'delivery' });
    t.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
    expect(t.screen().name).toBe('check');
    expect(rowIds(t)).toEqual(['delivery', 'phone', 'photo']);
  });

  it('Back from a question opened by Change returns to the check page, unchanged', async () => {
    const t = startFlow(CATALOG);
    await toCheck(t);
    t.send({ type: 'CHANGE', item: 'delivery' });
    t.send({ type: 'BACK' });
    expect(t.screen().name).toBe('check');
    expect(rowIds(t)).toEqual(['delivery', 'phone', 'photo']);
    // And the next Back is an ordinary one again.
    t.send({ type: 'BACK' });
    expect(t.screenAs('photo').returnToCheck).toBe(false);
  });

  it('Change on the photo opens the camera and comes back with the new photo', async () => {
    const t = startFlow(CATALOG);
    await toCheck(t);
    t.send({ type: 'CHANGE', item: 'photo' });
    expect(t.screen()).toEqual({ name: 'photo', stepId: 'photo', spec: 'residentId', returnToCheck: true });
    t.send({ type: 'PHOTO_TAKEN', photo: 'UEhPVE8y' });
    expect(t.screenAs('check').rows[2]).toEqual({ kind: 'photo', stepId: 'photo', photo: 'UEhPVE8y' });
  });

  it('Back from the camera opened by Change returns to the check page with the old photo', async () => {
    const t = startFlow(CATALOG);
    await toCheck(t);
    t.send({ type: 'CHANGE', item: 'photo' });
    t.send({ type: 'BACK' });
    expect(t.screenAs('check').rows[2]).toEqual({ kind: 'photo', stepId: 'photo', photo: 'UEhPVE8x' });
  });

  it('after a Change, submitting goes on as usual', async () => {
    const t = startFlow(CATALOG);
    await toCheck(t);
    t.send({ type: 'CHANGE', item: 'phone' });
    t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '13800000000' } });
    t.send({ type: 'SUBMIT' });
    await t.settle();
    expect(t.screen().name).toBe('confirmation');
    expect(t.calls.enqueue[0]?.answers.phone).toEqual({ text: '13800000000' });
  });
});
