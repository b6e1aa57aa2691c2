import type { Database } from 'better-sqlite3';
import { fromPromise } from 'xstate';
import { serviceFlowMachine, type PaymentResult } from '../../../shared/flows/service-flow.machine';
import { buildSlip } from '../hardware/escpos';
import type { KioskDevices } from '../hardware/devices';
import type { Sealer } from '../crypto/sealer';
import type { Logger } from '../log/logger';
import { createLookupLimiter, type LookupLimiter } from './lookup-limiter';
import { enqueueSubmission } from '../queue/enqueue';
import { slipContent } from '../slip';
import { getPayment, insertPendingPayment, markPaid, markUnpaid } from '../store/repos/payments';
import type { OrderStatus, PaymentTerminal } from '../../../shared/hardware/payment-terminal';
import { getSubmission } from '../store/repos/submissions';

export interface FlowDeps {
  db: Database;
  sealer: Sealer;
  devices: KioskDevices;
  kioskId: string;
  log: Logger;
  /** Wakes the uplink when something new is queued. */
  onQueued?: () => void;
  /** True once the host is stopping: work cut short then is resumed after the restart, not undone. */
  isStopping?: () => boolean;
  /** Waits between questions to an unreachable payment terminal; tests pass one that does not wait. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The pauses between those questions; after the last the order is in doubt. */
  orderQueryDelaysMs?: readonly number[];
  /** Paces "check a submission" lookups per session and kiosk-wide; one per host, so new sessions do not reset it. */
  lookupLimiter?: LookupLimiter;
}

/** How long the kiosk keeps asking an unreachable terminal about an order before it says it cannot tell. */
export const ORDER_QUERY_DELAYS_MS = [1000, 2000, 4000, 8000, 15_000] as const;

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', stop);
      resolve();
    }
    function stop() {
      clearTimeout(timer);
      reject(new Error('Stopped waiting.'));
    }
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
  });
}

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

/** The flow machine with the host's side effects: real devices or simulators, the real queue. */
export function provideFlowActors(deps: FlowDeps) {
  const { db, sealer, devices, log } = deps;
  const lookupLimiter = deps.lookupLimiter ?? createLookupLimiter({ log });
  return serviceFlowMachine.provide({
    actors: {
      readCard: fromPromise(({ signal }) => devices.idCardReader.readCard(signal)),
      enqueue: fromPromise(async ({ input }) => {
        devices.storage.beforeWrite();
        const reference = enqueueSubmission(db, input, { kioskId: deps.kioskId, sealer });
        log.info('queue.enqueued', { reference, service: input.serviceId, paid: input.payment !== null });
        deps.onQueued?.();
        return { reference };
      }),
      lookupStatus: fromPromise(async ({ input, signal }) => {
        // The resident sees the checking screen while this waits; leaving it aborts the wait.
        await lookupLimiter.wait(input.sessionId, signal);
        const row = getSubmission(db, input.reference);
        log.info('lookup.checked', { reference: input.reference, found: row !== undefined });
        if (!row) return { found: false as const };
        return {
          found: true as const,
          serviceId: row.serviceId,
          state: row.state,
          certificateReady: row.remoteStatus === 'certificateReady',
          submittedAt: row.createdAt,
        };
      }),
      printSlip: fromPromise(async ({ input }) => {
        const result = await devices.receiptPrinter.print(buildSlip(slipContent(input, new Date())));
        if (result.code !== 'success') {
          log.warn('printer.slipFailed', { reference: input.reference, code: result.code });
          throw new Error(`The slip was not printed: ${result.code}`);
        }
        log.info('printer.slipPrinted', { reference: input.reference });
      }),
      startPayment: fromPromise(async ({ input }) => {
        const now = Date.now();
        insertPendingPayment(db, { ...input, now });
        const created = await devices.paymentTerminal.createPayment({ orderId: input.orderId, amountFen: input.amountFen, description: input.serviceId });
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
    },
  });
}
