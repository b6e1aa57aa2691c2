import { fromPromise } from 'xstate';
import { notProvided } from '../step-error';
import type { SubmissionDraft } from './submit.step';

/** The submit step's side effect: the durable commit to the queue. */
export const submitActors = {
  enqueue: fromPromise<{ reference: string }, SubmissionDraft>(async () => notProvided('enqueue')),
};
