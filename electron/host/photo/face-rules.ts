/**
 * The face-position rules of the photo specs, as a pure function of what the face engine found:
 * one face, facing the camera with open eyes, near enough and centred enough that the spec's
 * photo can be cut out around it. The crop puts the head at the middle of the spec's ranges
 * (head height and crown margin, from shared/catalog/photo-spec.ts), so the delivered photo meets
 * them by construction; the frame itself only has to leave room for that crop.
 */
import type { PhotoSpec } from '../../../shared/catalog/photo-spec';
import type { DetectedFace } from '../face/face-engine';

/** Why the face in a frame cannot become the spec's photo; each has a sentence for the resident. */
export const FACE_PROBLEMS = ['noFace', 'severalFaces', 'offCentre', 'tooFar', 'tooClose', 'headTurned', 'headTilted', 'headUpOrDown', 'eyesClosed'] as const;
export type FaceProblem = (typeof FACE_PROBLEMS)[number];

/** What the rules read of a detected face. */
export type RuledFace = Pick<DetectedFace, 'score' | 'head' | 'pose' | 'eyeOpenness'>;

/** A rectangle of the frame, in whole pixels. */
export interface CropRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The photo's rectangle in the frame, with the sitter's face, or what the resident must change. */
export type FaceVerdict<F extends RuledFace = RuledFace> = { ok: true; crop: CropRect; face: F } | { ok: false; problems: FaceProblem[] };

/** The middle of a range: where the crop puts the head. */
const middle = (range: { min: number; max: number }): number => (range.min + range.max) / 2;

/** The spec's photo around this head: head height and crown margin at the middle of the spec's ranges, centred on the head. */
export function cropAround(face: RuledFace, spec: PhotoSpec): CropRect {
  const h = face.head.h / middle(spec.face.headHeight);
  const w = (h * spec.width) / spec.height;
  const x = face.head.x + face.head.w / 2 - w / 2;
  const y = face.head.y - middle(spec.face.crownMargin) * h;
  return { x: Math.round(x), y: Math.round(y), w: Math.round(w), h: Math.round(h) };
}

/** Checks the faces found in a frame of `frame` size against the spec's rules. */
export function judgeFace<F extends RuledFace>(faces: readonly F[], frame: { width: number; height: number }, spec: PhotoSpec): FaceVerdict<F> {
  const t = spec.faceTolerances;
  const counted = faces.filter((f) => f.score >= t.minScore).sort((a, b) => b.head.h - a.head.h);
  const sitter = counted[0];
  if (sitter === undefined) return { ok: false, problems: ['noFace'] };
  // A small face far behind (a poster, a passer-by in the distance) is not a second sitter.
  if (counted.slice(1).some((f) => f.head.h >= t.otherFaceMinShare * sitter.head.h)) return { ok: false, problems: ['severalFaces'] };

  const problems: FaceProblem[] = [];
  const crop = cropAround(sitter, spec);
  const centreX = sitter.head.x + sitter.head.w / 2;
  const offCentre = Math.abs(centreX - frame.width / 2) > t.maxOffCentre * frame.width;
  // Too small a head: too far from the camera, or too few pixels for the spec (never scaled up).
  const tooFar = sitter.head.h < t.minHeadInFrame * frame.height || crop.h < spec.height || crop.w < spec.width;
  const tooClose = !tooFar && (crop.h > frame.height || crop.w > frame.width);
  const outside = crop.x < 0 || crop.y < 0 || crop.x + crop.w > frame.width || crop.y + crop.h > frame.height;
  if (tooFar) problems.push('tooFar');
  if (tooClose) problems.push('tooClose');
  // Near an edge, the crop would run off the frame: that too is a head out of the middle.
  if (offCentre || (!tooFar && !tooClose && outside)) problems.push('offCentre');
  if (Math.abs(sitter.pose.yaw) > t.maxYaw) problems.push('headTurned');
  if (Math.abs(sitter.pose.roll) > t.maxRoll) problems.push('headTilted');
  if (Math.abs(sitter.pose.pitch) > t.maxPitch) problems.push('headUpOrDown');
  if (Math.min(sitter.eyeOpenness.left, sitter.eyeOpenness.right) < t.minEyeOpenness) problems.push('eyesClosed');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, crop, face: sitter };
}
