import { assign, raise } from 'xstate';
import type { FlowContext } from '../../flows/flow-context';
import { flowSetup } from '../../flows/flow-setup';
import { localOf, type PartPlan } from '../plan';
import { stepErrorCode } from '../step-error';
import { amountOf, orderIdOf, type PayLocal, type PaymentFailure, type PayStep } from './pay.step';

/**
 * A QR-code payment. The terminal's "paid" is recorded by the host before the flow hears of
 * it; a resumed flow asks the terminal about the same order; a payment in doubt is asked about
 * again, never paid twice.
 */
export function payPart(step: PayStep, plan: PartPlan) {
  const local = (context: FlowContext): PayLocal =>
    localOf(context, 'pay', () => ({ kind: 'pay', attempt: context.payAttempt, amountFen: amountOf(step, context.session), qrText: null, expiresAt: null, failure: null }));
  const orderId = (context: FlowContext) => orderIdOf(context.sessionId, local(context).attempt);
  const newAttempt = flowSetup.assign(({ context }) => ({
    payAttempt: context.payAttempt + 1,
    local: { kind: 'pay' as const, attempt: context.payAttempt + 1, amountFen: amountOf(step, context.session), qrText: null, expiresAt: null, failure: null },
  }));

  return flowSetup.createStateConfig({
    initial: 'deciding',
    states: {
      deciding: {
        always: [
          // Already paid this amount in this session (a resumed flow, a Back after paying): never again.
          { guard: ({ context }) => context.session.payment !== null && context.session.payment.amountFen === amountOf(step, context.session), target: plan.next, actions: 'goForward' },
          { guard: ({ context }) => amountOf(step, context.session) === 0, target: plan.next, actions: 'goForward' },
          { target: 'starting', actions: newAttempt },
        ],
      },
      starting: {
        invoke: {
          src: 'startPayment',
          input: ({ context }) => ({ orderId: orderId(context), submissionKey: context.sessionId, serviceId: context.serviceId ?? '', amountFen: local(context).amountFen }),
          onDone: [
            {
              // An earlier order of this session turned out paid, for this amount: that is the payment.
              guard: ({ event }) => 'alreadyPaid' in event.output,
              target: plan.next,
              actions: [
                assign({ session: ({ context, event }) => ('alreadyPaid' in event.output ? { ...context.session, payment: event.output.alreadyPaid } : context.session) }),
                'goForward',
              ],
            },
            {
              target: 'waiting',
              actions: assign({ local: ({ context, event }) => ('qrText' in event.output ? { ...local(context), qrText: event.output.qrText, expiresAt: event.output.expiresAt } : local(context)) }),
            },
          ],
          // An earlier order of this session could not be asked about: it may be paid, so no new one is shown.
          onError: { target: 'failed', actions: assign({ local: ({ context, event }) => ({ ...local(context), failure: stepErrorCode<PaymentFailure>(event.error, ['inDoubt'], 'unavailable') }) }) },
        },
        on: { BACK: { target: plan.back, actions: 'goBack' } },
      },
      waiting: {
        // Someone paying on their phone does not touch the screen: the idle timer waits, and
        // starts afresh when the payment screen is left.
        entry: assign({ idleHeld: true }),
        exit: [assign({ idleHeld: false }), raise({ type: 'RESUMED' })],
        invoke: {
          src: 'awaitPayment',
          input: ({ context }) => ({ orderId: orderId(context) }),
          onDone: [
            {
              guard: ({ event }) => event.output.status === 'paid',
              target: plan.next,
              actions: [
                assign({
                  session: ({ context, event }) =>
                    event.output.status === 'paid'
                      ? { ...context.session, payment: { orderId: orderId(context), transactionId: event.output.transactionId, amountFen: event.output.amountFen } }
                      : context.session,
                }),
                'goForward',
              ],
            },
            { target: 'failed', actions: assign({ local: ({ context, event }) => ({ ...local(context), failure: event.output.status === 'paid' ? null : event.output.status }) }) },
          ],
          // The QR code was shown, so the order may be paid: ask about it again, never start another.
          onError: { target: 'failed', actions: assign({ local: ({ context }) => ({ ...local(context), failure: 'inDoubt' as const }) }) },
        },
        on: { BACK: { target: plan.back, actions: 'goBack' } },
      },
      failed: {
        on: {
          RETRY: [
            // Not a new order: the terminal is asked again about the one that may be paid.
            // In doubt before a code was shown: ask about the earlier order again, with the same new order.
            { guard: ({ context }) => local(context).failure === 'inDoubt' && local(context).qrText === null, target: 'starting', actions: assign({ local: ({ context }) => ({ ...local(context), failure: null }) }) },
            { guard: ({ context }) => local(context).failure === 'inDoubt', target: 'waiting', actions: assign({ local: ({ context }) => ({ ...local(context), failure: null }) }) },
            { target: 'starting', actions: newAttempt },
          ],
          BACK: { target: plan.back, actions: 'goBack' },
        },
      },
    },
  });
}
