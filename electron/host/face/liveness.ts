/**
 * Whether the face in front of the camera is a living person rather than a printed photo or a
 * screen held up to it, judged from a short burst of frames (about 2 s). A still picture can fool
 * one frame, not a burst: a person blinks, sways and turns a little without being asked, a photo
 * does not. The model's antispoof score says whether the face looks real at all; the movement
 * says whether it is not a picture held perfectly still.
 *
 * Pure: the caller runs detect() with spoofScores on each frame and hands over the faces. The
 * signal holds only summary figures (no landmark, picture or embedding), so it may be logged.
 */
import type { DetectedFace, FacePoint } from './face-engine';

/** Where the liveness verdict draws its lines. */
export interface LivenessThresholds {
  /** Mean antispoof ("real") score over the frames at or above this (0–1). */
  minAntispoof: number;
  /** Eye midpoint travel (max minus min over frames, in x or y) as a share of the inter-eye distance, at or above which the head moved. */
  minMotion: number;
  /** Yaw or pitch range in degrees over frames at or above which the head moved. */
  minPoseRange: number;
}

/**
 * Preliminary lines. 0.5 is the middle of the antispoof scale. A person sitting still still sways
 * by a few pixels, a few percent of the eye distance, and turns by a degree or two; a photo held
 * in a hand moves too, which is why movement alone never passes a low antispoof score.
 */
export const DEFAULT_LIVENESS: LivenessThresholds = { minAntispoof: 0.5, minMotion: 0.03, minPoseRange: 2 };

/** What a burst of frames says about liveness: summary figures only, safe to log. */
export interface LivenessSignal {
  /** Mean antispoof over frames that have one; null when none had it. Rounded to 2 decimals. */
  antispoof: number | null;
  /** Eye-midpoint travel relative to inter-eye distance, rounded to 3 decimals. */
  motion: number;
  /** Largest of the yaw and pitch ranges, degrees, 1 decimal. */
  poseRange: number;
  /** A natural blink: some frame had both eyes' openness under 0.2 (closed) while the median frame had both over 0.25 (open). */
  blink: boolean;
  /** live: antispoof ok AND (blink OR motion>=minMotion OR poseRange>=minPoseRange); still: antispoof ok but nothing moved; spoof: antispoof below minimum or missing. */
  verdict: 'live' | 'still' | 'spoof';
  frames: number;
}

/** Eye openness under this is a closed eye (the engine's own blink line). */
const EYE_CLOSED = 0.2;
/** Eye openness over this is an open eye; the gap to EYE_CLOSED keeps a squint from counting as a blink. */
const EYE_OPEN = 0.25;

/** `value` rounded to `decimals` places. */
function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** The finite numbers among `values`: a landmark the engine could not place must not poison a range or a mean. */
function finite(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null && Number.isFinite(v));
}

/** Max minus min of the finite values; 0 when there are none, as nothing measurable moved. */
function spread(values: readonly number[]): number {
  const known = finite(values);
  return known.length === 0 ? 0 : Math.max(...known) - Math.min(...known);
}

/** The median of the finite values (mean of the middle two for an even count); NaN when there are none. */
function median(values: readonly number[]): number {
  const known = finite(values).sort((a, b) => a - b);
  const mid = Math.floor(known.length / 2);
  if (known.length === 0) return Number.NaN;
  if (known.length % 2 === 1) return known[mid] ?? Number.NaN;
  return ((known[mid - 1] ?? Number.NaN) + (known[mid] ?? Number.NaN)) / 2;
}

/** The mean of the finite values; null when there are none. */
function mean(values: readonly (number | null)[]): number | null {
  const known = finite(values);
  return known.length === 0 ? null : known.reduce((sum, v) => sum + v, 0) / known.length;
}

const midpoint = (a: FacePoint, b: FacePoint): FacePoint => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/**
 * How far the point between the eyes wandered over the burst, as a share of the distance between
 * the eyes: a share rather than pixels, so that a face near the camera and one further back are
 * judged alike. The median eye distance is the yardstick, so that one frame's misplaced eye does
 * not shrink or swell it. 0 when the eyes could not be told apart.
 */
function eyeMotion(frames: readonly DetectedFace[]): number {
  const mids = frames.map((f) => midpoint(f.eyes.left, f.eyes.right));
  const eyeDistance = median(frames.map((f) => Math.hypot(f.eyes.right.x - f.eyes.left.x, f.eyes.right.y - f.eyes.left.y)));
  if (!(eyeDistance > 0)) return 0;
  return Math.max(spread(mids.map((p) => p.x)), spread(mids.map((p) => p.y))) / eyeDistance;
}

/** The larger of the yaw and pitch ranges over the burst, in degrees. Roll is left out: tilting a photo in the hand rolls it too. */
function poseRange(frames: readonly DetectedFace[]): number {
  return Math.max(spread(frames.map((f) => f.pose.yaw)), spread(frames.map((f) => f.pose.pitch)));
}

/**
 * Whether the burst holds a blink: both eyes shut in some frame while they are open in the
 * median frame (each eye's median openness). Both eyes, because one eye "closing" is more often
 * the mesh slipping or a wink than a blink; open at the median, because eyes that are always
 * narrow (a squint, glasses glare) would otherwise read as one long blink.
 */
function hasBlink(frames: readonly DetectedFace[]): boolean {
  const openAtMedian = median(frames.map((f) => f.eyeOpenness.left)) > EYE_OPEN && median(frames.map((f) => f.eyeOpenness.right)) > EYE_OPEN;
  return openAtMedian && frames.some((f) => f.eyeOpenness.left < EYE_CLOSED && f.eyeOpenness.right < EYE_CLOSED);
}

/**
 * The liveness signal of a burst. `frames`: the single face of each frame of a ~2 s burst, in
 * time order (frames with no face are left out by the caller). Throws RangeError for fewer than
 * 2 frames, since movement needs at least two to compare.
 *
 * The verdict is drawn from the rounded figures, so that it always agrees with the figures the
 * signal shows (a logged motion of 0.030 is never "still" against a line of 0.03), and a value
 * exactly on a line counts as over it.
 */
export function livenessOf(frames: readonly DetectedFace[], thresholds: LivenessThresholds = DEFAULT_LIVENESS): LivenessSignal {
  if (frames.length < 2) throw new RangeError(`Liveness needs at least 2 frames with a face; got ${frames.length}.`);
  const meanAntispoof = mean(frames.map((f) => f.antispoof));
  const antispoof = meanAntispoof === null ? null : round(meanAntispoof, 2);
  const motion = round(eyeMotion(frames), 3);
  const pose = round(poseRange(frames), 1);
  const blink = hasBlink(frames);
  const real = antispoof !== null && antispoof >= thresholds.minAntispoof;
  const moved = blink || motion >= thresholds.minMotion || pose >= thresholds.minPoseRange;
  const verdict = !real ? 'spoof' : moved ? 'live' : 'still';
  return { antispoof, motion, poseRange: pose, blink, verdict, frames: frames.length };
}
