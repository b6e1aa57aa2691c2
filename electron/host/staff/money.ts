import type { z } from 'zod';
import type { moneyOverviewSchema } from '../../../shared/contract';
import { InvalidRequestError } from '../errors';
import { getPayment, listPaidWithoutSubmission, markRefunded } from '../store/repos/payments';
import { listPendingPrints } from '../store/repos/print-jobs';
import { getSubmission, listSubmissions, retryFailed } from '../store/repos/submissions';
import { reprintPending } from '../steps/check-submission.actors';
import type { StepDeps } from '../steps/step-deps';

type Overview = z.output<typeof moneyOverviewSchema>;

/**
 * What went wrong with money and submissions, for staff: payments that no submission names
 * (to refund), submissions the platform would not take (to send again), and prints that were
 * paid for and not made (to print again). Every action is audited.
 */
export class MoneyDesk {
  /** The reprint running now, if any: one at a time, as the permit printer holds one permit. */
  private reprinting: { reference: string; stop: AbortController } | null = null;

  constructor(private readonly deps: StepDeps & { now: () => number; activeOrderId: () => string | null; onRequeued: () => void }) {}

  overview(): Overview {
    const { db } = this.deps;
    return {
      refundsDue: listPaidWithoutSubmission(db, this.deps.activeOrderId() ?? undefined).map((p) => ({ orderId: p.orderId, serviceId: p.serviceId, amountFen: p.amountFen, paidAt: p.paidAt ?? p.updatedAt })),
      failed: listSubmissions(db, { state: 'failed', limit: 50 }).map((s) => ({ reference: s.reference, serviceId: s.serviceId, error: s.lastError, updatedAt: s.updatedAt })),
      toPrint: listPendingPrints(db, 50).map((j) => ({ reference: j.reference, output: j.output, attempts: j.attempts, error: j.lastError })),
    };
  }

  async refund(orderId: string, staffNumber: string): Promise<'refunded' | 'terminalRefused'> {
    const { db, devices, log } = this.deps;
    const payment = getPayment(db, orderId);
    const due = listPaidWithoutSubmission(db, this.deps.activeOrderId() ?? undefined).some((p) => p.orderId === orderId);
    if (!payment || !due || payment.transactionId === null) throw new InvalidRequestError('That payment is not waiting for a refund.');
    const result = await devices.paymentTerminal.refund(payment.transactionId, payment.amountFen);
    if (result.code !== 'success' || !result.value) {
      log.warn('payment.refundRefused', { order: orderId, code: result.code });
      return 'terminalRefused';
    }
    markRefunded(db, orderId, { refundId: result.value.refundId, staffNumber, now: this.deps.now() });
    log.info('payment.refunded', { order: orderId, amountFen: payment.amountFen });
    return 'refunded';
  }

  retry(reference: string, staffNumber: string): void {
    if (!retryFailed(this.deps.db, reference, this.deps.now(), { actor: `staff:${staffNumber}` })) throw new InvalidRequestError('That submission has not failed.');
    this.deps.onRequeued();
  }

  /**
   * Prints again what a submission paid for and did not get. An endorsement waits for the permit
   * in the printer's slot (up to PERMIT_INSERT_MS) unless {@link cancelReprint} stops it first.
   */
  async reprint(reference: string): Promise<'printed' | 'notReady' | 'failed' | 'canceled'> {
    if (!getSubmission(this.deps.db, reference)) throw new InvalidRequestError('There is no submission with that reference on this kiosk.');
    if (this.reprinting) throw new InvalidRequestError(`${this.reprinting.reference} is being printed: wait for it, or cancel it first.`);
    const running = { reference, stop: new AbortController() };
    this.reprinting = running;
    try {
      await reprintPending(this.deps, reference, running.stop.signal);
      return 'printed';
    } catch (error) {
      if (running.stop.signal.aborted) return 'canceled';
      return (error as { code?: string }).code === 'notReady' ? 'notReady' : 'failed';
    } finally {
      this.reprinting = null;
    }
  }

  /** Stops the reprint that is running (staff pressed Cancel, or their session ended); false when none was. */
  cancelReprint(): boolean {
    if (!this.reprinting) return false;
    this.deps.log.info('print.reprintCanceled', { reference: this.reprinting.reference });
    this.reprinting.stop.abort();
    return true;
  }
}
