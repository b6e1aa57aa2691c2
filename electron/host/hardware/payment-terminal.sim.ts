import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { OrderStatus, PaymentOutcome, PaymentRequest, PaymentSession, PaymentTerminal } from '../../../shared/hardware/payment-terminal';
import type { Completion, DeviceState, DeviceStatus } from '../../../shared/hardware/types';
import { StatusTracker, warnListenerError } from './status-tracker';

interface Order {
  request: PaymentRequest;
  session: PaymentSession;
  outcome?: PaymentOutcome;
  waiters: Set<(o: PaymentOutcome) => void>;
  timer?: NodeJS.Timeout;
}

const outcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('paid'), orderId: z.string(), transactionId: z.string(), amountFen: z.number().int(), paidAt: z.number() }),
  z.object({ status: z.literal('canceled'), orderId: z.string() }),
  z.object({ status: z.literal('timedOut'), orderId: z.string() }),
]);

// What the simulated acquirer keeps on its side: orders outlive the kiosk's process, as they do
// on a real acquirer's servers.
const stateSchema = z.object({
  orders: z.array(
    z.object({
      request: z.object({ orderId: z.string(), amountFen: z.number().int(), description: z.string() }),
      session: z.object({ orderId: z.string(), qrText: z.string(), expiresAt: z.number() }),
      outcome: outcomeSchema.optional(),
    }),
  ),
  refunds: z.array(z.tuple([z.string(), z.number().int()])),
});

/**
 * The payment simulator: someone (a test, the simulator panel) decides how each payment ends.
 * With a `stateFile` it keeps its orders there, like the acquirer's servers do, so a kiosk that
 * crashed can ask after an order it created before; {@link SimPaymentTerminal.payWhileKioskDown}
 * stands for a resident paying on the phone while the kiosk restarts.
 */
export class SimPaymentTerminal implements PaymentTerminal {
  readonly kind = 'sim';
  private readonly tracker = new StatusTracker({ device: 'online' }, warnListenerError('Payment terminal'));
  private readonly orders = new Map<string, Order>();
  private readonly refunds = new Map<string, number>();
  private nextFailure: 'timeOut' | 'offline' | undefined;

  constructor(private readonly opts: { validityMs?: number; stateFile?: string; now?: () => number } = {}) {
    this.load();
  }

  /** Pays an order in the acquirer's books while no kiosk process is running; false when it cannot be paid. */
  static payWhileKioskDown(stateFile: string, orderId: string): boolean {
    const acquirer = new SimPaymentTerminal({ stateFile });
    try {
      return acquirer.pay(orderId);
    } finally {
      acquirer.close();
    }
  }

  status(): DeviceStatus {
    return this.tracker.get();
  }

  onStatus(listener: (s: DeviceStatus) => void): () => void {
    return this.tracker.listen(listener);
  }

  setDevice(state: DeviceState): void {
    this.tracker.update({ device: state });
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
    if (this.status().device !== 'online' || this.nextFailure === 'offline') {
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
      expiresAt: this.now() + validityMs,
    };
    const order: Order = { request, session, waiters: new Set() };
    this.orders.set(request.orderId, order);
    const expireIn = this.nextFailure === 'timeOut' ? 0 : validityMs;
    this.nextFailure = undefined;
    this.arm(order, expireIn);
    this.save();
    return { code: 'success', message: 'created', value: session };
  }

  waitForOutcome(orderId: string, signal: AbortSignal): Promise<PaymentOutcome> {
    const order = this.orders.get(orderId);
    // An order the acquirer never saw cannot be paid.
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

  async queryOrder(orderId: string): Promise<Completion<OrderStatus>> {
    if (this.status().device !== 'online') return { code: 'deviceNotReady', message: 'The payment service cannot be reached.' };
    const order = this.orders.get(orderId);
    if (!order) return { code: 'success', message: 'unknown order', value: { status: 'unknown', orderId } };
    if (order.outcome) return { code: 'success', message: order.outcome.status, value: order.outcome };
    return { code: 'success', message: 'pending', value: { status: 'pending', orderId, expiresAt: order.session.expiresAt } };
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
      paidAt: this.now(),
    });
    return true;
  }

  async cancel(orderId: string): Promise<Completion> {
    if (this.status().device !== 'online') return { code: 'deviceNotReady', message: 'The payment service cannot be reached.' };
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
    this.save();
    return { code: 'success', message: 'refunded', value: { refundId: `R${transactionId}` } };
  }

  /** Stops the expiry timers; the orders stay in the state file. */
  close(): void {
    for (const order of this.orders.values()) clearTimeout(order.timer);
  }


  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private arm(order: Order, inMs: number): void {
    order.timer = setTimeout(() => this.settle(order.request.orderId, { status: 'timedOut', orderId: order.request.orderId }), Math.max(0, inMs));
    order.timer.unref();
  }

  private settle(orderId: string, outcome: PaymentOutcome): void {
    const order = this.orders.get(orderId);
    if (!order || order.outcome) return;
    clearTimeout(order.timer);
    order.outcome = outcome;
    this.save();
    for (const w of order.waiters) w(outcome);
    order.waiters.clear();
  }

  private load(): void {
    const file = this.opts.stateFile;
    if (!file || !fs.existsSync(file)) return;
    let state: z.infer<typeof stateSchema>;
    try {
      state = stateSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch {
      // A damaged simulator file is kept for a look and the simulated acquirer starts empty.
      fs.renameSync(file, `${file}.damaged-${Date.now()}`);
      return;
    }
    for (const saved of state.orders) {
      const order: Order = { request: saved.request, session: saved.session, waiters: new Set(), ...(saved.outcome ? { outcome: saved.outcome } : {}) };
      this.orders.set(saved.request.orderId, order);
      if (!order.outcome) this.arm(order, saved.session.expiresAt - this.now());
    }
    for (const [transactionId, amount] of state.refunds) this.refunds.set(transactionId, amount);
  }

  // Written before anyone is told: the acquirer's record is what the kiosk asks after a crash.
  private save(): void {
    const file = this.opts.stateFile;
    if (!file) return;
    const state: z.infer<typeof stateSchema> = {
      orders: [...this.orders.values()].map((o) => ({ request: o.request, session: o.session, ...(o.outcome ? { outcome: o.outcome } : {}) })),
      refunds: [...this.refunds.entries()],
    };
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(state));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  }
}
