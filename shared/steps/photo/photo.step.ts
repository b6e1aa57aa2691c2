import { z } from 'zod';

const catalogId = z.string().regex(/^[a-z][A-Za-z0-9]{0,47}$/);

/** The photo specifications the kiosk takes photos to. */
export const PHOTO_KINDS = ['residentId', 'entryExit', 'drivingLicence'] as const;

/** A photo taken at the kiosk and checked against its specification in the host. */
export const photoStepSchema = z.object({ kind: z.literal('photo'), id: catalogId, spec: z.enum(PHOTO_KINDS) }).strict();
export type PhotoStep = z.infer<typeof photoStepSchema>;

export const photoViewSchema = z.object({ name: z.literal('photo'), stepId: z.string(), spec: z.enum(PHOTO_KINDS), returnToCheck: z.boolean() });
