import { z } from 'zod';
import { SERVICE_FAMILIES } from './families';
import { checkStepSchema } from '../steps/check/check.step';
import { eligibilityStepSchema } from '../steps/eligibility/eligibility.step';
import { faceStepSchema } from '../steps/face/face.step';
import { identifyStepSchema } from '../steps/identify/identify.step';
import { lookupStepSchema } from '../steps/lookup/lookup.step';
import { payStepSchema } from '../steps/pay/pay.step';
import { photoStepSchema } from '../steps/photo/photo.step';
import { printStepSchema } from '../steps/print/print.step';
import { questionsStepSchema } from '../steps/questions/questions.step';
import { ratingStepSchema } from '../steps/rating/rating.step';
import { reviewStepSchema } from '../steps/review/review.step';
import { submitStepSchema } from '../steps/submit/submit.step';
import { catalogId } from './questions';

export { SERVICE_FAMILIES, type ServiceFamily } from './families';

/** The devices a service needs; the welcome screen offers it only while they are ready. */
export const SERVICE_DEVICES = ['idCardReader', 'documentReader', 'receiptPrinter', 'documentPrinter', 'permitPrinter', 'camera', 'paymentTerminal'] as const;
export type ServiceDevice = (typeof SERVICE_DEVICES)[number];

/** One step of a service, of one of the fixed step kinds. */
export const stepSchema = z.union([
  identifyStepSchema,
  faceStepSchema,
  eligibilityStepSchema,
  lookupStepSchema,
  questionsStepSchema,
  photoStepSchema,
  checkStepSchema,
  payStepSchema,
  reviewStepSchema,
  submitStepSchema,
  printStepSchema,
  ratingStepSchema,
]);
export type Step = z.infer<typeof stepSchema>;
export type StepKind = Step['kind'];
/** The step config of one kind. */
export type StepOf<K extends StepKind> = Extract<Step, { kind: K }>;

/** A service as data: what it needs, what it asks, what it prints. One generic flow runs any entry. */
export const serviceEntrySchema = z
  .object({
    id: catalogId,
    family: z.enum(SERVICE_FAMILIES),
    /** What to bring, shown on the start page: `bring.<item>` in the locales. */
    bring: z.array(catalogId).min(1),
    minutes: z.number().int().min(1).max(60),
    devices: z.array(z.enum(SERVICE_DEVICES)),
    steps: z.array(stepSchema).min(2),
  })
  .strict();
export type ServiceEntry = z.infer<typeof serviceEntrySchema>;
