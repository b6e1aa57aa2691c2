import { randomBytes } from 'node:crypto';
import type { PaymentOutcome, PaymentRequest, PaymentSession, PaymentTerminal } from '../../../shared/hardware/payment-terminal';
import type { Completion, DeviceState, DeviceStatus } from '../../../shared/hardware/types';

interface Order {
  request: PaymentRequest;
  session: PaymentSession;
  outcome?: PaymentOutcome;
  waiters: Set<(o: PaymentOutcome) => void>;
  timer?: NodeJS.Timeout;
}

/** The payment simulator: someone (a test, the simulator panel) decides how each payment ends. */
export class SimPaymentTerminal implements PaymentTerminal {
  readonly kind = 'sim';
  private device: DeviceState = 'online';
  private readonly orders = new Map<string, Order>();
  private readonly listeners = new Set<(s: DeviceStatus) => void>();
  private readonly refunds = new Map<string, number>();
  private nextFailure: 'timeOut' | 'offline' | undefined;

  constructor(private readonly opts: { validityMs?: number } = {}) {}

  status(): DeviceStatus {
    return { device: this.device };
  }

  onStatus(listener: (s: DeviceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setDevice(state: DeviceState): void {
    if (state === this.device) return;
    this.device = state;
    for (const l of this.listeners) l(this.status());
  }

  /** The next payment created ends as told: timeOut (the QR code expires) or offline (cannot create). */
  failNext(kind: 'timeOut' | 'offline'): void {
    this.nextFailure = kind;
  }

  /** The order currently waiting for the resident, if any. */
  pendingOrder(): PaymentSession | undefined {
    for (const order of this.orders.values()) if (!order.outcome) return order.session;
    return undefined;
  }

  async createPayment(request: PaymentRequest): Promise<Completion<PaymentSession>> {
    if (this.device !== 'online' || this.nextFailure === 'offline') {
      this.nextFailure = undefined;
      return { code: 'deviceNotReady', message: 'The payment service cannot be reached.' };
    }
    if (!Number.isInteger(request.amountFen) || request.amountFen <= 0) return { code: 'userError', message: 'The amount must be a positive number of fen.' };
    const existing = this.orders.get(request.orderId);
    if (existing) return { code: 'success', message: 'existing order', value: existing.session };
    const validityMs = this.opts.validityMs ?? 120_000;
    const session: PaymentSession = {
      orderId: request.orderId,
      qrText: `https://pay.example.invalid/sim/${encodeURIComponent(request.orderId)}?amount=${request.amountFen}`,
      expiresAt: Date.now() + validityMs,
    };
    const order: Order = { request, session, waiters: new Set() };
    this.orders.set(request.orderId, order);
    const expireIn = this.nextFailure === 'timeOut' ? 0 : validityMs;
    this.nextFailure = undefined;
    order.timer = setTimeout(() => this.settle(request.orderId, { status: 'timedOut', orderId: request.orderId }), expireIn);
    order.timer.unref();
    return { code: 'success', message: 'created', value: session };
  }

  waitForOutcome(orderId: string, signal: AbortSignal): Promise<PaymentOutcome> {
    const order = this.orders.get(orderId);
    // An order the terminal does not know (the simulator restarted) cannot be paid any more.
    if (!order) return Promise.resolve({ status: 'timedOut', orderId });
    if (order.outcome) return Promise.resolve(order.outcome);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        order.waiters.delete(done);
        reject(new Error('Stopped waiting for the payment.'));
      };
      const done = (o: PaymentOutcome) => {
        signal.removeEventListener('abort', onAbort);
        resolve(o);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      order.waiters.add(done);
    });
  }

  /** The resident paid in their app (simulator panel or test). Returns false when no such pending order. */
  pay(orderId: string): boolean {
    const order = this.orders.get(orderId);
    if (!order || order.outcome) return false;
    this.settle(orderId, {
      status: 'paid',
      orderId,
      transactionId: `SIM${randomBytes(6).toString('hex').toUpperCase()}`,
      amountFen: order.request.amountFen,
      paidAt: Date.now(),
    });
    return true;
  }

  async cancel(orderId: string): Promise<Completion> {
    const order = this.orders.get(orderId);
    if (!order) return { code: 'userError', message: 'No such order.' };
    if (order.outcome?.status === 'paid') return { code: 'userError', message: 'The order is paid: refund it instead.' };
    this.settle(orderId, { status: 'canceled', orderId });
    return { code: 'success', message: 'canceled' };
  }

  async refund(transactionId: string, amountFen: number): Promise<Completion<{ refundId: string }>> {
    const paid = [...this.orders.values()].find((o) => o.outcome?.status === 'paid' && o.outcome.transactionId === transactionId);
    if (!paid || paid.outcome?.status !== 'paid') return { code: 'userError', message: 'No such payment.' };
    const refunded = this.refunds.get(transactionId) ?? 0;
    if (amountFen <= 0 || refunded + amountFen > paid.outcome.amountFen) return { code: 'userError', message: 'The refund is larger than what was paid.' };
    this.refunds.set(transactionId, refunded + amountFen);
    return { code: 'success', message: 'refunded', value: { refundId: `R${transactionId}` } };
  }

  private settle(orderId: string, outcome: PaymentOutcome): void {
    const order = this.orders.get(orderId);
    if (!order || order.outcome) return;
    clearTimeout(order.timer);
    order.outcome = outcome;
    for (const w of order.waiters) w(outcome);
    order.waiters.clear();
  }
}
