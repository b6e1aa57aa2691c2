import { assign } from 'xstate';
import type { IdentityCard } from '../../catalog/questions';
import type { FlowContext } from '../../flows/flow-context';
import { flowSetup } from '../../flows/flow-setup';
import type { Identity } from '../../flows/session';
import { CardReadError } from '../../hardware/id-card-reader';
import { localOf, type PartPlan } from '../plan';
import { stepErrorCode } from '../step-error';
import {
  documentCodeOf,
  IDENTIFY_ERRORS,
  identityProblem,
  initialIdentify,
  MAX_CODE_ATTEMPTS,
  normaliseCode,
  typedIdNumber,
  type IdentifyLocal,
  type IdentifyStep,
} from './identify.step';

/** The resident as the ID card says. */
export function identityFromCard(card: IdentityCard): Identity {
  return {
    method: 'idCard',
    name: card.name,
    idNumber: card.idNumber,
    sex: card.sex,
    birthDate: card.birthDate,
    document: { type: 'idCard', number: card.idNumber, validTo: card.validTo },
    card,
    phoneMasked: null,
  };
}

/** Where an identity waits to be checked, whichever way it was proved. */
interface Pending {
  identity: Identity | null;
}

/** The identify part of a service: present a card or a travel document, or type an ID number and a code. */
export function identifyPart(step: IdentifyStep, plan: PartPlan) {
  const local = (context: FlowContext): IdentifyLocal & Pending => ({ identity: null, ...localOf(context, 'identify', () => initialIdentify(step)) });
  const patch = (change: (l: IdentifyLocal) => Partial<IdentifyLocal & Pending>) => flowSetup.assign({ local: ({ context }) => ({ ...local(context), ...change(local(context)) }) });
  const problem = (context: FlowContext) => {
    const identity = local(context).identity;
    return identity ? identityProblem(identity, step, new Date()) : 'unreadable';
  };
  const backOut = [
    { guard: () => step.methods.length > 1, target: 'choose', actions: patch(() => ({ method: null, error: null })) },
    { target: plan.back, actions: 'goBack' as const },
  ];

  return flowSetup.createStateConfig({
    // Three wrong codes end identification by code for the whole session, however it is restarted.
    entry: flowSetup.assign({ local: ({ context }) => ({ ...initialIdentify(step), error: step.methods.includes('idNumberOtp') && context.codeFailures >= MAX_CODE_ATTEMPTS ? ('tooManyAttempts' as const) : null }) }),
    initial: 'route',
    states: {
      route: {
        always: [
          { guard: ({ context }) => local(context).error === 'tooManyAttempts', target: 'failed' },
          // Back to the start page and on again: the resident was identified already in this session.
          { guard: ({ context }) => context.session.identity !== null, target: plan.next, actions: 'goForward' },
          { guard: ({ context }) => local(context).method === null, target: 'choose' },
          { guard: ({ context }) => local(context).method === 'idNumberOtp', target: 'otpNumber' },
          { guard: ({ context }) => local(context).method === 'idCard', target: 'card' },
          { target: 'document' },
        ],
      },
      choose: {
        on: {
          IDENTIFY_WITH: {
            guard: ({ event }) => step.methods.includes(event.method),
            target: 'route',
            actions: assign({ local: ({ context, event }) => ({ ...local(context), method: event.method, error: null }) }),
          },
          BACK: { target: plan.back, actions: 'goBack' },
        },
      },
      card: {
        invoke: {
          src: 'readCard',
          input: ({ context }) => ({ sessionId: context.sessionId }),
          onDone: { target: 'checking', actions: assign({ local: ({ context, event }) => ({ ...local(context), identity: event.output }) }) },
          onError: {
            target: 'failed',
            actions: assign({ local: ({ context, event }) => ({ ...local(context), error: event.error instanceof CardReadError && event.error.code === 'readerUnavailable' ? 'readerUnavailable' : 'unreadable' }) }),
          },
        },
        on: { BACK: backOut },
      },
      document: {
        invoke: {
          src: 'readDocument',
          input: ({ context }) => ({ code: documentCodeOf(local(context).method ?? 'passport') ?? 'P' }),
          onDone: { target: 'checking', actions: assign({ local: ({ context, event }) => ({ ...local(context), identity: event.output }) }) },
          onError: { target: 'failed', actions: assign({ local: ({ context, event }) => ({ ...local(context), error: stepErrorCode(event.error, IDENTIFY_ERRORS, 'unreadable') }) }) },
        },
        on: { BACK: backOut },
      },
      otpNumber: {
        on: {
          OTP_ID_NUMBER: [
            { guard: ({ event }) => typedIdNumber(event.idNumber) === null, actions: patch((l) => ({ otp: { ...l.otp, error: 'idNumberFormat' } })) },
            {
              target: 'otpSending',
              actions: assign({ local: ({ context, event }) => ({ ...local(context), error: null, otp: { ...local(context).otp, idNumber: typedIdNumber(event.idNumber), error: null } }) }),
            },
          ],
          BACK: backOut,
        },
      },
      otpSending: {
        invoke: {
          src: 'requestCode',
          input: ({ context }) => ({ idNumber: local(context).otp.idNumber ?? '', sessionId: context.sessionId }),
          onDone: { target: 'otpCode', actions: assign({ local: ({ context, event }) => ({ ...local(context), otp: { ...local(context).otp, phoneMasked: event.output.phoneMasked, attempts: context.codeFailures } }) }) },
          onError: { target: 'failed', actions: assign({ local: ({ context, event }) => ({ ...local(context), error: stepErrorCode(event.error, IDENTIFY_ERRORS, 'platformUnavailable') }) }) },
        },
        on: { BACK: 'otpNumber' },
      },
      otpCode: {
        on: {
          OTP_CODE: [
            { guard: ({ event }) => normaliseCode(event.code) === null, actions: patch((l) => ({ otp: { ...l.otp, error: 'codeFormat' } })) },
            { target: 'otpVerifying', actions: assign({ local: ({ context, event }) => ({ ...local(context), error: null, otp: { ...local(context).otp, code: normaliseCode(event.code), error: null } }) }) },
          ],
          BACK: { target: 'otpNumber', actions: patch((l) => ({ error: null, otp: { ...l.otp, error: null } })) },
        },
      },
      otpVerifying: {
        invoke: {
          src: 'verifyCode',
          input: ({ context }) => ({ idNumber: local(context).otp.idNumber ?? '', code: local(context).otp.code ?? '', sessionId: context.sessionId }),
          onDone: { target: 'checking', actions: assign({ local: ({ context, event }) => ({ ...local(context), identity: event.output, otp: { ...local(context).otp, code: null } }) }) },
          onError: [
            {
              guard: ({ context, event }) => stepErrorCode(event.error, IDENTIFY_ERRORS, 'platformUnavailable') === 'wrongCode' && context.codeFailures + 1 < MAX_CODE_ATTEMPTS,
              target: 'otpCode',
              actions: assign(({ context }) => ({
                codeFailures: context.codeFailures + 1,
                local: { ...local(context), error: 'wrongCode' as const, otp: { ...local(context).otp, code: null, attempts: context.codeFailures + 1 } },
              })),
            },
            {
              // Three wrong codes end it: the resident is sent to a counter, not given a fourth try.
              guard: ({ event }) => stepErrorCode(event.error, IDENTIFY_ERRORS, 'platformUnavailable') === 'wrongCode',
              target: 'failed',
              actions: assign(({ context }) => ({ codeFailures: context.codeFailures + 1, local: { ...local(context), error: 'tooManyAttempts' as const, otp: { ...local(context).otp, code: null } } })),
            },
            {
              target: 'failed',
              actions: assign({ local: ({ context, event }) => ({ ...local(context), error: stepErrorCode(event.error, IDENTIFY_ERRORS, 'platformUnavailable'), otp: { ...local(context).otp, code: null } }) }),
            },
          ],
        },
      },
      // Whatever proved the identity, the same checks decide whether it can be used.
      checking: {
        always: [
          { guard: ({ context }) => problem(context) !== null, target: 'failed', actions: flowSetup.assign({ local: ({ context }) => ({ ...local(context), error: problem(context), identity: null }) }) },
          {
            target: plan.next,
            actions: [flowSetup.assign({ session: ({ context }) => ({ ...context.session, identity: local(context).identity }), local: ({ context }) => ({ ...local(context), identity: null }) }), 'goForward'],
          },
        ],
      },
      failed: {
        on: {
          RETRY: { guard: ({ context }) => local(context).error !== 'tooManyAttempts', target: 'route', actions: patch((l) => ({ error: null, otp: { ...l.otp, code: null, error: null } })) },
          BACK: backOut,
        },
      },
    },
  });
}
