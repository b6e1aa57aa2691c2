import { describe, expect, it } from 'vitest';
import type { Step } from '../../../../shared/catalog/catalog-schema';
import { LOOKUP_FAILURES } from '../../../../shared/steps/lookup/lookup-kinds';
import { StepError } from '../../../../shared/steps/step-error';
import { begin, CARD, CHECK, IDENTIFY, LOOKUP_DATA, RATING, service, SLIP, startFlow, SUBMIT, useFlowClock, type Flow } from './flow-harness';

useFlowClock();

const ASK_PLATE: Step = { kind: 'questions', id: 'vehicle', questions: [{ id: 'plate', kind: 'plate' }] };
const FINES: Step = { kind: 'lookup', id: 'fines', lookup: 'fines', params: { plate: 'answers.plate', idNumber: 'identity.idNumber' } };
const CATALOG = [
  service('fines', [IDENTIFY, ASK_PLATE, FINES, CHECK, SUBMIT, SLIP, RATING]),
  service('household', [IDENTIFY, { kind: 'lookup', id: 'register', lookup: 'household', params: { idNumber: 'identity.idNumber' } }, CHECK, SUBMIT, SLIP, RATING]),
  service('status', [IDENTIFY, { kind: 'lookup', id: 'register', lookup: 'household', params: { idNumber: 'identity.idNumber' }, show: true }, CHECK, SUBMIT, SLIP, RATING]),
  service('chained', [
    IDENTIFY,
    ASK_PLATE,
    FINES,
    { kind: 'lookup', id: 'car', lookup: 'vehicle', params: { plate: 'lookups.fines.plate', idNumber: 'identity.document.number' } },
    CHECK,
    SUBMIT,
    SLIP,
    RATING,
  ]),
];

async function toFines(t: Flow) {
  await begin(t, 'fines');
  t.send({ type: 'ANSWER', questionId: 'plate', value: { text: '京a 12345' } });
}

const lookups = (t: Flow) => t.actor.getSnapshot().context.session.lookups;

describe('lookup: asking the platform', () => {
  it('asks with parameters from the session, shows that it is looking, and stores the answer under the step id', async () => {
    const t = startFlow(CATALOG);
    const held = t.hold('lookup');
    await toFines(t);
    expect(t.view()).toMatchObject({ screen: { name: 'lookingUp', stepId: 'fines', lookup: 'fines' }, progress: { index: 2 } });
    expect(t.calls.lookup).toEqual([{ kind: 'fines', params: { plate: '京A12345', idNumber: CARD.idNumber }, sessionId: 's1' }]);
    held[0]?.resolve(LOOKUP_DATA.fines!);
    await t.settle();
    expect(lookups(t)).toEqual({ fines: LOOKUP_DATA.fines });
    expect(t.screen().name).toBe('check');
  });

  it('takes a parameter from an earlier lookup', async () => {
    const t = startFlow(CATALOG);
    t.fakes.lookup = async ({ kind }) =>
      kind === 'fines'
        ? LOOKUP_DATA.fines!
        : { kind: 'vehicle', data: { plate: '京A12345', vehicleType: 'K33', registeredOn: '2022-01-01', inspectionDue: '2028-01-01', ownerMatches: true, exemptEligible: true, refusal: null } };
    await begin(t, 'chained');
    t.send({ type: 'ANSWER', questionId: 'plate', value: { text: '京A12345' } });
    await t.settle();
    expect(t.calls.lookup[1]).toEqual({ kind: 'vehicle', params: { plate: '京A12345', idNumber: CARD.idNumber }, sessionId: 's1' });
    expect(Object.keys(lookups(t))).toEqual(['fines', 'car']);
    expect(t.screen().name).toBe('check');
  });

  it('leaves out a parameter the session does not have (the platform then says notFound)', async () => {
    const t = startFlow([service('odd', [IDENTIFY, { kind: 'lookup', id: 'register', lookup: 'household', params: { idNumber: 'identity.phoneMasked' } }, CHECK, SUBMIT, SLIP, RATING])]);
    await begin(t, 'odd');
    expect(t.calls.lookup[0]?.params).toEqual({});
  });
});

describe('lookup: when the platform gives nothing to go on', () => {
  it.each(LOOKUP_FAILURES)('a StepError %s -> lookupFailed with that failure', async (failure) => {
    const t = startFlow(CATALOG);
    t.fakes.lookup = async () => {
      throw new StepError(failure, 'no');
    };
    await begin(t, 'household');
    expect(t.screen()).toEqual({ name: 'lookupFailed', stepId: 'register', lookup: 'household', failure });
    expect(lookups(t)).toEqual({});
  });

  it.each([
    ['a plain error', new Error('ECONNRESET')],
    ['a StepError with a code lookups do not have', new StepError('paperOut', 'x')],
  ])('%s -> unavailable', async (_label, error) => {
    const t = startFlow(CATALOG);
    t.fakes.lookup = async () => {
      throw error;
    };
    await begin(t, 'household');
    expect(t.screen()).toMatchObject({ name: 'lookupFailed', failure: 'unavailable' });
  });

  it('an answer of another kind than asked is refused: not stored, and the resident is told', async () => {
    const t = startFlow(CATALOG);
    t.fakes.lookup = async () => LOOKUP_DATA.licence!;
    await begin(t, 'household');
    expect(lookups(t)).toEqual({});
    expect(t.screen()).toMatchObject({ name: 'lookupFailed', stepId: 'register', failure: 'unavailable' });
  });

  it('RETRY asks again, and an answer then moves on', async () => {
    const t = startFlow(CATALOG);
    t.fakes.lookup = async () => {
      throw new StepError('offline', 'no network');
    };
    await begin(t, 'household');
    const held = t.hold('lookup');
    t.send({ type: 'RETRY' });
    expect(t.screen()).toEqual({ name: 'lookingUp', stepId: 'register', lookup: 'household' });
    expect(t.calls.lookup).toHaveLength(2);
    held[0]?.resolve(LOOKUP_DATA.household!);
    await t.settle();
    expect(t.screen().name).toBe('check');
  });

  it('FINISH ends the session', async () => {
    const t = startFlow(CATALOG);
    t.fakes.lookup = async () => {
      throw new StepError('notFound', 'x');
    };
    await begin(t, 'household');
    t.send({ type: 'FINISH' });
    expect(t.done()).toBe(true);
  });

  it('BACK, from the failure or while asking, goes to the question before it, and stops the request', async () => {
    const t = startFlow(CATALOG);
    t.fakes.lookup = async () => {
      throw new StepError('notFound', 'x');
    };
    await toFines(t);
    await t.settle();
    expect(t.screen()).toMatchObject({ name: 'lookupFailed' });
    t.send({ type: 'BACK' });
    expect(t.screenAs('question')).toMatchObject({ question: { id: 'plate' }, answer: { text: '京A12345' } });
    t.hold('lookup');
    t.send({ type: 'ANSWER', questionId: 'plate', value: { text: '京A54321' } });
    expect(t.screen().name).toBe('lookingUp');
    t.send({ type: 'BACK' });
    expect(t.screenAs('question').question.id).toBe('plate');
    expect(t.aborted.lookup).toBe(1);
  });

  it('is passed over going back from a later step', async () => {
    const t = startFlow(CATALOG);
    await begin(t, 'household');
    expect(t.screen().name).toBe('check');
    t.send({ type: 'BACK' });
    expect(t.screen()).toEqual({ name: 'start', serviceId: 'household' });
  });
});

describe('lookup: a step that shows what the platform said', () => {
  it('shows the data, then CONTINUE (or FINISH) moves on and BACK goes back', async () => {
    const t = startFlow(CATALOG);
    await begin(t, 'status');
    expect(t.screen()).toEqual({ name: 'lookupShown', stepId: 'register', found: LOOKUP_DATA.household });
    expect(lookups(t)).toEqual({ register: LOOKUP_DATA.household });
    t.send({ type: 'CONTINUE' });
    expect(t.screen().name).toBe('check');

    const u = startFlow(CATALOG);
    await begin(u, 'status');
    u.send({ type: 'FINISH' });
    expect(u.screen().name).toBe('check');

    const v = startFlow(CATALOG);
    await begin(v, 'status');
    v.send({ type: 'BACK' });
    expect(v.screen()).toEqual({ name: 'start', serviceId: 'status' });
  });
});
