/**
 * Misses of the face check by document, across sessions: three tries a session would otherwise be
 * three tries a visit, and someone else's permit could be tried again and again by starting over.
 * A document with FACE_LOCKOUT.misses misses within FACE_LOCKOUT.windowMs goes straight to the
 * counter. Documents are kept only as keyed hashes (HMAC with a key made at start-up and never
 * stored), in memory: a restart forgets them, as the daily restart does once a day.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const FACE_LOCKOUT = { misses: 3, windowMs: 24 * 60 * 60 * 1000 } as const;

export interface FaceLockout {
  /** The key of a document (type and number): not reversible, not the same on two kiosks or after a restart. */
  keyOf(document: { type: string; number: string }): string;
  /** Counts a miss of this document now. */
  record(key: string, now: number): void;
  /** True when the document had FACE_LOCKOUT.misses misses within the window before now. */
  locked(key: string, now: number): boolean;
}

export function createFaceLockout(limits: { misses: number; windowMs: number } = FACE_LOCKOUT): FaceLockout {
  const secret = randomBytes(32);
  const misses = new Map<string, number[]>();
  const recent = (key: string, now: number): number[] => {
    const kept = (misses.get(key) ?? []).filter((at) => now - at < limits.windowMs);
    if (kept.length === 0) misses.delete(key);
    else misses.set(key, kept);
    return kept;
  };
  return {
    keyOf: (document) => createHmac('sha256', secret).update(`${document.type}\u0000${document.number}`).digest('base64url'),
    record(key, now) {
      misses.set(key, [...recent(key, now), now]);
      // Bounded: the oldest documents go first once a busy kiosk has seen many.
      if (misses.size > 10_000) {
        const oldest = misses.keys().next().value;
        if (oldest !== undefined) misses.delete(oldest);
      }
    },
    locked: (key, now) => recent(key, now).length >= limits.misses,
  };
}
