import { assign, raise } from 'xstate';
import type { ServiceEntry } from '../catalog/catalog-schema';
import { parseReference } from '../domain/reference';
import { moduleOf, STEP_MODULES } from '../steps/registry';
import type { PartPlan } from '../steps/plan';
import type { FlowContext } from './flow-context';
import { flowSetup } from './flow-setup';
import { emptySession } from './session';

/** The state key of a service: `svc_<id>`. */
export function serviceStateKey(id: string): string {
  return `svc_${id}`;
}

// Idle handling, the same in every session: a warning with a countdown, then the reset that
// wipes the session. Paused while the resident pays on the phone, and while they talk to the
// station on the intercom.
function idleRegion() {
  return flowSetup.createStateConfig({
    initial: 'active',
    states: {
      active: {
        after: { IDLE_WARN: { target: 'warning', guard: ({ context }) => !context.idleHeld && !context.callActive } },
        on: {
          ACTIVITY: { target: 'active', reenter: true },
          RESUMED: { target: 'active', reenter: true },
          IDLE_WARN_NOW: 'warning',
        },
      },
      warning: {
        entry: assign({ idleResetAt: ({ context }) => Date.now() + context.idleResetMs }),
        exit: assign({ idleResetAt: null }),
        after: { IDLE_RESET: '#kiosk.ended' },
        on: { MORE_TIME: 'active', RESUMED: 'active', IDLE_RESET_NOW: '#kiosk.ended' },
      },
    },
  });
}

/** The states of one service: its start page, then one state per step, built from the catalog entry. */
function serviceState(entry: ServiceEntry) {
  const base = `#kiosk.${serviceStateKey(entry.id)}.steps`;
  const stateOf = (i: number) => (i >= entry.steps.length ? '#kiosk.ended' : `${base}.s${i}`);
  const backOf = (i: number) => {
    for (let j = i - 1; j >= 0; j--) {
      const step = entry.steps[j];
      if (step && !moduleOf(step).skippedGoingBack) return stateOf(j);
    }
    return `${base}.start`;
  };
  const plan = (i: number): PartPlan => ({
    entry,
    index: i,
    self: stateOf(i),
    next: stateOf(i + 1),
    back: backOf(i),
    stateOf,
    returnsTo: entry.steps.flatMap((s, j) => (j > i && moduleOf(s).isCheckPage ? [j] : [])),
    changeTargets: entry.steps.slice(0, i).flatMap((s, j) => moduleOf(s).items(s as never).map((item) => ({ item, index: j }))),
  });
  const steps = Object.fromEntries(entry.steps.map((step, i) => [`s${i}`, STEP_MODULES[step.kind].part(step as never, plan(i))]));
  return flowSetup.createStateConfig({
    type: 'parallel',
    // The view builder reads the entry from the machine that made the snapshot, not from a global catalog.
    meta: { entry },
    on: { CANCEL: '#kiosk.ended' },
    states: {
      steps: {
        initial: 'start',
        states: {
          start: { on: { CONTINUE: { target: stateOf(0), actions: 'goForward' }, BACK: '#kiosk.ended' } },
          ...steps,
        },
      },
      idle: idleRegion(),
    },
  });
}

const forwardToCheck = { actions: flowSetup.sendTo('checkSubmission', ({ event }) => event) };

/**
 * The kiosk's flow for one resident: the welcome screen, then one of the catalog's services
 * or "check a submission", ending in `ended` (the host then starts a fresh actor, so nothing
 * of this resident stays). Side effects are the named actors the host provides.
 */
export function buildKioskMachine(catalog: readonly ServiceEntry[]) {
  const services = Object.fromEntries(catalog.map((entry) => [serviceStateKey(entry.id), serviceState(entry)]));
  return flowSetup.createMachine({
    id: 'kiosk',
    context: ({ input }): FlowContext => ({
      ...input,
      lang: input.defaultLang,
      serviceId: null,
      session: emptySession(),
      local: { kind: 'none' },
      enteredBack: false,
      returnTo: null,
      focus: null,
      payAttempt: 0,
      codeFailures: 0,
      faceMisses: 0,
      idleResetAt: null,
      idleHeld: false,
      callActive: false,
      scanned: null,
    }),
    initial: 'welcome',
    on: {
      SET_LANG: { actions: assign({ lang: ({ event }) => event.lang }) },
      // A call starting clears a warning; one ending starts the idle time again from now.
      HELP_CALL: { actions: [assign({ callActive: ({ event }) => event.active }), raise({ type: 'RESUMED' })] },
    },
    states: {
      welcome: {
        on: {
          SELECT_SERVICE: catalog.map((entry) => ({
            guard: ({ event }: { event: { serviceId: string } }) => event.serviceId === entry.id,
            target: serviceStateKey(entry.id),
            actions: assign({ serviceId: entry.id }),
          })),
          LOOKUP: 'checking',
          SCANNED: { guard: ({ event }) => parseReference(event.text).ok, target: 'checking', actions: assign({ scanned: ({ event }) => event.text }) },
          // The reset below counts from the last change or touch, not from when the screen came up.
          SET_LANG: { target: 'welcome', reenter: true, actions: assign({ lang: ({ event }) => event.lang }) },
          ACTIVITY: { target: 'welcome', reenter: true },
        },
        // A language chosen by someone who walked away must not greet the next person.
        after: { WELCOME_RESET: { guard: ({ context }) => context.lang !== context.defaultLang, target: 'ended' } },
      },
      checking: {
        type: 'parallel',
        on: { CANCEL: '#kiosk.ended' },
        states: {
          main: {
            invoke: {
              id: 'checkSubmission',
              src: 'checkSubmission',
              input: ({ context }) => ({ sessionId: context.sessionId, scanned: context.scanned }),
              onDone: '#kiosk.ended',
            },
            on: { LOOKUP_SUBMIT: forwardToCheck, SCANNED: forwardToCheck, LOOKUP: forwardToCheck, REPRINT: forwardToCheck, BACK: forwardToCheck, FINISH: forwardToCheck },
          },
          idle: idleRegion(),
        },
      },
      ...services,
      ended: { type: 'final' },
    },
  });
}

export type KioskMachine = ReturnType<typeof buildKioskMachine>;
