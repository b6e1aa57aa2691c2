import type { SnapshotFrom } from 'xstate';
import { findService } from '../catalog/services';
import type { FlowView, Lang, Screen, UnavailableReason } from '../contract/schemas';
import { maskResidentId } from '../domain/resident-id';
import type { ServiceFlowMachine } from './service-flow.machine';

type FlowSnapshot = SnapshotFrom<ServiceFlowMachine>;

const PRINT_STATES = { printing: 'printing', printed: 'printed', failed: 'failed' } as const;

function stepsOf(snapshot: FlowSnapshot): { screen: Screen; print: FlowView['print'] } {
  const value = snapshot.value;
  if (typeof value === 'string') return { screen: 'welcome', print: 'none' };
  const steps = value.session.steps;
  if (steps === 'paymentStarting' || steps === 'paymentWaiting') return { screen: 'payment', print: 'none' };
  if (typeof steps === 'string') return { screen: steps, print: 'none' };
  if ('lookup' in steps) return { screen: steps.lookup === 'result' ? 'lookupResult' : 'lookup', print: 'none' };
  return { screen: 'confirmation', print: PRINT_STATES[steps.confirmation] };
}

/** Projects a flow snapshot onto what the screen shows: the ID number only masked. */
export function toFlowView(snapshot: FlowSnapshot, seq = 0): FlowView {
  const { context } = snapshot;
  const { screen, print } = stepsOf(snapshot);
  const questions = context.serviceId ? (findService(context.serviceId)?.questions ?? []) : [];
  const question = screen === 'question' ? questions[context.questionIndex] : undefined;
  const inSession = typeof snapshot.value !== 'string';
  return {
    seq,
    sessionId: context.sessionId,
    lang: context.lang,
    screen,
    serviceId: context.serviceId,
    question: question ? { id: question.id, index: context.questionIndex, total: questions.length } : null,
    answers: inSession ? context.answers : {},
    error: context.error,
    identifyError: context.identifyError,
    applicant: context.card
      ? { name: context.card.name, idNumberMasked: maskResidentId(context.card.idNumber) }
      : null,
    returnToCheck: context.returnToCheck,
    reference: context.reference,
    print,
    idle: { warning: context.idleResetAt !== null, resetAt: context.idleResetAt },
    unavailable: null,
    lookup: context.lookup,
    photo: screen === 'photo' || screen === 'check' ? context.photo : null,
    payment: context.payment
      ? { amountFen: context.payment.amountFen, qrText: context.payment.qrText, expiresAt: context.payment.expiresAt, failure: context.payment.failure }
      : null,
  };
}

/**
 * The one screen of a kiosk that cannot serve anyone. Sequence 0, so the first view of the
 * flow that starts once the kiosk recovers replaces it.
 */
export function unavailableView(reason: UnavailableReason, lang: Lang): FlowView {
  return {
    seq: 0,
    sessionId: 'unavailable',
    lang,
    screen: 'unavailable',
    serviceId: null,
    question: null,
    answers: {},
    error: null,
    identifyError: null,
    applicant: null,
    returnToCheck: false,
    reference: null,
    print: 'none',
    idle: { warning: false, resetAt: null },
    unavailable: reason,
    lookup: { error: null, reference: null, result: null },
    photo: null,
    payment: null,
  };
}
