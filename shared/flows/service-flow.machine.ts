import { assign, fromPromise, setup } from 'xstate';
import { findService } from '../catalog/services';
import type { AnswerValue, IdentityCard, ServiceEntry } from '../catalog/types';
import { validateAnswer } from '../catalog/validate';
import type { FlowEvent, Lang } from '../contract/schemas';
import { parseReference, type ReferenceErrorCode } from '../domain/reference';
import { parseResidentId } from '../domain/resident-id';

/** What the host commits to the queue when a resident submits. */
export interface SubmissionDraft {
  /** Stable per session: a retried or resumed submit must not queue twice. */
  submissionKey: string;
  serviceId: string;
  lang: Lang;
  applicant: IdentityCard;
  answers: Record<string, AnswerValue>;
}

/** What the slip printer is asked to print; no name or ID number on purpose. */
export interface SlipRequest {
  reference: string;
  serviceId: string;
  lang: Lang;
  answers: Record<string, AnswerValue>;
}

export type IdentifyError = 'unreadable' | 'invalidNumber' | 'expired';

/** What the kiosk knows of a reference a resident looks up; no personal data. */
export type LookupResult =
  | { found: true; serviceId: string; state: 'queued' | 'sending' | 'sent' | 'accepted' | 'rejected' | 'failed'; certificateReady: boolean; submittedAt: number }
  | { found: false };

export interface FlowInput {
  sessionId: string;
  defaultLang: Lang;
  idleWarnMs: number;
  idleResetMs: number;
}

export interface FlowContext extends FlowInput {
  lang: Lang;
  serviceId: string | null;
  card: IdentityCard | null;
  answers: Record<string, AnswerValue>;
  questionIndex: number;
  returnToCheck: boolean;
  error: { questionId: string; code: string } | null;
  identifyError: IdentifyError | null;
  reference: string | null;
  idleResetAt: number | null;
  lookup: { error: ReferenceErrorCode | null; reference: string | null; result: LookupResult | null };
}

/**
 * Host-only events: RESUMED after a crash restore restarts the timers; SCANNED is a code
 * read by the kiosk's scanner (the QR code on a slip).
 */
export type InternalEvent = { type: 'RESUMED' } | { type: 'SCANNED'; text: string };

function service(context: FlowContext): ServiceEntry {
  const entry = context.serviceId ? findService(context.serviceId) : undefined;
  if (!entry) throw new Error('The flow has no service selected.');
  return entry;
}

function currentQuestion(context: FlowContext) {
  const question = service(context).questions[context.questionIndex];
  if (!question) throw new Error('The flow is past the last question.');
  return question;
}

function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Why a card that was read cannot be used, or null when it can. */
export function checkCard(card: IdentityCard, now: Date): IdentifyError | null {
  if (!parseResidentId(card.idNumber).ok) return 'invalidNumber';
  if (card.validTo !== 'permanent' && card.validTo < localDate(now)) return 'expired';
  return null;
}

function prefill(context: FlowContext, index: number): Record<string, AnswerValue> {
  const question = service(context).questions[index];
  if (!question?.prefillFrom || !context.card || context.answers[question.id]) return context.answers;
  return { ...context.answers, [question.id]: { text: context.card[question.prefillFrom] } };
}

/**
 * One resident session of any catalog service: welcome -> start page -> ID card ->
 * one question per screen -> check answers -> submit -> confirmation and slip.
 * Side effects are the named actors readCard, enqueue and printSlip.
 */
export const serviceFlowMachine = setup({
  types: {
    context: {} as FlowContext,
    events: {} as FlowEvent | InternalEvent,
    input: {} as FlowInput,
  },
  actors: {
    readCard: fromPromise<IdentityCard>(async () => {
      throw new Error('readCard is provided by the host');
    }),
    enqueue: fromPromise<{ reference: string }, SubmissionDraft>(async () => {
      throw new Error('enqueue is provided by the host');
    }),
    printSlip: fromPromise<void, SlipRequest>(async () => {
      throw new Error('printSlip is provided by the host');
    }),
    lookupStatus: fromPromise<LookupResult, { reference: string }>(async () => {
      throw new Error('lookupStatus is provided by the host');
    }),
  },
  delays: {
    IDLE_WARN: ({ context }) => context.idleWarnMs,
    IDLE_RESET: ({ context }) => context.idleResetMs,
    WELCOME_RESET: ({ context }) => context.idleWarnMs + context.idleResetMs,
  },
  guards: {
    knownService: ({ event }) => event.type === 'SELECT_SERVICE' && findService(event.serviceId) !== undefined,
    langChanged: ({ context }) => context.lang !== context.defaultLang,
    hasCard: ({ context }) => context.card !== null,
    answerInvalid: ({ context, event }) =>
      event.type === 'ANSWER' &&
      (event.questionId !== currentQuestion(context).id || !validateAnswer(currentQuestion(context), event.value).ok),
    goesToCheck: ({ context }) =>
      context.returnToCheck || context.questionIndex === service(context).questions.length - 1,
    firstQuestion: ({ context }) => context.questionIndex === 0,
    returningToCheck: ({ context }) => context.returnToCheck,
    knownQuestion: ({ context, event }) =>
      event.type === 'CHANGE' && service(context).questions.some((q) => q.id === event.questionId),
  },
  actions: {
    setLang: assign({ lang: ({ context, event }) => (event.type === 'SET_LANG' ? event.lang : context.lang) }),
    selectService: assign({
      serviceId: ({ event }) => (event.type === 'SELECT_SERVICE' ? event.serviceId : null),
    }),
    recordAnswerError: assign({
      error: ({ context, event }) => {
        if (event.type !== 'ANSWER') return context.error;
        const question = currentQuestion(context);
        const check = event.questionId === question.id ? validateAnswer(question, event.value) : null;
        return { questionId: question.id, code: check && !check.ok ? check.code : 'invalidOption' };
      },
    }),
    recordAnswer: assign({
      answers: ({ context, event }) => {
        if (event.type !== 'ANSWER') return context.answers;
        const check = validateAnswer(currentQuestion(context), event.value);
        return check.ok ? { ...context.answers, [event.questionId]: check.value } : context.answers;
      },
      error: null,
    }),
    nextQuestion: assign(({ context }) => ({
      questionIndex: context.questionIndex + 1,
      answers: prefill(context, context.questionIndex + 1),
    })),
    previousQuestion: assign({ questionIndex: ({ context }) => context.questionIndex - 1, error: null }),
    firstQuestion: assign(({ context }) => ({ questionIndex: 0, answers: prefill(context, 0) })),
    lastQuestion: assign({ questionIndex: ({ context }) => service(context).questions.length - 1 }),
    jumpToQuestion: assign(({ context, event }) => {
      const index =
        event.type === 'CHANGE' ? service(context).questions.findIndex((q) => q.id === event.questionId) : 0;
      return { questionIndex: index, returnToCheck: true, error: null };
    }),
    leaveCheckMode: assign({ returnToCheck: false, error: null }),
    clearIdentifyError: assign({ identifyError: null }),
    checkReference: assign({
      lookup: ({ event }) => {
        const text = event.type === 'LOOKUP_SUBMIT' ? event.reference : event.type === 'SCANNED' ? event.text : '';
        const parsed = parseReference(text);
        return parsed.ok
          ? { error: null, reference: parsed.value, result: null }
          : { error: parsed.error.code, reference: null, result: null };
      },
    }),
    markWarning: assign({ idleResetAt: ({ context }) => Date.now() + context.idleResetMs }),
    clearWarning: assign({ idleResetAt: null }),
  },
}).createMachine({
  id: 'kiosk',
  context: ({ input }) => ({
    ...input,
    lang: input.defaultLang,
    serviceId: null,
    card: null,
    answers: {},
    questionIndex: 0,
    returnToCheck: false,
    error: null,
    identifyError: null,
    reference: null,
    idleResetAt: null,
    lookup: { error: null, reference: null, result: null },
  }),
  initial: 'welcome',
  on: {
    SET_LANG: { actions: 'setLang' },
  },
  states: {
    welcome: {
      on: {
        SELECT_SERVICE: { guard: 'knownService', target: 'session', actions: 'selectService' },
        LOOKUP: '#kiosk.session.steps.lookup',
        SCANNED: { target: '#kiosk.session.steps.lookup.checking', actions: 'checkReference', guard: ({ event }) => event.type === 'SCANNED' && parseReference(event.text).ok },
      },
      // A language chosen by someone who walked away must not greet the next person.
      after: { WELCOME_RESET: { guard: 'langChanged', target: 'ended' } },
    },
    session: {
      type: 'parallel',
      on: { CANCEL: '#kiosk.ended' },
      states: {
        steps: {
          initial: 'start',
          states: {
            start: {
              on: {
                CONTINUE: [
                  { guard: 'hasCard', target: 'question', actions: 'firstQuestion' },
                  { target: 'identify' },
                ],
                BACK: '#kiosk.ended',
              },
            },
            identify: {
              entry: 'clearIdentifyError',
              invoke: {
                src: 'readCard',
                onDone: [
                  {
                    guard: ({ event }) => checkCard(event.output, new Date()) !== null,
                    target: 'identifyFailed',
                    actions: assign({ identifyError: ({ event }) => checkCard(event.output, new Date()) }),
                  },
                  {
                    target: 'question',
                    actions: [assign({ card: ({ event }) => event.output }), 'firstQuestion'],
                  },
                ],
                onError: { target: 'identifyFailed', actions: assign({ identifyError: 'unreadable' }) },
              },
              on: { BACK: 'start' },
            },
            identifyFailed: {
              on: { RETRY: 'identify', BACK: 'start' },
            },
            question: {
              on: {
                ANSWER: [
                  { guard: 'answerInvalid', actions: 'recordAnswerError' },
                  { guard: 'goesToCheck', target: 'check', actions: ['recordAnswer', 'leaveCheckMode'] },
                  { target: 'question', reenter: true, actions: ['recordAnswer', 'nextQuestion'] },
                ],
                BACK: [
                  { guard: 'returningToCheck', target: 'check', actions: 'leaveCheckMode' },
                  { guard: 'firstQuestion', target: 'start' },
                  { target: 'question', reenter: true, actions: 'previousQuestion' },
                ],
              },
            },
            check: {
              on: {
                CHANGE: { guard: 'knownQuestion', target: 'question', actions: 'jumpToQuestion' },
                BACK: { target: 'question', actions: 'lastQuestion' },
                SUBMIT: 'submitting',
              },
            },
            submitting: {
              invoke: {
                src: 'enqueue',
                input: ({ context }) => {
                  if (!context.card || !context.serviceId) throw new Error('Nothing to submit.');
                  return {
                    submissionKey: context.sessionId,
                    serviceId: context.serviceId,
                    lang: context.lang,
                    applicant: context.card,
                    answers: context.answers,
                  };
                },
                onDone: {
                  target: 'confirmation',
                  actions: assign({ reference: ({ event }) => event.output.reference }),
                },
                onError: 'submitFailed',
              },
            },
            submitFailed: {
              on: { RETRY: 'submitting', BACK: 'check' },
            },
            lookup: {
              initial: 'entering',
              on: { BACK: '#kiosk.ended' },
              states: {
                entering: {
                  on: {
                    LOOKUP_SUBMIT: [
                      { guard: ({ event }) => parseReference(event.reference).ok, target: 'checking', actions: 'checkReference' },
                      { actions: 'checkReference' },
                    ],
                    SCANNED: { target: 'checking', actions: 'checkReference', guard: ({ event }) => parseReference(event.text).ok },
                  },
                },
                checking: {
                  invoke: {
                    src: 'lookupStatus',
                    input: ({ context }) => ({ reference: context.lookup.reference ?? '' }),
                    onDone: {
                      target: 'result',
                      actions: assign({ lookup: ({ context, event }) => ({ ...context.lookup, result: event.output }) }),
                    },
                    onError: { target: 'result', actions: assign({ lookup: ({ context }) => ({ ...context.lookup, result: { found: false } as const }) }) },
                  },
                },
                result: {
                  on: {
                    LOOKUP: { target: 'entering', actions: assign({ lookup: { error: null, reference: null, result: null } }) },
                    SCANNED: { target: 'checking', actions: 'checkReference', guard: ({ event }) => parseReference(event.text).ok },
                  },
                },
              },
            },
            confirmation: {
              initial: 'printing',
              on: { FINISH: '#kiosk.ended' },
              states: {
                printing: {
                  invoke: {
                    src: 'printSlip',
                    input: ({ context }) => ({
                      reference: context.reference ?? '',
                      serviceId: context.serviceId ?? '',
                      lang: context.lang,
                      answers: context.answers,
                    }),
                    onDone: 'printed',
                    onError: 'failed',
                  },
                },
                printed: {},
                failed: { on: { RETRY: 'printing' } },
              },
            },
          },
        },
        idle: {
          initial: 'active',
          states: {
            active: {
              after: { IDLE_WARN: 'warning' },
              on: {
                ACTIVITY: { target: 'active', reenter: true },
                RESUMED: { target: 'active', reenter: true },
              },
            },
            warning: {
              entry: 'markWarning',
              exit: 'clearWarning',
              after: { IDLE_RESET: '#kiosk.ended' },
              on: { MORE_TIME: 'active', RESUMED: 'active' },
            },
          },
        },
      },
    },
    ended: { type: 'final' },
  },
});

export type ServiceFlowMachine = typeof serviceFlowMachine;
