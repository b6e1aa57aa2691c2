/**
 * Entry of the photo check's worker thread (started by photo-checker.ts). Decoding a large camera
 * frame takes seconds of CPU; on the host's own thread (Electron's main process) that would freeze
 * the window and every other command. Kept small: it loads only the check itself, so a
 * replacement after a crash is ready quickly.
 */
import { parentPort } from 'node:worker_threads';
import type { PhotoSpec } from '../../../shared/catalog/photo-spec';
import { checkAndEncodePhoto, type PhotoCheckResult } from './photo-check';

/** One frame to check; the frame's buffer is transferred to the worker, not copied. */
export interface PhotoCheckRequest {
  id: number;
  frame: Uint8Array;
  spec: PhotoSpec;
}

/** What the worker posts: `ready` once loaded, then one `result` per request, in order. */
export type PhotoWorkerMessage = { type: 'ready' } | { type: 'result'; id: number; result: PhotoCheckResult };

const port = parentPort;
if (port === null) throw new Error('photo-worker.js runs only as a worker thread (see photo-checker.ts).');

// Requests come from the host's own thread, never from the page, so they are not parsed again here;
// anything malformed makes the check throw, which ends this thread, and the host answers checkFailed.
port.on('message', (request: PhotoCheckRequest) => {
  const result = checkAndEncodePhoto(request.frame, request.spec);
  const message: PhotoWorkerMessage = { type: 'result', id: request.id, result };
  // The encoded photo has a buffer of its own (see encodeAt), so it can travel without a copy.
  port.postMessage(message, result.ok ? [result.jpeg.buffer as ArrayBuffer] : []);
});

port.postMessage({ type: 'ready' } satisfies PhotoWorkerMessage);
