import { fromPromise } from 'xstate';
import type { OrderStatus, PaymentTerminal } from '../../../shared/hardware/payment-terminal';
import type { PaymentResult, PaymentStart, PaymentStarted } from '../../../shared/steps/pay/pay.actors';
import { StepError } from '../../../shared/steps/step-error';
import type { Logger } from '../log/logger';
import { settleOrder } from '../payments/settle-order';
import { getPayment, insertPendingPayment, listSessionPayments, markPaid, markUnpaid, type PaymentRow } from '../store/repos/payments';
import { abortableSleep, type StepDeps } from './step-deps';

/** How long the kiosk keeps asking an unreachable terminal about an order before it says it cannot tell. */
export const ORDER_QUERY_DELAYS_MS = [1000, 2000, 4000, 8000, 15_000] as const;

/** The terminal's answer about an order, asked again with growing pauses while it cannot be reached. */
async function askTerminal(
  terminal: PaymentTerminal,
  orderId: string,
  signal: AbortSignal,
  sleep: (ms: number, signal: AbortSignal) => Promise<void>,
  delays: readonly number[],
  log: Logger,
): Promise<OrderStatus | 'inDoubt'> {
  for (let attempt = 0; ; attempt++) {
    const answer = await terminal.queryOrder(orderId);
    if (answer.code === 'success' && answer.value) return answer.value;
    const delay = delays[attempt];
    if (delay === undefined) {
      log.warn('payment.inDoubt', { order: orderId, code: answer.code });
      return 'inDoubt';
    }
    await sleep(delay, signal);
  }
}

/**
 * Settles the earlier orders of this session that the kiosk's books still show open (the
 * resident pressed Back, or the code expired, while a phone may have been paying). Returns the
 * one found paid, unmatched and for this amount, which is then the payment: no new order.
 * Throws StepError('inDoubt') when one cannot be asked about, since it may be paid.
 */
async function settleEarlierOrders(deps: StepDeps, input: PaymentStart): Promise<PaymentRow | undefined> {
  const { db, devices, log } = deps;
  const terminal = devices.paymentTerminal;
  for (const row of listSessionPayments(db, input.submissionKey)) {
    if (row.orderId === input.orderId || row.state !== 'pending') continue;
    const settled = await settleOrder(terminal, row.orderId);
    if (settled.kind === 'inDoubt') {
      log.warn('payment.earlierInDoubt', { order: row.orderId, code: settled.code });
      throw new StepError('inDoubt', 'An earlier order of this session could not be settled.');
    }
    if (settled.kind === 'paid') {
      const known = settled.outcome;
      markPaid(db, row.orderId, { transactionId: known.transactionId, paidAt: known.paidAt, now: Date.now() }, { actor: 'kiosk', detail: { foundLate: true } });
      log.info('payment.paidEarlier', { order: row.orderId, amountFen: known.amountFen });
    } else markUnpaid(db, row.orderId, settled.status, Date.now());
  }
  const paid = listSessionPayments(db, input.submissionKey).find((r) => r.state === 'paid' && r.submissionReference === null && r.transactionId !== null);
  if (paid && paid.amountFen !== input.amountFen) {
    // Paid for other choices: that money is listed for staff to refund; this amount is asked for anew.
    log.warn('payment.paidOtherAmount', { order: paid.orderId, amountFen: paid.amountFen });
    return undefined;
  }
  return paid;
}

/** The pay step's side effects: the order recorded before the QR code shows, "paid" recorded before the flow hears it. */
export function payHostActors(deps: StepDeps) {
  const { db, devices, log } = deps;
  return {
      startPayment: fromPromise<PaymentStarted, PaymentStart>(async ({ input }) => {
        const earlier = await settleEarlierOrders(deps, input);
        if (earlier?.transactionId) {
          log.info('payment.alreadyPaid', { order: earlier.orderId, amountFen: earlier.amountFen });
          return { alreadyPaid: { orderId: earlier.orderId, transactionId: earlier.transactionId, amountFen: earlier.amountFen } };
        }
        const now = Date.now();
        insertPendingPayment(db, { ...input, now });
        const created = await devices.paymentTerminal.createPayment({ orderId: input.orderId, amountFen: input.amountFen, description: input.serviceId });
        deps.counters?.record('paymentTerminal', created.code === 'success' && created.value ? 'ok' : created.code);
        if (created.code !== 'success' || !created.value) {
          log.warn('payment.unavailable', { order: input.orderId, code: created.code });
          markUnpaid(db, input.orderId, 'canceled', Date.now());
          throw new Error(`The payment could not be started: ${created.code}`);
        }
        log.info('payment.started', { order: input.orderId, amountFen: input.amountFen });
        return { qrText: created.value.qrText, expiresAt: created.value.expiresAt };
      }),
      awaitPayment: fromPromise<PaymentResult, { orderId: string }>(async ({ input, signal }) => {
        // Resumed after a crash that came between recording "paid" and the next saved step:
        // the money is taken already, so the flow goes on to submit instead of asking again.
        const recorded = getPayment(db, input.orderId);
        if (recorded?.state === 'paid' && recorded.transactionId !== null) {
          log.info('payment.alreadyPaid', { order: input.orderId, amountFen: recorded.amountFen });
          return { status: 'paid', transactionId: recorded.transactionId, amountFen: recorded.amountFen };
        }
        const terminal = devices.paymentTerminal;
        // Leaving the payment screen (Back, Start again, idle) must close the order, so that
        // nobody pays for a service that was never submitted. A kiosk that is stopping closes
        // nothing: the session and its order resume after the restart.
        signal.addEventListener('abort', () => {
          if (deps.isStopping?.()) return;
          void terminal.cancel(input.orderId).then((r) => {
            if (r.code === 'success') markUnpaid(db, input.orderId, 'canceled', Date.now());
            else log.warn('payment.cancelRefused', { order: input.orderId, code: r.code });
          });
        });
        // Asked before the resident is told anything: after a restart the order may have been
        // paid, or may have ended, while nobody was listening.
        const known = await askTerminal(terminal, input.orderId, signal, deps.sleep ?? abortableSleep, deps.orderQueryDelaysMs ?? ORDER_QUERY_DELAYS_MS, log);
        if (known === 'inDoubt') return { status: 'inDoubt' };
        const outcome = known.status === 'pending' ? await terminal.waitForOutcome(input.orderId, signal) : known;
        if (outcome.status === 'paid') {
          // Recorded (with its audit entry) before anything else happens: a crash after this
          // line cannot lose the money.
          markPaid(db, input.orderId, { transactionId: outcome.transactionId, paidAt: outcome.paidAt, now: Date.now() }, { actor: 'kiosk', detail: { amountFen: outcome.amountFen } });
          log.info('payment.paid', { order: input.orderId, amountFen: outcome.amountFen });
          return { status: 'paid', transactionId: outcome.transactionId, amountFen: outcome.amountFen };
        }
        // 'unknown': the acquirer never saw the order, so nobody could pay it.
        const status = outcome.status === 'unknown' ? 'timedOut' : outcome.status;
        markUnpaid(db, input.orderId, status, Date.now());
        log.info('payment.notPaid', { order: input.orderId, status });
        return { status };
      }),
  };
}
