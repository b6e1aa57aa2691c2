import type { Database } from 'better-sqlite3';
import type { PaymentState } from '../../../../shared/contract/review';
import { auditRowChange, type AuditNote } from './row-audit';

export interface PaymentRow {
  orderId: string;
  submissionKey: string;
  serviceId: string;
  amountFen: number;
  state: PaymentState;
  transactionId: string | null;
  createdAt: number;
  updatedAt: number;
  paidAt: number | null;
  /** The submission this payment paid for, once it is queued. */
  submissionReference: string | null;
}

const COLUMNS = `order_id AS orderId, submission_key AS submissionKey, service_id AS serviceId, amount_fen AS amountFen,
  state, transaction_id AS transactionId, created_at AS createdAt, updated_at AS updatedAt, paid_at AS paidAt,
  submission_reference AS submissionReference`;

// Every change of a payment writes its audit entry, with the row's digest, in the same transaction.
function audited(db: Database, orderId: string, action: string, note: AuditNote, now: number, change: () => { changes: number }): boolean {
  return db.transaction(() => {
    const changed = change().changes === 1;
    if (changed) auditRowChange(db, 'payment', orderId, action, note, now);
    return changed;
  })();
}

/** Records an order shown to the resident, audited; a second call for the same order changes nothing. */
export function insertPendingPayment(db: Database, p: { orderId: string; submissionKey: string; serviceId: string; amountFen: number; now: number }): void {
  audited(db, p.orderId, 'created', { actor: 'kiosk', detail: { amountFen: p.amountFen } }, p.now, () =>
    db
      .prepare(
        `INSERT INTO payments (order_id, submission_key, service_id, amount_fen, state, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (order_id) DO NOTHING`,
      )
      .run(p.orderId, p.submissionKey, p.serviceId, p.amountFen, p.now, p.now),
  );
}

/**
 * The terminal said paid: written (synchronous=FULL) before the flow moves on. Returns false
 * when it was recorded already. A payment found after its order was given up still counts.
 */
export function markPaid(db: Database, orderId: string, p: { transactionId: string; paidAt: number; now: number }, note: AuditNote): boolean {
  return audited(db, orderId, 'paid', { ...note, detail: { ...note.detail, transactionId: p.transactionId } }, p.now, () =>
    db
      .prepare(
        "UPDATE payments SET state = 'paid', transaction_id = ?, paid_at = ?, updated_at = ? WHERE order_id = ? AND state IN ('pending', 'canceled', 'timedOut')",
      )
      .run(p.transactionId, p.paidAt, p.now, orderId),
  );
}

/** The order ended without money taken. A paid order is never downgraded. */
export function markUnpaid(db: Database, orderId: string, state: 'canceled' | 'timedOut', now: number, note: AuditNote = { actor: 'kiosk' }): boolean {
  return audited(db, orderId, state, note, now, () =>
    db.prepare("UPDATE payments SET state = ?, updated_at = ? WHERE order_id = ? AND state = 'pending'").run(state, now, orderId),
  );
}

/** The submission this payment paid for is queued: the money is matched. Call in the enqueue's transaction. */
export function matchPayment(db: Database, orderId: string, reference: string, now: number): boolean {
  return audited(db, orderId, 'matched', { actor: 'kiosk', detail: { reference } }, now, () =>
    db
      .prepare("UPDATE payments SET submission_reference = ?, updated_at = ? WHERE order_id = ? AND state = 'paid' AND submission_reference IS NULL")
      .run(reference, now, orderId),
  );
}

/** Staff refunded money no submission names; the terminal's refund id is audited. */
export function markRefunded(db: Database, orderId: string, p: { refundId: string; staffNumber: string; now: number }): boolean {
  return audited(db, orderId, 'refunded', { actor: `staff:${p.staffNumber}`, detail: { refundId: p.refundId } }, p.now, () =>
    db.prepare("UPDATE payments SET state = 'refunded', updated_at = ? WHERE order_id = ? AND state = 'paid' AND submission_reference IS NULL").run(p.now, orderId),
  );
}

/** One payment by its order id. */
export function getPayment(db: Database, orderId: string): PaymentRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM payments WHERE order_id = ?`).get(orderId) as PaymentRow | undefined;
}

/** Orders still open in the kiosk's books, oldest first: each must be asked about at the terminal. */
export function listPendingPayments(db: Database, limit = 100): PaymentRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM payments WHERE state = 'pending' ORDER BY created_at LIMIT ?`).all(limit) as PaymentRow[];
}

/**
 * Money taken that no queued submission names: the session was left after paying, a payment
 * arrived after its order was given up, or a second order was paid. Staff refund these.
 * `exceptOrderId` leaves out the order the session in progress has paid and may submit yet.
 */
export function listPaidWithoutSubmission(db: Database, exceptOrderId?: string): PaymentRow[] {
  return db
    .prepare(`SELECT ${COLUMNS} FROM payments WHERE state = 'paid' AND submission_reference IS NULL AND order_id IS NOT ? ORDER BY paid_at`)
    .all(exceptOrderId ?? null) as PaymentRow[];
}

/** Every order of one session (its submission key), oldest first. */
export function listSessionPayments(db: Database, submissionKey: string): PaymentRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM payments WHERE submission_key = ? ORDER BY created_at, order_id`).all(submissionKey) as PaymentRow[];
}
