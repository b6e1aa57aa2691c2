import { describe, expect, it } from 'vitest';
import { decideFace } from '../../../../../electron/host/face/face-decision';
import { embeddingSimilarity, type DetectedFace } from '../../../../../electron/host/face/face-engine';
import type { BurstFrame } from '../../../../../electron/host/face/face-match';
import { syntheticFace } from '../../../../fixtures/faces/fake-faces';

/** A head whose eyes are 100 px apart (x 75 and 175), so that an eye shift of n px is a motion of n / 100. */
const HEAD = { x: 0, y: 0, w: 250, h: 420 };

/** The reference descriptor: the origin of a made-up 4-dimensional space. */
const REFERENCE = new Float32Array([0, 0, 0, 0]);

/**
 * A descriptor at Euclidean distance `d` from REFERENCE. embeddingSimilarity is (0.8 − 0.05·d) / 0.6,
 * clamped to 0–1: d 6 → 0.8333, 7 → 0.75, 8 → 0.6667, 9 → 0.5833, 10 → 0.5, 0 → 1.
 */
const at = (d: number): Float32Array => new Float32Array([d, 0, 0, 0]);

interface FaceOptions {
  /** Distance of the face's descriptor from the reference; null: no descriptor. */
  d?: number | null;
  /** Eyes shifted right by this many pixels. */
  dx?: number;
  antispoof?: number | null;
}

function face({ d = 0, dx = 0, antispoof = 0.9 }: FaceOptions = {}): DetectedFace {
  const base = syntheticFace(HEAD, { embedding: d === null ? null : at(d), antispoof });
  return {
    ...base,
    eyes: {
      left: { x: base.eyes.left.x + dx, y: base.eyes.left.y },
      right: { x: base.eyes.right.x + dx, y: base.eyes.right.y },
    },
  };
}

/** A frame with exactly one face. */
const one = (options: FaceOptions = {}): BurstFrame => ({ faces: 1, face: face(options) });
/** A frame with nobody. */
const none = (): BurstFrame => ({ faces: 0, face: null });
/** A frame with `n` faces, the largest given. */
const several = (n = 2, options: FaceOptions = {}): BurstFrame => ({ faces: n, face: face(options) });

/** Eye shifts that make a live burst: 4 px travel over a 100 px eye distance is a motion of 0.04 (line 0.03). */
const SWAY = [0, 1, 2, 4];

const OPTIONS = { threshold: 0.6 };

describe('embedding fixtures', () => {
  it('give the similarities the tests below rely on', () => {
    expect(embeddingSimilarity(at(0), REFERENCE)).toBe(1);
    expect(embeddingSimilarity(at(6), REFERENCE)).toBeCloseTo(0.8333, 4);
    expect(embeddingSimilarity(at(7), REFERENCE)).toBeCloseTo(0.75, 10);
    expect(embeddingSimilarity(at(8), REFERENCE)).toBeCloseTo(0.6667, 4);
    expect(embeddingSimilarity(at(9), REFERENCE)).toBeCloseTo(0.5833, 4);
    expect(embeddingSimilarity(at(10), REFERENCE)).toBeCloseTo(0.5, 10);
  });
});

describe('decideFace', () => {
  it('matches the same face, swaying, with antispoof over the line', () => {
    const burst = SWAY.map((dx) => one({ d: 0, dx }));
    expect(decideFace(burst, REFERENCE, OPTIONS)).toEqual({
      outcome: 'matched',
      similarity: 1,
      liveness: { antispoof: 0.9, motion: 0.04, poseRange: 0, blink: false, verdict: 'live', frames: 4 },
      framesUsed: 4,
      frames: 4,
    });
  });

  it('does not match a live face below the threshold', () => {
    const burst = SWAY.map((dx) => one({ d: 10, dx }));
    const decision = decideFace(burst, REFERENCE, OPTIONS);
    expect(decision.outcome).toBe('notMatched');
    expect(decision.similarity).toBe(0.5);
    expect(decision.liveness?.verdict).toBe('live');
  });

  it('calls another face notMatched even when it is also still (not notLive)', () => {
    const burst = [one({ d: 10 }), one({ d: 10 }), one({ d: 10 })];
    const decision = decideFace(burst, REFERENCE, OPTIONS);
    expect(decision.outcome).toBe('notMatched');
    expect(decision.liveness?.verdict).toBe('still');
  });

  it('calls another face notMatched even with a spoof antispoof score', () => {
    const burst = SWAY.map((dx) => one({ d: 10, dx, antispoof: 0.1 }));
    const decision = decideFace(burst, REFERENCE, OPTIONS);
    expect(decision.outcome).toBe('notMatched');
    expect(decision.liveness?.verdict).toBe('spoof');
  });

  it('calls the matching face notLive when it does not move', () => {
    const burst = [one(), one(), one(), one()];
    expect(decideFace(burst, REFERENCE, OPTIONS)).toEqual({
      outcome: 'notLive',
      similarity: 1,
      liveness: { antispoof: 0.9, motion: 0, poseRange: 0, blink: false, verdict: 'still', frames: 4 },
      framesUsed: 4,
      frames: 4,
    });
  });

  it('calls the matching face notLive when it moves but its antispoof score is low', () => {
    const burst = SWAY.map((dx) => one({ dx, antispoof: 0.3 }));
    const decision = decideFace(burst, REFERENCE, OPTIONS);
    expect(decision.outcome).toBe('notLive');
    expect(decision.similarity).toBe(1);
    expect(decision.liveness).toMatchObject({ antispoof: 0.3, motion: 0.04, verdict: 'spoof' });
  });

  it('calls the matching face notLive when no frame has an antispoof score', () => {
    const burst = SWAY.map((dx) => one({ dx, antispoof: null }));
    const decision = decideFace(burst, REFERENCE, OPTIONS);
    expect(decision.outcome).toBe('notLive');
    expect(decision.liveness).toMatchObject({ antispoof: null, verdict: 'spoof' });
  });

  it('passes custom liveness thresholds through', () => {
    const burst = SWAY.map((dx) => one({ dx }));
    // The same 0.04 motion is still against a line of 0.05.
    const decision = decideFace(burst, REFERENCE, { threshold: 0.6, liveness: { minAntispoof: 0.5, minMotion: 0.05, minPoseRange: 2 } });
    expect(decision.outcome).toBe('notLive');
    expect(decision.liveness?.verdict).toBe('still');
  });

  it('takes the median of an odd number of scores, whatever their order', () => {
    const burst = [one({ d: 8, dx: 0 }), one({ d: 6, dx: 4 }), one({ d: 7, dx: 2 })];
    const decision = decideFace(burst, REFERENCE, OPTIONS);
    expect(decision.similarity).toBe(0.75);
    expect(decision.outcome).toBe('matched');
  });

  it('takes the mean of the middle two scores for an even count, rounded to 2 decimals', () => {
    // Scores 0.8333, 0.5833, 0.75, 0.6667: the middle two average 0.70833.
    const burst = [one({ d: 6, dx: 0 }), one({ d: 9, dx: 1 }), one({ d: 7, dx: 2 }), one({ d: 8, dx: 4 })];
    const expected = (embeddingSimilarity(at(8), REFERENCE) + embeddingSimilarity(at(7), REFERENCE)) / 2;
    expect(expected).toBeCloseTo(0.70833, 4);
    const decision = decideFace(burst, REFERENCE, OPTIONS);
    expect(decision.similarity).toBe(0.71);
    expect(decision.outcome).toBe('matched');
  });

  it('rounds the median before comparing it with the threshold', () => {
    // Median 0.70833 rounds to 0.71: a threshold of 0.71 is reached, 0.72 is not.
    const burst = [one({ d: 6, dx: 0 }), one({ d: 9, dx: 1 }), one({ d: 7, dx: 2 }), one({ d: 8, dx: 4 })];
    expect(decideFace(burst, REFERENCE, { threshold: 0.71 }).outcome).toBe('matched');
    expect(decideFace(burst, REFERENCE, { threshold: 0.72 }).outcome).toBe('notMatched');
  });

  it('counts a similarity exactly at the threshold as matched', () => {
    const burst = SWAY.map((dx) => one({ d: 7, dx }));
    const decision = decideFace(burst, REFERENCE, { threshold: 0.75 });
    expect(decision.similarity).toBe(0.75);
    expect(decision.outcome).toBe('matched');
    expect(decideFace(burst, REFERENCE, { threshold: 0.76 }).outcome).toBe('notMatched');
  });

  it('gives noFace when fewer than half the frames have one face', () => {
    const burst = [one({ dx: 0 }), one({ dx: 4 }), none(), none(), none(), none()];
    expect(decideFace(burst, REFERENCE, OPTIONS)).toEqual({ outcome: 'noFace', similarity: null, liveness: null, framesUsed: 2, frames: 6 });
  });

  it('decides once exactly half the frames (rounded up) have one face', () => {
    // 5 frames: ceil(5 / 2) = 3 are needed.
    const enough = [one({ dx: 0 }), one({ dx: 2 }), one({ dx: 4 }), none(), none()];
    expect(decideFace(enough, REFERENCE, OPTIONS)).toMatchObject({ outcome: 'matched', framesUsed: 3, frames: 5 });
    const short = [one({ dx: 0 }), one({ dx: 4 }), none(), none(), none()];
    expect(decideFace(short, REFERENCE, OPTIONS)).toMatchObject({ outcome: 'noFace', framesUsed: 2, frames: 5 });
  });

  it('needs at least two single-face frames even in a short burst', () => {
    expect(decideFace([one()], REFERENCE, OPTIONS)).toEqual({ outcome: 'noFace', similarity: null, liveness: null, framesUsed: 1, frames: 1 });
    expect(decideFace([one({ dx: 0 }), none()], REFERENCE, OPTIONS)).toMatchObject({ outcome: 'noFace', framesUsed: 1, frames: 2 });
    expect(decideFace([one({ dx: 0 }), one({ dx: 4 })], REFERENCE, OPTIONS)).toMatchObject({ outcome: 'matched', framesUsed: 2, frames: 2 });
  });

  it('gives noFace for an empty burst', () => {
    expect(decideFace([], REFERENCE, OPTIONS)).toEqual({ outcome: 'noFace', similarity: null, liveness: null, framesUsed: 0, frames: 0 });
  });

  it('gives severalFaces when frames with more than one face outnumber single-face frames', () => {
    const burst = [several(2), several(3), several(2), several(2), one({ dx: 0 }), one({ dx: 4 })];
    expect(decideFace(burst, REFERENCE, OPTIONS)).toEqual({ outcome: 'severalFaces', similarity: null, liveness: null, framesUsed: 2, frames: 6 });
  });

  it('gives noFace, not severalFaces, when multi-face frames only equal single-face frames', () => {
    const burst = [several(), several(), one({ dx: 0 }), one({ dx: 4 }), none(), none()];
    expect(decideFace(burst, REFERENCE, OPTIONS)).toMatchObject({ outcome: 'noFace', framesUsed: 2, frames: 6 });
  });

  it('ignores multi-face frames once enough frames have one face', () => {
    // The largest face of the crowded frames is far from the reference; it must not pull the median down.
    const burst = [one({ dx: 0 }), one({ dx: 2 }), one({ dx: 4 }), several(2, { d: 12 }), several(2, { d: 12 }), several(2, { d: 12 })];
    expect(decideFace(burst, REFERENCE, OPTIONS)).toMatchObject({ outcome: 'matched', similarity: 1, framesUsed: 3, frames: 6 });
  });

  it('does not count a frame reporting one face without the face as a single-face frame', () => {
    const burst: BurstFrame[] = [one({ dx: 0 }), { faces: 1, face: null }, { faces: 1, face: null }, { faces: 1, face: null }];
    expect(decideFace(burst, REFERENCE, OPTIONS)).toMatchObject({ outcome: 'noFace', framesUsed: 1, frames: 4 });
  });

  it('leaves frames without a descriptor out of the median but in framesUsed and liveness', () => {
    // Scores only from d 10 (0.5) and d 0 (1): median 0.75. The descriptor-less frames still carry the sway.
    const burst = [one({ d: 10, dx: 0 }), one({ d: null, dx: 4 }), one({ d: 0, dx: 1 }), one({ d: null, dx: 2 })];
    expect(decideFace(burst, REFERENCE, OPTIONS)).toEqual({
      outcome: 'matched',
      similarity: 0.75,
      liveness: { antispoof: 0.9, motion: 0.04, poseRange: 0, blink: false, verdict: 'live', frames: 4 },
      framesUsed: 4,
      frames: 4,
    });
  });

  it('gives noFace when no single-face frame has a descriptor', () => {
    const burst = SWAY.map((dx) => one({ d: null, dx }));
    expect(decideFace(burst, REFERENCE, OPTIONS)).toEqual({ outcome: 'noFace', similarity: null, liveness: null, framesUsed: 4, frames: 4 });
  });

  it('refuses a descriptor of another length', () => {
    const burst = [one(), one()];
    expect(() => decideFace(burst, new Float32Array([0, 0]), OPTIONS)).toThrow(/not of the same kind/);
  });
});
