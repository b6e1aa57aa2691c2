import { assign, fromPromise, not, raise, setup, stateIn } from 'xstate';
import { findService } from '../catalog/services';
import type { IdentityCard } from '../catalog/types';
import { validateAnswer } from '../catalog/validate';
import type { FlowEvent } from '../contract/schemas';
import { parseReference } from '../domain/reference';
import { CardReadError } from '../hardware/id-card-reader';
import {
  cardProblem,
  currentQuestion,
  orderId,
  prefill,
  service,
  type FlowContext,
  type FlowInput,
  type InternalEvent,
  type LookupResult,
  type PaymentResult,
  type PaymentStart,
  type SlipRequest,
  type SubmissionDraft,
} from './flow-context';

export * from './flow-context';

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
    // The session lets the host pace lookups per session (see the host's lookup limiter).
    lookupStatus: fromPromise<LookupResult, { reference: string; sessionId: string }>(async () => {
      throw new Error('lookupStatus is provided by the host');
    }),
    startPayment: fromPromise<{ qrText: string; expiresAt: number }, PaymentStart>(async () => {
      throw new Error('startPayment is provided by the host');
    }),
    awaitPayment: fromPromise<PaymentResult, { orderId: string }>(async () => {
      throw new Error('awaitPayment is provided by the host');
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
    needsPhoto: ({ context }) =>
      service(context).photo !== undefined && (!context.returnToCheck || context.photo === null),
    hasFee: ({ context }) => service(context).feeFen > 0 && context.payment?.paid == null,
    firstQuestion: ({ context }) => context.questionIndex === 0,
    returningToCheck: ({ context }) => context.returnToCheck,
    knownQuestion: ({ context, event }) =>
      event.type === 'CHANGE' && service(context).questions.some((q) => q.id === event.questionId),
    changesPhoto: ({ context, event }) => event.type === 'CHANGE' && event.questionId === 'photo' && service(context).photo !== undefined,
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
    photo: null,
    payment: null,
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
                    guard: ({ context, event }) => cardProblem(context, event.output) !== null,
                    target: 'identifyFailed',
                    actions: assign({ identifyError: ({ context, event }) => cardProblem(context, event.output) }),
                  },
                  {
                    target: 'question',
                    actions: [assign({ card: ({ event }) => event.output }), 'firstQuestion'],
                  },
                ],
                onError: {
                  target: 'identifyFailed',
                  actions: assign({
                    identifyError: ({ event }) =>
                      event.error instanceof CardReadError && event.error.code === 'readerUnavailable' ? 'readerUnavailable' : 'unreadable',
                  }),
                },
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
                  {
                    guard: ({ context }) => !context.returnToCheck && context.questionIndex === service(context).questions.length - 1 && service(context).photo !== undefined,
                    target: 'photo',
                    actions: 'recordAnswer',
                  },
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
            photo: {
              on: {
                PHOTO_TAKEN: { target: 'check', actions: [assign({ photo: ({ event }) => event.photo }), 'leaveCheckMode'] },
                BACK: [
                  { guard: 'returningToCheck', target: 'check', actions: 'leaveCheckMode' },
                  { target: 'question', actions: 'lastQuestion' },
                ],
              },
            },
            check: {
              on: {
                CHANGE: [
                  { guard: 'changesPhoto', target: 'photo', actions: assign({ returnToCheck: true, error: null }) },
                  { guard: 'knownQuestion', target: 'question', actions: 'jumpToQuestion' },
                ],
                BACK: [
                  { guard: ({ context }) => service(context).photo !== undefined, target: 'photo' },
                  { target: 'question', actions: 'lastQuestion' },
                ],
                SUBMIT: [
                  {
                    guard: 'hasFee',
                    target: 'paymentStarting',
                    actions: assign({
                      payment: ({ context }) => ({
                        attempt: (context.payment?.attempt ?? 0) + 1,
                        amountFen: service(context).feeFen,
                        qrText: null,
                        expiresAt: null,
                        failure: null,
                        paid: null,
                      }),
                    }),
                  },
                  { target: 'submitting' },
                ],
              },
            },
            paymentStarting: {
              invoke: {
                src: 'startPayment',
                input: ({ context }) => ({
                  orderId: orderId(context),
                  submissionKey: context.sessionId,
                  serviceId: context.serviceId ?? '',
                  amountFen: service(context).feeFen,
                }),
                onDone: {
                  target: 'paymentWaiting',
                  actions: assign({
                    payment: ({ context, event }) =>
                      context.payment && { ...context.payment, qrText: event.output.qrText, expiresAt: event.output.expiresAt },
                  }),
                },
                onError: {
                  target: 'paymentFailed',
                  actions: assign({ payment: ({ context }) => context.payment && { ...context.payment, failure: 'unavailable' as const } }),
                },
              },
              on: { BACK: 'check' },
            },
            paymentWaiting: {
              // Someone paying on their phone does not touch the screen: the idle timer waits,
              // and starts afresh when the payment screen is left.
              exit: raise({ type: 'RESUMED' }),
              invoke: {
                src: 'awaitPayment',
                input: ({ context }) => ({ orderId: orderId(context) }),
                onDone: [
                  {
                    guard: ({ event }) => event.output.status === 'paid',
                    target: 'submitting',
                    actions: assign({
                      payment: ({ context, event }) =>
                        context.payment &&
                        (event.output.status === 'paid'
                          ? { ...context.payment, paid: { orderId: orderId(context), transactionId: event.output.transactionId, amountFen: event.output.amountFen } }
                          : context.payment),
                    }),
                  },
                  {
                    target: 'paymentFailed',
                    actions: assign({
                      payment: ({ context, event }) =>
                        context.payment && { ...context.payment, failure: event.output.status === 'paid' ? null : event.output.status },
                    }),
                  },
                ],
                onError: {
                  target: 'paymentFailed',
                  actions: assign({ payment: ({ context }) => context.payment && { ...context.payment, failure: 'unavailable' as const } }),
                },
              },
              on: { BACK: 'check' },
            },
            paymentFailed: {
              on: {
                RETRY: [
                  // Not a new order: the terminal is asked again about the one that may be paid.
                  {
                    guard: ({ context }) => context.payment?.failure === 'inDoubt',
                    target: 'paymentWaiting',
                    actions: assign({ payment: ({ context }) => context.payment && { ...context.payment, failure: null } }),
                  },
                  {
                  target: 'paymentStarting',
                  actions: assign({
                    payment: ({ context }) => context.payment && { ...context.payment, attempt: context.payment.attempt + 1, qrText: null, expiresAt: null, failure: null },
                  }),
                  },
                ],
                BACK: 'check',
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
                    photo: context.photo,
                    payment: context.payment?.paid ?? null,
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
                    input: ({ context }) => ({ reference: context.lookup.reference ?? '', sessionId: context.sessionId }),
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
                      paidFen: context.payment?.paid?.amountFen ?? null,
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
              after: { IDLE_WARN: { target: 'warning', guard: not(stateIn('#kiosk.session.steps.paymentWaiting')) } },
              on: {
                ACTIVITY: { target: 'active', reenter: true },
                RESUMED: { target: 'active', reenter: true },
                IDLE_WARN_NOW: 'warning',
              },
            },
            warning: {
              entry: 'markWarning',
              exit: 'clearWarning',
              after: { IDLE_RESET: '#kiosk.ended' },
              on: { MORE_TIME: 'active', RESUMED: 'active', IDLE_RESET_NOW: '#kiosk.ended' },
            },
          },
        },
      },
    },
    ended: { type: 'final' },
  },
});

export type ServiceFlowMachine = typeof serviceFlowMachine;
