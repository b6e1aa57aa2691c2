/**
 * The face engine on the Human library (@vladmandic/human, MIT) and TensorFlow.js's WebAssembly
 * backend: BlazeFace finds faces, the 468-point mesh (with the iris model) places the landmarks,
 * FaceRes gives a 1024-value descriptor, and two small models give antispoof and liveness scores.
 * About 13 MB of models, read from the installed packages through a file loader of our own:
 * TensorFlow.js in Node has no file:// loader without tfjs-node, and tfjs-node cannot install
 * here (it downloads libtensorflow).
 *
 * Heavy: load it once, on a worker thread (see photo-worker.ts), never on the host's own thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { io } from '@tensorflow/tfjs-core';
import type { Config, FaceResult, Human } from '@vladmandic/human';
import { embeddingSimilarity, FaceEngineError, type DetectedFace, type DetectOptions, type FaceEngine, type FaceImage } from './face-engine';
import { measureMesh } from './face-measures';
import { checkFaceFiles, FACE_MODELS, installedFaceFiles, type FaceEngineFiles } from './model-files';

/** The parts of TensorFlow.js the loader and detect() use (Human hands its instance over untyped). */
interface Tf {
  getBackend(): string;
  tensor4d(values: Uint8Array | Int32Array, shape: [number, number, number, number], dtype: 'int32'): { dispose(): void };
  io: Pick<typeof io, 'registerLoadRouter' | 'getModelArtifactsForJSON'>;
}

// The URL scheme our loader answers; nothing else is ever fetched.
const SCHEME = 'kiosk-file://';
// Faces further than this share of the largest face's height are still reported; smaller ones are noise.
const MAX_FACES = 5;

const radToDeg = (r: number | undefined): number => ((r ?? 0) * 180) / Math.PI;

function humanConfig(files: FaceEngineFiles): Partial<Config> {
  const on = { enabled: true };
  return {
    backend: 'wasm',
    // A trailing separator: the backend appends the file names to it.
    wasmPath: `${files.wasmDir}${path.sep}`,
    wasmPlatformFetch: false,
    modelBasePath: `${SCHEME}${files.modelDir}/`,
    debug: false,
    cacheModels: false,
    warmup: 'none',
    // Still photos, not a video: never reuse a previous frame's faces or descriptors.
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: { enabled: false },
    face: {
      enabled: true,
      detector: { enabled: true, rotation: true, maxDetected: MAX_FACES, minConfidence: 0.5, return: false, modelPath: 'blazeface.json' },
      mesh: { ...on, modelPath: 'facemesh.json' },
      attention: { enabled: false },
      iris: { ...on, modelPath: 'iris.json' },
      description: { ...on, modelPath: 'faceres.json' },
      emotion: { enabled: false },
      antispoof: { ...on, modelPath: 'antispoof.json' },
      liveness: { ...on, modelPath: 'liveness.json' },
      gear: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
  };
}

/** Serves `kiosk-file://<dir>/<model>.json` and its weights from disk. */
function registerFileLoader(tf: Tf): void {
  tf.io.registerLoadRouter((url: string | string[]) => {
    const first = Array.isArray(url) ? url[0] : url;
    // A router answers null for URLs that are not its own (the registry skips it); its type says otherwise.
    if (typeof first !== 'string' || !first.startsWith(SCHEME)) return null as unknown as io.IOHandler;
    const file = first.slice(SCHEME.length);
    return {
      load: async () => {
        const json = JSON.parse(await fs.promises.readFile(file, 'utf8')) as Parameters<Tf['io']['getModelArtifactsForJSON']>[0];
        return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
          const specs = manifest.flatMap((group) => group.weights);
          const parts = await Promise.all(manifest.flatMap((group) => group.paths.map((p) => fs.promises.readFile(path.join(path.dirname(file), p)))));
          const all = Buffer.concat(parts);
          return [specs, all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength)];
        });
      },
    };
  });
}

function toDetected(face: FaceResult, image: FaceImage): DetectedFace | null {
  const measures = measureMesh(face.mesh);
  if (measures === null) return null;
  const [x = 0, y = 0, w = 0, h = 0] = face.box;
  const angle = face.rotation?.angle;
  return {
    score: face.score,
    box: { x, y, w, h },
    head: measures.head,
    eyes: measures.eyes,
    chin: measures.chin,
    pose: { yaw: radToDeg(angle?.yaw), pitch: radToDeg(angle?.pitch), roll: radToDeg(angle?.roll) },
    eyeOpenness: measures.eyeOpenness,
    headHeightRatio: measures.head.h / image.height,
    embedding: face.embedding && face.embedding.length > 0 ? Float32Array.from(face.embedding) : null,
    antispoof: typeof face.real === 'number' ? face.real : null,
    liveness: typeof face.live === 'number' ? face.live : null,
  };
}

/** The Human library's types say `tf: any`; this is the little we rely on. */
function tfOf(human: Human): Tf {
  return human.tf as Tf;
}

/**
 * Loads the engine from the installed packages (or `files`, for tests). Throws FaceEngineError:
 * `modelMissing` / `wasmMissing` naming the file, `loadFailed` when the backend or a model does not start.
 */
export async function loadHumanEngine(files: FaceEngineFiles = installedFaceFiles()): Promise<FaceEngine> {
  checkFaceFiles(files);
  let human: Human;
  try {
    const lib = (await import(pathToFileURL(files.entry).href)) as { Human?: typeof Human; default?: { Human: typeof Human } };
    const HumanClass = lib.Human ?? lib.default?.Human;
    if (HumanClass === undefined) throw new Error('no Human export');
    human = new HumanClass(humanConfig(files));
    registerFileLoader(tfOf(human));
    await human.load();
  } catch (error) {
    throw new FaceEngineError('loadFailed', `The face engine did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  const tf = tfOf(human);
  const loaded = Object.entries(human.models.models)
    .filter(([, model]) => model !== null && model !== undefined)
    .map(([name]) => name);
  const missing = FACE_MODELS.filter((m) => !loaded.includes(m));
  if (tf.getBackend() !== 'wasm' || missing.length > 0) {
    throw new FaceEngineError('loadFailed', `The face engine started without ${missing.length > 0 ? `the models ${missing.join(', ')}` : 'its WebAssembly backend'}.`);
  }
  // The first detection compiles the backend's kernels (a few hundred milliseconds): done now, on
  // a blank picture, so the resident's first photo does not pay for it.
  try {
    const side = 256;
    const blank = tf.tensor4d(new Uint8Array(side * side * 3).fill(128), [1, side, side, 3], 'int32');
    try {
      await human.detect(blank as unknown as Parameters<Human['detect']>[0]);
    } finally {
      blank.dispose();
    }
  } catch (error) {
    throw new FaceEngineError('loadFailed', `The face engine did not run: ${error instanceof Error ? error.message : String(error)}`);
  }
  let queue: Promise<unknown> = Promise.resolve();
  const info = { engine: '@vladmandic/human', version: human.version, backend: tf.getBackend(), models: loaded };

  const detectNow = async (image: FaceImage, options: DetectOptions): Promise<DetectedFace[]> => {
    const { width, height, data } = image;
    if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || data.length !== width * height * 3) {
      throw new FaceEngineError('badInput', 'The picture for face detection is not a whole RGB image.');
    }
    const tensor = tf.tensor4d(data, [1, height, width, 3], 'int32');
    try {
      const spoof = options.spoofScores === true;
      const result = await human.detect(tensor as unknown as Parameters<Human['detect']>[0], {
        face: { description: { enabled: options.embedding === true }, antispoof: { enabled: spoof }, liveness: { enabled: spoof } },
      });
      if ('error' in result && typeof result.error === 'string' && result.error !== '') throw new Error(result.error);
      return result.face
        .map((face) => toDetected(face, image))
        .filter((face): face is DetectedFace => face !== null)
        .sort((a, b) => b.head.h - a.head.h);
    } finally {
      tensor.dispose();
    }
  };

  return {
    info,
    detect(image, options = {}) {
      // One at a time: the library keeps per-call state.
      const run = queue.then(() => detectNow(image, options));
      queue = run.catch(() => undefined);
      return run;
    },
    compare: embeddingSimilarity,
    close() {
      human.reset();
    },
  };
}
