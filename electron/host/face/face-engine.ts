/**
 * What the kiosk asks of a face engine, whatever the model behind it. The photo check uses
 * detect() for where the face is and how it is held; the 1:1 check against the card's photo
 * (next) uses the embedding and compare(); liveness (later) follows eye openness and pose over
 * several frames and may weigh the antispoof and liveness scores.
 *
 * Faces are personal data: nothing here logs a picture, a landmark, an embedding or a score.
 */

/** A picture as three bytes a pixel (RGB), no alpha, row by row. */
export interface FaceImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A point, in pixels of the picture given to detect(). */
export interface FacePoint {
  x: number;
  y: number;
}

/** An upright rectangle, in pixels of the picture given to detect(). */
export interface FaceBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** How the head is held, in degrees; 0 is looking straight into the camera. */
export interface HeadPose {
  /** Turned left or right. */
  yaw: number;
  /** Chin up or down. */
  pitch: number;
  /** Tilted towards a shoulder. */
  roll: number;
}

/** One face found in a picture, with what is measured from its landmarks. */
export interface DetectedFace {
  /** The detector's confidence, 0–1. */
  score: number;
  /** The detector's box around the face (brows to chin). */
  box: FaceBox;
  /**
   * The head from crown to chin and from ear to ear, estimated from the landmarks (see
   * face-measures.ts): the photo rules' "head height" is `head.h`.
   */
  head: FaceBox;
  /** Centres of the two eyes; `left` is the one on the left of the picture. */
  eyes: { left: FacePoint; right: FacePoint };
  /** The tip of the chin. */
  chin: FacePoint;
  pose: HeadPose;
  /**
   * Lid gap over eye height for each eye (as in the model's own blink gesture): about 0.3–0.6
   * open, under 0.2 closed. Over frames, a dip and return is a blink.
   */
  eyeOpenness: { left: number; right: number };
  /** The head's height as a share of the picture's height. */
  headHeightRatio: number;
  /** The face descriptor for compare(); null when not asked for. */
  embedding: Float32Array | null;
  /** The model's "real, not a photo of a photo" score, 0–1; null when not asked for. */
  antispoof: number | null;
  /** The model's liveness score, 0–1; null when not asked for. */
  liveness: number | null;
}

/** What detect() should compute besides the landmarks; each costs time. */
export interface DetectOptions {
  /** The descriptor for compare() (about 100 ms a face on a kiosk CPU). */
  embedding?: boolean;
  /** The antispoof and liveness scores. */
  spoofScores?: boolean;
}

/** What the engine is made of, for staff and the log: no personal data. */
export interface FaceEngineInfo {
  engine: string;
  version: string;
  backend: string;
  models: readonly string[];
}

/** A loaded face engine. */
export interface FaceEngine {
  readonly info: FaceEngineInfo;
  /** The faces in the picture, the largest first. Throws FaceEngineError('badInput') on a malformed picture. */
  detect(image: FaceImage, options?: DetectOptions): Promise<DetectedFace[]>;
  /** How alike two embeddings are, 0 (unlike) to 1 (identical). */
  compare(a: Float32Array, b: Float32Array): number;
  /** Frees the models. */
  close(): void;
}

/**
 * compare() at or above this is taken for the same person. Preliminary, for the 1:1 check against
 * the card's photo (next): on the library's own sample grid the same person scored 0.53–0.96 and
 * different people 0.10–0.57; calibrate on card photos before relying on it.
 */
export const SAME_PERSON_SIMILARITY = 0.6;

/** Why the face engine cannot be used. */
export const FACE_ENGINE_ERRORS = ['modelMissing', 'wasmMissing', 'loadFailed', 'badInput'] as const;
export type FaceEngineErrorCode = (typeof FACE_ENGINE_ERRORS)[number];

/** A face engine that cannot load or cannot take the input; the message says what to fix, never shows a picture. */
export class FaceEngineError extends Error {
  override readonly name = 'FaceEngineError';
  constructor(
    readonly code: FaceEngineErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Whether the engine is there: the host shows a failed one as the camera's fault, and the photo services become unavailable. */
export type FaceEngineStatus = { state: 'loading' } | { state: 'ready'; info: FaceEngineInfo; loadMs: number } | { state: 'failed'; code: FaceEngineErrorCode; message: string };

/**
 * Similarity of two face descriptors, 0–1: the Human library's `match.similarity` (Euclidean
 * distance times 25, inverted and rescaled from 0.2–0.8 to 0–1), so that its published thresholds
 * apply. Here so that the host can compare without loading the engine.
 */
export function embeddingSimilarity(a: Float32Array, b: Float32Array): number {
  if (a.length === 0 || a.length !== b.length) throw new FaceEngineError('badInput', 'The two face descriptors are not of the same kind.');
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    sum += d * d;
  }
  if (sum === 0) return 1;
  const similarity = (1 - Math.sqrt(25 * sum) / 100 - 0.2) / 0.6;
  return Math.max(0, Math.min(1, similarity));
}
