import { assign } from 'xstate';
import type { FlowContext } from '../../flows/flow-context';
import { flowSetup } from '../../flows/flow-setup';
import { type PartPlan } from '../plan';
import { StepError } from '../step-error';
import type { PrintStep } from './print.step';

/**
 * Prints the slip, an A4 document or an endorsement onto the permit. A device that is not
 * ready means "print later": the print is recorded and can be made by reference at the kiosk.
 */
export function printPart(step: PrintStep, plan: PartPlan) {
  const outcome = (status: 'printed' | 'later' | 'failed') => (context: FlowContext) => ({
    local: { kind: 'print' as const, status },
    session: { ...context.session, printed: { ...context.session.printed, [step.id]: status } },
  });
  const moveOn = { target: plan.next, actions: 'goForward' as const };
  return flowSetup.createStateConfig({
    entry: flowSetup.assign({ local: { kind: 'print', status: 'printing' } }),
    initial: 'printing',
    states: {
      printing: {
        invoke: {
          src: 'print',
          input: ({ context }) => ({ step, serviceId: context.serviceId ?? '', lang: context.lang, session: context.session }),
          onDone: {
            target: 'printed',
            actions: assign(({ context, event }) => {
              const done = outcome('printed')(context);
              const number = event.output.documentNumber;
              return number === null ? done : { ...done, session: { ...done.session, documents: { ...done.session.documents, [step.id]: number } } };
            }),
          },
          onError: [
            { guard: ({ event }) => step.output !== 'slip' && event.error instanceof StepError && event.error.code === 'notReady', target: 'later', actions: assign(({ context }) => outcome('later')(context)) },
            { target: 'failed', actions: assign(({ context }) => outcome('failed')(context)) },
          ],
        },
      },
      printed: step.output === 'slip' ? { on: { FINISH: moveOn } } : { always: moveOn },
      failed: { on: { RETRY: { target: 'printing', actions: flowSetup.assign({ local: { kind: 'print', status: 'printing' } }) }, FINISH: moveOn, CONTINUE: moveOn } },
      later: { on: { CONTINUE: moveOn, FINISH: moveOn } },
    },
  });
}
