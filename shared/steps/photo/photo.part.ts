import type { FlowContext } from '../../flows/flow-context';
import { flowSetup } from '../../flows/flow-setup';
import { type PartPlan } from '../plan';
import type { PhotoStep } from './photo.step';

/** The camera screen; the host checks each frame and sends the accepted photo in PHOTO_TAKEN. */
export function photoPart(_step: PhotoStep, plan: PartPlan) {
  const keep = flowSetup.assign({ session: ({ context, event }) => ({ ...context.session, photo: event.type === 'PHOTO_TAKEN' ? event.photo : context.session.photo }) });
  return flowSetup.createStateConfig({
    entry: flowSetup.assign({ local: { kind: 'none' } }),
    on: {
      PHOTO_TAKEN: [
        ...plan.returnsTo.map((j) => ({ guard: ({ context }: { context: FlowContext }) => context.returnTo === j, target: plan.stateOf(j), actions: [keep, 'goForward' as const] })),
        { target: plan.next, actions: [keep, 'goForward'] },
      ],
      BACK: [
        ...plan.returnsTo.map((j) => ({ guard: ({ context }: { context: FlowContext }) => context.returnTo === j, target: plan.stateOf(j), actions: 'goForward' as const })),
        { target: plan.back, actions: 'goBack' },
      ],
    },
  });
}
