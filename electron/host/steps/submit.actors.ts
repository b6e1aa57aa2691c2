import { fromPromise } from 'xstate';
import type { SubmissionDraft } from '../../../shared/steps/submit/submit.step';
import { enqueueSubmission } from '../queue/enqueue';
import type { StepDeps } from './step-deps';

/** The submit step's side effect: the durable, idempotent commit to the queue. */
export function submitHostActors(deps: StepDeps) {
  const { db, sealer, devices, log } = deps;
  return {
    enqueue: fromPromise<{ reference: string }, SubmissionDraft>(async ({ input }) => {
      devices.storage.beforeWrite();
      const reference = enqueueSubmission(db, input, { kioskId: deps.kioskId, sealer });
      log.info('queue.enqueued', { reference, service: input.serviceId, paid: input.payment !== null, review: input.review });
      deps.onQueued?.();
      return { reference };
    }),
  };
}
