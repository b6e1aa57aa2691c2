import { assign } from 'xstate';
import type { ServiceEntry } from '../../catalog/catalog-schema';
import type { FlowContext } from '../../flows/flow-context';
import { flowSetup } from '../../flows/flow-setup';
import { type PartPlan } from '../plan';
import { applies } from '../questions/questions.step';
import type { SubmissionDraft, SubmitStep } from './submit.step';

/** What is committed: the answers that apply (a question no longer asked leaves no answer), the photo, the payment, the lookups. */
export function draftOf(context: FlowContext, entry: ServiceEntry): SubmissionDraft {
  const identity = context.session.identity;
  if (!identity || !context.serviceId) throw new Error('Nothing to submit.');
  const answers = context.session.answers;
  const kept: SubmissionDraft['answers'] = {};
  for (const step of entry.steps) {
    if (step.kind !== 'questions') continue;
    for (const q of step.questions) {
      const answer = answers[q.id];
      if (answer && applies(q, answers)) kept[q.id] = answer;
    }
  }
  return {
    submissionKey: context.sessionId,
    serviceId: context.serviceId,
    lang: context.lang,
    applicant: identity,
    answers: kept,
    photo: context.session.photo,
    faceCheck: context.session.faceCheck,
    payment: context.session.payment,
    lookups: context.session.lookups,
    review: entry.steps.some((s) => s.kind === 'review'),
  };
}

/** The commit to the queue, idempotent by session: a retried or resumed submit gets the reference it got the first time. */
export function submitPart(_step: SubmitStep, plan: PartPlan) {
  return flowSetup.createStateConfig({
    entry: assign({ local: { kind: 'none' } }),
    initial: 'sending',
    states: {
      sending: {
        invoke: {
          src: 'enqueue',
          input: ({ context }) => draftOf(context, plan.entry),
          onDone: { target: plan.next, actions: [assign({ session: ({ context, event }) => ({ ...context.session, reference: event.output.reference }) }), 'goForward'] },
          onError: 'failed',
        },
      },
      failed: {
        on: {
          RETRY: 'sending',
          // Back to the answers only while nothing is paid: paid money stays with this submission.
          BACK: { guard: ({ context }) => context.session.payment === null, target: plan.back, actions: 'goBack' },
        },
      },
    },
  });
}
