/**
 * Runs photo checks on one long-lived worker thread (photo-worker.ts), so that a frame which takes
 * seconds to decode never blocks the host's thread: in Electron that thread is the main process,
 * and blocking it freezes the window. Only the cheap part runs here: a frame that is too long,
 * not a JPEG, or larger than MAX_INPUT_SIDE is refused from its header before any decoding.
 */
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { MAX_FRAME_BASE64_LENGTH, type PhotoSpec } from '../../../shared/catalog/photo-spec';
import { FACE_ENGINE_ERRORS, type FaceEngineStatus } from '../face/face-engine';
import { MAX_BURST_FRAMES, type BurstResult, type ReferenceResult } from '../face/face-match';
import type { FaceEngineFiles } from '../face/model-files';
import { errorKind, type LogFields, type Logger } from '../log/logger';
import { MAX_INPUT_SIDE, PHOTO_PROBLEMS, readJpegFrameHeader, type PhotoCheckResult, type PhotoProblem } from './photo-check';
import type { PhotoCheckRequest, PhotoWorkerData, PhotoWorkerMessage } from './photo-worker';

/** Checks camera frames off the host's thread. */
export interface PhotoChecker {
  /** Checks a JPEG frame sent as base64; never rejects, a failure of the check itself is `checkFailed`. */
  check(jpegBase64: string, spec: PhotoSpec): Promise<PhotoCheckResult>;
  /** The descriptor of the face in the photo to compare with (card or platform photo; JPEG or BMP). Never rejects. */
  reference(picture: Uint8Array): Promise<ReferenceResult>;
  /** The faces in a burst of camera frames (JPEG, base64) for the 1:1 check. Never rejects. */
  burst(framesBase64: readonly string[]): Promise<BurstResult>;
  /** Stops the worker; checks still waiting or running are answered `checkFailed`. */
  close(): Promise<void>;
  /** The face engine as the worker last said: loading, ready, or failed with a code. */
  faceStatus(): FaceEngineStatus;
  /** Called whenever the face engine's status changes; returns the unsubscribe. */
  onFaceStatus(listener: (status: FaceEngineStatus) => void): () => void;
}

/** Where the worker is and how long to let it work. */
export interface PhotoCheckerOptions {
  /**
   * The built worker: out/main/photo-worker.js next to the app's entry bundles, a bundle under
   * node_modules/.cache in tests. Undefined: no worker, every check is answered `checkFailed`.
   */
  script: string | undefined;
  log: Logger;
  /** A check still running after this long has its worker stopped and is answered `checkFailed` (default 30 s). */
  timeoutMs?: number;
  /** Checks that may wait behind the running one; more are answered `checkFailed` at once (default 2). */
  maxWaiting?: number;
  /** The face engine's model and WebAssembly folders; default the installed packages'. */
  faceFiles?: FaceEngineFiles;
}

// A 4096² frame takes 1.3-3.4 s on a desktop CPU; a kiosk's may be several times slower.
const DEFAULT_TIMEOUT_MS = 30_000;
// One resident at one camera: the page sends one frame at a time, so a queue only absorbs a double tap.
const DEFAULT_MAX_WAITING = 2;

const resultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    jpeg: z.instanceof(Uint8Array),
    width: z.number().int(),
    height: z.number().int(),
    bytes: z.number().int(),
    quality: z.number().int(),
  }),
  z.object({ ok: z.literal(false), problems: z.array(z.enum(PHOTO_PROBLEMS)).min(1) }),
]) satisfies z.ZodType<PhotoCheckResult>;

const faceStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('loading') }),
  z.object({
    state: z.literal('ready'),
    info: z.object({ engine: z.string(), version: z.string(), backend: z.string(), models: z.array(z.string()) }),
    loadMs: z.number(),
  }),
  z.object({ state: z.literal('failed'), code: z.enum(FACE_ENGINE_ERRORS), message: z.string() }),
]) satisfies z.ZodType<FaceEngineStatus>;

const pointSchema = z.object({ x: z.number(), y: z.number() });
const boxSchema = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });
const detectedSchema = z.object({
  score: z.number(),
  box: boxSchema,
  head: boxSchema,
  eyes: z.object({ left: pointSchema, right: pointSchema }),
  chin: pointSchema,
  pose: z.object({ yaw: z.number(), pitch: z.number(), roll: z.number() }),
  eyeOpenness: z.object({ left: z.number(), right: z.number() }),
  headHeightRatio: z.number(),
  embedding: z.instanceof(Float32Array).nullable(),
  antispoof: z.number().nullable(),
  liveness: z.number().nullable(),
});
const referenceSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), embedding: z.instanceof(Float32Array) }),
  z.object({ ok: z.literal(false), problem: z.enum(['notImage', 'noFace', 'severalFaces', 'checkFailed', 'faceCheckUnavailable']) }),
]) satisfies z.ZodType<ReferenceResult>;
const burstSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), frames: z.array(z.object({ faces: z.number().int().min(0), face: detectedSchema.nullable() })).max(MAX_BURST_FRAMES) }),
  z.object({ ok: z.literal(false), problem: z.enum(['checkFailed', 'faceCheckUnavailable']) }),
]) satisfies z.ZodType<BurstResult>;

const messageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), face: faceStatusSchema }),
  z.object({ type: z.literal('result'), id: z.number().int(), result: resultSchema }),
  z.object({ type: z.literal('reference'), id: z.number().int(), result: referenceSchema }),
  z.object({ type: z.literal('burst'), id: z.number().int(), result: burstSchema }),
]) satisfies z.ZodType<PhotoWorkerMessage>;

/** A worker's answer to a job, of the job's own kind. */
type JobAnswer = Exclude<PhotoWorkerMessage, { type: 'ready' }>;

const failed = (problem: PhotoProblem): PhotoCheckResult => ({ ok: false, problems: [problem] });

/**
 * The frame's bytes, or why it is refused without being decoded: longer than the contract allows,
 * not a JPEG up to its first scan, or a side over MAX_INPUT_SIDE. Costs a base64 decode and a walk
 * over the marker segments, a few milliseconds for the largest frame.
 */
export function readFrame(jpegBase64: string): { ok: true; frame: Uint8Array } | { ok: false; problem: PhotoProblem } {
  if (jpegBase64.length > MAX_FRAME_BASE64_LENGTH) return { ok: false, problem: 'tooLarge' };
  // A buffer of its own, never a slice of Node's shared pool, so that it can be transferred.
  const frame = new Uint8Array(Buffer.byteLength(jpegBase64, 'base64'));
  const written = Buffer.from(frame.buffer).write(jpegBase64, 'base64');
  const bytes = written === frame.length ? frame : frame.subarray(0, written);
  const header = readJpegFrameHeader(bytes);
  if (header === null || header.width === 0 || header.height === 0) return { ok: false, problem: 'notJpeg' };
  if (header.width > MAX_INPUT_SIDE || header.height > MAX_INPUT_SIDE) return { ok: false, problem: 'tooLarge' };
  return { ok: true, frame: bytes };
}

/** A request without its id, and what it may transfer. */
type JobRequest = { type: 'check'; frame: Uint8Array; spec: PhotoSpec } | { type: 'reference'; picture: Uint8Array } | { type: 'burst'; frames: Uint8Array[] };

interface Job {
  id: number;
  request: JobRequest;
  /** The worker's answer, or null when the job failed (worker lost, timed out, queue full, closed). */
  resolve: (answer: JobAnswer | null) => void;
}

function transferOf(request: JobRequest): ArrayBuffer[] {
  if (request.type === 'check') return [request.frame.buffer as ArrayBuffer];
  if (request.type === 'reference') return [];
  return request.frames.map((f) => f.buffer as ArrayBuffer);
}

/** Starts the worker now, at host start-up, so that the resident's first check does not wait for it. */
export function createPhotoChecker(opts: PhotoCheckerOptions): PhotoChecker {
  const { log, script } = opts;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxWaiting = opts.maxWaiting ?? DEFAULT_MAX_WAITING;
  let worker: Worker | null = null;
  let running: { job: Job; timer: NodeJS.Timeout } | null = null;
  const waiting: Job[] = [];
  let nextId = 1;
  let closed = false;
  let face: FaceEngineStatus = { state: 'loading' };
  const faceListeners = new Set<(status: FaceEngineStatus) => void>();
  const setFace = (status: FaceEngineStatus): void => {
    // A replacement worker loads the engine again: loading again is not news, a change of outcome is.
    if (status.state === 'loading' || JSON.stringify(status) === JSON.stringify(face)) return;
    face = status;
    for (const listener of faceListeners) {
      try {
        listener(status);
      } catch (error) {
        log.warn('photo.faceListenerFailed', { error: errorKind(error) });
      }
    }
  };

  const finish = (answer: JobAnswer | null): void => {
    if (running === null) return;
    clearTimeout(running.timer);
    running.job.resolve(answer);
    running = null;
    // An idle worker must not keep the process alive; a busy one must, or a check could be cut off.
    worker?.unref();
  };

  // Every path that loses a worker comes here (exit, error, a message that breaks the protocol),
  // so the running check is answered exactly once and the next check gets a fresh worker.
  const lose = (dead: Worker, event: string, fields: LogFields): void => {
    if (dead !== worker) return;
    worker = null;
    log.error(event, { ...fields, checking: running !== null });
    finish(null);
    void dead.terminate();
    pump();
  };

  const spawn = (): Worker | null => {
    if (script === undefined) {
      log.error('photo.noWorkerScript', {});
      return null;
    }
    const started = performance.now();
    let w: Worker;
    try {
      const data: PhotoWorkerData = opts.faceFiles ? { faceFiles: opts.faceFiles } : {};
      w = new Worker(script, { name: 'photo-check', workerData: data });
    } catch (error) {
      // A path Node will not take at all (not absolute); a missing file is an 'error' event instead.
      log.error('photo.workerFailed', { error: errorKind(error), code: (error as NodeJS.ErrnoException).code ?? null });
      return null;
    }
    w.unref();
    w.on('message', (raw: unknown) => {
      if (w !== worker) return;
      const parsed = messageSchema.safeParse(raw);
      if (!parsed.success) {
        lose(w, 'photo.workerBadMessage', { issue: parsed.error.issues[0]?.code ?? null });
      } else if (parsed.data.type === 'ready') {
        const status = parsed.data.face;
        if (status.state === 'failed') {
          // The message names a file or a folder of the installation, never anything of a resident's.
          log.error('face.engineFailed', { code: status.code, message: status.message });
        } else {
          log.info('face.engineReady', { ms: Math.round(performance.now() - started), loadMs: status.state === 'ready' ? status.loadMs : null });
        }
        setFace(status);
      } else if (running?.job.id !== parsed.data.id || (parsed.data.type === 'result' ? 'check' : parsed.data.type) !== running.job.request.type) {
        lose(w, 'photo.workerBadMessage', { issue: 'unexpectedId' });
      } else {
        finish(parsed.data);
        pump();
      }
    });
    // 'error' (an uncaught exception, out of memory, a script that does not load) is followed by
    // 'exit'; both lead to lose(), which acts once.
    w.on('error', (error: NodeJS.ErrnoException) => lose(w, 'photo.workerFailed', { error: errorKind(error), code: error.code ?? null }));
    w.on('exit', (code) => lose(w, 'photo.workerExited', { code }));
    return w;
  };

  // One check at a time: if the worker dies, only the check it was running fails, not the waiting ones.
  const pump = (): void => {
    if (closed || running !== null) return;
    const job = waiting.shift();
    if (job === undefined) return;
    worker ??= spawn();
    const w = worker;
    if (w === null) {
      job.resolve(null);
      return pump();
    }
    const timer = setTimeout(() => lose(w, 'photo.checkTimedOut', { ms: timeoutMs }), timeoutMs);
    running = { job, timer };
    w.ref();
    const request: PhotoCheckRequest = { ...job.request, id: job.id };
    try {
      w.postMessage(request, transferOf(job.request));
    } catch (error) {
      log.error('photo.postFailed', { error: errorKind(error) });
      finish(null);
      pump();
    }
  };

  if (script !== undefined) worker = spawn();

  // Null when the job cannot even be queued: closed, or the queue is full.
  const canQueue = (): boolean => {
    if (closed) return false;
    if (waiting.length >= maxWaiting) {
      log.warn('photo.queueFull', { waiting: waiting.length });
      return false;
    }
    return true;
  };
  const enqueue = (request: JobRequest): Promise<JobAnswer | null> =>
    new Promise((resolve) => {
      waiting.push({ id: nextId++, request, resolve });
      pump();
    });

  return {
    async check(jpegBase64, spec) {
      // Before decoding: a frame that cannot be queued costs this thread nothing.
      if (!canQueue()) return failed('checkFailed');
      const read = readFrame(jpegBase64);
      if (!read.ok) return failed(read.problem);
      const answer = await enqueue({ type: 'check', frame: read.frame, spec });
      return answer?.type === 'result' ? answer.result : failed('checkFailed');
    },
    async reference(picture) {
      if (!canQueue()) return { ok: false, problem: 'checkFailed' };
      // A copy with a buffer of its own: the caller's bytes stay the caller's.
      const answer = await enqueue({ type: 'reference', picture: Uint8Array.from(picture) });
      return answer?.type === 'reference' ? answer.result : { ok: false, problem: 'checkFailed' };
    },
    async burst(framesBase64) {
      if (!canQueue()) return { ok: false, problem: 'checkFailed' };
      const frames: Uint8Array[] = [];
      for (const text of framesBase64.slice(0, MAX_BURST_FRAMES)) {
        const read = readFrame(text);
        // A frame that is not a picture shows no face; the decision counts faces, not frames.
        if (read.ok) frames.push(read.frame);
      }
      const answer = await enqueue({ type: 'burst', frames });
      return answer?.type === 'burst' ? answer.result : { ok: false, problem: 'checkFailed' };
    },
    faceStatus: () => face,
    onFaceStatus(listener) {
      faceListeners.add(listener);
      return () => faceListeners.delete(listener);
    },
    async close() {
      closed = true;
      faceListeners.clear();
      for (const job of waiting.splice(0)) job.resolve(null);
      finish(null);
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}
