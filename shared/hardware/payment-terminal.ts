import type { Completion, Device } from './types';

/** One payment: the kiosk's order id (stable per submission), the amount in fen (1/100 yuan). */
export interface PaymentRequest {
  orderId: string;
  amountFen: number;
  /** What the resident sees in their payment app; no personal data. */
  description: string;
}

/** The QR code the resident scans with a payment app, and until when it is valid. */
export interface PaymentSession {
  orderId: string;
  qrText: string;
  expiresAt: number;
}

export type PaymentOutcome =
  | { status: 'paid'; orderId: string; transactionId: string; amountFen: number; paidAt: number }
  | { status: 'canceled'; orderId: string }
  | { status: 'timedOut'; orderId: string };

/**
 * What the acquirer knows of an order now. `unknown`: it never saw the order (the kiosk
 * stopped between recording the order and creating it), so nobody can have paid it.
 */
export type OrderStatus =
  | PaymentOutcome
  | { status: 'pending'; orderId: string; expiresAt: number }
  | { status: 'unknown'; orderId: string };

/** A QR-code payment terminal (the acquirer's API behind it), or its simulator. */
export interface PaymentTerminal extends Device {
  /** Creates (or, for the same order id, returns again) the payment's QR code. */
  createPayment(request: PaymentRequest): Promise<Completion<PaymentSession>>;
  /** Resolves when the order is paid, canceled or expired (an unknown order counts as expired); rejects only when aborted. */
  waitForOutcome(orderId: string, signal: AbortSignal): Promise<PaymentOutcome>;
  /**
   * Asks the acquirer about an order, without waiting. After a restart the kiosk asks this
   * before it tells the resident anything: an order in doubt may have been paid meanwhile.
   * Completes with deviceNotReady when the acquirer cannot be reached.
   */
  queryOrder(orderId: string): Promise<Completion<OrderStatus>>;
  cancel(orderId: string): Promise<Completion>;
  refund(transactionId: string, amountFen: number): Promise<Completion<{ refundId: string }>>;
}
