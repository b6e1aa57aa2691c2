import { z } from 'zod';

const catalogId = z.string().regex(/^[a-z][A-Za-z0-9]{0,47}$/);

/** A submission that station staff review before it goes on; the resident is told how long that takes. */
export const reviewStepSchema = z.object({ kind: z.literal('review'), id: catalogId, workingDays: z.number().int().min(1).max(30) }).strict();
export type ReviewStep = z.infer<typeof reviewStepSchema>;

export const reviewViewSchema = z.object({ name: z.literal('reviewNotice'), stepId: z.string(), workingDays: z.number().int() });
