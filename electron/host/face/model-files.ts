/**
 * Where the face engine's model and WebAssembly files are: inside the installed packages
 * (`@vladmandic/human/models`, `@tensorflow/tfjs-backend-wasm/dist`), never a network. The
 * library's defaults point at a CDN; the kiosk must work offline and load exactly what it shipped.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FaceEngineError } from './face-engine';

/** The models the kiosk loads, by file stem: detector, mesh, iris, descriptor, antispoof, liveness. */
export const FACE_MODELS = ['blazeface', 'facemesh', 'iris', 'faceres', 'antispoof', 'liveness'] as const;
export type FaceModel = (typeof FACE_MODELS)[number];

/** The WebAssembly builds of the TensorFlow.js backend; which one runs depends on the CPU. */
export const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'] as const;

/** The files the engine reads. */
export interface FaceEngineFiles {
  /** The library's Node build on the WebAssembly backend, `dist/human.node-wasm.js`. */
  entry: string;
  /** Holds `<model>.json` and its `.bin` weights. */
  modelDir: string;
  /** Holds the `.wasm` files. */
  wasmDir: string;
}

// The library's exports map has no subpaths Node accepts, and its Node entry is the tfjs-node
// build: the package is found through that entry and the WebAssembly build loaded by its path.
const HUMAN_WASM_BUILD = 'human.node-wasm.js';

// This file runs as CommonJS in the app's bundles and as an ES module in the tests' worker bundle.
function packageRequire(): NodeJS.Require {
  return createRequire(typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'package.json'));
}

// Files inside app.asar that electron-builder's asarUnpack put beside it: native code (here
// WebAssembly read by the backend) and large data are read from the unpacked copy.
function unpacked(dir: string): string {
  const marker = `app.asar${path.sep}`;
  const at = dir.indexOf(marker);
  if (at === -1) return dir;
  const outside = `${dir.slice(0, at)}app.asar.unpacked${path.sep}${dir.slice(at + marker.length)}`;
  return fs.existsSync(outside) ? outside : dir;
}

/** The folders inside the installed packages. Throws FaceEngineError when a package is not installed. */
export function installedFaceFiles(): FaceEngineFiles {
  const require = packageRequire();
  let human: string;
  let wasm: string;
  try {
    human = require.resolve('@vladmandic/human');
  } catch {
    throw new FaceEngineError('modelMissing', 'The face engine package @vladmandic/human is not installed.');
  }
  try {
    wasm = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  } catch {
    throw new FaceEngineError('wasmMissing', 'The package @tensorflow/tfjs-backend-wasm is not installed.');
  }
  return {
    entry: path.join(path.dirname(human), HUMAN_WASM_BUILD),
    modelDir: unpacked(path.join(path.dirname(human), '..', 'models')),
    wasmDir: unpacked(path.join(path.dirname(wasm), 'dist')),
  };
}

interface WeightSpec {
  shape?: unknown;
  dtype?: unknown;
  quantization?: { dtype?: unknown };
}

interface ModelJson {
  weightsManifest?: { paths?: unknown; weights?: WeightSpec[] }[];
}

const BYTES_PER_VALUE: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** The bytes the manifest's weights take, or null when a weight is of a kind we do not know. */
function manifestBytes(manifest: NonNullable<ModelJson['weightsManifest']>): number | null {
  let total = 0;
  for (const group of manifest) {
    for (const weight of group.weights ?? []) {
      const dtype = weight.quantization?.dtype ?? weight.dtype;
      const size = typeof dtype === 'string' ? BYTES_PER_VALUE[dtype] : undefined;
      if (size === undefined || !Array.isArray(weight.shape) || !weight.shape.every((d) => Number.isInteger(d))) return null;
      total += (weight.shape as number[]).reduce((a, b) => a * b, 1) * size;
    }
  }
  return total;
}

/** Every file the engine will read is there and readable, or the first one that is not, as a FaceEngineError. */
export function checkFaceFiles(files: FaceEngineFiles): void {
  if (!isReadableFile(files.entry)) throw new FaceEngineError('loadFailed', `The face engine's code ${path.basename(files.entry)} is missing.`);
  for (const name of WASM_FILES) {
    const file = path.join(files.wasmDir, name);
    if (!isReadableFile(file)) throw new FaceEngineError('wasmMissing', `The face engine's WebAssembly file ${name} is missing from ${files.wasmDir}.`);
  }
  for (const model of FACE_MODELS) {
    const json = path.join(files.modelDir, `${model}.json`);
    if (!isReadableFile(json)) throw new FaceEngineError('modelMissing', `The face model ${model}.json is missing from ${files.modelDir}.`);
    let parsed: ModelJson;
    try {
      parsed = JSON.parse(fs.readFileSync(json, 'utf8')) as ModelJson;
    } catch {
      throw new FaceEngineError('modelMissing', `The face model ${model}.json cannot be read.`);
    }
    const manifest = parsed.weightsManifest ?? [];
    let onDisk = 0;
    for (const group of manifest) {
      for (const weights of Array.isArray(group.paths) ? group.paths : []) {
        const file = typeof weights === 'string' ? path.join(files.modelDir, weights) : '';
        if (!isReadableFile(file)) throw new FaceEngineError('modelMissing', `The weights of the face model ${model} are missing from ${files.modelDir}.`);
        onDisk += fs.statSync(file).size;
      }
    }
    // A cut-off or replaced weights file would load and give wrong answers, not fail: its size tells.
    if (manifestBytes(manifest) !== onDisk) throw new FaceEngineError('modelMissing', `The weights of the face model ${model} are damaged (not the size the model says).`);
  }
}

function isReadableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
