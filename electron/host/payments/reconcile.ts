import type { Database } from 'better-sqlite3';
import type { PaymentTerminal } from '../../../shared/hardware/payment-terminal';
import type { Logger } from '../log/logger';
import { listPaidWithoutSubmission, listPendingPayments, markPaid, markUnpaid, matchPayment } from '../store/repos/payments';
import { findReferenceByKey } from '../store/repos/submissions';

/** What one pass over the open orders found. */
export interface ReconcileReport {
  checked: number;
  /** Orders the kiosk had not seen paid, found paid at the terminal. */
  paidLate: number;
  /** Of those, matched to a queued submission that waited for its payment. */
  matched: number;
  /** Orders closed (canceled, expired, never created at the terminal). */
  closed: number;
  /** Orders the terminal could not be asked about: asked again next time. */
  inDoubt: number;
  /** Money taken that no submission names: staff refund these. */
  refundsDue: number;
}

function isMatched(db: Database, reference: string): boolean {
  return db.prepare('SELECT 1 FROM payments WHERE submission_reference = ?').get(reference) !== undefined;
}

/**
 * Settles every order the kiosk's books still show open, except the one the session in progress awaits:
 * each is asked about at the terminal, so money paid while the kiosk was down or after the
 * resident left is recorded, matched to a submission that waited for it, or listed for
 * refund; orders still open at the terminal are canceled.
 */
export async function reconcilePayments(
  db: Database,
  terminal: PaymentTerminal,
  opts: { activeOrderId: string | null; now: () => number; log: Logger },
): Promise<ReconcileReport> {
  const report: ReconcileReport = { checked: 0, paidLate: 0, matched: 0, closed: 0, inDoubt: 0, refundsDue: 0 };
  for (const payment of listPendingPayments(db)) {
    if (payment.orderId === opts.activeOrderId) continue;
    report.checked += 1;
    const answer = await terminal.queryOrder(payment.orderId);
    if (answer.code !== 'success' || !answer.value) {
      report.inDoubt += 1;
      continue;
    }
    const known = answer.value;
    if (known.status === 'paid') {
      markPaid(db, payment.orderId, { transactionId: known.transactionId, paidAt: known.paidAt, now: opts.now() }, { actor: 'kiosk', detail: { foundLate: true } });
      report.paidLate += 1;
      const reference = findReferenceByKey(db, payment.submissionKey);
      if (reference !== undefined && !isMatched(db, reference) && matchPayment(db, payment.orderId, reference, opts.now())) report.matched += 1;
      continue;
    }
    if (known.status === 'pending') {
      // The resident is gone: nobody may pay this code any more.
      const canceled = await terminal.cancel(payment.orderId);
      if (canceled.code === 'success') {
        markUnpaid(db, payment.orderId, 'canceled', opts.now());
        report.closed += 1;
      } else report.inDoubt += 1;
      continue;
    }
    markUnpaid(db, payment.orderId, known.status === 'unknown' ? 'canceled' : known.status, opts.now());
    report.closed += 1;
  }
  report.refundsDue = listPaidWithoutSubmission(db, opts.activeOrderId ?? undefined).length;
  if (report.paidLate > 0 || report.refundsDue > 0 || report.inDoubt > 0) opts.log.warn('payments.reconciled', { ...report });
  return report;
}
