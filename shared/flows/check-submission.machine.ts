import { assign, fromPromise, setup } from 'xstate';
import { parseReference, type ReferenceErrorCode } from '../domain/reference';
import { notProvided } from '../steps/step-error';
import type { SubmissionStatus } from './check-submission.view';

interface CheckInput {
  sessionId: string;
  /** A reference scanned at the welcome screen, checked at once. */
  scanned: string | null;
}

interface CheckContext extends CheckInput {
  error: ReferenceErrorCode | null;
  reference: string | null;
  result: SubmissionStatus | null;
  reprint: 'none' | 'printing' | 'printed' | 'failed' | 'notReady';
}

type CheckEvent =
  | { type: 'LOOKUP_SUBMIT'; reference: string }
  | { type: 'SCANNED'; text: string }
  | { type: 'LOOKUP' }
  | { type: 'REPRINT' }
  | { type: 'BACK' }
  | { type: 'FINISH' };

// A new reference: nothing of the last one (its result, its reprint) stays.
function checked(text: string): Pick<CheckContext, 'error' | 'reference' | 'result' | 'reprint'> {
  const parsed = parseReference(text);
  return parsed.ok ? { error: null, reference: parsed.value, result: null, reprint: 'none' } : { error: parsed.error.code, reference: null, result: null, reprint: 'none' };
}

const valid = (text: string) => parseReference(text).ok;

/**
 * "Check a submission": a reference typed (its check character catches a typo) or scanned
 * from the slip; the state in plain words, no personal data; and a reprint of what was paid
 * for but not printed (a jammed printer, an endorsement "approved, print later").
 */
export const checkSubmissionMachine = setup({
  types: { context: {} as CheckContext, events: {} as CheckEvent, input: {} as CheckInput },
  actors: {
    lookupStatus: fromPromise<SubmissionStatus, { reference: string; sessionId: string }>(async () => notProvided('lookupStatus')),
    reprint: fromPromise<void, { reference: string }>(async () => notProvided('reprint')),
  },
}).createMachine({
  id: 'checkSubmission',
  context: ({ input }) => ({ ...input, error: null, reference: null, result: null, reprint: 'none' }),
  initial: 'start',
  on: { BACK: '.done', FINISH: '.done' },
  states: {
    start: {
      always: [
        { guard: ({ context }) => context.scanned !== null && valid(context.scanned), target: 'checking', actions: assign(({ context }) => checked(context.scanned ?? '')) },
        { target: 'entering' },
      ],
    },
    entering: {
      on: {
        LOOKUP_SUBMIT: [
          { guard: ({ event }) => valid(event.reference), target: 'checking', actions: assign(({ event }) => checked(event.reference)) },
          { actions: assign(({ event }) => checked(event.reference)) },
        ],
        SCANNED: { guard: ({ event }) => valid(event.text), target: 'checking', actions: assign(({ event }) => checked(event.text)) },
      },
    },
    checking: {
      invoke: {
        src: 'lookupStatus',
        input: ({ context }) => ({ reference: context.reference ?? '', sessionId: context.sessionId }),
        // The reprint status is kept: after a reprint the same reference is asked again, and the screen says it printed.
        onDone: { target: 'result', actions: assign({ result: ({ event }) => event.output }) },
        onError: { target: 'result', actions: assign({ result: { found: false } }) },
      },
    },
    result: {
      on: {
        LOOKUP: { target: 'entering', actions: assign({ error: null, reference: null, result: null, reprint: 'none' }) },
        SCANNED: { guard: ({ event }) => valid(event.text), target: 'checking', actions: assign(({ event }) => checked(event.text)) },
        REPRINT: { guard: ({ context }) => context.result?.found === true && context.result.toPrint.length > 0, target: 'reprinting' },
      },
    },
    reprinting: {
      entry: assign({ reprint: 'printing' }),
      invoke: {
        src: 'reprint',
        input: ({ context }) => ({ reference: context.reference ?? '' }),
        // Asked again, so the list of what is left to print is the kiosk's, not a guess.
        onDone: { target: 'checking', actions: assign({ reprint: 'printed' }) },
        onError: { target: 'result', actions: assign({ reprint: ({ event }) => ((event.error as { code?: string }).code === 'notReady' ? 'notReady' : 'failed') }) },
      },
    },
    done: { type: 'final' },
  },
});

export type CheckSubmissionMachine = typeof checkSubmissionMachine;
