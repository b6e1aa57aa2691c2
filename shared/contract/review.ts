import { FACE_CHECKS } from '../steps/face/face.step';
import { z } from 'zod';
import { RATING_REASONS } from '../steps/rating/rating.step';

/** What a reviewer decides: approve, reject with a reason, or ask the resident for more. */
export const DECISIONS = ['approve', 'reject', 'moreInfo'] as const;
export type ReviewDecision = (typeof DECISIONS)[number];

/** Why a submission is rejected: codes the resident's status lookup says in words. */
export const REJECT_REASONS = ['photoUnusable', 'documentsMissing', 'notEligible', 'detailsWrong', 'duplicate', 'other'] as const;

/** What a resident can be asked to bring (the `bring.<item>` texts of the services). */
export const REVIEW_BRING_ITEMS = [
  'idCard',
  'residenceProof',
  'employmentProof',
  'birthCertificate',
  'householdBook',
  'parentsIdCards',
  'marriageCertificate',
  'oldDocument',
  'drivingLicence',
  'purchaseInvoice',
  'insurance',
] as const;

export const SUBMISSION_STATES = ['queued', 'sending', 'sent', 'accepted', 'rejected', 'failed'] as const;

/** A payment's state: shown, waiting; paid; called off or run out unpaid; paid and given back. */
export const PAYMENT_STATES = ['pending', 'paid', 'canceled', 'timedOut', 'refunded'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

/**
 * What a submission's audit trail can say (the host writes these with the reference as the
 * subject): staff read each in words. A code not listed here is shown as "another event".
 */
export const SUBMISSION_AUDIT_ACTIONS = [
  'submission.baseline',
  'submission.queued',
  'submission.sending',
  'submission.sent',
  'submission.accepted',
  'submission.rejected',
  'submission.failed',
  'submission.retryScheduled',
  'submission.requeued',
  'submission.certificateReady',
  'submission.remoteStatus',
  'submission.purged',
  'print.printed',
  'print.pending',
  'review.opened',
  'review.decided',
] as const;
export type SubmissionAuditAction = (typeof SUBMISSION_AUDIT_ACTIONS)[number];

/** The latest decision on a submission, as the resident's status lookup shows it. */
export const reviewOutcomeSchema = z.object({
  decision: z.enum(DECISIONS),
  reasonCode: z.enum(REJECT_REASONS).nullable(),
  bring: z.array(z.enum(REVIEW_BRING_ITEMS)),
  decidedAt: z.number(),
});
export type ReviewOutcome = z.infer<typeof reviewOutcomeSchema>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A day is YYYY-MM-DD');

export const queueRequestSchema = z
  .object({
    serviceId: z.string().regex(/^[a-zA-Z]{1,40}$/).optional(),
    state: z.enum(SUBMISSION_STATES).optional(),
    /** awaiting: needs review and not decided yet; decided: has a decision. */
    review: z.enum(['awaiting', 'decided']).optional(),
    /** Submitted on or after this day, and on or before that one (the kiosk's local days). */
    from: day.optional(),
    to: day.optional(),
    /** The last row of the page before: its createdAt and reference. */
    after: z.object({ createdAt: z.number().int(), reference: z.string().max(20) }).strict().optional(),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict();

export const queueItemSchema = z.object({
  reference: z.string(),
  serviceId: z.string(),
  state: z.enum(SUBMISSION_STATES),
  needsReview: z.boolean(),
  decision: z.enum(DECISIONS).nullable(),
  createdAt: z.number(),
});

export const queuePageSchema = z.object({
  items: z.array(queueItemSchema),
  /** Pass as `after` for the next page; null on the last one. */
  next: z.object({ createdAt: z.number(), reference: z.string() }).nullable(),
});

export const submissionDetailSchema = z.object({
  reference: z.string(),
  serviceId: z.string(),
  state: z.enum(SUBMISSION_STATES),
  needsReview: z.boolean(),
  createdAt: z.number(),
  /** Null once the personal data was purged after the retention period. */
  applicant: z.object({ name: z.string(), numberMasked: z.string(), method: z.string() }).nullable(),
  answers: z.record(z.string(), z.unknown()),
  photo: z.string().nullable(),
  /** How the face check confirmed the applicant, for services with one: matched, or an officer is to confirm. */
  faceCheck: z.enum(FACE_CHECKS).nullable(),
  payment: z.object({ amountFen: z.number().int(), state: z.enum(PAYMENT_STATES), orderId: z.string() }).nullable(),
  decisions: z.array(z.object({ decision: z.enum(DECISIONS), reasonCode: z.string().nullable(), bring: z.array(z.string()), staffNumber: z.string(), decidedAt: z.number(), note: z.string().nullable() })),
  audit: z.array(z.object({ at: z.number(), actor: z.string(), action: z.string() })),
});

export const decideRequestSchema = z.discriminatedUnion('decision', [
  z.object({ reference: z.string().max(20), decision: z.literal('approve'), note: z.string().max(500).optional() }).strict(),
  z.object({ reference: z.string().max(20), decision: z.literal('reject'), reasonCode: z.enum(REJECT_REASONS), note: z.string().max(500).optional() }).strict(),
  z.object({ reference: z.string().max(20), decision: z.literal('moreInfo'), bring: z.array(z.enum(REVIEW_BRING_ITEMS)).min(1).max(REVIEW_BRING_ITEMS.length), note: z.string().max(500).optional() }).strict(),
]);


/** What went wrong with money and submissions, for staff. */
export const moneyOverviewSchema = z.object({
  refundsDue: z.array(z.object({ orderId: z.string(), serviceId: z.string(), amountFen: z.number().int(), paidAt: z.number() })),
  failed: z.array(z.object({ reference: z.string(), serviceId: z.string(), error: z.string().nullable(), updatedAt: z.number() })),
  toPrint: z.array(z.object({ reference: z.string(), output: z.enum(['slip', 'a4', 'permitEndorsement']), attempts: z.number().int(), error: z.string().nullable() })),
});

/** Today's and the last 30 days' numbers, for staff: submissions per service, hour and day, and the ratings by level and reason. */
export const reportSchema = z.object({
  today: z.string(),
  byServiceToday: z.array(z.object({ serviceId: z.string(), count: z.number().int() })),
  /** Submissions in each hour of today, 0-23, the kiosk's local time. */
  byHourToday: z.array(z.number().int()).length(24),
  /** The 30 days ending today, oldest first. */
  byDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
  byService30: z.array(z.object({ serviceId: z.string(), count: z.number().int() })),
  ratings: z.object({
    count: z.number().int(),
    /** One decimal, null without ratings. */
    average: z.number().nullable(),
    /** How many gave 1, 2, 3, 4 and 5. */
    byLevel: z.array(z.number().int()).length(5),
    /** How many gave each reason, every reason in RATING_REASONS' order (0 where none did). */
    byReason: z.array(z.object({ reason: z.enum(RATING_REASONS), count: z.number().int() })).length(RATING_REASONS.length),
    /** How many rated without a reason (the reason is optional). */
    withoutReason: z.number().int(),
  }),
});
