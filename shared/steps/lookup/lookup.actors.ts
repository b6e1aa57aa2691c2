import { fromPromise } from 'xstate';
import { notProvided } from '../step-error';
import type { LookupData, LookupKind } from './lookup-kinds';

/** The lookup step's side effect: asking the platform (or the simulator's fictional data). */
export const lookupActors = {
  /** Resolves with checked data; rejects with StepError(LookupFailure). */
  lookup: fromPromise<LookupData, { kind: LookupKind; params: Record<string, string>; sessionId: string }>(async () => notProvided('lookup')),
};
