/**
 * The face engine on real pictures: public-domain portraits (tests/fixtures/faces/README.md) and
 * pictures made from them. The engine loads from the installed packages, as the kiosk's does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaceEngineError, SAME_PERSON_SIMILARITY, type DetectedFace, type FaceEngine } from '../../electron/host/face/face-engine';
import { loadHumanEngine } from '../../electron/host/face/human-engine';
import { FACE_MODELS, installedFaceFiles } from '../../electron/host/face/model-files';
import { checkAndEncodePhoto, type PhotoCheckResult } from '../../electron/host/photo/photo-check';
import { ENTRY_EXIT_PHOTO, PHOTO_SPECS, RESIDENT_ID_PHOTO } from '../../shared/catalog/photo-spec';
import { drawPortrait, toJpeg, type PortraitOptions } from '../fixtures/fake-camera';
import { asStored, emptyBackdrop, eyesShut, sameFaceChanged, tilted, twoFaces } from '../fixtures/faces/compose';
import type { RgbPicture } from '../fixtures/faces/faces';

let engine: FaceEngine;
beforeAll(async () => {
  engine = await loadHumanEngine();
}, 60_000);
afterAll(() => engine.close());

const T = RESIDENT_ID_PHOTO.faceTolerances;

async function one(picture: RgbPicture, embedding = false): Promise<DetectedFace> {
  const faces = await engine.detect(picture, { embedding });
  expect(faces).toHaveLength(1);
  return faces[0]!;
}

function embeddingOf(face: DetectedFace): Float32Array {
  if (face.embedding === null) throw new Error('no embedding');
  return face.embedding;
}

const check = (picture: Uint8Array, spec = RESIDENT_ID_PHOTO): Promise<PhotoCheckResult> => checkAndEncodePhoto(picture, spec, (image) => engine.detect(image));
const portrait = (options: PortraitOptions = {}): Uint8Array => toJpeg(drawPortrait(options));
const problemsOf = (result: PhotoCheckResult): string[] => (result.ok ? [] : result.problems);

describe('the engine', () => {
  it('runs on the WebAssembly backend with every model it needs, from the installed packages', () => {
    expect(engine.info.backend).toBe('wasm');
    for (const model of FACE_MODELS) expect(engine.info.models).toContain(model);
  });

  it('finds one face in a frontal portrait, looking straight ahead with open eyes, and measures its head', async () => {
    const face = await one(await asStored('collins'));
    expect(face.score).toBeGreaterThan(T.minScore);
    expect(Math.abs(face.pose.yaw)).toBeLessThanOrEqual(T.maxYaw);
    expect(Math.abs(face.pose.roll)).toBeLessThanOrEqual(T.maxRoll);
    expect(Math.abs(face.pose.pitch)).toBeLessThanOrEqual(T.maxPitch);
    expect(Math.min(face.eyeOpenness.left, face.eyeOpenness.right)).toBeGreaterThanOrEqual(T.minEyeOpenness);
    // The head spans crown to chin: her chin is at about row 176 of 290, the crown near row 20.
    expect(face.chin.y).toBeGreaterThan(165);
    expect(face.chin.y).toBeLessThan(185);
    expect(face.head.y).toBeGreaterThan(5);
    expect(face.head.y).toBeLessThan(40);
    expect(face.eyes.left.x).toBeLessThan(face.eyes.right.x);
    expect(face.headHeightRatio).toBeCloseTo(face.head.h / 290, 5);
    // Nothing costly unless asked for.
    expect([face.embedding, face.antispoof, face.liveness]).toEqual([null, null, null]);
  });

  it('gives the descriptor and the spoof scores when asked', async () => {
    const faces = await engine.detect(await asStored('hopper'), { embedding: true, spoofScores: true });
    expect(faces[0]?.embedding?.length).toBe(1024);
    for (const score of [faces[0]?.antispoof, faces[0]?.liveness]) {
      expect(typeof score).toBe('number');
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });

  it('the same person in another picture is above the same-person similarity; another person is below it', async () => {
    const collins = embeddingOf(await one(await asStored('collins'), true));
    const collinsAgain = embeddingOf(await one(await sameFaceChanged('collins'), true));
    const hopper = embeddingOf(await one(await asStored('hopper'), true));
    expect(engine.compare(collins, collins)).toBe(1);
    expect(engine.compare(collins, collinsAgain)).toBeGreaterThanOrEqual(SAME_PERSON_SIMILARITY);
    expect(engine.compare(collins, hopper)).toBeLessThan(SAME_PERSON_SIMILARITY);
    expect(engine.compare(collinsAgain, hopper)).toBeLessThan(SAME_PERSON_SIMILARITY);
    expect(engine.compare(hopper, collins)).toBeCloseTo(engine.compare(collins, hopper), 10);
  });

  it('finds nobody on a plain backdrop, and two people side by side', async () => {
    expect(await engine.detect(emptyBackdrop())).toEqual([]);
    const both = await engine.detect(await twoFaces('collins', 'hopper'));
    expect(both).toHaveLength(2);
    expect(both.map((f) => f.head.x + f.head.w / 2 < 240).sort()).toEqual([false, true]);
  });

  it('sees eyes painted shut as closed, and a tilted head as rolled', async () => {
    const shut = await one(await eyesShut());
    expect(Math.max(shut.eyeOpenness.left, shut.eyeOpenness.right)).toBeLessThan(T.minEyeOpenness);
    const rolled = await one(await tilted('collins', 0.3));
    expect(Math.abs(rolled.pose.roll)).toBeGreaterThan(T.maxRoll);
  });

  it('refuses a malformed picture with badInput, and descriptors of different kinds', async () => {
    await expect(engine.detect({ width: 10, height: 10, data: new Uint8Array(5) })).rejects.toMatchObject({ code: 'badInput' });
    expect(() => engine.compare(new Float32Array(4), new Float32Array(8))).toThrow(FaceEngineError);
  });
});

describe('the photo check with the engine', () => {
  it.each(Object.values(PHOTO_SPECS).map((spec) => [spec.id, spec] as const))('the fake camera’s sitter passes %s', async (_id, spec) => {
    const result = await check(portrait(), spec);
    expect(problemsOf(result)).toEqual([]);
  });

  it('the renderer’s capture of the fake camera passes too (the centre 590 × 720)', async () => {
    expect(problemsOf(await check(portrait({ width: 590, height: 720 }), ENTRY_EXIT_PHOTO))).toEqual([]);
  });

  it('a second sitter is severalFaces', async () => {
    const frame = drawPortrait({ width: 1280, height: 720 });
    // Hopper at the right, smaller: any second face of a quarter of the sitter's height counts.
    const second = drawPortrait({ width: 1280, height: 720, sitter: 'hopper', headX: 0.82, headHeight: 0.4 });
    for (let y = 0; y < 720; y++) {
      for (let x = 900; x < 1280; x++) {
        const p = (y * 1280 + x) * 3;
        frame.data.set(second.data.subarray(p, p + 3), p);
      }
    }
    expect(problemsOf(await check(toJpeg(frame)))).toEqual(['severalFaces']);
  });

  it('nobody, a head off to the side, a head far away: noFace, offCentre, tooFar', async () => {
    expect(problemsOf(await check(portrait({ subject: 'none' })))).toEqual(['noFace']);
    expect(problemsOf(await check(portrait({ headX: 0.3 })))).toEqual(['offCentre']);
    expect(problemsOf(await check(portrait({ headHeight: 0.25 })))).toEqual(['tooFar']);
  });
});

describe('loading', () => {
  const temp: string[] = [];
  afterAll(() => {
    for (const dir of temp) fs.rmSync(dir, { recursive: true, force: true });
  });

  function copyWithout(dir: string, missing: string): string {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-face-'));
    temp.push(copy);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) if (entry.isFile() && entry.name !== missing) fs.copyFileSync(path.join(dir, entry.name), path.join(copy, entry.name));
    return copy;
  }

  /** The error a load fails with. */
  async function failure(files: Parameters<typeof loadHumanEngine>[0]): Promise<FaceEngineError> {
    try {
      const loaded = await loadHumanEngine(files);
      loaded.close();
    } catch (error) {
      if (error instanceof FaceEngineError) return error;
      throw error;
    }
    throw new Error('The engine loaded.');
  }

  it('a missing model file is modelMissing, naming it; a missing WebAssembly file is wasmMissing; missing code is loadFailed', async () => {
    const files = installedFaceFiles();
    const noWeights = await failure({ ...files, modelDir: copyWithout(files.modelDir, 'faceres.bin') });
    expect(noWeights.code).toBe('modelMissing');
    expect(noWeights.message).toContain('faceres');
    const noModel = await failure({ ...files, modelDir: copyWithout(files.modelDir, 'blazeface.json') });
    expect(noModel.code).toBe('modelMissing');
    expect(noModel.message).toContain('blazeface.json');
    expect((await failure({ ...files, wasmDir: copyWithout(files.wasmDir, 'tfjs-backend-wasm-simd.wasm') })).code).toBe('wasmMissing');
    expect((await failure({ ...files, entry: path.join(os.tmpdir(), 'no-such-dir', 'human.node-wasm.js') })).code).toBe('loadFailed');
  });

  it('a cut-off weights file is refused before loading, and so is a model file that is not JSON', async () => {
    const files = installedFaceFiles();
    const cut = copyWithout(files.modelDir, '');
    fs.writeFileSync(path.join(cut, 'iris.bin'), fs.readFileSync(path.join(files.modelDir, 'iris.bin')).subarray(0, 1000));
    const cutOff = await failure({ ...files, modelDir: cut });
    expect(cutOff.code).toBe('modelMissing');
    expect(cutOff.message).toContain('iris');
    const garbled = copyWithout(files.modelDir, '');
    fs.writeFileSync(path.join(garbled, 'liveness.json'), '{ not json');
    const notJson = await failure({ ...files, modelDir: garbled });
    expect(notJson.code).toBe('modelMissing');
    expect(notJson.message).toContain('liveness');
  });
});
