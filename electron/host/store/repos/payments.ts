import type { Database } from 'better-sqlite3';

export type PaymentState = 'pending' | 'paid' | 'canceled' | 'timedOut' | 'refunded';

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
}

const COLUMNS = `order_id AS orderId, submission_key AS submissionKey, service_id AS serviceId, amount_fen AS amountFen,
  state, transaction_id AS transactionId, created_at AS createdAt, updated_at AS updatedAt, paid_at AS paidAt`;

/** Records an order shown to the resident; a second call for the same order changes nothing. */
export function insertPendingPayment(db: Database, p: { orderId: string; submissionKey: string; serviceId: string; amountFen: number; now: number }): void {
  db.prepare(
    `INSERT INTO payments (order_id, submission_key, service_id, amount_fen, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (order_id) DO NOTHING`,
  ).run(p.orderId, p.submissionKey, p.serviceId, p.amountFen, p.now, p.now);
}

/** The terminal said paid: this is written (synchronous=FULL) before the flow moves on. */
export function markPaid(db: Database, orderId: string, p: { transactionId: string; paidAt: number; now: number }): void {
  db.prepare(
    "UPDATE payments SET state = 'paid', transaction_id = ?, paid_at = ?, updated_at = ? WHERE order_id = ? AND state IN ('pending', 'canceled', 'timedOut')",
  ).run(p.transactionId, p.paidAt, p.now, orderId);
}

/** The order ended without money taken. A paid order is never downgraded. */
export function markUnpaid(db: Database, orderId: string, state: 'canceled' | 'timedOut', now: number): void {
  db.prepare("UPDATE payments SET state = ?, updated_at = ? WHERE order_id = ? AND state = 'pending'").run(state, now, orderId);
}

/** One payment by its order id. */
export function getPayment(db: Database, orderId: string): PaymentRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM payments WHERE order_id = ?`).get(orderId) as PaymentRow | undefined;
}

/** Paid orders whose submission never reached the queue: staff refund these. */
export function listPaidWithoutSubmission(db: Database): PaymentRow[] {
  return db
    .prepare(`SELECT ${COLUMNS} FROM payments p WHERE state = 'paid' AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.submission_key = p.submission_key) ORDER BY paid_at`)
    .all() as PaymentRow[];
}
