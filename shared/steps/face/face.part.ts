import { assign } from 'xstate';
import type { FlowContext } from '../../flows/flow-context';
import { flowSetup } from '../../flows/flow-setup';
import { localOf, type PartPlan } from '../plan';
import { initialFace, type FaceLocal, type FaceMiss, type FaceReferenceSource, type FaceStep } from './face.step';

const local = (context: FlowContext): FaceLocal => localOf(context, 'faceVerify', initialFace);
const withSource = (context: FlowContext, source: FaceReferenceSource): FaceLocal => ({ ...local(context), source });
const misses = (context: FlowContext): number => context.faceMisses ?? 0;
const missOf = (outcome: 'matched' | FaceMiss): FaceMiss => (outcome === 'matched' ? 'notMatched' : outcome);

/**
 * The 1:1 check. The host compares a burst of camera frames with the reference and delivers
 * FACE_CHECKED; a miss costs a try, and the last one sends the resident to a counter, where an
 * officer can confirm who they are. Without a photo to compare with, the resident may go on and
 * the submission says an officer must confirm the identity (biometrics are never the only way).
 */
export function facePart(step: FaceStep, plan: PartPlan) {
  return flowSetup.createStateConfig({
    entry: assign({ local: initialFace() }),
    initial: 'preparing',
    states: {
      preparing: {
        invoke: {
          src: 'prepareFaceReference',
          input: ({ context }) => ({ sessionId: context.sessionId, identity: context.session.identity }),
          onDone: [
            // The document's tries are used up, here or in an earlier session: the counter, at once.
            { guard: ({ event }) => event.output === 'locked', target: 'counter', actions: assign({ faceMisses: () => step.tries }) },
            { guard: ({ event }) => event.output === 'none', target: 'noReference', actions: assign({ local: ({ context }) => withSource(context, 'none') }) },
            { target: 'ready', actions: assign({ local: ({ context, event }) => withSource(context, event.output === 'locked' ? 'none' : event.output) }) },
          ],
          // A host that could not even look for a photo: the same as having none.
          onError: { target: 'noReference', actions: assign({ local: ({ context }) => withSource(context, 'none') }) },
        },
        on: { BACK: { target: plan.back, actions: 'goBack' } },
      },
      ready: {
        on: {
          FACE_CHECKED: [
            {
              guard: ({ event }) => event.outcome === 'matched',
              target: plan.next,
              actions: [assign({ session: ({ context }) => ({ ...context.session, faceCheck: 'matched' as const }) }), 'goForward'],
            },
            {
              guard: ({ context }) => misses(context) + 1 >= step.tries,
              target: 'counter',
              actions: assign({ faceMisses: ({ context }) => misses(context) + 1, local: ({ context, event }) => ({ ...local(context), lastMiss: missOf(event.outcome) }) }),
            },
            { actions: assign({ faceMisses: ({ context }) => misses(context) + 1, local: ({ context, event }) => ({ ...local(context), lastMiss: missOf(event.outcome) }) }) },
          ],
          BACK: { target: plan.back, actions: 'goBack' },
        },
      },
      noReference: {
        on: {
          // Only where an officer sees the resident before the result is handed over.
          CONTINUE: {
            guard: () => step.withoutPhoto === 'officerLater',
            target: plan.next,
            actions: [assign({ session: ({ context }) => ({ ...context.session, faceCheck: 'staffToConfirm' as const }) }), 'goForward'],
          },
          BACK: { target: plan.back, actions: 'goBack' },
          FINISH: '#kiosk.ended',
        },
      },
      // No Back from here: the tries are spent for this session, whatever step comes before.
      counter: { on: { FINISH: '#kiosk.ended' } },
    },
  });
}
