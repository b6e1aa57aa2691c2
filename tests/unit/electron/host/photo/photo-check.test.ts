import jpeg from 'jpeg-js';
import { describe, expect, it, vi } from 'vitest';
import { checkAndEncodePhoto, cropAndScale, readJpegFrameHeader, type FaceFinder, type PhotoCheckResult } from '../../../../../electron/host/photo/photo-check';
import { ENTRY_EXIT_PHOTO, RESIDENT_ID_PHOTO, type PhotoSpec } from '../../../../../shared/catalog/photo-spec';
import { drawPortrait, toJpeg, type PortraitOptions } from '../../../../fixtures/fake-camera';
import { portraitFinder, syntheticFace } from '../../../../fixtures/faces/fake-faces';
import { prng } from '../../../../fixtures/prng';

// The sitter's face is a public-domain photo (tests/fixtures/faces). The face engine is stood in
// for by a finder that knows where drawPortrait put the face; the real engine is tested on real
// pictures in tests/integration/face-engine.test.ts.
const frameCache = new Map<string, Uint8Array>();
function frame(options: PortraitOptions = {}, quality = 92): Uint8Array {
  const key = JSON.stringify([options, quality]);
  let bytes = frameCache.get(key);
  if (bytes === undefined) {
    bytes = toJpeg(drawPortrait(options), quality);
    frameCache.set(key, bytes);
  }
  return bytes;
}

function problemsOf(result: PhotoCheckResult): string[] {
  return result.ok ? [] : result.problems;
}

/** Draws a frame with `options` and checks it, the finder answering where the face was drawn. */
function check(options: PortraitOptions, spec: PhotoSpec = RESIDENT_ID_PHOTO): Promise<PhotoCheckResult> {
  return checkAndEncodePhoto(frame(options), spec, portraitFinder(options));
}

const noFaces: FaceFinder = () => Promise.resolve([]);
// A VGA frame needs a larger head: the crop around it must still hold the spec's 441 rows.
const VGA = { width: 640, height: 480, headHeight: 0.62 } as const;

describe('checkAndEncodePhoto: a good frame', () => {
  it('becomes a 358 × 441, 24-bit resident ID photo within 14,000–20,480 bytes that decodes again', async () => {
    const result = await check({});
    if (!result.ok) throw new Error(`expected a photo, got ${result.problems.join(', ')}`);
    expect([result.width, result.height]).toEqual([358, 441]);
    expect(result.bytes).toBe(result.jpeg.length);
    expect(result.bytes).toBeGreaterThanOrEqual(14_000);
    expect(result.bytes).toBeLessThanOrEqual(20_480);
    expect(readJpegFrameHeader(result.jpeg)).toEqual({ width: 358, height: 441, components: 3, precision: 8 });

    const decoded = jpeg.decode(result.jpeg, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([358, 441]);
    // The crop is around the face: white corner, skin-toned centre below the eyes, dark coat at the bottom.
    const at = (x: number, y: number) => Array.from(decoded.data.subarray((y * 358 + x) * 4, (y * 358 + x) * 4 + 3));
    for (const c of at(5, 5)) expect(c).toBeGreaterThan(225);
    const [r = 0, g = 0, b = 0] = at(179, 230);
    expect(r).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(b);
    for (const c of at(179, 435)) expect(c).toBeLessThan(110);
  });

  it('puts the head where the spec says: its height and crown margin in the middle of the spec ranges', async () => {
    // A head drawn small and off to one side of a large frame still comes out at the spec's place.
    const options: PortraitOptions = { width: 1600, height: 1200, headHeight: 0.42, headX: 0.45 };
    const result = await check(options, ENTRY_EXIT_PHOTO);
    if (!result.ok) throw new Error(`expected a photo, got ${result.problems.join(', ')}`);
    const decoded = jpeg.decode(result.jpeg, { useTArray: true });
    // Top to bottom along the centre column: backdrop, then the head's cut-out, ..., then the coat.
    const lumaAt = (x: number, y: number) => {
      const p = (y * decoded.width + x) * 4;
      return 0.299 * (decoded.data[p] ?? 0) + 0.587 * (decoded.data[p + 1] ?? 0) + 0.114 * (decoded.data[p + 2] ?? 0);
    };
    // The drawn neck and coat begin near the chin: 3 + 30.5 mm of 48 below the top, at the middle of both ranges.
    const chinRow = Math.round(((4 + 30.5) / 48) * 567);
    expect(lumaAt(195, chinRow + 40)).toBeLessThan(120);
    expect(lumaAt(195, 5)).toBeGreaterThan(225);
  });

  it('becomes a 390 × 567 entry-exit photo within its 20,000–60,000 bytes', async () => {
    const result = await check({}, ENTRY_EXIT_PHOTO);
    if (!result.ok) throw new Error(`expected a photo, got ${result.problems.join(', ')}`);
    expect(readJpegFrameHeader(result.jpeg)).toEqual({ width: 390, height: 567, components: 3, precision: 8 });
    expect(result.bytes).toBeGreaterThanOrEqual(20_000);
    expect(result.bytes).toBeLessThanOrEqual(60_000);
  });

  it('accepts a portrait frame, and the capture the renderer sends (590 × 720)', async () => {
    expect((await check({ width: 720, height: 960 })).ok).toBe(true);
    expect((await check({ width: 590, height: 720 })).ok).toBe(true);
    expect((await check({ width: 590, height: 720 }, ENTRY_EXIT_PHOTO)).ok).toBe(true);
  });

  it('is reproducible: the same frame gives the same bytes', async () => {
    const a = await check({});
    const b = await check({});
    expect(a.ok && b.ok && Buffer.from(a.jpeg).equals(Buffer.from(b.jpeg))).toBe(true);
  });
});

describe('checkAndEncodePhoto: frames that must be taken again', () => {
  it('a grey backdrop fails on the background only', async () => {
    expect(problemsOf(await check({ background: [150, 150, 150] }))).toEqual(['background']);
  });

  it('a blue backdrop, even a light one, fails on the background', async () => {
    expect(problemsOf(await check({ background: [90, 140, 210] }))).toEqual(['background']);
    expect(problemsOf(await check({ background: [205, 228, 252] }))).toEqual(['background']);
  });

  it('an uneven backdrop (a shadow down one side) fails on the background', async () => {
    const picture = drawPortrait();
    // Darken the left quarter of the crop: a shadow, or a wall edge in view.
    for (let y = 0; y < picture.height; y++) {
      for (let x = 0; x < 520; x++) {
        for (let c = 0; c < 3; c++) {
          const p = (y * picture.width + x) * 3 + c;
          picture.data[p] = Math.round((picture.data[p] ?? 0) * 0.8);
        }
      }
    }
    expect(problemsOf(await checkAndEncodePhoto(toJpeg(picture), RESIDENT_ID_PHOTO, portraitFinder()))).toContain('background');
  });

  it('an empty white frame has no face in it', async () => {
    expect(problemsOf(await check({ subject: 'none' }))).toEqual(['noFace']);
  });

  it('an empty frame on a pure white (clipped) backdrop is still nobody, not a washed-out face', async () => {
    expect(problemsOf(await check({ subject: 'none', gain: 1.3 }))).toEqual(['noFace']);
  });

  it('an underexposed frame is too dark, and only that is reported: the face is not even looked for', async () => {
    const finder = vi.fn(portraitFinder({ gain: 0.35 }));
    expect(problemsOf(await checkAndEncodePhoto(frame({ gain: 0.35 }), RESIDENT_ID_PHOTO, finder))).toEqual(['tooDark']);
    expect(finder).not.toHaveBeenCalled();
  });

  it('an overexposed frame, with the face washed out, is too bright, whether or not a face is found', async () => {
    expect(problemsOf(await check({ gain: 1.7 }))).toEqual(['tooBright']);
    expect(problemsOf(await checkAndEncodePhoto(frame({ gain: 1.7 }), RESIDENT_ID_PHOTO, noFaces))).toEqual(['tooBright']);
  });

  it('a face rule and a backdrop problem are reported together, so one retake fixes both', async () => {
    const turned: FaceFinder = async (image) => (await portraitFinder({ background: [150, 150, 150] })(image)).map((f) => ({ ...f, pose: { ...f.pose, yaw: 30 } }));
    expect(problemsOf(await checkAndEncodePhoto(frame({ background: [150, 150, 150] }), RESIDENT_ID_PHOTO, turned))).toEqual(['background', 'headTurned']);
  });

  it('a head too far off centre is refused with offCentre, and one drawn too small with tooFar', async () => {
    expect(problemsOf(await check({ headX: 0.3 }))).toEqual(['offCentre']);
    expect(problemsOf(await check({ headHeight: 0.25 }))).toEqual(['tooFar']);
  });

  it('without a face engine nothing passes: faceCheckUnavailable, and a failing one is checkFailed', async () => {
    expect(problemsOf(await checkAndEncodePhoto(frame(), RESIDENT_ID_PHOTO, null))).toEqual(['faceCheckUnavailable']);
    expect(problemsOf(await checkAndEncodePhoto(frame(), RESIDENT_ID_PHOTO, () => Promise.reject(new Error('engine down'))))).toEqual(['checkFailed']);
  });

  it('finds faces on a copy at most 1024 px a side and maps them back to the frame', async () => {
    const seen: [number, number][] = [];
    const finder = portraitFinder({ width: 2048, height: 1536 });
    const result = await checkAndEncodePhoto(frame({ width: 2048, height: 1536 }), RESIDENT_ID_PHOTO, (image) => {
      seen.push([image.width, image.height]);
      return finder(image);
    });
    expect(seen).toEqual([[1024, 768]]);
    expect(result.ok).toBe(true);
  });

  it('PNG bytes, garbage and nothing at all are not JPEG', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 5, 0, 0, 0, 2, 208, 8, 2, 0, 0, 0]);
    const checkBytes = async (bytes: Uint8Array) => problemsOf(await checkAndEncodePhoto(bytes, RESIDENT_ID_PHOTO, portraitFinder()));
    expect(await checkBytes(png)).toEqual(['notJpeg']);
    expect(await checkBytes(new TextEncoder().encode('not a photo at all'))).toEqual(['notJpeg']);
    expect(await checkBytes(new Uint8Array(0))).toEqual(['notJpeg']);
    // A JPEG cut off before its frame header says nothing about the picture.
    expect(await checkBytes(frame().subarray(0, 20))).toEqual(['notJpeg']);
  });

  it('a frame smaller than the spec is too small: it is never scaled up', async () => {
    expect(problemsOf(await check({ width: 200, height: 150 }))).toEqual(['tooSmall']);
    // 640 × 480 is enough for the ID card photo (441 high) but not for the entry-exit one (567 high).
    expect((await check(VGA)).ok).toBe(true);
    expect(problemsOf(await check(VGA, ENTRY_EXIT_PHOTO))).toEqual(['tooSmall']);
  });

  it('a frame header claiming more than 4096 px a side is refused before decoding', async () => {
    const forged = frame({ width: 400, height: 480 }).slice();
    const header = readJpegFrameHeader(forged);
    expect(header).not.toBeNull();
    // Patch the SOF0 dimensions in place to 5000 × 5000.
    const sof = forged.findIndex((b, i) => b === 0xff && forged[i + 1] === 0xc0);
    forged.set([0x13, 0x88, 0x13, 0x88], sof + 5);
    expect(readJpegFrameHeader(forged)).toMatchObject({ width: 5000, height: 5000 });
    // Refused from the header alone: the decoder is never called.
    const decode = vi.spyOn(jpeg, 'decode');
    try {
      expect(problemsOf(await checkAndEncodePhoto(forged, RESIDENT_ID_PHOTO, portraitFinder()))).toEqual(['tooLarge']);
      expect(decode).not.toHaveBeenCalled();
    } finally {
      decode.mockRestore();
    }
  });
});

describe('checkAndEncodePhoto: reaching the file size', () => {
  it('a flat, texture-free picture cannot reach the minimum even at quality 100: encoding, never padding', async () => {
    // The drawn oval head (no face a detector would see), stood in for as a face where it is drawn.
    const options: PortraitOptions = { subject: 'head', texture: false, width: 1280, height: 900 };
    const head = { x: 640 - 0.17 * 900, y: 0.23 * 900, w: 0.34 * 900, h: 0.48 * 900 };
    const finder: FaceFinder = (image) => {
      const s = image.width / 1280;
      return Promise.resolve([syntheticFace({ x: head.x * s, y: head.y * s, w: head.w * s, h: head.h * s })]);
    };
    // A minimum near the maximum, so that the flat picture falls short at every quality.
    expect(problemsOf(await checkAndEncodePhoto(frame(options, 100), { ...ENTRY_EXIT_PHOTO, minBytes: 59_000 }, finder))).toEqual(['encoding']);
  });

  it('a maximum below what quality 1 gives cannot be met either', async () => {
    expect(problemsOf(await check({}, { ...RESIDENT_ID_PHOTO, minBytes: 1_000, maxBytes: 4_000 }))).toEqual(['encoding']);
  });

  it('a narrow size range is still met when some quality lands in it', async () => {
    const result = await check({}, { ...RESIDENT_ID_PHOTO, minBytes: 12_000, maxBytes: 12_800 });
    if (!result.ok) throw new Error(`expected a photo, got ${result.problems.join(', ')}`);
    expect(result.bytes).toBeGreaterThanOrEqual(12_000);
    expect(result.bytes).toBeLessThanOrEqual(12_800);
  });
});

describe('checkAndEncodePhoto never rejects', () => {
  it('on a few hundred random, truncated and damaged inputs', async () => {
    const random = prng(461);
    // Spec-sized, so that damaged frames that still decode do not spend the test's time on scaling.
    const good = frame({ width: 358, height: 441 });
    const finder = portraitFinder({ width: 358, height: 441 });
    const inputs: Uint8Array[] = [];
    for (let i = 0; i < 200; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 4000) }, () => Math.floor(random() * 256));
      // Half of them start like a JPEG, so they get past the first check.
      if (i % 2 === 0 && bytes.length > 2) bytes.set([0xff, 0xd8, 0xff]);
      inputs.push(bytes);
    }
    for (let i = 0; i < 40; i++) inputs.push(good.subarray(0, Math.floor(random() * good.length)));
    for (let i = 0; i < 40; i++) {
      const damaged = good.slice();
      for (let k = 0; k < 1 + (i % 8); k++) damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
      inputs.push(damaged);
    }
    for (const input of inputs) {
      const result = await checkAndEncodePhoto(input, RESIDENT_ID_PHOTO, finder);
      expect(typeof result.ok).toBe('boolean');
      if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
    }
  }, 90_000);
});

describe('cropAndScale', () => {
  it('averages areas: a one-pixel checkerboard halves to even grey', () => {
    const w = 64;
    const data = new Uint8Array(w * w * 3);
    for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) data.fill((x + y) % 2 === 0 ? 255 : 0, (y * w + x) * 3, (y * w + x) * 3 + 3);
    const out = cropAndScale({ width: w, height: w, data }, { x: 0, y: 0, w, h: w }, 32, 32);
    for (const v of out) expect(Math.abs(v - 128)).toBeLessThanOrEqual(1);
  });

  it('keeps the mean at a fractional scale, and copies at scale 1', () => {
    const random = prng(7);
    const data = Uint8Array.from({ length: 300 * 200 * 3 }, () => Math.floor(random() * 256));
    const mean = (a: Uint8Array) => a.reduce((s, v) => s + v, 0) / a.length;
    const scaled = cropAndScale({ width: 300, height: 200, data }, { x: 0, y: 0, w: 300, h: 200 }, 117, 83);
    expect(scaled.length).toBe(117 * 83 * 3);
    expect(Math.abs(mean(scaled) - mean(data))).toBeLessThan(1);
    const same = cropAndScale({ width: 300, height: 200, data }, { x: 10, y: 20, w: 100, h: 50 }, 100, 50);
    expect(Array.from(same.subarray(0, 3))).toEqual(Array.from(data.subarray((20 * 300 + 10) * 3, (20 * 300 + 10) * 3 + 3)));
  });
});
