import { z } from 'zod';
import { checkSubmissionViewSchemas } from '../flows/check-submission.view';
import { checkViewSchema } from '../steps/check/check.step';
import { refusedViewSchema } from '../steps/eligibility/eligibility.step';
import { faceViewSchema } from '../steps/face/face.step';
import { identifyViewSchema } from '../steps/identify/identify.step';
import { lookupViewSchemas } from '../steps/lookup/lookup.step';
import { payViewSchemas } from '../steps/pay/pay.step';
import { photoViewSchema } from '../steps/photo/photo.step';
import { printViewSchemas } from '../steps/print/print.step';
import { questionViewSchema } from '../steps/questions/questions.step';
import { ratingViewSchemas } from '../steps/rating/rating.step';
import { reviewViewSchema } from '../steps/review/review.step';
import { submitViewSchemas } from '../steps/submit/submit.step';
import { langSchema } from './lang';

/** Why the kiosk cannot serve residents: the data key file cannot be read, or is gone while sealed data exists. */
export const UNAVAILABLE_REASONS = ['keyUnreadable', 'keyMissing'] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

/** Every screen, each with exactly what it shows: the renderer draws one per `name`. */
export const screenViewSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('welcome') }),
  z.object({ name: z.literal('start'), serviceId: z.string() }),
  z.object({ name: z.literal('unavailable'), reason: z.enum(UNAVAILABLE_REASONS) }),
  identifyViewSchema,
  faceViewSchema,
  refusedViewSchema,
  ...lookupViewSchemas,
  questionViewSchema,
  photoViewSchema,
  checkViewSchema,
  ...payViewSchemas,
  reviewViewSchema,
  ...submitViewSchemas,
  ...printViewSchemas,
  ...ratingViewSchemas,
  ...checkSubmissionViewSchemas,
]);
export type ScreenView = z.infer<typeof screenViewSchema>;
export type ScreenName = ScreenView['name'];
/** The view of one screen. */
export type ScreenOf<N extends ScreenName> = Extract<ScreenView, { name: N }>;

/** What the renderer needs to draw the current screen: no more personal data than it shows. */
export const flowViewSchema = z.object({
  /**
   * Rises with every view the host produces. A command's reply and a pushed event travel on
   * different channels and can arrive out of order: the renderer keeps the highest.
   */
  seq: z.number().int(),
  sessionId: z.string(),
  lang: langSchema,
  serviceId: z.string().nullable(),
  /** Which step of the service, for "step 3 of 7". */
  progress: z.object({ index: z.number().int(), total: z.number().int() }).nullable(),
  idle: z.object({ warning: z.boolean(), resetAt: z.number().nullable() }),
  /** A reference exists: the application is in the queue, whatever happens on screen now. */
  submitted: z.boolean(),
  screen: screenViewSchema,
});
export type FlowView = z.infer<typeof flowViewSchema>;
