/**
 * The photo each session's face is compared with, and its descriptor once read: in memory only,
 * for one session at a time. A card photo read at identify waits here for the face step; the
 * descriptor replaces the picture as soon as it is read, and everything goes when the session
 * does. Never written to disk, never logged: face images are not kept beyond the session.
 */
import type { FaceReferenceSource } from '../../../shared/steps/face/face.step';

/** The descriptor of the face to compare with, where it came from, and its document's key (face-lockout.ts). */
export interface HeldReference {
  embedding: Float32Array;
  source: Exclude<FaceReferenceSource, 'none'>;
  documentKey: string;
}

interface Held {
  sessionId: string;
  /** The card's photo, as the reader's decoder gave it (JPEG or BMP), until its descriptor is read. */
  cardPhoto: Uint8Array | null;
  /** The descriptor of the face to compare with, and where it came from. */
  reference: HeldReference | null;
  /** Comparisons made in this session, for the audit. */
  attempts: number;
}

export interface FaceReferences {
  /** The card's photo read for this session (null: the card gave none); replaces whatever another session left. */
  setCardPhoto(sessionId: string, photo: Uint8Array | null): void;
  /** The card's photo read for this session, if any. */
  cardPhoto(sessionId: string): Uint8Array | null;
  /** The descriptor to compare this session's face with; the picture it came from is dropped. */
  setReference(sessionId: string, embedding: Float32Array, source: Exclude<FaceReferenceSource, 'none'>, documentKey: string): void;
  reference(sessionId: string): HeldReference | null;
  /** Counts a comparison of this session and returns its number (1 for the first). */
  nextAttempt(sessionId: string): number;
  /** Forgets everything not of this session (null: of any). Called whenever the session changes. */
  keepOnly(sessionId: string | null): void;
}

export function createFaceReferences(): FaceReferences {
  let held: Held | null = null;
  const wipe = (): void => {
    // Overwritten, not just dropped: the bytes do not linger in a buffer until it is collected.
    held?.cardPhoto?.fill(0);
    held?.reference?.embedding.fill(0);
    held = null;
  };
  // This session's record; another session's is wiped first.
  const of = (sessionId: string): Held => {
    if (held !== null && held.sessionId !== sessionId) wipe();
    held ??= { sessionId, cardPhoto: null, reference: null, attempts: 0 };
    return held;
  };
  return {
    setCardPhoto(sessionId, photo) {
      const h = of(sessionId);
      h.cardPhoto?.fill(0);
      h.cardPhoto = photo === null ? null : Uint8Array.from(photo);
    },
    cardPhoto: (sessionId) => (held?.sessionId === sessionId ? held.cardPhoto : null),
    setReference(sessionId, embedding, source, documentKey) {
      const h = of(sessionId);
      h.cardPhoto?.fill(0);
      h.cardPhoto = null;
      h.reference = { embedding: Float32Array.from(embedding), source, documentKey };
    },
    reference: (sessionId) => (held?.sessionId === sessionId ? held.reference : null),
    nextAttempt(sessionId) {
      const h = of(sessionId);
      h.attempts += 1;
      return h.attempts;
    },
    keepOnly(sessionId) {
      if (held !== null && held.sessionId !== sessionId) wipe();
    },
  };
}
