import { assign } from 'xstate';
import { flowSetup } from '../../flows/flow-setup';
import { type PartPlan } from '../plan';
import { firstRefusal, type EligibilityStep } from './eligibility.step';

/** Rules checked at once: on to the next step, or a refusal that says why and what to do instead. */
export function eligibilityPart(step: EligibilityStep, plan: PartPlan) {
  return flowSetup.createStateConfig({
    initial: 'deciding',
    states: {
      deciding: {
        always: [
          {
            guard: ({ context }) => firstRefusal(step, context.session, new Date()) !== null,
            target: 'refused',
            actions: assign({ local: ({ context }) => ({ kind: 'eligibility' as const, refusedBy: firstRefusal(step, context.session, new Date()) }) }),
          },
          { target: plan.next, actions: 'goForward' },
        ],
      },
      refused: {
        on: {
          BACK: { target: plan.back, actions: 'goBack' },
          FINISH: '#kiosk.ended',
        },
      },
    },
  });
}
