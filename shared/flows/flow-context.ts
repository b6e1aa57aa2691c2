/** The flow's context, events and the data it hands to the host's actors; pure helpers over them. */
import { findService } from '../catalog/services';
import type { AnswerValue, IdentityCard, ServiceEntry } from '../catalog/types';
import type { Lang } from '../contract/schemas';
import type { ReferenceErrorCode } from '../domain/reference';
import { parseResidentId } from '../domain/resident-id';

/** What the host commits to the queue when a resident submits. */
export interface SubmissionDraft {
  /** Stable per session: a retried or resumed submit must not queue twice. */
  submissionKey: string;
  serviceId: string;
  lang: Lang;
  applicant: IdentityCard;
  answers: Record<string, AnswerValue>;
  /** The checked photo (JPEG, base64), for services that take one. */
  photo: string | null;
  /** The payment already recorded as paid, for services with a fee. */
  payment: PaidPayment | null;
}

export interface PaidPayment {
  orderId: string;
  transactionId: string;
  amountFen: number;
}

/** What the payment terminal is asked for; the order id is stable per attempt. */
export interface PaymentStart {
  orderId: string;
  submissionKey: string;
  serviceId: string;
  amountFen: number;
}

/** 'inDoubt': the terminal could not be asked whether the order was paid; the resident must not pay again. */
export type PaymentResult = { status: 'paid'; transactionId: string; amountFen: number } | { status: 'canceled' | 'timedOut' | 'inDoubt' };

/** What the slip printer is asked to print; no name or ID number on purpose. */
export interface SlipRequest {
  reference: string;
  serviceId: string;
  lang: Lang;
  answers: Record<string, AnswerValue>;
  /** The fee paid, in fen, when the service has one. */
  paidFen: number | null;
}

export type IdentifyError = 'unreadable' | 'invalidNumber' | 'expired' | 'readerUnavailable';

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
  photo: string | null;
  payment: {
    attempt: number;
    amountFen: number;
    qrText: string | null;
    expiresAt: number | null;
    failure: 'canceled' | 'timedOut' | 'unavailable' | 'inDoubt' | null;
    paid: PaidPayment | null;
  } | null;
}

/**
 * Host-only events: RESUMED after a crash restore restarts the timers; SCANNED is a code
 * read by the kiosk's scanner (the QR code on a slip).
 */
export type InternalEvent =
  | { type: 'RESUMED' }
  | { type: 'SCANNED'; text: string }
  | { type: 'PHOTO_TAKEN'; photo: string }
  /** Simulator mode only: the idle warning, or the reset, now (so tests never race a real timer). */
  | { type: 'IDLE_WARN_NOW' }
  | { type: 'IDLE_RESET_NOW' };

/** Used by the flow machine. */
export function service(context: FlowContext): ServiceEntry {
  const entry = context.serviceId ? findService(context.serviceId) : undefined;
  if (!entry) throw new Error('The flow has no service selected.');
  return entry;
}

/** Used by the flow machine. */
export function currentQuestion(context: FlowContext) {
  const question = service(context).questions[context.questionIndex];
  if (!question) throw new Error('The flow is past the last question.');
  return question;
}

function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Why a card that was read cannot be used, or null when it can. */
export function checkCard(card: IdentityCard, now: Date, opts: { acceptsExpired?: boolean } = {}): IdentifyError | null {
  if (!parseResidentId(card.idNumber).ok) return 'invalidNumber';
  if (!opts.acceptsExpired && card.validTo !== 'permanent' && card.validTo < localDate(now)) return 'expired';
  return null;
}

/** Used by the flow machine. */
export function cardProblem(context: FlowContext, card: IdentityCard): IdentifyError | null {
  return checkCard(card, new Date(), { acceptsExpired: service(context).acceptsExpiredCard === true });
}

/** Used by the flow machine. */
export function orderId(context: FlowContext): string {
  return `${context.sessionId}-${context.payment?.attempt ?? 1}`;
}

/** Used by the flow machine. */
export function prefill(context: FlowContext, index: number): Record<string, AnswerValue> {
  const question = service(context).questions[index];
  if (!question?.prefillFrom || !context.card || context.answers[question.id]) return context.answers;
  return { ...context.answers, [question.id]: { text: context.card[question.prefillFrom] } };
}
