/**
 * The host's half of the 1:1 check: from what the worker found in a burst of frames, whether the
 * person is the holder of the document. The comparison counts only when the camera saw one face
 * in most frames; it matches when the median similarity reaches the kiosk's threshold and the
 * burst looks live (liveness.ts). Only summary figures come out, safe for the audit.
 */
import type { FaceMiss } from '../../../shared/steps/face/face.step';
import { embeddingSimilarity, type DetectedFace } from './face-engine';
import type { BurstFrame } from './face-match';
import { DEFAULT_LIVENESS, livenessOf, type LivenessSignal, type LivenessThresholds } from './liveness';

/** What a burst came to. noFace / severalFaces cost no try: the resident only has to stand in front of the camera alone. */
export type FaceOutcome = 'matched' | FaceMiss | 'noFace' | 'severalFaces';

export interface FaceDecision {
  outcome: FaceOutcome;
  /** Median similarity over the frames with one face, 2 decimals; null when none was compared. */
  similarity: number | null;
  liveness: LivenessSignal | null;
  /** Frames with exactly one face, of all frames sent. */
  framesUsed: number;
  frames: number;
}

export interface FaceDecisionOptions {
  /** compare() at or above this is the same person (the kiosk setting faceMatchThreshold). */
  threshold: number;
  liveness?: LivenessThresholds;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The decision on one burst against the reference descriptor. */
export function decideFace(burst: readonly BurstFrame[], reference: Float32Array, options: FaceDecisionOptions): FaceDecision {
  const frames = burst.length;
  const single = burst.filter((f): f is BurstFrame & { face: DetectedFace } => f.faces === 1 && f.face !== null);
  const several = burst.filter((f) => f.faces > 1).length;
  const base = { similarity: null, liveness: null, framesUsed: single.length, frames };
  // Half the frames at least, and two: a look, not a glimpse.
  if (single.length < Math.max(2, Math.ceil(frames / 2))) return { ...base, outcome: several > single.length ? 'severalFaces' : 'noFace' };
  const scores = single.flatMap((f) => (f.face.embedding ? [embeddingSimilarity(f.face.embedding, reference)] : []));
  if (scores.length === 0) return { ...base, outcome: 'noFace' };
  const similarity = Math.round(median(scores) * 100) / 100;
  const liveness = livenessOf(
    single.map((f) => f.face),
    options.liveness ?? DEFAULT_LIVENESS,
  );
  // Another face is "not the holder" whatever else; the holder's face that does not look live is
  // refused as such: a photo of the holder is not the holder.
  const outcome: FaceOutcome = similarity < options.threshold ? 'notMatched' : liveness.verdict !== 'live' ? 'notLive' : 'matched';
  return { outcome, similarity, liveness, framesUsed: single.length, frames };
}
