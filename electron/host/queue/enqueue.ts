import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { SubmissionDraft } from '../../../shared/steps/submit/submit.step';
import { generateReference } from '../../../shared/domain/reference';
import type { Sealer } from '../crypto/sealer';
import { matchPayment } from '../store/repos/payments';
import { cachedTransaction } from '../store/statements';
import { findReferenceByKey, insertSubmission, referenceExists } from '../store/repos/submissions';

const REFERENCE_ATTEMPTS = 16;

/**
 * Commits a submission to the outbox and returns its reference. Idempotent by submission
 * key, so a retried or resumed submit returns the reference it got the first time.
 * The commit is durable (synchronous=FULL) before this returns.
 */
export function enqueueSubmission(
  db: Database,
  draft: SubmissionDraft,
  opts: { kioskId: string; sealer: Sealer; now?: number; random?: (n: number) => Uint8Array },
): string {
  const random = opts.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
  // The photo, the payment and what the platform told the kiosk go with the answers: a
  // renewal without its photo, or a fine payment without the fines picked, cannot be processed.
  // Left out when empty, so a service without them seals exactly { applicant, answers }.
  const payload = JSON.stringify({
    applicant: draft.applicant,
    answers: draft.answers,
    ...(draft.photo !== null ? { photo: draft.photo } : {}),
    // The platform and the reviewing officer must know whether the face was matched or is theirs to confirm.
    ...(draft.faceCheck !== null ? { faceCheck: draft.faceCheck } : {}),
    ...(draft.payment !== null ? { payment: draft.payment } : {}),
    ...(Object.keys(draft.lookups).length > 0 ? { lookups: draft.lookups } : {}),
  });
  const now = opts.now ?? Date.now();
  return cachedTransaction(db, commitSubmission, { flat: true }).immediate(draft, payload, { kioskId: opts.kioskId, sealer: opts.sealer, random }, now);
}

// The body of enqueueSubmission's transaction, a module-level function so that its transaction
// wrapper is made once per connection. Flat: it never catches, so an error anywhere rolls the
// whole submission back, and the insert and its audit entry need no savepoints of their own.
function commitSubmission(
  db: Database,
  draft: SubmissionDraft,
  payload: string,
  opts: { kioskId: string; sealer: Sealer; random: (n: number) => Uint8Array },
  now: number,
): string {
  const existing = findReferenceByKey(db, draft.submissionKey);
  if (existing) return existing;
  for (let attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt++) {
    const reference = generateReference(opts.kioskId, opts.random);
    if (referenceExists(db, reference)) continue;
    insertSubmission(db, reference, {
      submissionKey: draft.submissionKey,
      serviceId: draft.serviceId,
      lang: draft.lang,
      // Bound to its reference: a sealed payload copied onto another row will not open.
      payload: opts.sealer.seal(payload, submissionContext(reference)),
      needsReview: draft.review,
      now,
    }, { actor: 'kiosk', detail: { service: draft.serviceId, review: draft.review } });
    // The money and the application it paid for are tied together in the same commit.
    if (draft.payment !== null) matchPayment(db, draft.payment.orderId, reference, now);
    return reference;
  }
  throw new Error('No free reference number could be found for this kiosk.');
}

/** The context a submission's payload is sealed to. */
export function submissionContext(reference: string): string {
  return `submission:${reference}`;
}
