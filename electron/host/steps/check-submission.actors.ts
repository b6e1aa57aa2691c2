import { fromPromise } from 'xstate';
import { findService } from '../../../shared/catalog/services';
import type { SubmissionStatus } from '../../../shared/flows/check-submission.view';
import type { Lang } from '../../../shared/contract/lang';
import { StepError } from '../../../shared/steps/step-error';
import { submissionContext } from '../queue/enqueue';
import type { PrintSource } from '../documents/print-source';
import { pendingPrints } from '../store/repos/print-jobs';
import { latestDecision, type ReviewDecisionRow } from '../store/repos/review-decisions';
import { getSubmission } from '../store/repos/submissions';
import { REJECT_REASONS, REVIEW_BRING_ITEMS, type ReviewOutcome } from '../../../shared/contract/review';
import { printOne } from './print.actors';
import type { StepDeps } from './step-deps';

/** What the resident is told of a decision: codes only, never the staff note. */
function reviewOutcome(row: ReviewDecisionRow | undefined): ReviewOutcome | null {
  if (!row) return null;
  const reason = (REJECT_REASONS as readonly string[]).includes(row.reasonCode ?? '') ? (row.reasonCode as ReviewOutcome['reasonCode']) : row.decision === 'reject' ? 'other' : null;
  const bring = row.bring.filter((b): b is ReviewOutcome['bring'][number] => (REVIEW_BRING_ITEMS as readonly string[]).includes(b));
  return { decision: row.decision, reasonCode: reason, bring, decidedAt: row.decidedAt };
}

/** "Check a submission": its state in plain words, what is still to print, and the reprint. */
export function checkSubmissionHostActors(deps: StepDeps) {
  const { db, log } = deps;
  return {
    lookupStatus: fromPromise<SubmissionStatus, { reference: string; sessionId: string }>(async ({ input, signal }) => {
      // The resident sees the checking screen while this waits; leaving it aborts the wait.
      await deps.lookupLimiter.wait(input.sessionId, signal);
      const row = getSubmission(db, input.reference);
      log.info('lookup.checked', { reference: input.reference, found: row !== undefined });
      if (!row) return { found: false };
      return {
        found: true,
        serviceId: row.serviceId,
        state: row.state,
        certificateReady: row.remoteStatus === 'certificateReady',
        submittedAt: row.createdAt,
        // What was paid for and not printed, while the personal data to print it is still here.
        toPrint: row.payload === null ? [] : [...new Set(pendingPrints(db, input.reference).map((j) => j.output))],
        review: reviewOutcome(latestDecision(db, input.reference)),
      };
    }),
    reprint: fromPromise<void, { reference: string }>(async ({ input, signal }) => reprintPending(deps, input.reference, signal)),
  };
}

/**
 * Prints what a submission paid for and did not get (a jammed printer, "print later"), from its
 * sealed payload, while that is still kept. Used by "check a submission" and by staff.
 */
export async function reprintPending(deps: StepDeps, reference: string, signal: AbortSignal): Promise<void> {
  const { db, log, sealer } = deps;
  const row = getSubmission(db, reference);
  if (!row?.payload) throw new StepError('failed', 'Nothing to print for that reference.');
  const payload = JSON.parse(sealer.open(row.payload, submissionContext(row.reference)).toString('utf8')) as Omit<PrintSource, 'serviceId' | 'lang' | 'reference'> & { applicant: PrintSource['identity'] };
  const source: PrintSource = {
    serviceId: row.serviceId,
    lang: row.lang as Lang,
    reference: row.reference,
    identity: payload.applicant,
    answers: payload.answers,
    lookups: payload.lookups ?? {},
    payment: payload.payment ?? null,
  };
  const entry = findService(row.serviceId);
  for (const job of pendingPrints(db, reference)) {
    const step = entry?.steps.find((s) => s.kind === 'print' && s.id === job.stepId);
    if (step?.kind !== 'print') continue;
    signal.throwIfAborted();
    await printOne(deps, step, source, signal);
  }
  log.info('print.reprinted', { reference });
}
