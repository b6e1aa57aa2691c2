import { assign } from 'xstate';
import { flowSetup } from '../../flows/flow-setup';
import type { PartPlan } from '../plan';
import type { RatingStep } from './rating.step';

/** The optional rating: a level and maybe a reason, saved without any link to the resident; skipping ends the session as well. */
export function ratingPart(_step: RatingStep, plan: PartPlan) {
  return flowSetup.createStateConfig({
    entry: assign({ local: { kind: 'none' } }),
    initial: 'asking',
    states: {
      asking: {
        on: {
          RATE: 'saving',
          SKIP: plan.next,
          FINISH: plan.next,
        },
      },
      saving: {
        invoke: {
          src: 'saveRating',
          input: ({ context, event }) => ({
            serviceId: context.serviceId ?? '',
            level: event.type === 'RATE' ? event.level : 0,
            reason: event.type === 'RATE' ? (event.reason ?? null) : null,
          }),
          // A rating that could not be saved is not the resident's problem: the session ends either way.
          onDone: plan.next,
          onError: plan.next,
        },
      },
    },
  });
}
