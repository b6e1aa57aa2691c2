import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import type { IdentityCard } from '../../../../shared/catalog/types';
import { toFlowView } from '../../../../shared/flows/flow-view';
import {
  checkCard,
  serviceFlowMachine,
  type LookupResult,
  type SlipRequest,
  type SubmissionDraft,
} from '../../../../shared/flows/service-flow.machine';
import { generateReference } from '../../../../shared/domain/reference';

const KNOWN_REFERENCE = generateReference('K01', (n) => Uint8Array.from({ length: n }, (_, i) => i * 5));

const CARD: IdentityCard = {
  name: '测试员',
  sex: 'M',
  ethnicity: '01',
  birthDate: '1980-03-15',
  address: '北京市朝阳区示例路1号',
  idNumber: '110105198003150012',
  authority: '北京市公安局朝阳分局',
  validFrom: '2015-03-01',
  validTo: '2035-03-01',
};

const WARN = 60_000;
const RESET = 30_000;

interface Harness {
  card: { resolve: (c: IdentityCard) => void; reject: (e: Error) => void } | null;
  enqueued: SubmissionDraft[];
  printed: SlipRequest[];
  enqueueFails: boolean;
  printFails: boolean;
  cardReadAborted: number;
  lookedUp: string[];
}

function start() {
  const h: Harness = { card: null, enqueued: [], printed: [], enqueueFails: false, printFails: false, cardReadAborted: 0, lookedUp: [] };
  const machine = serviceFlowMachine.provide({
    actors: {
      readCard: fromPromise<IdentityCard>(
        ({ signal }) =>
          new Promise<IdentityCard>((resolve, reject) => {
            h.card = { resolve, reject };
            signal.addEventListener('abort', () => {
              h.cardReadAborted += 1;
              reject(new Error('aborted'));
            });
          }),
      ),
      enqueue: fromPromise<{ reference: string }, SubmissionDraft>(async ({ input }) => {
        if (h.enqueueFails) throw new Error('disk full');
        h.enqueued.push(input);
        return { reference: `JN-K01A-${String(h.enqueued.length).padStart(4, '0')}-X` };
      }),
      printSlip: fromPromise<void, SlipRequest>(async ({ input }) => {
        if (h.printFails) throw new Error('paper out');
        h.printed.push(input);
      }),
      lookupStatus: fromPromise<LookupResult, { reference: string; sessionId: string }>(async ({ input }) => {
        h.lookedUp.push(input.reference);
        return input.reference === KNOWN_REFERENCE
          ? { found: true, serviceId: 'noCriminalRecord', state: 'sent', certificateReady: false, submittedAt: 1 }
          : { found: false };
      }),
    },
  });
  const actor = createActor(machine, {
    input: { sessionId: 'session-1', defaultLang: 'zh-CN', idleWarnMs: WARN, idleResetMs: RESET },
  });
  actor.start();
  const view = () => toFlowView(actor.getSnapshot());
  return { actor, h, view };
}

async function flush() {
  // Promise actors settle on the microtask queue.
  await vi.advanceTimersByTimeAsync(0);
}

async function toQuestions(t: ReturnType<typeof start>) {
  t.actor.send({ type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
  t.actor.send({ type: 'CONTINUE' });
  t.h.card?.resolve(CARD);
  await flush();
}

async function toCheck(t: ReturnType<typeof start>) {
  await toQuestions(t);
  t.actor.send({ type: 'ANSWER', questionId: 'purpose', value: { choice: 'job' } });
  t.actor.send({ type: 'ANSWER', questionId: 'destination', value: { text: '加拿大' } });
  t.actor.send({ type: 'ANSWER', questionId: 'phone', value: { text: '139 0000 0000' } });
  t.actor.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-06-01T10:00:00'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('service flow: the happy path', () => {
  it('walks welcome -> start -> identify -> four questions -> check -> submit -> confirmation', async () => {
    const t = start();
    expect(t.view().screen).toBe('welcome');
    t.actor.send({ type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
    expect(t.view()).toMatchObject({ screen: 'start', serviceId: 'noCriminalRecord' });
    t.actor.send({ type: 'CONTINUE' });
    expect(t.view().screen).toBe('identify');
    t.h.card?.resolve(CARD);
    await flush();
    expect(t.view()).toMatchObject({
      screen: 'question',
      question: { id: 'purpose', index: 0, total: 4 },
      applicant: { name: '测试员', idNumberMasked: '1101**********0012' },
    });
    t.actor.send({ type: 'ANSWER', questionId: 'purpose', value: { choice: 'other', text: '  领养  手续 ' } });
    expect(t.view().question?.id).toBe('destination');
    t.actor.send({ type: 'ANSWER', questionId: 'destination', value: { text: 'Canada' } });
    t.actor.send({ type: 'ANSWER', questionId: 'phone', value: { text: '１３９-0000-0000' } });
    t.actor.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'electronic' } });
    expect(t.view().screen).toBe('check');
    expect(t.view().answers).toEqual({
      purpose: { choice: 'other', text: '领养 手续' },
      destination: { text: 'Canada' },
      phone: { text: '13900000000' },
      delivery: { choice: 'electronic' },
    });

    t.actor.send({ type: 'SUBMIT' });
    await flush();
    expect(t.h.enqueued).toHaveLength(1);
    expect(t.h.enqueued[0]).toMatchObject({ submissionKey: 'session-1', serviceId: 'noCriminalRecord', lang: 'zh-CN' });
    expect(t.h.enqueued[0]?.applicant.idNumber).toBe(CARD.idNumber);
    expect(t.view()).toMatchObject({ screen: 'confirmation', reference: 'JN-K01A-0001-X', print: 'printed' });
    expect(t.h.printed).toEqual([
      { reference: 'JN-K01A-0001-X', serviceId: 'noCriminalRecord', lang: 'zh-CN', answers: t.view().answers, paidFen: null },
    ]);

    t.actor.send({ type: 'FINISH' });
    expect(t.actor.getSnapshot().status).toBe('done');
  });

  it('ignores an unknown service and stays on welcome', () => {
    const t = start();
    t.actor.send({ type: 'SELECT_SERVICE', serviceId: 'noSuchService' });
    expect(t.view().screen).toBe('welcome');
  });

  it('switches language on any screen and submits in that language', async () => {
    const t = start();
    t.actor.send({ type: 'SET_LANG', lang: 'en' });
    expect(t.view().lang).toBe('en');
    await toCheck(t);
    t.actor.send({ type: 'SET_LANG', lang: 'zh-CN' });
    t.actor.send({ type: 'SET_LANG', lang: 'en' });
    expect(t.view().screen).toBe('check');
    t.actor.send({ type: 'SUBMIT' });
    await flush();
    expect(t.h.enqueued[0]?.lang).toBe('en');
  });
});

describe('service flow: questions', () => {
  it('keeps the resident on the question with an error code when the answer is invalid', async () => {
    const t = start();
    await toQuestions(t);
    t.actor.send({ type: 'ANSWER', questionId: 'purpose', value: {} });
    expect(t.view()).toMatchObject({ screen: 'question', error: { questionId: 'purpose', code: 'required' } });
    t.actor.send({ type: 'ANSWER', questionId: 'purpose', value: { choice: 'holiday' } });
    expect(t.view().error).toEqual({ questionId: 'purpose', code: 'invalidOption' });
    t.actor.send({ type: 'ANSWER', questionId: 'purpose', value: { choice: 'other' } });
    expect(t.view().error).toEqual({ questionId: 'purpose', code: 'required' });
    t.actor.send({ type: 'ANSWER', questionId: 'purpose', value: { choice: 'job' } });
    expect(t.view()).toMatchObject({ question: { id: 'destination' }, error: null });
    t.actor.send({ type: 'ANSWER', questionId: 'destination', value: { text: 'x'.repeat(61) } });
    expect(t.view().error).toEqual({ questionId: 'destination', code: 'tooLong' });
    t.actor.send({ type: 'ANSWER', questionId: 'destination', value: { text: 'Canada' } });
    t.actor.send({ type: 'ANSWER', questionId: 'phone', value: { text: '12345' } });
    expect(t.view().error).toEqual({ questionId: 'phone', code: 'phoneFormat' });
    t.actor.send({ type: 'ANSWER', questionId: 'phone', value: { text: '23900000000' } });
    expect(t.view().error).toEqual({ questionId: 'phone', code: 'phoneFormat' });
    expect(t.view().answers.phone).toBeUndefined();
  });

  it('rejects an answer aimed at a question other than the one on screen', async () => {
    const t = start();
    await toQuestions(t);
    t.actor.send({ type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
    expect(t.view()).toMatchObject({ question: { id: 'purpose' }, error: { questionId: 'purpose' } });
    expect(t.view().answers).toEqual({});
  });

  it('goes back one question at a time, keeping answers, and from the first to the start page', async () => {
    const t = start();
    await toQuestions(t);
    t.actor.send({ type: 'ANSWER', questionId: 'purpose', value: { choice: 'study' } });
    t.actor.send({ type: 'BACK' });
    expect(t.view()).toMatchObject({ question: { id: 'purpose' }, answers: { purpose: { choice: 'study' } } });
    t.actor.send({ type: 'BACK' });
    expect(t.view().screen).toBe('start');
    // The card was read already: continuing does not ask for it again.
    t.actor.send({ type: 'CONTINUE' });
    expect(t.view()).toMatchObject({ screen: 'question', question: { id: 'purpose' } });
  });

  it('Change from check answers goes to that question and back to check', async () => {
    const t = start();
    await toCheck(t);
    t.actor.send({ type: 'CHANGE', questionId: 'destination' });
    expect(t.view()).toMatchObject({ screen: 'question', question: { id: 'destination' }, returnToCheck: true });
    t.actor.send({ type: 'ANSWER', questionId: 'destination', value: { text: 'Japan' } });
    expect(t.view()).toMatchObject({ screen: 'check', returnToCheck: false, answers: { destination: { text: 'Japan' } } });
    t.actor.send({ type: 'CHANGE', questionId: 'phone' });
    t.actor.send({ type: 'BACK' });
    expect(t.view().screen).toBe('check');
    t.actor.send({ type: 'CHANGE', questionId: 'nonsense' });
    expect(t.view().screen).toBe('check');
    t.actor.send({ type: 'BACK' });
    expect(t.view()).toMatchObject({ screen: 'question', question: { id: 'delivery' } });
  });
});

describe('service flow: identity', () => {
  it.each([
    ['an expired card', { ...CARD, validTo: '2026-05-31' }, 'expired'],
    ['an invalid ID number', { ...CARD, idNumber: '110105198003150013' }, 'invalidNumber'],
  ] as const)('refuses %s', async (_label, card, reason) => {
    const t = start();
    t.actor.send({ type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
    t.actor.send({ type: 'CONTINUE' });
    t.h.card?.resolve(card);
    await flush();
    expect(t.view()).toMatchObject({ screen: 'identifyFailed', identifyError: reason, applicant: null });
  });

  it('accepts a card valid until today and a permanent card', () => {
    const today = new Date('2026-06-01T10:00:00');
    expect(checkCard({ ...CARD, validTo: '2026-06-01' }, today)).toBeNull();
    expect(checkCard({ ...CARD, validTo: 'permanent' }, today)).toBeNull();
  });

  it('an unreadable card can be tried again', async () => {
    const t = start();
    t.actor.send({ type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
    t.actor.send({ type: 'CONTINUE' });
    t.h.card?.reject(new Error('checksum'));
    await flush();
    expect(t.view()).toMatchObject({ screen: 'identifyFailed', identifyError: 'unreadable' });
    t.actor.send({ type: 'RETRY' });
    expect(t.view()).toMatchObject({ screen: 'identify', identifyError: null });
    t.h.card?.resolve(CARD);
    await flush();
    expect(t.view().screen).toBe('question');
  });

  it('leaving the card screen stops the read', () => {
    const t = start();
    t.actor.send({ type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
    t.actor.send({ type: 'CONTINUE' });
    t.actor.send({ type: 'BACK' });
    expect(t.view().screen).toBe('start');
    expect(t.h.cardReadAborted).toBe(1);
  });
});

describe('service flow: submission and slip', () => {
  it('a failed commit keeps the answers and can be retried; the key stays the same', async () => {
    const t = start();
    await toCheck(t);
    t.h.enqueueFails = true;
    t.actor.send({ type: 'SUBMIT' });
    await flush();
    expect(t.view().screen).toBe('submitFailed');
    expect(t.view().answers.destination).toEqual({ text: '加拿大' });
    t.h.enqueueFails = false;
    t.actor.send({ type: 'RETRY' });
    await flush();
    expect(t.view().screen).toBe('confirmation');
    expect(t.h.enqueued.map((d) => d.submissionKey)).toEqual(['session-1']);
  });

  it('a failed slip still shows the reference and can be printed again', async () => {
    const t = start();
    await toCheck(t);
    t.h.printFails = true;
    t.actor.send({ type: 'SUBMIT' });
    await flush();
    expect(t.view()).toMatchObject({ screen: 'confirmation', print: 'failed', reference: 'JN-K01A-0001-X' });
    t.h.printFails = false;
    t.actor.send({ type: 'RETRY' });
    await flush();
    expect(t.view().print).toBe('printed');
    expect(t.h.printed).toHaveLength(1);
    expect(t.h.enqueued).toHaveLength(1);
  });
});

describe('service flow: idle and reset', () => {
  it('warns after the idle time, counts down, and resets the session', async () => {
    const t = start();
    await toQuestions(t);
    await vi.advanceTimersByTimeAsync(WARN - 1);
    expect(t.view().idle.warning).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.view().idle).toEqual({ warning: true, resetAt: Date.now() + RESET });
    await vi.advanceTimersByTimeAsync(RESET);
    expect(t.actor.getSnapshot().status).toBe('done');
  });

  it('activity restarts the idle timer, and "I need more time" dismisses the warning', async () => {
    const t = start();
    await toQuestions(t);
    await vi.advanceTimersByTimeAsync(WARN - 1000);
    t.actor.send({ type: 'ACTIVITY' });
    await vi.advanceTimersByTimeAsync(WARN - 1000);
    expect(t.view().idle.warning).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.view().idle.warning).toBe(true);
    // A stray touch behind the dialog does not count: the resident must answer it.
    t.actor.send({ type: 'ACTIVITY' });
    expect(t.view().idle.warning).toBe(true);
    t.actor.send({ type: 'MORE_TIME' });
    expect(t.view().idle).toEqual({ warning: false, resetAt: null });
    expect(t.view().screen).toBe('question');
    await vi.advanceTimersByTimeAsync(WARN + RESET - 1);
    expect(t.actor.getSnapshot().status).toBe('active');
    await vi.advanceTimersByTimeAsync(1);
    expect(t.actor.getSnapshot().status).toBe('done');
  });

  it('a language left changed on the welcome screen is reset for the next person', async () => {
    const t = start();
    t.actor.send({ type: 'SET_LANG', lang: 'en' });
    await vi.advanceTimersByTimeAsync(WARN + RESET);
    expect(t.actor.getSnapshot().status).toBe('done');
  });

  it('the untouched welcome screen in the default language never resets', async () => {
    const t = start();
    await vi.advanceTimersByTimeAsync(10 * (WARN + RESET));
    expect(t.actor.getSnapshot().status).toBe('active');
    expect(t.view().screen).toBe('welcome');
  });

  it('Start again ends the session from any screen', async () => {
    const t = start();
    await toCheck(t);
    t.actor.send({ type: 'CANCEL' });
    expect(t.actor.getSnapshot().status).toBe('done');
    expect(t.h.enqueued).toHaveLength(0);
  });
});

describe('check a submission', () => {
  it('catches a mistyped reference by its check character and does not look it up', () => {
    const t = start();
    t.actor.send({ type: 'LOOKUP' });
    expect(t.view().screen).toBe('lookup');
    const typo = KNOWN_REFERENCE.slice(0, -1) + (KNOWN_REFERENCE.endsWith('0') ? '1' : '0');
    t.actor.send({ type: 'LOOKUP_SUBMIT', reference: typo });
    expect(t.view()).toMatchObject({ screen: 'lookup', lookup: { error: 'checksum', result: null } });
    t.actor.send({ type: 'LOOKUP_SUBMIT', reference: '' });
    expect(t.view().lookup.error).toBe('empty');
    expect(t.h.lookedUp).toEqual([]);
  });

  it('looks up a well-formed reference, forgiving case and spacing, and shows what the kiosk knows', async () => {
    const t = start();
    t.actor.send({ type: 'LOOKUP' });
    t.actor.send({ type: 'LOOKUP_SUBMIT', reference: ` ${KNOWN_REFERENCE.toLowerCase().replace(/-/g, ' ')} ` });
    await flush();
    expect(t.h.lookedUp).toEqual([KNOWN_REFERENCE]);
    expect(t.view()).toMatchObject({
      screen: 'lookupResult',
      applicant: null,
      lookup: { reference: KNOWN_REFERENCE, error: null, result: { found: true, state: 'sent', serviceId: 'noCriminalRecord' } },
    });
    t.actor.send({ type: 'LOOKUP' });
    expect(t.view()).toMatchObject({ screen: 'lookup', lookup: { reference: null, result: null } });
  });

  it('a scanned slip on the welcome screen goes straight to its result', async () => {
    const t = start();
    t.actor.send({ type: 'SCANNED', text: KNOWN_REFERENCE });
    await flush();
    expect(t.view()).toMatchObject({ screen: 'lookupResult', lookup: { result: { found: true } } });
  });

  it('an unknown reference says so; a scanned non-reference is ignored', async () => {
    const t = start();
    t.actor.send({ type: 'SCANNED', text: 'https://example.invalid/not-a-slip' });
    expect(t.view().screen).toBe('welcome');
    t.actor.send({ type: 'LOOKUP' });
    t.actor.send({ type: 'LOOKUP_SUBMIT', reference: generateReference('K02', (n) => new Uint8Array(n)) });
    await flush();
    expect(t.view()).toMatchObject({ screen: 'lookupResult', lookup: { result: { found: false } } });
  });

  it('is reset by the idle timer like any session', async () => {
    const t = start();
    t.actor.send({ type: 'LOOKUP' });
    await vi.advanceTimersByTimeAsync(WARN + RESET);
    expect(t.actor.getSnapshot().status).toBe('done');
  });
});
