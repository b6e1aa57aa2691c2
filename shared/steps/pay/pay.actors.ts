import { fromPromise } from 'xstate';
import { notProvided } from '../step-error';

/** What the payment terminal is asked for; the order id is stable per attempt. */
export interface PaymentStart {
  orderId: string;
  submissionKey: string;
  serviceId: string;
  amountFen: number;
}

/** 'inDoubt': the terminal could not be asked whether the order was paid; the resident must not pay again. */
export type PaymentResult = { status: 'paid'; transactionId: string; amountFen: number } | { status: 'canceled' | 'timedOut' | 'inDoubt' };

/**
 * A new order's QR code, or the payment of an earlier order of this session that was paid
 * after all (on the phone, just as the resident pressed Back): then no new order is made.
 */
export type PaymentStarted = { qrText: string; expiresAt: number } | { alreadyPaid: { orderId: string; transactionId: string; amountFen: number } };

/** The pay step's side effects, provided by the host (the terminal and the payments table). */
export const payActors = {
  startPayment: fromPromise<PaymentStarted, PaymentStart>(async () => notProvided('startPayment')),
  awaitPayment: fromPromise<PaymentResult, { orderId: string }>(async () => notProvided('awaitPayment')),
};
