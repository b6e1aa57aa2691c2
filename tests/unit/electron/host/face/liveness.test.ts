import { describe, expect, it } from 'vitest';
import type { DetectedFace } from '../../../../../electron/host/face/face-engine';
import { DEFAULT_LIVENESS, livenessOf, type LivenessThresholds } from '../../../../../electron/host/face/liveness';
import { syntheticFace } from '../../../../fixtures/faces/fake-faces';

/** A head whose eyes are 100 px apart (at x 75 and 175), so that motion is pixels over 100. */
const HEAD = { x: 0, y: 0, w: 250, h: 420 };

interface Frame {
  /** Eyes shifted by this many pixels. */
  dx?: number;
  dy?: number;
  yaw?: number;
  pitch?: number;
  roll?: number;
  /** Openness of the left and right eye. */
  open?: [number, number];
  antispoof?: number | null;
  /** The head scaled by this (eye distance 100 × scale). */
  scale?: number;
}

/** One frame's face: a sitter looking straight at the camera, eyes open, antispoof 0.9, changed as asked. */
function face({ dx = 0, dy = 0, yaw = 0, pitch = 0, roll = 0, open = [0.4, 0.4], antispoof = 0.9, scale = 1 }: Frame = {}): DetectedFace {
  const base = syntheticFace({ x: HEAD.x * scale, y: HEAD.y * scale, w: HEAD.w * scale, h: HEAD.h * scale });
  return {
    ...base,
    eyes: {
      left: { x: base.eyes.left.x + dx, y: base.eyes.left.y + dy },
      right: { x: base.eyes.right.x + dx, y: base.eyes.right.y + dy },
    },
    pose: { yaw, pitch, roll },
    eyeOpenness: { left: open[0], right: open[1] },
    antispoof,
  };
}

/** A burst of frames. */
const burst = (...frames: Frame[]): DetectedFace[] => frames.map(face);

/** n identical still frames, then the given ones. */
const still = (n: number, ...then: Frame[]): DetectedFace[] => burst(...Array.from({ length: n }, () => ({})), ...then);

describe('livenessOf', () => {
  it('has the agreed default thresholds', () => {
    expect(DEFAULT_LIVENESS).toEqual({ minAntispoof: 0.5, minMotion: 0.03, minPoseRange: 2 });
  });

  it('calls a real face that does not move still', () => {
    expect(livenessOf(still(5))).toEqual({ antispoof: 0.9, motion: 0, poseRange: 0, blink: false, verdict: 'still', frames: 5 });
  });

  it('calls a face swaying a few percent of the eye distance live', () => {
    expect(livenessOf(burst({ dx: 0 }, { dx: 1 }, { dx: 2 }, { dx: 4 }, { dx: 3 }))).toEqual({
      antispoof: 0.9,
      motion: 0.04,
      poseRange: 0,
      blink: false,
      verdict: 'live',
      frames: 5,
    });
  });

  it('takes the larger of the horizontal and vertical travel', () => {
    const signal = livenessOf(burst({ dx: 0, dy: 0 }, { dx: 2, dy: -3 }, { dx: 1, dy: 2 }));
    expect(signal.motion).toBe(0.05);
    expect(signal.verdict).toBe('live');
  });

  it('measures travel against the eye distance, so that a nearer face must move further', () => {
    expect(livenessOf(burst({ scale: 2 }, { scale: 2, dx: 4 })).motion).toBe(0.02);
    expect(livenessOf(burst({ scale: 2 }, { scale: 2, dx: 4 })).verdict).toBe('still');
    expect(livenessOf(burst({ scale: 0.5 }, { scale: 0.5, dx: 4 })).motion).toBe(0.08);
  });

  it('uses the median eye distance, so that one frame with the eyes misplaced does not swell the motion', () => {
    const frames = still(4);
    const squeezed = face({ dx: 2 });
    frames.push({ ...squeezed, eyes: { left: { x: 120, y: squeezed.eyes.left.y }, right: { x: 140, y: squeezed.eyes.right.y } } });
    // Midpoint moves 130 - 125 = 5 px; the yardstick stays 100 px, not the bad frame's 20.
    expect(livenessOf(frames).motion).toBe(0.05);
  });

  it('calls a face turning its head live, by yaw or by pitch', () => {
    expect(livenessOf(burst({ yaw: 0 }, { yaw: 1 }, { yaw: 2.5 }, { yaw: 1.5 }))).toEqual({
      antispoof: 0.9,
      motion: 0,
      poseRange: 2.5,
      blink: false,
      verdict: 'live',
      frames: 4,
    });
    expect(livenessOf(burst({ pitch: -1, yaw: 0 }, { pitch: 2, yaw: 1 })).poseRange).toBe(3);
    expect(livenessOf(burst({ pitch: -1, yaw: 0 }, { pitch: 2, yaw: 1 })).verdict).toBe('live');
  });

  it('does not count roll, since a tilted photo rolls too', () => {
    const signal = livenessOf(burst({ roll: -10 }, { roll: 10 }));
    expect(signal.poseRange).toBe(0);
    expect(signal.verdict).toBe('still');
  });

  it('calls a blink live', () => {
    expect(livenessOf(burst({}, {}, { open: [0.1, 0.15] }, {}, {}))).toEqual({
      antispoof: 0.9,
      motion: 0,
      poseRange: 0,
      blink: true,
      verdict: 'live',
      frames: 5,
    });
  });

  it('does not call one eye under 0.2 a blink', () => {
    const signal = livenessOf(burst({}, {}, { open: [0.1, 0.3] }, { open: [0.4, 0.19] }, {}));
    expect(signal.blink).toBe(false);
    expect(signal.verdict).toBe('still');
  });

  it('wants both eyes strictly under 0.2 for a closed frame', () => {
    expect(livenessOf(burst({}, { open: [0.2, 0.1] }, {})).blink).toBe(false);
    expect(livenessOf(burst({}, { open: [0.199, 0.1] }, {})).blink).toBe(true);
  });

  it('does not call eyes that are mostly narrow a blink', () => {
    // Median openness 0.25 is not over 0.25: a squint, not open eyes that shut.
    expect(livenessOf(burst({ open: [0.25, 0.4] }, { open: [0.1, 0.1] }, { open: [0.25, 0.4] })).blink).toBe(false);
    expect(livenessOf(burst({ open: [0.1, 0.1] }, { open: [0.1, 0.1] }, { open: [0.4, 0.4] })).blink).toBe(false);
    expect(livenessOf(burst({ open: [0.26, 0.26] }, { open: [0.1, 0.1] }, { open: [0.26, 0.26] })).blink).toBe(true);
  });

  it('calls a low antispoof score a spoof even when the face moves and blinks', () => {
    expect(livenessOf(burst({ antispoof: 0.3 }, { antispoof: 0.3, dx: 10, yaw: 5, open: [0.1, 0.1] }, { antispoof: 0.3 }))).toEqual({
      antispoof: 0.3,
      motion: 0.1,
      poseRange: 5,
      blink: true,
      verdict: 'spoof',
      frames: 3,
    });
  });

  it('goes by the mean antispoof score', () => {
    expect(livenessOf(burst({ antispoof: 0.6 }, { antispoof: 0.3, dx: 10 }))).toMatchObject({ antispoof: 0.45, verdict: 'spoof' });
    expect(livenessOf(burst({ antispoof: 0.9 }, { antispoof: 0.3, dx: 10 }))).toMatchObject({ antispoof: 0.6, verdict: 'live' });
  });

  it('calls a burst without antispoof scores a spoof', () => {
    expect(livenessOf(burst({ antispoof: null }, { antispoof: null, dx: 10, open: [0.1, 0.1] }, { antispoof: null }))).toEqual({
      antispoof: null,
      motion: 0.1,
      poseRange: 0,
      blink: true,
      verdict: 'spoof',
      frames: 3,
    });
  });

  it('averages antispoof over the frames that have it', () => {
    expect(livenessOf(burst({ antispoof: 0.8 }, { antispoof: null }, { antispoof: 0.6, dx: 5 }))).toMatchObject({ antispoof: 0.7, verdict: 'live', frames: 3 });
  });

  it('rounds antispoof to 2 decimals, motion to 3 and pose range to 1', () => {
    const signal = livenessOf(burst({ antispoof: 0.91 }, { antispoof: 0.92, dx: 1.23456, yaw: 1.26 }, { antispoof: 0.92 }));
    expect(signal).toEqual({ antispoof: 0.92, motion: 0.012, poseRange: 1.3, blink: false, verdict: 'still', frames: 3 });
  });

  it('throws a RangeError for fewer than 2 frames', () => {
    expect(() => livenessOf([])).toThrow(RangeError);
    expect(() => livenessOf(still(1))).toThrow(RangeError);
    expect(() => livenessOf(still(1))).toThrow('at least 2 frames');
    expect(livenessOf(still(2)).frames).toBe(2);
  });

  describe('thresholds', () => {
    it('counts a value exactly on a default line as over it', () => {
      expect(livenessOf(burst({ antispoof: 0.5 }, { antispoof: 0.5 }))).toMatchObject({ antispoof: 0.5, verdict: 'still' });
      expect(livenessOf(burst({ antispoof: 0.49 }, { antispoof: 0.49 }))).toMatchObject({ antispoof: 0.49, verdict: 'spoof' });
      expect(livenessOf(burst({}, { dx: 3 }))).toMatchObject({ motion: 0.03, verdict: 'live' });
      expect(livenessOf(burst({}, { dx: 2.9 }))).toMatchObject({ motion: 0.029, verdict: 'still' });
      expect(livenessOf(burst({}, { yaw: 2 }))).toMatchObject({ poseRange: 2, verdict: 'live' });
      expect(livenessOf(burst({}, { pitch: 1.9 }))).toMatchObject({ poseRange: 1.9, verdict: 'still' });
    });

    it('honours thresholds passed in, a value exactly on the line counting', () => {
      const strict: LivenessThresholds = { minAntispoof: 0.8, minMotion: 0.1, minPoseRange: 5 };
      expect(livenessOf(burst({ antispoof: 0.8 }, { antispoof: 0.8 }), strict).verdict).toBe('still');
      expect(livenessOf(burst({ antispoof: 0.79 }, { antispoof: 0.79, dx: 20 }), strict).verdict).toBe('spoof');
      expect(livenessOf(burst({}, { dx: 10 }), strict).verdict).toBe('live');
      expect(livenessOf(burst({}, { dx: 9.9 }), strict)).toMatchObject({ motion: 0.099, verdict: 'still' });
      expect(livenessOf(burst({}, { yaw: 5 }), strict).verdict).toBe('live');
      expect(livenessOf(burst({}, { yaw: 4.9 }), strict).verdict).toBe('still');
      // What passes by default does not pass the stricter lines.
      expect(livenessOf(burst({}, { dx: 4, yaw: 3 })).verdict).toBe('live');
      expect(livenessOf(burst({}, { dx: 4, yaw: 3 }), strict).verdict).toBe('still');
    });

    it('honours looser thresholds passed in', () => {
      const loose: LivenessThresholds = { minAntispoof: 0.2, minMotion: 0.01, minPoseRange: 0.5 };
      expect(livenessOf(burst({ antispoof: 0.3 }, { antispoof: 0.3, dx: 1 }), loose).verdict).toBe('live');
      expect(livenessOf(burst({ antispoof: 0.3 }, { antispoof: 0.3, pitch: 0.5 }), loose).verdict).toBe('live');
      expect(livenessOf(burst({ antispoof: 0.3 }, { antispoof: 0.3 }), loose).verdict).toBe('still');
    });
  });

  it('returns only summary figures, nothing from the face itself', () => {
    const signal = livenessOf(burst({}, { dx: 5 }));
    expect(Object.keys(signal).sort()).toEqual(['antispoof', 'blink', 'frames', 'motion', 'poseRange', 'verdict']);
    expect(Object.values(signal).every((v) => v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string')).toBe(true);
  });
});
