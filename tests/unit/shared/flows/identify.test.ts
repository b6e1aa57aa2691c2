import { describe, expect, it } from 'vitest';
import type { Step } from '../../../../shared/catalog/catalog-schema';
import { CardReadError } from '../../../../shared/hardware/id-card-reader';
import { identityFromCard } from '../../../../shared/steps/identify/identify.part';
import { StepError } from '../../../../shared/steps/step-error';
import { begin, CARD, CHECK, documentIdentity, IDENTIFY, RATING, service, SLIP, startFlow, SUBMIT, useFlowClock, type Flow } from './flow-harness';

useFlowClock();

const ALL_METHODS: Step = { kind: 'identify', id: 'identify', methods: ['idCard', 'hkMacaoPermit', 'taiwanPermit', 'passport', 'idNumberOtp'] };
const CATALOG = [
  service('single', [IDENTIFY, CHECK, SUBMIT, SLIP, RATING]),
  service('renewal', [{ kind: 'identify', id: 'identify', methods: ['idCard'], acceptExpired: true }, CHECK, SUBMIT, SLIP, RATING]),
  service('multi', [ALL_METHODS, CHECK, SUBMIT, SLIP, RATING]),
];

const identity = (t: Flow) => t.actor.getSnapshot().context.session.identity;

describe('identify: the ID card', () => {
  it('puts the holder of the card in the session and moves on', async () => {
    const t = startFlow(CATALOG);
    await begin(t, 'single');
    expect(identity(t)).toEqual(identityFromCard(CARD));
    expect(t.screenAs('check').applicant).toMatchObject({ name: CARD.name, method: 'idCard' });
  });

  it('shows the card screen while the card is read, and stops the read when the resident leaves', async () => {
    const t = startFlow(CATALOG);
    t.hold('readCard');
    await begin(t, 'single');
    expect(t.screen()).toEqual({ name: 'identify', phase: 'present', methods: ['idCard'], method: 'idCard', error: null, inputError: null, phoneMasked: null, busy: false, codesLeft: 3 });
    t.send({ type: 'BACK' });
    expect(t.screen()).toEqual({ name: 'start', serviceId: 'single' });
    expect(t.aborted.readCard).toBe(1);
  });

  it.each([
    ['an expired card', { ...CARD, validTo: '2026-05-31' }, 'expired'],
    ['an invalid ID number', { ...CARD, idNumber: '110105198003150013' }, 'invalidNumber'],
    ['a birth date that is not a date', { ...CARD, birthDate: '1980-13' }, 'unreadable'],
  ] as const)('refuses %s with its error, keeps nothing, and RETRY reads again', async (_label, card, error) => {
    const t = startFlow(CATALOG);
    t.fakes.readCard = async () => identityFromCard(card);
    await begin(t, 'single');
    expect(t.screen()).toMatchObject({ name: 'identify', phase: 'failed', error });
    expect(identity(t)).toBeNull();
    t.fakes.readCard = async () => identityFromCard(CARD);
    t.send({ type: 'RETRY' });
    await t.settle();
    expect(t.calls.readCard).toHaveLength(2);
    expect(t.screen().name).toBe('check');
  });

  it('accepts a card valid until today and a permanent card', async () => {
    for (const validTo of ['2026-06-01', 'permanent']) {
      const t = startFlow(CATALOG);
      t.fakes.readCard = async () => identityFromCard({ ...CARD, validTo });
      await begin(t, 'single');
      expect(t.screen().name).toBe('check');
    }
  });

  it('takes an expired card when the step accepts expired ones (a renewal), but never an invalid number', async () => {
    const t = startFlow(CATALOG);
    t.fakes.readCard = async () => identityFromCard({ ...CARD, validTo: '2020-01-01' });
    await begin(t, 'renewal');
    expect(t.screen().name).toBe('check');
    expect(identity(t)?.document.validTo).toBe('2020-01-01');

    const u = startFlow(CATALOG);
    u.fakes.readCard = async () => identityFromCard({ ...CARD, validTo: '2020-01-01', idNumber: '110105198003150013' });
    await begin(u, 'renewal');
    expect(u.screen()).toMatchObject({ phase: 'failed', error: 'invalidNumber' });
  });

  it.each([
    [new CardReadError('card pulled away'), 'unreadable'],
    [new CardReadError('no reader', 'readerUnavailable'), 'readerUnavailable'],
    [new Error('anything else'), 'unreadable'],
  ] as const)('a reader error %s -> %s, and RETRY reads again', async (failure, error) => {
    const t = startFlow(CATALOG);
    t.fakes.readCard = async () => {
      throw failure;
    };
    await begin(t, 'single');
    expect(t.screen()).toMatchObject({ name: 'identify', phase: 'failed', error, method: 'idCard' });
    t.fakes.readCard = async () => identityFromCard(CARD);
    t.send({ type: 'RETRY' });
    expect(t.screen()).toMatchObject({ phase: 'present', error: null });
    await t.settle();
    expect(t.screen().name).toBe('check');
  });

  it('Back from a failed read with one method goes to the start page', async () => {
    const t = startFlow(CATALOG);
    t.fakes.readCard = async () => {
      throw new CardReadError('x');
    };
    await begin(t, 'single');
    t.send({ type: 'BACK' });
    expect(t.screen()).toEqual({ name: 'start', serviceId: 'single' });
  });
});

describe('identify: several methods', () => {
  it('asks how the resident proves who they are; a method not offered is ignored', async () => {
    const t = startFlow([service('two', [{ kind: 'identify', id: 'identify', methods: ['idCard', 'passport'] }, CHECK, SUBMIT, SLIP, RATING])]);
    await begin(t, 'two');
    expect(t.screen()).toMatchObject({ name: 'identify', phase: 'choose', methods: ['idCard', 'passport'], method: null });
    t.send({ type: 'IDENTIFY_WITH', method: 'taiwanPermit' });
    expect(t.screen()).toMatchObject({ phase: 'choose', method: null });
    expect(t.calls.readDocument).toEqual([]);
    t.send({ type: 'IDENTIFY_WITH', method: 'idCard' });
    await t.settle();
    expect(t.screen().name).toBe('check');
  });

  it('Back from choosing goes to the start page', async () => {
    const t = startFlow(CATALOG);
    await begin(t, 'multi');
    t.send({ type: 'BACK' });
    expect(t.screen()).toEqual({ name: 'start', serviceId: 'multi' });
  });

  it('Back from the card screen goes to the choice, and stops the read', async () => {
    const t = startFlow(CATALOG);
    t.hold('readCard');
    await begin(t, 'multi');
    t.send({ type: 'IDENTIFY_WITH', method: 'idCard' });
    expect(t.screen()).toMatchObject({ phase: 'present', method: 'idCard' });
    t.send({ type: 'BACK' });
    expect(t.screen()).toMatchObject({ phase: 'choose', method: null, error: null });
    expect(t.aborted.readCard).toBe(1);
  });

  it.each([
    ['hkMacaoPermit', 'CS'],
    ['taiwanPermit', 'CD'],
    ['passport', 'P'],
  ] as const)('%s is read by the document reader asking for MRZ code %s', async (method, code) => {
    const t = startFlow(CATALOG);
    t.hold('readDocument');
    await begin(t, 'multi');
    t.send({ type: 'IDENTIFY_WITH', method });
    expect(t.screen()).toMatchObject({ name: 'identify', phase: 'present', method, busy: false });
    expect(t.calls.readDocument).toEqual([{ code }]);
    t.fakes.readDocument = async () => documentIdentity(code);
    t.send({ type: 'BACK' });
    expect(t.aborted.readDocument).toBe(1);
    t.send({ type: 'IDENTIFY_WITH', method });
    await t.settle();
    expect(identity(t)).toEqual(documentIdentity(code));
    expect(t.screen().name).toBe('check');
  });

  it.each([
    [new StepError('wrongDocument', 'a passport on the permit reader'), 'wrongDocument'],
    [new StepError('readerUnavailable', 'reader offline'), 'readerUnavailable'],
    [new StepError('unreadable', 'checksum'), 'unreadable'],
    [new StepError('bogus', 'a code the step does not know'), 'unreadable'],
    [new Error('anything else'), 'unreadable'],
  ] as const)('a document read failing with %s -> %s; RETRY reads again; Back goes to the choice', async (failure, error) => {
    const t = startFlow(CATALOG);
    t.fakes.readDocument = async () => {
      throw failure;
    };
    await begin(t, 'multi');
    t.send({ type: 'IDENTIFY_WITH', method: 'passport' });
    await t.settle();
    expect(t.screen()).toMatchObject({ phase: 'failed', error, method: 'passport' });
    t.send({ type: 'RETRY' });
    await t.settle();
    expect(t.calls.readDocument).toEqual([{ code: 'P' }, { code: 'P' }]);
    t.send({ type: 'BACK' });
    expect(t.screen()).toMatchObject({ phase: 'choose', error: null, method: null });
  });

  it('an expired travel document is refused like an expired card', async () => {
    const t = startFlow(CATALOG);
    t.fakes.readDocument = async ({ code }) => documentIdentity(code, { document: { type: code, number: 'X1', validTo: '2026-05-01' } });
    await begin(t, 'multi');
    t.send({ type: 'IDENTIFY_WITH', method: 'hkMacaoPermit' });
    await t.settle();
    expect(t.screen()).toMatchObject({ phase: 'failed', error: 'expired' });
    expect(identity(t)).toBeNull();
  });
});
