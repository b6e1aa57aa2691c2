import { describe, expect, it } from 'vitest';
import type { Step } from '../../../../shared/catalog/catalog-schema';
import { StepError } from '../../../../shared/steps/step-error';
import { begin, CHECK, IDENTIFY, RATING, REFERENCE, service, startFlow, SUBMIT, useFlowClock, type Flow } from './flow-harness';

useFlowClock();

const SLIP: Step = { kind: 'print', id: 'slip', output: 'slip', answers: ['phone'], bring: ['idCard'] };
const A4: Step = { kind: 'print', id: 'certificate', output: 'a4', document: 'householdCertificate' };
const PERMIT: Step = { kind: 'print', id: 'endorsement', output: 'permitEndorsement' };
const PHONE: Step = { kind: 'questions', id: 'details', questions: [{ id: 'phone', kind: 'phone' }] };
const CATALOG = [
  service('slipOnly', [IDENTIFY, PHONE, CHECK, SUBMIT, SLIP, RATING]),
  service('documents', [IDENTIFY, PHONE, CHECK, SUBMIT, A4, PERMIT, SLIP, RATING]),
  service('noRating', [IDENTIFY, PHONE, CHECK, SUBMIT, SLIP]),
];

async function submit(t: Flow, id: string) {
  await begin(t, id);
  t.send({ type: 'ANSWER', questionId: 'phone', value: { text: '13900000000' } });
  t.send({ type: 'SUBMIT' });
  await t.settle();
}

const session = (t: Flow) => t.actor.getSnapshot().context.session;
const notReady = () => new StepError('notReady', 'out of card stock');

describe('print: the slip', () => {
  it('prints after the commit, with what the session gathered; the confirmation says so; FINISH moves on', async () => {
    const t = startFlow(CATALOG);
    const printing = t.hold('print');
    await submit(t, 'slipOnly');
    expect(t.screen()).toEqual({ name: 'confirmation', stepId: 'slip', reference: REFERENCE, status: 'printing', paidFen: null, review: false, bring: ['idCard'], others: [] });
    expect(t.calls.print).toEqual([{ step: SLIP, serviceId: 'slipOnly', lang: 'zh-CN', session: session(t) }]);
    expect(t.calls.print[0]?.session.reference).toBe(REFERENCE);
    printing[0]?.resolve({ documentNumber: null });
    await t.settle();
    expect(t.screenAs('confirmation').status).toBe('printed');
    expect(session(t).printed).toEqual({ slip: 'printed' });
    expect(session(t).documents).toEqual({});
    t.send({ type: 'FINISH' });
    expect(t.screen().name).toBe('rating');
  });

  it.each([
    ['a printer fault', () => new StepError('failed', 'paper out')],
    ['a slip printer that is not ready (a slip is never printed later)', notReady],
    ['any other error', () => new Error('EIO')],
  ])('%s -> failed, the reference still shown; RETRY prints again', async (_label, error) => {
    const t = startFlow(CATALOG);
    t.fakes.print = async () => {
      throw error();
    };
    await submit(t, 'slipOnly');
    expect(t.view()).toMatchObject({ submitted: true, screen: { name: 'confirmation', status: 'failed', reference: REFERENCE } });
    expect(session(t).printed).toEqual({ slip: 'failed' });
    t.fakes.print = async () => ({ documentNumber: null });
    t.send({ type: 'RETRY' });
    await t.settle();
    expect(t.screenAs('confirmation').status).toBe('printed');
    expect(t.calls.print).toHaveLength(2);
    expect(t.calls.enqueue).toHaveLength(1);
  });

  it('FINISH after a failed slip moves on as well', async () => {
    const t = startFlow(CATALOG);
    t.fakes.print = async () => {
      throw new Error('jam');
    };
    await submit(t, 'noRating');
    t.send({ type: 'FINISH' });
    expect(t.done()).toBe(true);
  });
});

describe('print: documents and endorsements', () => {
  it('an A4 document prints and the flow moves on by itself, keeping its document number', async () => {
    const t = startFlow(CATALOG);
    const printing = t.hold('print');
    await submit(t, 'documents');
    expect(t.view()).toMatchObject({ screen: { name: 'printing', stepId: 'certificate', output: 'a4', document: 'householdCertificate', reference: REFERENCE, status: 'printing' } });
    printing[0]?.resolve({ documentNumber: 'HC-0001' });
    await t.settle();
    expect(t.screen()).toEqual({ name: 'printing', stepId: 'endorsement', output: 'permitEndorsement', document: null, reference: REFERENCE, status: 'printing' });
    printing[1]?.resolve({ documentNumber: 'EN-0001' });
    await t.settle();
    expect(session(t).documents).toEqual({ certificate: 'HC-0001', endorsement: 'EN-0001' });
    printing[2]?.resolve({ documentNumber: null });
    await t.settle();
    expect(t.screenAs('confirmation').others).toEqual([
      { output: 'a4', status: 'printed' },
      { output: 'permitEndorsement', status: 'printed' },
    ]);
  });

  it.each([
    ['certificate', 'a4'],
    ['endorsement', 'permitEndorsement'],
  ] as const)('%s: a device that is not ready means "print later": recorded, shown, and CONTINUE moves on', async (stepId, output) => {
    const t = startFlow(CATALOG);
    t.fakes.print = async ({ step }) => {
      if (step.id === stepId) throw notReady();
      return { documentNumber: null };
    };
    await submit(t, 'documents');
    expect(t.screen()).toMatchObject({ name: 'printing', stepId, output, status: 'later' });
    expect(session(t).printed[stepId]).toBe('later');
    t.send({ type: 'CONTINUE' });
    await t.settle();
    const others = t.screenAs('confirmation').others;
    expect(others).toContainEqual({ output, status: 'later' });
    expect(session(t).documents[stepId]).toBeUndefined();
  });

  it('any other failure -> failed; RETRY prints again; CONTINUE or FINISH moves on without it', async () => {
    const t = startFlow(CATALOG);
    t.fakes.print = async ({ step }) => {
      if (step.output !== 'slip') throw new StepError('failed', 'ribbon');
      return { documentNumber: null };
    };
    await submit(t, 'documents');
    expect(t.screen()).toMatchObject({ name: 'printing', stepId: 'certificate', status: 'failed' });
    t.send({ type: 'RETRY' });
    expect(t.screen()).toMatchObject({ stepId: 'certificate', status: 'printing' });
    await t.settle();
    expect(t.calls.print.map((p) => p.step.id)).toEqual(['certificate', 'certificate']);
    t.send({ type: 'CONTINUE' });
    await t.settle();
    expect(t.screen()).toMatchObject({ stepId: 'endorsement', status: 'failed' });
    t.send({ type: 'FINISH' });
    await t.settle();
    expect(t.screenAs('confirmation').others).toEqual([
      { output: 'a4', status: 'failed' },
      { output: 'permitEndorsement', status: 'failed' },
    ]);
  });
});

describe('rating', () => {
  async function toRating(t: Flow) {
    await submit(t, 'slipOnly');
    t.send({ type: 'FINISH' });
    expect(t.screen()).toEqual({ name: 'rating', stepId: 'rating' });
  }

  it('RATE saves the level and the reason, with the service and nothing of the resident, then ends', async () => {
    const t = startFlow(CATALOG);
    const saving = t.hold('saveRating');
    await toRating(t);
    t.send({ type: 'RATE', level: 4, reason: 'fast' });
    expect(t.calls.saveRating).toEqual([{ serviceId: 'slipOnly', level: 4, reason: 'fast' }]);
    expect(t.done()).toBe(false);
    saving[0]?.resolve();
    await t.settle();
    expect(t.done()).toBe(true);
  });

  it('RATE without a reason saves a null reason', async () => {
    const t = startFlow(CATALOG);
    await toRating(t);
    t.send({ type: 'RATE', level: 2 });
    await t.settle();
    expect(t.calls.saveRating).toEqual([{ serviceId: 'slipOnly', level: 2, reason: null }]);
    expect(t.done()).toBe(true);
  });

  it.each(['SKIP', 'FINISH'] as const)('%s ends without saving', async (type) => {
    const t = startFlow(CATALOG);
    await toRating(t);
    t.send({ type });
    expect(t.calls.saveRating).toEqual([]);
    expect(t.done()).toBe(true);
  });

  it('a rating that cannot be saved still ends the session', async () => {
    const t = startFlow(CATALOG);
    t.fakes.saveRating = async () => {
      throw new Error('disk full');
    };
    await toRating(t);
    t.send({ type: 'RATE', level: 5 });
    await t.settle();
    expect(t.done()).toBe(true);
  });
});
