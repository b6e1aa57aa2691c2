import { assign } from 'xstate';
import { flowSetup } from '../../flows/flow-setup';
import { type PartPlan } from '../plan';
import type { ReviewStep } from './review.step';

/** Tells the resident that station staff review the application, and how long that takes. */
export function reviewPart(_step: ReviewStep, plan: PartPlan) {
  return flowSetup.createStateConfig({
    entry: assign({ local: { kind: 'none' } }),
    on: {
      CONTINUE: { target: plan.next, actions: 'goForward' },
      BACK: { target: plan.back, actions: 'goBack' },
    },
  });
}
