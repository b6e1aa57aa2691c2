import { assign } from 'xstate';
import { flowSetup } from '../../flows/flow-setup';
import { type PartPlan } from '../plan';
import { stepErrorCode } from '../step-error';
import { LOOKUP_FAILURES } from './lookup-kinds';
import { lookupParams, type LookupStep } from './lookup.step';

/** Asks the platform; offline or failing, the service says it cannot be done now and why. */
export function lookupPart(step: LookupStep, plan: PartPlan) {
  return flowSetup.createStateConfig({
    entry: assign({ local: { kind: 'lookup', failure: null } }),
    initial: 'asking',
    states: {
      asking: {
        invoke: {
          src: 'lookup',
          input: ({ context }) => ({ kind: step.lookup, params: lookupParams(step, context.session), sessionId: context.sessionId }),
          onDone: [
            {
              guard: ({ event }) => event.output.kind === step.lookup,
              // A status query shows what the platform said before it moves on.
              target: step.show ? 'shown' : plan.next,
              actions: [assign({ session: ({ context, event }) => ({ ...context.session, lookups: { ...context.session.lookups, [step.id]: event.output } }) }), ...(step.show ? [] : (['goForward'] as const))],
            },
            // A platform answer of another kind than asked is a platform fault, not data.
            { target: 'failed', actions: assign({ local: { kind: 'lookup', failure: 'unavailable' } }) },
          ],
          onError: { target: 'failed', actions: assign({ local: ({ event }) => ({ kind: 'lookup' as const, failure: stepErrorCode(event.error, LOOKUP_FAILURES, 'unavailable') }) }) },
        },
        on: { BACK: { target: plan.back, actions: 'goBack' } },
      },
      shown: {
        on: {
          CONTINUE: { target: plan.next, actions: 'goForward' },
          FINISH: { target: plan.next, actions: 'goForward' },
          BACK: { target: plan.back, actions: 'goBack' },
        },
      },
      failed: {
        on: {
          RETRY: { target: 'asking', actions: assign({ local: { kind: 'lookup', failure: null } }) },
          BACK: { target: plan.back, actions: 'goBack' },
          FINISH: '#kiosk.ended',
        },
      },
    },
  });
}
