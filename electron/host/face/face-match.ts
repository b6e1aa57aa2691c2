/**
 * The worker's half of the 1:1 check: the face in the photo to compare with (the card's, or the
 * one on file), and the faces in a burst of camera frames. The host's half (face-decision.ts)
 * weighs them. Pictures and descriptors are personal data: nothing here logs them, and nothing
 * is kept after the call.
 */
import { decodeRgb, facesIn, MAX_INPUT_SIDE, readJpegFrameHeader, type RgbImage } from '../photo/photo-check';
import type { DetectedFace, FaceEngine } from './face-engine';

/** At most this many frames in one burst (about two seconds at the page's pace). */
export const MAX_BURST_FRAMES = 8;

/** Why the photo to compare with gives no face to compare: not a picture, no face in it, or more than one. */
export type ReferenceProblem = 'notImage' | 'noFace' | 'severalFaces' | 'checkFailed' | 'faceCheckUnavailable';

/** A burst the worker could not look at: the engine did not load, or the check did not finish. */
export type BurstResult = { ok: true; frames: BurstFrame[] } | { ok: false; problem: 'checkFailed' | 'faceCheckUnavailable' };

export type ReferenceResult = { ok: true; embedding: Float32Array } | { ok: false; problem: ReferenceProblem };

/** What one camera frame of a burst showed: how many faces, and the largest (with descriptor and antispoof score). */
export interface BurstFrame {
  faces: number;
  face: DetectedFace | null;
}

/**
 * A 24-bit uncompressed BMP, bottom-up or top-down: what reader vendors' photo decoders write
 * (the card photo is 102 × 126). Anything else is null.
 */
export function decodeBmp(bytes: Uint8Array): RgbImage | null {
  if (bytes.length < 54 || bytes[0] !== 0x42 || bytes[1] !== 0x4d) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offset = view.getUint32(10, true);
  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  const bits = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  const height = Math.abs(rawHeight);
  if (bits !== 24 || compression !== 0 || width <= 0 || height === 0 || width > MAX_INPUT_SIDE || height > MAX_INPUT_SIDE) return null;
  const stride = Math.ceil((width * 3) / 4) * 4;
  if (offset + stride * height > bytes.length) return null;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = offset + stride * (rawHeight > 0 ? height - 1 - y : y);
    for (let x = 0; x < width; x++) {
      const s = row + x * 3;
      const d = (y * width + x) * 3;
      // BMP stores blue, green, red.
      data[d] = bytes[s + 2] ?? 0;
      data[d + 1] = bytes[s + 1] ?? 0;
      data[d + 2] = bytes[s] ?? 0;
    }
  }
  return { width, height, data };
}

/** A JPEG or a 24-bit BMP as RGB; null for anything else or a damaged file. */
export function decodePicture(bytes: Uint8Array): RgbImage | null {
  if (bytes[0] === 0x42 && bytes[1] === 0x4d) return decodeBmp(bytes);
  const header = readJpegFrameHeader(bytes);
  if (header === null || header.width === 0 || header.height === 0 || header.width > MAX_INPUT_SIDE || header.height > MAX_INPUT_SIDE) return null;
  return decodeRgb(bytes, header);
}

/** The descriptor of the one face in the photo to compare with. */
export async function referenceFace(bytes: Uint8Array, engine: FaceEngine): Promise<ReferenceResult> {
  const image = decodePicture(bytes);
  if (image === null) return { ok: false, problem: 'notImage' };
  let faces: DetectedFace[];
  try {
    // A card photo is small (102 × 126): the detector is given it as it is.
    faces = await facesIn(image, (picture) => engine.detect(picture, { embedding: true }));
  } catch {
    return { ok: false, problem: 'checkFailed' };
  }
  if (faces.length === 0) return { ok: false, problem: 'noFace' };
  if (faces.length > 1) return { ok: false, problem: 'severalFaces' };
  const embedding = faces[0]?.embedding;
  return embedding ? { ok: true, embedding } : { ok: false, problem: 'checkFailed' };
}

/** Each frame's faces, with the largest face's descriptor and antispoof score; a frame that is not a picture counts as no face. */
export async function burstFaces(frames: readonly Uint8Array[], engine: FaceEngine): Promise<BurstFrame[]> {
  const out: BurstFrame[] = [];
  for (const frame of frames.slice(0, MAX_BURST_FRAMES)) {
    const image = decodePicture(frame);
    if (image === null) {
      out.push({ faces: 0, face: null });
      continue;
    }
    const faces = await facesIn(image, (picture) => engine.detect(picture, { embedding: true, spoofScores: true }));
    out.push({ faces: faces.length, face: faces[0] ?? null });
  }
  return out;
}
