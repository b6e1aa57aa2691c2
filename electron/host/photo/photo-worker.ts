/**
 * Entry of the photo check's worker thread (started by photo-checker.ts). Decoding a large camera
 * frame takes seconds of CPU, and finding the face a few hundred milliseconds more; on the host's
 * own thread (Electron's main process) that would freeze the window and every other command.
 * The face engine loads here once, as the thread starts, so the resident's first photo does not
 * wait for it; a replacement thread after a crash loads it again (about a second).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PhotoSpec } from '../../../shared/catalog/photo-spec';
import { FaceEngineError, type FaceEngine, type FaceEngineStatus } from '../face/face-engine';
import { loadHumanEngine } from '../face/human-engine';
import type { FaceEngineFiles } from '../face/model-files';
import { burstFaces, referenceFace, type BurstResult, type ReferenceResult } from '../face/face-match';
import { checkAndEncodePhoto, type PhotoCheckResult } from './photo-check';

/**
 * One job: a frame to check against a photo spec, the photo to compare faces with, or a burst of
 * frames for the 1:1 check. Buffers are transferred to the worker, not copied.
 */
export type PhotoCheckRequest =
  | { type: 'check'; id: number; frame: Uint8Array; spec: PhotoSpec }
  | { type: 'reference'; id: number; picture: Uint8Array }
  | { type: 'burst'; id: number; frames: Uint8Array[] };

/** What the host passes as `workerData`: other model and WebAssembly folders than the installed packages' (tests). */
export interface PhotoWorkerData {
  faceFiles?: FaceEngineFiles;
}

/**
 * What the worker posts: `ready` once the face engine has loaded or failed to (checks wait for
 * it), then one `result` per request, in order.
 */
export type PhotoWorkerMessage =
  | { type: 'ready'; face: FaceEngineStatus }
  | { type: 'result'; id: number; result: PhotoCheckResult }
  | { type: 'reference'; id: number; result: ReferenceResult }
  | { type: 'burst'; id: number; result: BurstResult };

const port = parentPort;
if (port === null) throw new Error('photo-worker.js runs only as a worker thread (see photo-checker.ts).');

const started = performance.now();
const data = (workerData ?? {}) as PhotoWorkerData;
// A face engine that does not load is said once, with its reason; every check then answers
// faceCheckUnavailable rather than passing a photo nobody looked at.
const engine: Promise<FaceEngine | null> = loadHumanEngine(data.faceFiles).then(
  (loaded) => {
    port.postMessage({ type: 'ready', face: { state: 'ready', info: loaded.info, loadMs: Math.round(performance.now() - started) } } satisfies PhotoWorkerMessage);
    return loaded;
  },
  (error: unknown) => {
    const face: FaceEngineStatus =
      error instanceof FaceEngineError ? { state: 'failed', code: error.code, message: error.message } : { state: 'failed', code: 'loadFailed', message: 'The face engine did not start.' };
    port.postMessage({ type: 'ready', face } satisfies PhotoWorkerMessage);
    return null;
  },
);

const answer = async (request: PhotoCheckRequest): Promise<void> => {
  const face = await engine;
  if (request.type === 'reference') {
    const result: ReferenceResult = face === null ? { ok: false, problem: 'faceCheckUnavailable' } : await referenceFace(request.picture, face);
    port.postMessage({ type: 'reference', id: request.id, result } satisfies PhotoWorkerMessage);
    return;
  }
  if (request.type === 'burst') {
    let result: BurstResult;
    if (face === null) result = { ok: false, problem: 'faceCheckUnavailable' };
    else {
      try {
        result = { ok: true, frames: await burstFaces(request.frames, face) };
      } catch {
        result = { ok: false, problem: 'checkFailed' };
      }
    }
    port.postMessage({ type: 'burst', id: request.id, result } satisfies PhotoWorkerMessage);
    return;
  }
  const result = await checkAndEncodePhoto(request.frame, request.spec, face === null ? null : (image) => face.detect(image));
  const message: PhotoWorkerMessage = { type: 'result', id: request.id, result };
  // The encoded photo has a buffer of its own (see encodeAt), so it can travel without a copy.
  port.postMessage(message, result.ok ? [result.jpeg.buffer as ArrayBuffer] : []);
};

// Requests come from the host's own thread, never from the page, so they are not parsed again here;
// anything malformed makes the check throw, the rejection ends this thread, and the host answers checkFailed.
port.on('message', (request: PhotoCheckRequest) => {
  void answer(request);
});
