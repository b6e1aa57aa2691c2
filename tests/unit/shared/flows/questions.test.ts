import { describe, expect, it } from 'vitest';
import type { Step } from '../../../../shared/catalog/catalog-schema';
import type { AnswerValue, Question } from '../../../../shared/catalog/questions';
import { begin, CARD, CHECK, IDENTIFY, LOOKUP_DATA, RATING, service, SLIP, startFlow, SUBMIT, useFlowClock, type Flow } from './flow-harness';

useFlowClock();

const FINES: Step = { kind: 'lookup', id: 'fines', lookup: 'fines', params: { plate: 'identity.name', idNumber: 'identity.idNumber' } };
const REGISTER: Step = { kind: 'lookup', id: 'register', lookup: 'household', params: { idNumber: 'identity.idNumber' } };
const questions = (id: string, qs: Question[]): Step => ({ kind: 'questions', id, questions: qs });
const answers = (t: Flow) => t.actor.getSnapshot().context.session.answers;

// delivery decides which of the next two is asked; notes is asked unless the choice is 'mail'.
const BRANCHING = questions('details', [
  { id: 'delivery', kind: 'choice', options: [{ id: 'collect' }, { id: 'mail' }] },
  { id: 'postAddress', kind: 'text', maxLength: 100, when: { question: 'delivery', is: ['mail'] } },
  { id: 'notes', kind: 'text', maxLength: 100, when: { question: 'delivery', isNot: ['mail'] } },
  { id: 'phone', kind: 'phone' },
]);

const PREFILLED = questions('contact', [
  { id: 'address', kind: 'text', maxLength: 120, prefill: 'identity.card.address' },
  { id: 'sex', kind: 'choice', options: [{ id: 'M' }, { id: 'F' }], prefill: 'identity.sex' },
  { id: 'householdNumber', kind: 'text', maxLength: 20, prefill: 'lookups.register.householdNumber' },
  { id: 'nickname', kind: 'text', maxLength: 20, prefill: 'identity.phoneMasked' },
]);

const CATALOG = [
  service('branching', [IDENTIFY, BRANCHING, CHECK, SUBMIT, SLIP, RATING]),
  service('prefilled', [IDENTIFY, REGISTER, PREFILLED, CHECK, SUBMIT, SLIP, RATING]),
  service('twoSteps', [IDENTIFY, questions('first', [{ id: 'a', kind: 'text', maxLength: 10 }]), REGISTER, questions('second', [{ id: 'b', kind: 'text', maxLength: 10 }, { id: 'c', kind: 'text', maxLength: 10 }]), CHECK, SUBMIT, SLIP, RATING]),
  service('skippable', [
    IDENTIFY,
    questions('first', [{ id: 'delivery', kind: 'choice', options: [{ id: 'collect' }, { id: 'mail' }] }]),
    questions('postal', [{ id: 'postAddress', kind: 'text', maxLength: 100, when: { question: 'delivery', is: ['mail'] } }]),
    CHECK,
    SUBMIT,
    SLIP,
    RATING,
  ]),
];

describe('questions: prefilled from the card and the platform', () => {
  it('shows the card address, the card sex and a lookup value as answers the resident confirms or changes', async () => {
    const t = startFlow(CATALOG);
    await begin(t, 'prefilled');
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'address' }, answer: { text: CARD.address } });
    t.send({ type: 'ANSWER', questionId: 'address', value: { text: '北京市海淀区另一路2号' } });
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'sex' }, answer: { choice: 'M' } });
    t.send({ type: 'ANSWER', questionId: 'sex', value: { choice: 'M' } });
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'householdNumber' }, answer: { text: 'H001' } });
    t.send({ type: 'ANSWER', questionId: 'householdNumber', value: { text: 'H001' } });
    // The card carries no phone: nothing to prefill.
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'nickname' }, answer: null });
    expect(answers(t).address).toEqual({ text: '北京市海淀区另一路2号' });
  });

  it('never prefills over an answer the resident gave', async () => {
    const t = startFlow(CATALOG);
    await begin(t, 'prefilled');
    t.send({ type: 'ANSWER', questionId: 'address', value: { text: '别处' } });
    t.send({ type: 'BACK' });
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'address' }, answer: { text: '别处' } });
  });
});

describe('questions: conditional questions', () => {
  it('asks only the questions that apply, and counts the others out of the total', async () => {
    const t = startFlow(CATALOG);
    await begin(t, 'branching');
    // Before delivery is answered, notes applies (isNot) and postAddress does not (is).
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'delivery' }, index: 0, total: 3 });
    t.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'mail' } });
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'postAddress' }, index: 1, total: 3 });
    t.send({ type: 'ANSWER', questionId: 'postAddress', value: { text: '上海' } });
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'phone' }, index: 2, total: 3 });
    t.send({ type: 'BACK' });
    t.send({ type: 'BACK' });
    t.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'notes' }, index: 1, total: 3 });
  });

  it('Back skips a question that does not apply', async () => {
    const t = startFlow(CATALOG);
    await begin(t, 'branching');
    t.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'mail' } });
    t.send({ type: 'ANSWER', questionId: 'postAddress', value: { text: '上海' } });
    t.send({ type: 'BACK' });
    expect(t.screenAs('question').question.id).toBe('postAddress');
    t.send({ type: 'BACK' });
    expect(t.screenAs('question').question.id).toBe('delivery');
  });

  it('a questions step none of whose questions apply is passed over, going on and going back', async () => {
    const t = startFlow(CATALOG);
    await begin(t, 'skippable');
    t.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
    expect(t.screen().name).toBe('check');
    t.send({ type: 'BACK' });
    expect(t.screenAs('question').question.id).toBe('delivery');
    t.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'mail' } });
    expect(t.screenAs('question').question.id).toBe('postAddress');
  });
});

describe('questions: answers are checked as they come', () => {
  const ALL: Question[] = [
    { id: 'purpose', kind: 'choice', options: [{ id: 'job' }, { id: 'other', withText: true }] },
    { id: 'destination', kind: 'text', maxLength: 10 },
    { id: 'phone', kind: 'phone' },
    { id: 'copies', kind: 'digits', minLength: 1, maxLength: 2 },
    { id: 'birthday', kind: 'date', range: 'past' },
    { id: 'trip', kind: 'date', range: 'future' },
    { id: 'plate', kind: 'plate' },
    { id: 'country', kind: 'country' },
    { id: 'picked', kind: 'pick', from: 'fines', min: 1 },
  ];
  const ONE_EACH = ALL.map((q) => service(`only_${q.id}`, [IDENTIFY, FINES, questions('ask', [q]), CHECK, SUBMIT, SLIP, RATING]));

  async function ask(id: string) {
    const t = startFlow(ONE_EACH);
    await begin(t, `only_${id}`);
    expect(t.screenAs('question').question.id).toBe(id);
    return t;
  }

  it.each([
    ['purpose', {}, 'required'],
    ['purpose', { choice: 'holiday' }, 'invalidOption'],
    ['purpose', { choice: 'other' }, 'required'],
    ['purpose', { choice: 'other', text: 'x'.repeat(51) }, 'tooLong'],
    ['destination', { text: '  ' }, 'required'],
    ['destination', { text: '国'.repeat(11) }, 'tooLong'],
    ['phone', { text: '' }, 'required'],
    ['phone', { text: '12345' }, 'phoneFormat'],
    ['copies', {}, 'required'],
    ['copies', { text: '123' }, 'digitsFormat'],
    ['copies', { text: '1a' }, 'digitsFormat'],
    ['birthday', { text: '' }, 'required'],
    ['birthday', { text: '2026-02-30' }, 'dateFormat'],
    ['birthday', { text: '2026-06-02' }, 'datePast'],
    ['trip', { text: '2026-05-31' }, 'dateFuture'],
    ['plate', { text: ' ' }, 'required'],
    ['plate', { text: 'ABC123' }, 'plateFormat'],
    ['country', {}, 'required'],
    ['country', { choice: 'XX' }, 'countryUnknown'],
    ['picked', { picks: [] }, 'pickNone'],
    ['picked', { picks: ['f3'] }, 'invalidOption'],
    ['picked', { picks: ['nope'] }, 'invalidOption'],
  ] as [string, AnswerValue, string][])('%s %j -> error %s on the same question, nothing stored', async (id, value, code) => {
    const t = await ask(id);
    t.send({ type: 'ANSWER', questionId: id, value });
    expect(t.screenAs('question')).toMatchObject({ question: { id }, error: code });
    expect(answers(t)[id]).toBeUndefined();
  });

  it.each([
    ['purpose', { choice: 'other', text: ' 领养  手续 ' }, { choice: 'other', text: '领养 手续' }],
    ['purpose', { choice: 'job', text: 'dropped' }, { choice: 'job' }],
    ['destination', { text: ' 加拿大\t多伦多 ' }, { text: '加拿大 多伦多' }],
    ['phone', { text: '（139）0000-0000' }, { text: '13900000000' }],
    ['copies', { text: '１２' }, { text: '12' }],
    ['birthday', { text: '2026-06-01' }, { text: '2026-06-01' }],
    ['birthday', { text: '1980/3/5' }, { text: '1980-03-05' }],
    ['trip', { text: '2026年6月3日' }, { text: '2026-06-03' }],
    ['plate', { text: '京a 12345' }, { text: '京A12345' }],
    ['country', { choice: 'HK' }, { choice: 'HK' }],
    ['picked', { picks: ['f2', 'f1', 'f2'] }, { picks: ['f1', 'f2'] }],
  ] as [string, AnswerValue, AnswerValue][])('%s %j is stored as %j and the flow moves on', async (id, value, stored) => {
    const t = await ask(id);
    t.send({ type: 'ANSWER', questionId: id, value });
    expect(answers(t)[id]).toEqual(stored);
    expect(t.screen().name).toBe('check');
  });

  it('a pick question lists the items of its lookup', async () => {
    const t = await ask('picked');
    expect(t.screenAs('question').items).toEqual(LOOKUP_DATA.fines?.kind === 'fines' ? LOOKUP_DATA.fines.data.items : null);
    const u = await ask('phone');
    expect(u.screenAs('question').items).toBeNull();
  });

  it('an answer aimed at another question than the one on screen is refused', async () => {
    const t = startFlow(CATALOG);
    await begin(t, 'branching');
    t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '13900000000' } });
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'delivery' }, error: 'invalidOption' });
    expect(answers(t)).toEqual({});
  });

  it('the error goes once a good answer is given', async () => {
    const t = startFlow(CATALOG);
    await begin(t, 'branching');
    t.send({ type: 'ANSWER', questionId: 'delivery', value: {} });
    t.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'notes' }, error: null });
    t.send({ type: 'BACK' });
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'delivery' }, error: null });
  });
});

describe('questions: Back', () => {
  it('walks back one question at a time, keeping the answers, and out to the start page past identify', async () => {
    const t = startFlow(CATALOG);
    await begin(t, 'branching');
    t.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
    t.send({ type: 'BACK' });
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'delivery' }, answer: { choice: 'collect' } });
    t.send({ type: 'BACK' });
    expect(t.screen()).toEqual({ name: 'start', serviceId: 'branching' });
    expect(answers(t)).toEqual({ delivery: { choice: 'collect' } });
  });

  it('entering a questions step by Back lands on its last question that applies', async () => {
    const t = startFlow(CATALOG);
    await begin(t, 'branching');
    t.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'mail' } });
    t.send({ type: 'ANSWER', questionId: 'postAddress', value: { text: '上海' } });
    t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '13900000000' } });
    expect(t.screen().name).toBe('check');
    t.send({ type: 'BACK' });
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'phone' }, index: 2, total: 3 });
  });

  it('goes from the first question of one step to the last of the step before, past a lookup', async () => {
    const t = startFlow(CATALOG);
    await begin(t, 'twoSteps');
    t.send({ type: 'ANSWER', questionId: 'a', value: { text: 'one' } });
    await t.settle();
    expect(t.screenAs('question').question.id).toBe('b');
    t.send({ type: 'BACK' });
    expect(t.screenAs('question')).toMatchObject({ stepId: 'first', question: { id: 'a' }, answer: { text: 'one' } });
    t.send({ type: 'ANSWER', questionId: 'a', value: { text: 'two' } });
    await t.settle();
    expect(t.calls.lookup).toHaveLength(2);
    t.send({ type: 'ANSWER', questionId: 'b', value: { text: 'b' } });
    t.send({ type: 'ANSWER', questionId: 'c', value: { text: 'c' } });
    t.send({ type: 'BACK' });
    expect(t.screenAs('question')).toMatchObject({ stepId: 'second', question: { id: 'c' } });
  });
});
