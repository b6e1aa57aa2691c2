import { z } from 'zod';

const catalogId = z.string().regex(/^[a-z][A-Za-z0-9]{0,47}$/);

/** 政务服务"好差评": after the confirmation, an optional rating of the service, kept without any link to the resident. */
export const ratingStepSchema = z.object({ kind: z.literal('rating'), id: catalogId }).strict();
export type RatingStep = z.infer<typeof ratingStepSchema>;

/** Why a rating is low or high, when the resident says: codes, never free text. */
export const RATING_REASONS = ['fast', 'easy', 'clear', 'slow', 'confusing', 'deviceFault', 'other'] as const;

export const ratingViewSchemas = [z.object({ name: z.literal('rating'), stepId: z.string() })] as const;

export const ratingEventSchemas = [
  z.object({ type: z.literal('RATE'), level: z.number().int().min(1).max(5), reason: z.enum(RATING_REASONS).optional() }).strict(),
  z.object({ type: z.literal('SKIP') }).strict(),
] as const;
