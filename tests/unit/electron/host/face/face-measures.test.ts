import { describe, expect, it } from 'vitest';
import { embeddingSimilarity, FaceEngineError } from '../../../../../electron/host/face/face-engine';
import { faceEngineDetail } from '../../../../../electron/host/face/face-status';
import { CROWN_ABOVE_EYES, MESH_POINTS, measureMesh, type MeshPoint } from '../../../../../electron/host/face/face-measures';

/** A mesh with every point at the origin except the ones the measures read, placed like a face 100 px from eyes to chin. */
function mesh(overrides: Record<number, [number, number]> = {}): MeshPoint[] {
  const points: MeshPoint[] = Array.from({ length: MESH_POINTS }, () => [0, 0, 0]);
  const set: Record<number, [number, number]> = {
    33: [80, 200], // left eye, outer and inner corners
    133: [120, 200],
    362: [180, 200], // right eye, inner and outer corners
    263: [220, 200],
    159: [100, 194], // left lids: 12 px apart, over an eye region 30 px high
    145: [100, 206],
    223: [100, 185],
    230: [100, 215],
    386: [200, 194], // right lids
    374: [200, 206],
    443: [200, 185],
    450: [200, 215],
    152: [150, 300], // chin
    234: [60, 230], // cheeks
    454: [240, 230],
    ...overrides,
  };
  for (const [i, [x, y]] of Object.entries(set)) points[Number(i)] = [x, y, 0];
  return points;
}

describe('measureMesh', () => {
  it('puts the crown 1.1 eye-to-chin distances above the eyes, and the head between the cheeks', () => {
    const m = measureMesh(mesh());
    expect(m).not.toBeNull();
    expect(m!.eyes).toEqual({ left: { x: 100, y: 200 }, right: { x: 200, y: 200 } });
    expect(m!.chin).toEqual({ x: 150, y: 300 });
    expect(m!.head.y).toBeCloseTo(200 - CROWN_ABOVE_EYES * 100, 6);
    expect(m!.head.h).toBeCloseTo(100 + CROWN_ABOVE_EYES * 100, 6);
    expect(m!.head).toMatchObject({ x: 60, w: 180 });
  });

  it('eye openness is the lid gap over the eye region: 12 / 30 open, 2 / 30 closed', () => {
    expect(measureMesh(mesh())!.eyeOpenness).toEqual({ left: 0.4, right: 0.4 });
    const shut = measureMesh(mesh({ 159: [100, 199], 145: [100, 201], 386: [200, 199], 374: [200, 201] }));
    expect(shut!.eyeOpenness.left).toBeCloseTo(2 / 30, 6);
    expect(shut!.eyeOpenness.right).toBeCloseTo(2 / 30, 6);
  });

  it('a tilted head is measured along its own axis, not shortened', () => {
    // The chin moved sideways: eye-to-chin is now 100√2 along the face.
    const m = measureMesh(mesh({ 152: [250, 300] }));
    expect(m!.head.y).toBeCloseTo(200 - CROWN_ABOVE_EYES * 100 * Math.SQRT2, 6);
  });

  it('a short mesh, or one with points missing, measures nothing', () => {
    expect(measureMesh(mesh().slice(0, 400))).toBeNull();
    const broken = mesh();
    broken[152] = [Number.NaN, 300];
    expect(measureMesh(broken)).toBeNull();
  });
});

describe('embeddingSimilarity', () => {
  it('is 1 for identical descriptors and falls to 0 as they part, as the library computes it', () => {
    const a = Float32Array.from({ length: 1024 }, (_, i) => (i % 13) / 13);
    expect(embeddingSimilarity(a, a)).toBe(1);
    // Distance d gives 1 - sqrt(25 d²) / 100, mapped from [0.2, 0.8] to [0, 1]: d = 8 → 0.6 → 2/3, d = 16 → 0.2 → 0.
    const shifted = (d: number) => a.map((v, i) => (i === 0 ? v + d : v));
    expect(embeddingSimilarity(a, shifted(8))).toBeCloseTo((1 - 0.4 - 0.2) / 0.6, 6);
    expect(embeddingSimilarity(a, shifted(16))).toBeCloseTo(0, 6);
    expect(embeddingSimilarity(a, shifted(40))).toBe(0);
  });

  it('refuses descriptors of different lengths', () => {
    expect(() => embeddingSimilarity(new Float32Array(3), new Float32Array(4))).toThrow(FaceEngineError);
    expect(() => embeddingSimilarity(new Float32Array(0), new Float32Array(0))).toThrow(FaceEngineError);
  });
});

describe('faceEngineDetail', () => {
  it('is a detail code for staff only while the engine has failed', () => {
    expect(faceEngineDetail({ state: 'loading' })).toBeNull();
    expect(faceEngineDetail({ state: 'ready', info: { engine: 'x', version: '1', backend: 'wasm', models: [] }, loadMs: 1 })).toBeNull();
    expect(faceEngineDetail({ state: 'failed', code: 'modelMissing', message: 'm' })).toBe('faceEngineModelMissing');
    expect(faceEngineDetail({ state: 'failed', code: 'wasmMissing', message: 'm' })).toBe('faceEngineWasmMissing');
    expect(faceEngineDetail({ state: 'failed', code: 'loadFailed', message: 'm' })).toBe('faceEngineLoadFailed');
  });
});
