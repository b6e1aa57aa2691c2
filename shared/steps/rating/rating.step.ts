import { z } from 'zod';
import { RATING_REASONS } from './rating-reasons';

const catalogId = z.string().regex(/^[a-z][A-Za-z0-9]{0,47}$/);

/** 政务服务"好差评": after the confirmation, an optional rating of the service, kept without any link to the resident. */
export const ratingStepSchema = z.object({ kind: z.literal('rating'), id: catalogId }).strict();
export type RatingStep = z.infer<typeof ratingStepSchema>;

export { RATING_REASONS } from './rating-reasons';

export const ratingViewSchemas = [z.object({ name: z.literal('rating'), stepId: z.string() })] as const;

export const ratingEventSchemas = [
  z.object({ type: z.literal('RATE'), level: z.number().int().min(1).max(5), reason: z.enum(RATING_REASONS).optional() }).strict(),
  z.object({ type: z.literal('SKIP') }).strict(),
] as const;
