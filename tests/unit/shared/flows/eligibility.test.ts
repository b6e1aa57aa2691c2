import { describe, expect, it, vi } from 'vitest';
import type { Step } from '../../../../shared/catalog/catalog-schema';
import type { EligibilityRule } from '../../../../shared/steps/eligibility/eligibility.step';
import { identityFromCard } from '../../../../shared/steps/identify/identify.part';
import { begin, CARD, CHECK, documentIdentity, IDENTIFY, RATING, service, SLIP, startFlow, SUBMIT, useFlowClock } from './flow-harness';

useFlowClock();

const LICENCE: Step = { kind: 'lookup', id: 'licence', lookup: 'licence', params: { idNumber: 'identity.idNumber' } };
const rule = (fact: string, op: EligibilityRule['op'], value: EligibilityRule['value'], id = 'theRule'): EligibilityRule => ({ id, fact, op, value });
const eligibility = (...rules: EligibilityRule[]): Step => ({ kind: 'eligibility', id: 'rules', rules });

async function decide(rules: EligibilityRule[], before: Step[] = []) {
  const t = startFlow([service('svc', [IDENTIFY, ...before, eligibility(...rules), CHECK, SUBMIT, SLIP, RATING])]);
  await begin(t, 'svc');
  return t;
}

describe('eligibility: the operators', () => {
  // The card holder is 46 on 2026-06-01 (born 1980-03-15).
  it.each([
    ['eq', 46, true],
    ['eq', 45, false],
    ['ne', 45, true],
    ['ne', 46, false],
    ['lt', 47, true],
    ['lt', 46, false],
    ['lte', 46, true],
    ['lte', 45, false],
    ['gt', 45, true],
    ['gt', 46, false],
    ['gte', 46, true],
    ['gte', 47, false],
    ['in', [16, 46, 60], true],
    ['in', [16, 60], false],
    ['notIn', [16, 60], true],
    ['notIn', [46], false],
  ] as [EligibilityRule['op'], EligibilityRule['value'], boolean][])('identity.age %s %j: %s', async (op, value, passes) => {
    const t = await decide([rule('identity.age', op, value)]);
    expect(t.screen().name).toBe(passes ? 'check' : 'refused');
  });

  it('compares numbers only with numbers', async () => {
    const t = await decide([rule('identity.age', 'gt', '1')]);
    expect(t.screen().name).toBe('refused');
  });
});

describe('eligibility: identity facts, on a fixed day', () => {
  it('identity.age counts whole years, the birthday itself included', async () => {
    vi.setSystemTime(new Date('2026-03-14T12:00:00'));
    expect((await decide([rule('identity.age', 'eq', 45)])).screen().name).toBe('check');
    vi.setSystemTime(new Date('2026-03-15T12:00:00'));
    expect((await decide([rule('identity.age', 'eq', 46)])).screen().name).toBe('check');
  });

  it.each([
    ['2035-03-01', false],
    ['permanent', false],
    ['2026-06-01', false],
    ['2026-05-31', true],
  ] as const)('identity.documentExpired for a card valid to %s is %s', async (validTo, expired) => {
    const t = startFlow([service('svc', [{ kind: 'identify', id: 'identify', methods: ['idCard'], acceptExpired: true }, eligibility(rule('identity.documentExpired', 'eq', expired)), CHECK, SUBMIT, SLIP, RATING])]);
    t.fakes.readCard = async () => identityFromCard({ ...CARD, validTo });
    await begin(t, 'svc');
    expect(t.screen().name).toBe('check');
  });

  it('identity.daysToExpiry counts days to the end of validity; a permanent card is never near it', async () => {
    const card = startFlow([service('svc', [IDENTIFY, eligibility(rule('identity.daysToExpiry', 'eq', 30)), CHECK, SUBMIT, SLIP, RATING])]);
    card.fakes.readCard = async () => identityFromCard({ ...CARD, validTo: '2026-07-01' });
    await begin(card, 'svc');
    expect(card.screen().name).toBe('check');

    const permanent = startFlow([service('svc', [IDENTIFY, eligibility(rule('identity.daysToExpiry', 'gt', 90)), CHECK, SUBMIT, SLIP, RATING])]);
    permanent.fakes.readCard = async () => identityFromCard({ ...CARD, validTo: 'permanent' });
    await begin(permanent, 'svc');
    expect(permanent.screen().name).toBe('check');
  });

  it('identity.hasIdNumber: true for the card, false for a passport', async () => {
    expect((await decide([rule('identity.hasIdNumber', 'eq', true)])).screen().name).toBe('check');
    const t = startFlow([service('svc', [{ kind: 'identify', id: 'identify', methods: ['passport'] }, eligibility(rule('identity.hasIdNumber', 'eq', true)), CHECK, SUBMIT, SLIP, RATING])]);
    t.fakes.readDocument = async () => documentIdentity('P');
    await begin(t, 'svc');
    expect(t.screen()).toEqual({ name: 'refused', stepId: 'rules', ruleId: 'theRule' });
  });

  it('a plain identity path is a fact as well', async () => {
    expect((await decide([rule('identity.card.ethnicity', 'eq', '01')])).screen().name).toBe('check');
    expect((await decide([rule('identity.sex', 'eq', 'F')])).screen().name).toBe('refused');
  });
});

describe('eligibility: lookup and answer facts', () => {
  it.each([
    [rule('lookups.licence.renewable', 'eq', true), 'check'],
    [rule('lookups.licence.status', 'in', ['valid', 'expired']), 'check'],
    [rule('lookups.licence.points', 'lt', 12), 'check'],
    [rule('lookups.licence.status', 'eq', 'suspended'), 'refused'],
    // A fact the session does not have never holds.
    [rule('lookups.licence.nothing', 'ne', 'x'), 'refused'],
    [rule('lookups.other.status', 'ne', 'x'), 'refused'],
  ] as const)('%j -> %s', async (r, screen) => {
    const t = await decide([r], [LICENCE]);
    expect(t.calls.lookup).toEqual([{ kind: 'licence', params: { idNumber: CARD.idNumber }, sessionId: 's1' }]);
    expect(t.screen().name).toBe(screen);
  });

  it('an answer given earlier is a fact', async () => {
    const asks: Step = { kind: 'questions', id: 'ask', questions: [{ id: 'purpose', kind: 'choice', options: [{ id: 'job' }, { id: 'visa' }] }] };
    const t = await decide([rule('answers.purpose', 'eq', 'job')], [asks]);
    t.send({ type: 'ANSWER', questionId: 'purpose', value: { choice: 'visa' } });
    expect(t.screen().name).toBe('refused');
    t.send({ type: 'BACK' });
    expect(t.screenAs('question').question.id).toBe('purpose');
    t.send({ type: 'ANSWER', questionId: 'purpose', value: { choice: 'job' } });
    expect(t.screen().name).toBe('check');
  });
});

describe('eligibility: the refusal', () => {
  it('names the first rule the resident does not meet', async () => {
    const t = await decide([rule('identity.age', 'gte', 18, 'adult'), rule('identity.age', 'lt', 40, 'young'), rule('identity.age', 'lt', 30, 'younger')]);
    expect(t.view()).toMatchObject({ screen: { name: 'refused', stepId: 'rules', ruleId: 'young' }, progress: { index: 1 } });
  });

  it('a rule with a condition is checked only when the condition holds', async () => {
    const asks: Step = { kind: 'questions', id: 'ask', questions: [{ id: 'visitType', kind: 'choice', options: [{ id: 'individual' }, { id: 'group' }] }] };
    const only = (): EligibilityRule => ({ ...rule('identity.age', 'lt', 18, 'minorsOnly'), when: { question: 'visitType', is: ['individual'] } });
    const group = await decide([only()], [asks]);
    group.send({ type: 'ANSWER', questionId: 'visitType', value: { choice: 'group' } });
    expect(group.screen().name).toBe('check');
    const individual = await decide([only()], [asks]);
    individual.send({ type: 'ANSWER', questionId: 'visitType', value: { choice: 'individual' } });
    expect(individual.screen()).toEqual({ name: 'refused', stepId: 'rules', ruleId: 'minorsOnly' });
  });

  it('lookups.<step>.pickableCount counts the items the resident could pick', async () => {
    const fines: Step = { kind: 'lookup', id: 'fines', lookup: 'fines', params: { plate: 'identity.name', idNumber: 'identity.idNumber' } };
    expect((await decide([rule('lookups.fines.pickableCount', 'eq', 2)], [fines])).screen().name).toBe('check');
  });

  it('FINISH ends the session', async () => {
    const t = await decide([rule('identity.age', 'lt', 18)]);
    t.send({ type: 'FINISH' });
    expect(t.done()).toBe(true);
  });

  it('BACK goes back past the steps that only do work, to the start page', async () => {
    const t = await decide([rule('identity.age', 'lt', 18)], [LICENCE]);
    t.send({ type: 'BACK' });
    expect(t.screen()).toEqual({ name: 'start', serviceId: 'svc' });
  });

  it('is passed over going back from a later step', async () => {
    const asks: Step = { kind: 'questions', id: 'ask', questions: [{ id: 'phone', kind: 'phone' }] };
    const t = startFlow([service('svc', [IDENTIFY, asks, eligibility(rule('identity.age', 'gte', 18)), CHECK, SUBMIT, SLIP, RATING])]);
    await begin(t, 'svc');
    t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '13900000000' } });
    expect(t.screen().name).toBe('check');
    t.send({ type: 'BACK' });
    expect(t.screenAs('question').question.id).toBe('phone');
  });
});
