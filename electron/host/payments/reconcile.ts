import type { Database } from 'better-sqlite3';
import type { PaymentTerminal } from '../../../shared/hardware/payment-terminal';
import type { Logger } from '../log/logger';
import { listPaidWithoutSubmission, listPendingPayments, markPaid, markUnpaid, matchPayment } from '../store/repos/payments';
import { findReferenceByKey } from '../store/repos/submissions';
import { settleOrder } from './settle-order';

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
 * refund; orders still open at the terminal are canceled (see {@link settleOrder}).
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
    const settled = await settleOrder(terminal, payment.orderId);
    if (settled.kind === 'inDoubt') {
      report.inDoubt += 1;
      continue;
    }
    if (settled.kind === 'paid') {
      const known = settled.outcome;
      markPaid(db, payment.orderId, { transactionId: known.transactionId, paidAt: known.paidAt, now: opts.now() }, { actor: 'kiosk', detail: { foundLate: true } });
      report.paidLate += 1;
      const reference = findReferenceByKey(db, payment.submissionKey);
      if (reference !== undefined && !isMatched(db, reference) && matchPayment(db, payment.orderId, reference, opts.now())) report.matched += 1;
      continue;
    }
    // Closed now, or it had ended while nobody was listening: nobody may pay this code any more.
    markUnpaid(db, payment.orderId, settled.status, opts.now());
    report.closed += 1;
  }
  report.refundsDue = listPaidWithoutSubmission(db, opts.activeOrderId ?? undefined).length;
  if (report.paidLate > 0 || report.refundsDue > 0 || report.inDoubt > 0) opts.log.warn('payments.reconciled', { ...report });
  return report;
}
