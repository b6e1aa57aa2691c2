import type { PaymentOutcome, PaymentTerminal } from '../../../shared/hardware/payment-terminal';

/** How an order the kiosk no longer shows ended, as far as the terminal can say. */
export type Settled =
  | { kind: 'paid'; outcome: Extract<PaymentOutcome, { status: 'paid' }> }
  | { kind: 'closed'; status: 'canceled' | 'timedOut' }
  /** The terminal could not say, or would not close a payable order: ask again later, never show another code for it. */
  | { kind: 'inDoubt'; code: string };

/**
 * Closes an order nobody should pay any more and says how it ended: asked at the terminal; if
 * still payable it is canceled and asked again, since it may have been paid in between. An
 * order the acquirer never saw could not be paid: it counts as canceled.
 */
export async function settleOrder(terminal: PaymentTerminal, orderId: string): Promise<Settled> {
  let answer = await terminal.queryOrder(orderId);
  if (answer.code === 'success' && answer.value?.status === 'pending') {
    await terminal.cancel(orderId);
    answer = await terminal.queryOrder(orderId);
  }
  const known = answer.code === 'success' ? answer.value : undefined;
  if (!known || known.status === 'pending') return { kind: 'inDoubt', code: known ? 'stillPending' : answer.code };
  if (known.status === 'paid') return { kind: 'paid', outcome: known };
  return { kind: 'closed', status: known.status === 'unknown' ? 'canceled' : known.status };
}
