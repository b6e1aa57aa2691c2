/**
 * The face engine on this CPU: how long it takes to load (in a fresh worker thread, as the kiosk
 * loads it, and in-process), to find a face in a camera frame, to add the descriptor, to compare
 * two descriptors, the whole photo check of the renderer's capture, and the 1:1 face check of one
 * burst (reading the card photo's face, then six frames with descriptor and antispoof score, then the decision).
 */
import { Worker } from 'node:worker_threads';
import jpegJs from 'jpeg-js';
import type { FaceImage } from '../../electron/host/face/face-engine';
import { loadHumanEngine } from '../../electron/host/face/human-engine';
import { decideFace } from '../../electron/host/face/face-decision';
import { burstFaces, referenceFace } from '../../electron/host/face/face-match';
import { simCardPhoto } from '../../electron/host/hardware/sim-card-photos';
import { checkAndEncodePhoto } from '../../electron/host/photo/photo-check';
import { swayingBurst } from '../fixtures/faces/bursts';
import { ENTRY_EXIT_PHOTO } from '../../shared/catalog/photo-spec';
import { drawPortrait, toJpeg } from '../fixtures/fake-camera';
import { buildPhotoWorkers } from '../fixtures/photo-worker-build';
import { quantile } from './staff-list';

/** Milliseconds, and a count of runs. */
export interface FaceBench {
  workerReadyMs: number[];
  inProcessLoadMs: number;
  detectMs: number[];
  detectWithEmbeddingMs: number[];
  compareUs: number;
  photoCheckMs: number[];
  /** Reading the face in the card's 102 × 126 photo (descriptor included). */
  referenceMs: number[];
  /** One burst of six frames: faces, descriptors and antispoof scores on each, then the decision. */
  burstMs: number[];
  frame: string;
}

function decode(bytes: Uint8Array): FaceImage {
  const decoded = jpegJs.decode(bytes, { useTArray: true, formatAsRGBA: false });
  return { width: decoded.width, height: decoded.height, data: new Uint8Array(decoded.data) };
}

/** From starting a photo worker to its "face engine ready" message. */
async function workerReady(script: string): Promise<number> {
  const started = performance.now();
  const worker = new Worker(script, { name: 'bench-face' });
  try {
    return await new Promise<number>((resolve, reject) => {
      worker.on('message', (message: { type?: string; face?: { state?: string } }) => {
        if (message.type !== 'ready') return;
        if (message.face?.state === 'ready') resolve(performance.now() - started);
        else reject(new Error(`The face engine did not load in the worker: ${JSON.stringify(message.face)}`));
      });
      worker.on('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

/** Runs the face measurements; `runs` detections of each kind. */
export async function benchFaceEngine(root: string, runs = 20): Promise<FaceBench> {
  const built = await buildPhotoWorkers(root);
  const workerReadyMs: number[] = [];
  try {
    for (let i = 0; i < 3; i++) workerReadyMs.push(await workerReady(built.worker));
  } finally {
    built.dispose();
  }
  const loadStart = performance.now();
  const engine = await loadHumanEngine();
  const inProcessLoadMs = performance.now() - loadStart;
  try {
    // The renderer's capture of a 1280 × 720 camera: its centre 590 × 720.
    const jpeg = toJpeg(drawPortrait({ width: 590, height: 720 }));
    const picture = decode(jpeg);
    // The first call compiles kernels: not a resident's wait, so not counted.
    await engine.detect(picture, { embedding: true });
    const time = async (f: () => Promise<unknown>): Promise<number> => {
      const t = performance.now();
      await f();
      return performance.now() - t;
    };
    const detectMs: number[] = [];
    const detectWithEmbeddingMs: number[] = [];
    for (let i = 0; i < runs; i++) detectMs.push(await time(() => engine.detect(picture)));
    let embedding: Float32Array | null = null;
    for (let i = 0; i < runs; i++) {
      detectWithEmbeddingMs.push(
        await time(async () => {
          embedding = (await engine.detect(picture, { embedding: true }))[0]?.embedding ?? null;
        }),
      );
    }
    const a: Float32Array = embedding ?? new Float32Array(1024);
    const b = a.map((v, i) => v + (i % 7) * 0.001);
    const compares = 20_000;
    const compareStart = performance.now();
    let sink = 0;
    for (let i = 0; i < compares; i++) sink += engine.compare(a, b);
    const compareUs = ((performance.now() - compareStart) * 1000) / compares;
    if (Number.isNaN(sink)) throw new Error('compare gave NaN');
    const photoCheckMs: number[] = [];
    for (let i = 0; i < 5; i++) photoCheckMs.push(await time(() => checkAndEncodePhoto(jpeg, ENTRY_EXIT_PHOTO, (image) => engine.detect(image))));
    const referenceMs: number[] = [];
    let reference: Float32Array | null = null;
    for (let i = 0; i < 5; i++) {
      referenceMs.push(
        await time(async () => {
          const read = await referenceFace(simCardPhoto('collins'), engine);
          reference = read.ok ? read.embedding : null;
        }),
      );
    }
    if (reference === null) throw new Error('The card photo gave no face to compare with.');
    const held: Float32Array = reference;
    const frames = swayingBurst('collins').map((b64) => new Uint8Array(Buffer.from(b64, 'base64')));
    const burstMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      burstMs.push(
        await time(async () => {
          const decision = decideFace(await burstFaces(frames, engine), held, { threshold: 0.6 });
          if (decision.outcome !== 'matched') throw new Error(`The bench burst was not matched: ${decision.outcome}`);
        }),
      );
    }
    return { workerReadyMs, inProcessLoadMs, detectMs, detectWithEmbeddingMs, compareUs, photoCheckMs, referenceMs, burstMs, frame: `${picture.width} × ${picture.height}` };
  } finally {
    engine.close();
  }
}

/** p50 / p95 of a list of milliseconds, sorted first. */
export function p50p95(ms: readonly number[]): [number, number] {
  const sorted = [...ms].sort((x, y) => x - y);
  return [quantile(sorted, 0.5), quantile(sorted, 0.95)];
}
