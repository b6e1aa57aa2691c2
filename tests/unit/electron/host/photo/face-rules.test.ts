/**
 * The face-position rules on made-up detections: the pure function from what the engine found and
 * the spec to a verdict, at and just past each limit.
 */
import { describe, expect, it } from 'vitest';
import { cropAround, judgeFace, type RuledFace } from '../../../../../electron/host/photo/face-rules';
import { DRIVING_LICENCE_PHOTO, ENTRY_EXIT_PHOTO, RESIDENT_ID_PHOTO, type PhotoSpec } from '../../../../../shared/catalog/photo-spec';

// The renderer's capture of a 1280 × 720 camera: the centre 590 × 720.
const FRAME = { width: 590, height: 720 };
const T = RESIDENT_ID_PHOTO.faceTolerances;

/** A sitter looking straight at the camera, head `h` high, centred at `cx`, crown at `y`. */
function face(patch: Partial<RuledFace> & { h?: number; cx?: number; y?: number } = {}): RuledFace {
  const { h = 400, cx = FRAME.width / 2, y = 100, ...rest } = patch;
  return { score: 0.95, head: { x: cx - 0.3 * h, y, w: 0.6 * h, h }, pose: { yaw: 0, pitch: 0, roll: 0 }, eyeOpenness: { left: 0.4, right: 0.4 }, ...rest };
}

const problems = (faces: RuledFace[], spec: PhotoSpec = RESIDENT_ID_PHOTO, frame = FRAME) => {
  const verdict = judgeFace(faces, frame, spec);
  return verdict.ok ? [] : verdict.problems;
};

describe('judgeFace: who is there', () => {
  it('passes one sitter looking straight at the camera, inside the oval', () => {
    expect(problems([face()])).toEqual([]);
  });

  it('no face, or only faces the detector is unsure of, is noFace', () => {
    expect(problems([])).toEqual(['noFace']);
    expect(problems([face({ score: T.minScore - 0.01 })])).toEqual(['noFace']);
    expect(problems([face({ score: T.minScore })])).toEqual([]);
  });

  it('a second face of a quarter of the sitter’s head height or more is severalFaces; a smaller one is ignored', () => {
    const sitter = face({ h: 400 });
    expect(problems([sitter, face({ h: 400 * T.otherFaceMinShare, cx: 60, y: 50 })])).toEqual(['severalFaces']);
    expect(problems([sitter, face({ h: 400 * T.otherFaceMinShare - 1, cx: 60, y: 50 })])).toEqual([]);
    // Order does not matter: the largest head is the sitter.
    expect(problems([face({ h: 90, cx: 60, y: 50 }), sitter])).toEqual([]);
    // An unsure second detection is not a second person.
    expect(problems([sitter, face({ h: 400, score: 0.3 })])).toEqual([]);
  });
});

describe('judgeFace: where the head is', () => {
  it('a head centre more than 12 % of the width off the centre line is offCentre', () => {
    // A head small enough that its crop still fits the frame at the limit.
    const limit = T.maxOffCentre * FRAME.width;
    // (A hair inside the limit: 0.12 × 590 is not exact in binary.)
    expect(problems([face({ h: 300, cx: FRAME.width / 2 + limit - 0.001 })])).toEqual([]);
    expect(problems([face({ h: 300, cx: FRAME.width / 2 - limit + 0.001 })])).toEqual([]);
    expect(problems([face({ h: 300, cx: FRAME.width / 2 - limit - 0.5 })])).toEqual(['offCentre']);
    expect(problems([face({ h: 300, cx: FRAME.width / 2 + limit + 0.5 })])).toEqual(['offCentre']);
  });

  it('a head within the centre band whose crop would run off a side, the top or the bottom is offCentre too', () => {
    // 400 px high: its crop is 487 px wide, and 60 px to the right it no longer fits the 590.
    expect(problems([face({ cx: FRAME.width / 2 + 60 })])).toEqual(['offCentre']);
    // Crown 10 px from the top: the crown margin above it is not in the frame.
    expect(problems([face({ y: 10 })])).toEqual(['offCentre']);
    // Chin at the bottom edge: the shoulders below it are not.
    expect(problems([face({ y: 300 })])).toEqual(['offCentre']);
  });

  it('a head under 30 % of the frame height is tooFar', () => {
    const big = { width: 2000, height: 2000 };
    expect(problems([face({ h: 0.3 * 2000, cx: 1000, y: 600 })], RESIDENT_ID_PHOTO, big)).toEqual([]);
    expect(problems([face({ h: 0.3 * 2000 - 1, cx: 1000, y: 600 })], RESIDENT_ID_PHOTO, big)).toEqual(['tooFar']);
  });

  it('a head whose crop would have fewer pixels than the spec is tooFar: photos are never scaled up', () => {
    // The crop is head / (middle of the head range) high: 441 rows need a head of 294 px at 2/3.
    const needed = 441 * ((0.62 + 0.72) / 2);
    expect(problems([face({ h: Math.ceil(needed), y: 100 })])).toEqual([]);
    expect(problems([face({ h: Math.floor(needed) - 1, y: 100 })])).toEqual(['tooFar']);
  });

  it('a head whose crop is taller than the frame is tooClose', () => {
    // 720 rows hold a head of at most 720 × 0.67 = 482 px.
    const most = 720 * ((0.62 + 0.72) / 2);
    expect(problems([face({ h: Math.floor(most), y: 720 * 0.09 })])).toEqual([]);
    expect(problems([face({ h: Math.ceil(most) + 2, y: 20 })])).toEqual(['tooClose']);
  });

  it('the same head can be near enough for one spec and too far for a larger one', () => {
    // 330 px: enough for 441 rows (residentId) but not for 567 (entryExit needs 360).
    expect(problems([face({ h: 330 })], RESIDENT_ID_PHOTO)).toEqual([]);
    expect(problems([face({ h: 330 })], ENTRY_EXIT_PHOTO)).toEqual(['tooFar']);
    expect(problems([face({ h: 330 })], DRIVING_LICENCE_PHOTO)).toEqual([]);
  });
});

describe('judgeFace: how the head is held', () => {
  it.each([
    ['yaw', 'headTurned', T.maxYaw],
    ['roll', 'headTilted', T.maxRoll],
    ['pitch', 'headUpOrDown', T.maxPitch],
  ] as const)('%s at the limit passes, just past it either way is %s', (axis, problem, limit) => {
    const posed = (deg: number) => face({ pose: { yaw: 0, pitch: 0, roll: 0, [axis]: deg } });
    expect(problems([posed(limit)])).toEqual([]);
    expect(problems([posed(-limit)])).toEqual([]);
    expect(problems([posed(limit + 0.1)])).toEqual([problem]);
    expect(problems([posed(-limit - 0.1)])).toEqual([problem]);
  });

  it('either eye under 0.2 openness is eyesClosed; at 0.2 they count as open', () => {
    expect(problems([face({ eyeOpenness: { left: T.minEyeOpenness, right: T.minEyeOpenness } })])).toEqual([]);
    expect(problems([face({ eyeOpenness: { left: 0.19, right: 0.4 } })])).toEqual(['eyesClosed']);
    expect(problems([face({ eyeOpenness: { left: 0.4, right: 0.05 } })])).toEqual(['eyesClosed']);
  });

  it('reports every problem at once, so one retake can fix them all', () => {
    expect(problems([face({ cx: 100, pose: { yaw: 20, pitch: -25, roll: 15 }, eyeOpenness: { left: 0.1, right: 0.1 } })])).toEqual([
      'offCentre',
      'headTurned',
      'headTilted',
      'headUpOrDown',
      'eyesClosed',
    ]);
  });
});

describe('cropAround', () => {
  it.each([
    ['residentId', RESIDENT_ID_PHOTO],
    ['entryExit', ENTRY_EXIT_PHOTO],
    ['drivingLicence', DRIVING_LICENCE_PHOTO],
  ] as const)('%s: the head fills the middle of the spec’s height range, crown margin likewise, centred, in the spec’s shape', (_id, spec) => {
    const sitter = face({ h: 400, cx: 300, y: 100 });
    const crop = cropAround(sitter, spec);
    const headShare = 400 / crop.h;
    expect(headShare).toBeGreaterThanOrEqual(spec.face.headHeight.min);
    expect(headShare).toBeLessThanOrEqual(spec.face.headHeight.max);
    expect(Math.abs(headShare - (spec.face.headHeight.min + spec.face.headHeight.max) / 2)).toBeLessThan(0.005);
    const margin = (100 - crop.y) / crop.h;
    expect(margin).toBeGreaterThanOrEqual(spec.face.crownMargin.min);
    expect(margin).toBeLessThanOrEqual(spec.face.crownMargin.max);
    expect(Math.abs(crop.x + crop.w / 2 - 300)).toBeLessThanOrEqual(1);
    expect(Math.abs(crop.w / crop.h - spec.width / spec.height)).toBeLessThan(0.005);
  });

  it('the entry-exit photo keeps at least 7 mm below the chin', () => {
    const crop = cropAround(face({ h: 400, y: 100 }), ENTRY_EXIT_PHOTO);
    expect(((crop.y + crop.h - 500) / crop.h) * 48).toBeGreaterThanOrEqual(7);
  });

  it('a passing verdict carries the crop and the sitter', () => {
    const sitter = face();
    expect(judgeFace([sitter], FRAME, RESIDENT_ID_PHOTO)).toEqual({ ok: true, crop: cropAround(sitter, RESIDENT_ID_PHOTO), face: sitter });
  });
});
