import { assign, setup } from 'xstate';
import type { FlowEvent } from '../contract/events';
import { faceActors } from '../steps/face/face.actors';
import { identifyActors } from '../steps/identify/identify.actors';
import { lookupActors } from '../steps/lookup/lookup.actors';
import { payActors } from '../steps/pay/pay.actors';
import { printActors } from '../steps/print/print.actors';
import { ratingActors } from '../steps/rating/rating.actors';
import { submitActors } from '../steps/submit/submit.actors';
import { checkSubmissionMachine } from './check-submission.machine';
import type { FlowContext, FlowInput, InternalEvent } from './flow-context';

/**
 * The one setup every part of the kiosk flow is written against: the context and events,
 * every step kind's actors (placeholders the host provides), and the idle delays. The step
 * kinds' machine parts use its createStateConfig, and the kiosk machine its createMachine.
 */
export const flowSetup = setup({
  types: {
    context: {} as FlowContext,
    events: {} as FlowEvent | InternalEvent,
    input: {} as FlowInput,
  },
  actors: {
    ...identifyActors,
    ...faceActors,
    ...lookupActors,
    ...payActors,
    ...submitActors,
    ...printActors,
    ...ratingActors,
    checkSubmission: checkSubmissionMachine,
  },
  actions: {
    /** Moving on to the next step. */
    goForward: assign({ enteredBack: false, focus: null }),
    /** Going back to an earlier step: it opens where the resident left it. */
    goBack: assign({ enteredBack: true, returnTo: null, focus: null }),
  },
  delays: {
    IDLE_WARN: ({ context }) => context.idleWarnMs,
    IDLE_RESET: ({ context }) => context.idleResetMs,
    WELCOME_RESET: ({ context }) => context.idleWarnMs + context.idleResetMs,
  },
});

/** A state node config of the kiosk flow, typed against its setup. */
export type FlowStateConfig = ReturnType<typeof flowSetup.createStateConfig>;
