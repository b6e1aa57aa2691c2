import { assign } from 'xstate';
import { flowSetup } from '../../flows/flow-setup';
import { type PartPlan } from '../plan';
import type { CheckStep } from './check.step';

/** Check your answers: each row's Change link opens that question (or the photo), then comes back here. */
export function checkPart(_step: CheckStep, plan: PartPlan) {
  return flowSetup.createStateConfig({
    entry: assign({ local: { kind: 'none' }, returnTo: null, focus: null }),
    on: {
      CHANGE: plan.changeTargets.map(({ item, index }) => ({
        guard: ({ event }: { event: { item: string } }) => event.item === item,
        target: plan.stateOf(index),
        actions: assign({ returnTo: plan.index, focus: item, enteredBack: false }),
      })),
      SUBMIT: { target: plan.next, actions: 'goForward' },
      BACK: { target: plan.back, actions: 'goBack' },
    },
  });
}
