/**
 * What the photo rules and the liveness checks need, measured from a face mesh: the eyes, the
 * chin, the head's extent and eye openness. Pure: the engine hands over its landmarks, and tests
 * can hand over made-up ones.
 */
import type { FaceBox, FacePoint } from './face-engine';

/** A landmark as the mesh gives it: x and y in pixels, then depth. */
export type MeshPoint = readonly (number | undefined)[];

/**
 * The crown lies this many eye-to-chin distances above the eyes. The eyes sit near the middle of
 * the head from crown to chin (about 1.0); the extra 0.1 allows for hair lying flat. Hair
 * standing higher is cut off, as GA 461 allows ("特殊情况下可部分切除耸立过高的头发").
 */
export const CROWN_ABOVE_EYES = 1.1;

// Indices into the 468-point face mesh (MediaPipe's topology, which the Human library keeps).
const MESH = {
  leftEyeOuter: 33,
  leftEyeInner: 133,
  leftLidUpper: 159,
  leftLidLower: 145,
  leftEyeTop: 223,
  leftEyeBottom: 230,
  rightEyeInner: 362,
  rightEyeOuter: 263,
  rightLidUpper: 386,
  rightLidLower: 374,
  rightEyeTop: 443,
  rightEyeBottom: 450,
  chin: 152,
  leftCheek: 234,
  rightCheek: 454,
} as const;

/** The number of landmarks the measures need. */
export const MESH_POINTS = 468;

/** Measures of one face; "left" is the left of the picture (the sitter's right). */
export interface MeshMeasures {
  eyes: { left: FacePoint; right: FacePoint };
  chin: FacePoint;
  head: FaceBox;
  eyeOpenness: { left: number; right: number };
}

function at(mesh: readonly MeshPoint[], index: number): FacePoint {
  const p = mesh[index];
  return { x: p?.[0] ?? Number.NaN, y: p?.[1] ?? Number.NaN };
}

const mid = (a: FacePoint, b: FacePoint): FacePoint => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
const distance = (a: FacePoint, b: FacePoint): number => Math.hypot(a.x - b.x, a.y - b.y);

// Lid gap over the height of the eye region: the measure of the Human library's blink gesture.
function openness(mesh: readonly MeshPoint[], upper: number, lower: number, top: number, bottom: number): number {
  const height = Math.abs(at(mesh, top).y - at(mesh, bottom).y);
  return height > 0 ? Math.abs(at(mesh, upper).y - at(mesh, lower).y) / height : 0;
}

/** The measures of a face from its mesh, or null when the mesh is too short or not finite. */
export function measureMesh(mesh: readonly MeshPoint[]): MeshMeasures | null {
  if (mesh.length < MESH_POINTS) return null;
  const left = mid(at(mesh, MESH.leftEyeOuter), at(mesh, MESH.leftEyeInner));
  const right = mid(at(mesh, MESH.rightEyeInner), at(mesh, MESH.rightEyeOuter));
  const chin = at(mesh, MESH.chin);
  const cheekL = at(mesh, MESH.leftCheek);
  const cheekR = at(mesh, MESH.rightCheek);
  const eyeLine = mid(left, right);
  // Along the face's own axis, so a tilted head is not measured short; the rules refuse a tilt anyway.
  const eyeToChin = distance(eyeLine, chin);
  const crownY = eyeLine.y - CROWN_ABOVE_EYES * eyeToChin;
  const width = distance(cheekL, cheekR);
  const centreX = (cheekL.x + cheekR.x) / 2;
  const head = { x: centreX - width / 2, y: crownY, w: width, h: chin.y - crownY };
  const values = [left.x, left.y, right.x, right.y, chin.x, chin.y, head.x, head.y, head.w, head.h];
  if (!values.every(Number.isFinite) || head.h <= 0 || head.w <= 0) return null;
  return {
    eyes: { left, right },
    chin,
    head,
    eyeOpenness: {
      left: openness(mesh, MESH.leftLidUpper, MESH.leftLidLower, MESH.leftEyeTop, MESH.leftEyeBottom),
      right: openness(mesh, MESH.rightLidUpper, MESH.rightLidLower, MESH.rightEyeTop, MESH.rightEyeBottom),
    },
  };
}
