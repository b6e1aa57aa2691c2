import type { Database } from 'better-sqlite3';
import { fromPromise } from 'xstate';
import { serviceFlowMachine, type PaymentResult } from '../../../shared/flows/service-flow.machine';
import { buildSlip } from '../hardware/escpos';
import type { KioskDevices } from '../hardware/devices';
import type { Sealer } from '../crypto/sealer';
import type { Logger } from '../log/logger';
import { enqueueSubmission } from '../queue/enqueue';
import { slipContent } from '../slip';
import { appendAudit } from '../store/repos/audit-log';
import { getPayment, insertPendingPayment, markPaid, markUnpaid } from '../store/repos/payments';
import { getSubmission } from '../store/repos/submissions';

export interface FlowDeps {
  db: Database;
  sealer: Sealer;
  devices: KioskDevices;
  kioskId: string;
  log: Logger;
  /** Wakes the uplink when something new is queued. */
  onQueued?: () => void;
}

/** The flow machine with the host's side effects: real devices or simulators, the real queue. */
export function provideFlowActors(deps: FlowDeps) {
  const { db, sealer, devices, log } = deps;
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
      lookupStatus: fromPromise(async ({ input }) => {
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
        // nobody pays for a service that was never submitted.
        signal.addEventListener('abort', () => {
          void terminal.cancel(input.orderId).then((r) => {
            if (r.code === 'success') markUnpaid(db, input.orderId, 'canceled', Date.now());
            else log.warn('payment.cancelRefused', { order: input.orderId, code: r.code });
          });
        });
        const outcome = await terminal.waitForOutcome(input.orderId, signal);
        const now = Date.now();
        if (outcome.status === 'paid') {
          // Recorded before anything else happens: a crash after this line cannot lose the money.
          db.transaction(() => {
            markPaid(db, input.orderId, { transactionId: outcome.transactionId, paidAt: outcome.paidAt, now });
            appendAudit(db, { actor: 'kiosk', action: 'payment.paid', subject: input.orderId, detail: { amountFen: outcome.amountFen, transactionId: outcome.transactionId } }, now);
          })();
          log.info('payment.paid', { order: input.orderId, amountFen: outcome.amountFen });
          return { status: 'paid', transactionId: outcome.transactionId, amountFen: outcome.amountFen };
        }
        markUnpaid(db, input.orderId, outcome.status, now);
        log.info('payment.notPaid', { order: input.orderId, status: outcome.status });
        return { status: outcome.status };
      }),
    },
  });
}
