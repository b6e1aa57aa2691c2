import { z } from 'zod';

const catalogId = z.string().regex(/^[a-z][A-Za-z0-9]{0,47}$/);

/**
 * "Is the person at the kiosk the holder of this document?": the camera's face against the card's
 * photo (decoded by the reader vendor's licensed decoder) or against the photo the platform has on
 * file for the document. `tries` comparisons that do not match send the resident to a counter.
 */
export const faceStepSchema = z
  .object({
    kind: z.literal('faceVerify'),
    id: catalogId,
    tries: z.number().int().min(1).max(5).default(3),
    /**
     * With no photo to compare with: go on, and an officer confirms the identity in person when the
     * resident collects the result (a card made later); or go to a counter, for a service whose
     * result the kiosk hands over at once (an endorsement printed onto the permit).
     */
    withoutPhoto: z.enum(['officerLater', 'counter']).default('officerLater'),
  })
  .strict();
export type FaceStep = z.infer<typeof faceStepSchema>;

/** Where the face to compare with came from; none: neither the card nor the platform had one. */
export const FACE_REFERENCES = ['card', 'platform', 'none'] as const;
export type FaceReferenceSource = (typeof FACE_REFERENCES)[number];

/** What a comparison that counts as a try found. */
export const FACE_MISSES = ['notMatched', 'notLive'] as const;
export type FaceMiss = (typeof FACE_MISSES)[number];

/**
 * How the session's identity was confirmed by face: matched at the kiosk, or (no photo to compare
 * with) left to an officer, who confirms it when the resident collects or at review.
 */
export const FACE_CHECKS = ['matched', 'staffToConfirm'] as const;
export type FaceCheck = (typeof FACE_CHECKS)[number];

export interface FaceLocal {
  kind: 'faceVerify';
  source: FaceReferenceSource | null;
  /** Why the last comparison of this visit did not pass; the count of misses is the session's (FlowContext.faceMisses). */
  lastMiss: FaceMiss | null;
}

export const initialFace = (): FaceLocal => ({ kind: 'faceVerify', source: null, lastMiss: null });

/**
 * preparing: the host fetches and reads the photo to compare with. ready: the camera, and a
 * button that starts a two-second look. noReference: no photo to compare with, and the
 * alternative. counter: the tries are used up; an officer at the counter must see the resident.
 */
export const FACE_PHASES = ['preparing', 'ready', 'noReference', 'counter'] as const;
export type FacePhase = (typeof FACE_PHASES)[number];

export const faceViewSchema = z.object({
  name: z.literal('faceVerify'),
  stepId: z.string(),
  phase: z.enum(FACE_PHASES),
  /** Tries left before the counter. */
  triesLeft: z.number().int().min(0),
  lastMiss: z.enum(FACE_MISSES).nullable(),
  /** What the resident's face is compared with (the card's photo or the one on file). */
  source: z.enum(FACE_REFERENCES).nullable(),
  /** Without a photo to compare with: may the resident go on (an officer confirms later), or only to a counter. */
  withoutPhoto: z.enum(['officerLater', 'counter']),
});
export type FaceView = z.infer<typeof faceViewSchema>;

export function faceView(step: FaceStep, local: FaceLocal, sub: string | null, misses: number): FaceView {
  const phase = (FACE_PHASES as readonly string[]).includes(sub ?? '') ? (sub as FacePhase) : 'preparing';
  return { name: 'faceVerify', stepId: step.id, phase, triesLeft: Math.max(0, step.tries - misses), lastMiss: local.lastMiss, source: local.source, withoutPhoto: step.withoutPhoto };
}
