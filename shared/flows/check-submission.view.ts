import { z } from 'zod';
import { REFERENCE_ERROR_CODES } from '../domain/reference';
import { reviewOutcomeSchema } from '../contract/review';

/** What the kiosk knows of a reference: no personal data, and whether something is waiting to be printed. */
export const submissionStatusSchema = z.discriminatedUnion('found', [
  z.object({
    found: z.literal(true),
    serviceId: z.string(),
    state: z.enum(['queued', 'sending', 'sent', 'accepted', 'rejected', 'failed']),
    certificateReady: z.boolean(),
    submittedAt: z.number(),
    /** Documents or endorsements paid for but not printed: the resident may print them now. */
    toPrint: z.array(z.enum(['slip', 'a4', 'permitEndorsement'])),
    /** Station staff's latest decision, when the service is reviewed at the kiosk's station. */
    review: reviewOutcomeSchema.nullable(),
  }),
  z.object({ found: z.literal(false) }),
]);
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;

export const checkSubmissionViewSchemas = [
  z.object({ name: z.literal('lookup'), error: z.enum(REFERENCE_ERROR_CODES).nullable(), reference: z.string().nullable(), checking: z.boolean() }),
  z.object({
    name: z.literal('lookupResult'),
    reference: z.string(),
    result: submissionStatusSchema,
    reprint: z.enum(['none', 'printing', 'printed', 'failed', 'notReady']),
  }),
] as const;
