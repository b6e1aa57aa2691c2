import type { Sealer } from '../crypto/sealer';

// A reviewer's note is sealed to its submission's reference, like the payload.
const context = (reference: string) => `review-note:${reference}`;

/** Seals a reviewer's note for storing (base64). */
export function sealReviewNote(sealer: Sealer, reference: string, note: string): string {
  return sealer.seal(note, context(reference)).toString('base64');
}

/** Opens a stored note; null when it does not open (written before notes were sealed, or damaged). */
export function openReviewNote(sealer: Sealer, reference: string, sealed: string): string | null {
  try {
    return sealer.open(Buffer.from(sealed, 'base64'), context(reference)).toString('utf8');
  } catch {
    return null;
  }
}
