import { describe, expect, it } from 'vitest';
import { generateReference } from '../../../../shared/domain/reference';
import type { SubmissionStatus } from '../../../../shared/flows/check-submission.view';
import { StepError } from '../../../../shared/steps/step-error';
import { startFlow, useFlowClock, type Flow } from './flow-harness';

useFlowClock();

const KNOWN = generateReference('K01', (n) => Uint8Array.from({ length: n }, (_, i) => i * 5));
const OTHER = generateReference('K02', (n) => new Uint8Array(n));
const FOUND: SubmissionStatus = { found: true, serviceId: 'noCriminalRecord', state: 'sent', certificateReady: false, submittedAt: 1, toPrint: [], review: null };
const TO_PRINT: SubmissionStatus = { ...FOUND, toPrint: ['permitEndorsement'] };

function checking(status: SubmissionStatus = FOUND) {
  const t = startFlow();
  t.fakes.lookupStatus = async ({ reference }) => (reference === KNOWN ? status : { found: false });
  return t;
}

async function toResult(t: Flow) {
  t.send({ type: 'LOOKUP' });
  t.send({ type: 'LOOKUP_SUBMIT', reference: KNOWN });
  await t.settle();
  expect(t.screen().name).toBe('lookupResult');
}

const typo = KNOWN.slice(0, -1) + (KNOWN.endsWith('0') ? '1' : '0');

describe('check a submission: the reference', () => {
  it('opens from the welcome screen with an empty form', () => {
    const t = checking();
    t.send({ type: 'LOOKUP' });
    expect(t.view()).toMatchObject({ serviceId: null, progress: null, screen: { name: 'lookup', error: null, reference: null, checking: false } });
  });

  it.each([
    ['', 'empty'],
    ['JN-K01A', 'length'],
    ['JN-K01A-7QX!-3', 'charset'],
    ['XY-K01A-7QXZ-3', 'prefix'],
    [typo, 'checksum'],
  ])('a typed %j is caught as %s, and nothing is looked up', async (reference, error) => {
    const t = checking();
    t.send({ type: 'LOOKUP' });
    t.send({ type: 'LOOKUP_SUBMIT', reference });
    await t.settle();
    expect(t.screen()).toEqual({ name: 'lookup', error, reference: null, checking: false });
    expect(t.calls.lookupStatus).toEqual([]);
  });

  it('looks up a well-formed reference, forgiving case and spacing, and shows what the kiosk knows', async () => {
    const t = checking();
    const held = t.hold('lookupStatus');
    t.send({ type: 'LOOKUP' });
    t.send({ type: 'LOOKUP_SUBMIT', reference: ` ${KNOWN.toLowerCase().replace(/-/g, ' ')} ` });
    expect(t.screen()).toEqual({ name: 'lookup', error: null, reference: KNOWN, checking: true });
    expect(t.calls.lookupStatus).toEqual([{ reference: KNOWN, sessionId: 's1' }]);
    held[0]?.resolve(FOUND);
    await t.settle();
    expect(t.screen()).toEqual({ name: 'lookupResult', reference: KNOWN, result: FOUND, reprint: 'none' });
  });

  it('an unknown reference, or a lookup that fails, says it was not found', async () => {
    const t = checking();
    t.send({ type: 'LOOKUP' });
    t.send({ type: 'LOOKUP_SUBMIT', reference: OTHER });
    await t.settle();
    expect(t.screen()).toMatchObject({ name: 'lookupResult', reference: OTHER, result: { found: false } });

    const u = checking();
    u.fakes.lookupStatus = async () => {
      throw new Error('db locked');
    };
    await u.settle();
    u.send({ type: 'LOOKUP' });
    u.send({ type: 'LOOKUP_SUBMIT', reference: KNOWN });
    await u.settle();
    expect(u.screen()).toMatchObject({ name: 'lookupResult', result: { found: false } });
  });

  it('"Check another" goes back to an empty form', async () => {
    const t = checking();
    await toResult(t);
    t.send({ type: 'LOOKUP' });
    expect(t.screen()).toEqual({ name: 'lookup', error: null, reference: null, checking: false });
  });
});

describe('check a submission: scanning the slip', () => {
  it('a slip scanned on the welcome screen goes straight to its result', async () => {
    const t = checking();
    t.send({ type: 'SCANNED', text: KNOWN });
    await t.settle();
    expect(t.screen()).toMatchObject({ name: 'lookupResult', reference: KNOWN, result: { found: true } });
  });

  it('a scanned code that is not a reference is ignored on the welcome screen and on the form', async () => {
    const t = checking();
    t.send({ type: 'SCANNED', text: 'https://example.invalid/not-a-slip' });
    expect(t.screen()).toEqual({ name: 'welcome' });
    t.send({ type: 'LOOKUP' });
    t.send({ type: 'SCANNED', text: typo });
    expect(t.screen()).toEqual({ name: 'lookup', error: null, reference: null, checking: false });
    expect(t.calls.lookupStatus).toEqual([]);
  });

  it('a slip scanned on the form or on a result is checked', async () => {
    const t = checking();
    t.send({ type: 'LOOKUP' });
    t.send({ type: 'SCANNED', text: OTHER });
    await t.settle();
    expect(t.screen()).toMatchObject({ name: 'lookupResult', reference: OTHER });
    t.send({ type: 'SCANNED', text: KNOWN });
    await t.settle();
    expect(t.screen()).toMatchObject({ name: 'lookupResult', reference: KNOWN, result: { found: true } });
  });
});

describe('check a submission: reprint', () => {
  it('is offered only when something is waiting to be printed', async () => {
    const t = checking(FOUND);
    await toResult(t);
    t.send({ type: 'REPRINT' });
    await t.settle();
    expect(t.calls.reprint).toEqual([]);
    expect(t.screen()).toMatchObject({ name: 'lookupResult', reprint: 'none' });

    const u = checking({ found: false });
    await toResult(u);
    u.send({ type: 'REPRINT' });
    expect(u.calls.reprint).toEqual([]);
  });

  it('prints what is waiting, says it printed, and asks again what is left', async () => {
    const t = checking(TO_PRINT);
    const printing = t.hold('reprint');
    await toResult(t);
    t.send({ type: 'REPRINT' });
    expect(t.screen()).toMatchObject({ name: 'lookupResult', reprint: 'printing' });
    expect(t.calls.reprint).toEqual([{ reference: KNOWN }]);
    const rechecking = t.hold('lookupStatus');
    printing[0]?.resolve();
    await t.settle();
    expect(t.calls.lookupStatus).toHaveLength(2);
    // While it asks again, the result stays on screen.
    expect(t.screen()).toEqual({ name: 'lookupResult', reference: KNOWN, result: TO_PRINT, reprint: 'printed' });
    rechecking[0]?.resolve(FOUND);
    await t.settle();
    expect(t.screen()).toEqual({ name: 'lookupResult', reference: KNOWN, result: FOUND, reprint: 'printed' });
  });

  it.each([
    [new StepError('notReady', 'no card stock'), 'notReady'],
    [new StepError('failed', 'jam'), 'failed'],
    [new Error('anything'), 'failed'],
  ] as const)('a reprint failing with %s -> %s, still on the result', async (error, reprint) => {
    const t = checking(TO_PRINT);
    t.fakes.reprint = async () => {
      throw error;
    };
    await toResult(t);
    t.send({ type: 'REPRINT' });
    await t.settle();
    expect(t.screen()).toEqual({ name: 'lookupResult', reference: KNOWN, result: TO_PRINT, reprint });
    expect(t.calls.lookupStatus).toHaveLength(1);
  });

  it('a new lookup after a reprint starts with no reprint shown', async () => {
    const t = checking(TO_PRINT);
    await toResult(t);
    t.send({ type: 'REPRINT' });
    await t.settle();
    t.send({ type: 'SCANNED', text: OTHER });
    await t.settle();
    expect(t.screen()).toMatchObject({ name: 'lookupResult', reference: OTHER, reprint: 'none' });
  });
});

describe('check a submission: leaving', () => {
  it.each(['BACK', 'FINISH'] as const)('%s on the form ends the session', (type) => {
    const t = checking();
    t.send({ type: 'LOOKUP' });
    t.send({ type });
    expect(t.done()).toBe(true);
  });

  it.each(['BACK', 'FINISH'] as const)('%s on a result ends the session', async (type) => {
    const t = checking();
    await toResult(t);
    t.send({ type });
    expect(t.done()).toBe(true);
  });
});
