import jpeg from 'jpeg-js';
import { describe, expect, it, vi } from 'vitest';
import {
  checkAndEncodePhoto,
  cropAndScale,
  readJpegFrameHeader,
  type PhotoCheckResult,
} from '../../../../../electron/host/photo/photo-check';
import { ENTRY_EXIT_PHOTO, RESIDENT_ID_PHOTO } from '../../../../../shared/catalog/photo-spec';
import { drawPortrait, toJpeg, type PortraitOptions } from '../../../../fixtures/fake-camera';
import { prng } from '../../../../fixtures/prng';

// Every picture here is drawn in code: a fictional sitter, never a real face.
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


describe('checkAndEncodePhoto: a good frame', () => {
  it('becomes a 358 × 441, 24-bit resident ID photo within 14,000–20,480 bytes that decodes again', () => {
    const result = checkAndEncodePhoto(frame(), RESIDENT_ID_PHOTO);
    if (!result.ok) throw new Error(`expected a photo, got ${result.problems.join(', ')}`);
    expect([result.width, result.height]).toEqual([358, 441]);
    expect(result.bytes).toBe(result.jpeg.length);
    expect(result.bytes).toBeGreaterThanOrEqual(14_000);
    expect(result.bytes).toBeLessThanOrEqual(20_480);
    expect(readJpegFrameHeader(result.jpeg)).toEqual({ width: 358, height: 441, components: 3, precision: 8 });

    const decoded = jpeg.decode(result.jpeg, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([358, 441]);
    // The crop kept the sitter in the middle: white corner, skin-toned centre, dark coat at the bottom.
    const at = (x: number, y: number) => Array.from(decoded.data.subarray((y * 358 + x) * 4, (y * 358 + x) * 4 + 3));
    for (const c of at(5, 5)) expect(c).toBeGreaterThan(225);
    const [r = 0, g = 0, b = 0] = at(179, 210);
    expect(r).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(b);
    for (const c of at(179, 435)) expect(c).toBeLessThan(110);
  });

  it('becomes a 390 × 567 entry-exit photo within its 20,000–60,000 bytes', () => {
    const result = checkAndEncodePhoto(frame(), ENTRY_EXIT_PHOTO);
    if (!result.ok) throw new Error(`expected a photo, got ${result.problems.join(', ')}`);
    expect(readJpegFrameHeader(result.jpeg)).toEqual({ width: 390, height: 567, components: 3, precision: 8 });
    expect(result.bytes).toBeGreaterThanOrEqual(20_000);
    expect(result.bytes).toBeLessThanOrEqual(60_000);
  });

  it('accepts a frame that is exactly the spec size, and a portrait frame', () => {
    expect(checkAndEncodePhoto(frame({ width: 358, height: 441 }), RESIDENT_ID_PHOTO).ok).toBe(true);
    expect(checkAndEncodePhoto(frame({ width: 720, height: 960 }), RESIDENT_ID_PHOTO).ok).toBe(true);
  });

  it('is reproducible: the same frame gives the same bytes', () => {
    const a = checkAndEncodePhoto(frame(), RESIDENT_ID_PHOTO);
    const b = checkAndEncodePhoto(frame(), RESIDENT_ID_PHOTO);
    expect(a.ok && b.ok && Buffer.from(a.jpeg).equals(Buffer.from(b.jpeg))).toBe(true);
  });
});

describe('checkAndEncodePhoto: frames that must be taken again', () => {
  it('a grey backdrop fails on the background only', () => {
    expect(problemsOf(checkAndEncodePhoto(frame({ background: [150, 150, 150] }), RESIDENT_ID_PHOTO))).toEqual(['background']);
  });

  it('a blue backdrop, even a light one, fails on the background', () => {
    expect(problemsOf(checkAndEncodePhoto(frame({ background: [90, 140, 210] }), RESIDENT_ID_PHOTO))).toEqual(['background']);
    expect(problemsOf(checkAndEncodePhoto(frame({ background: [205, 228, 252] }), RESIDENT_ID_PHOTO))).toEqual(['background']);
  });

  it('an uneven backdrop (a shadow down one side) fails on the background', () => {
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
    expect(problemsOf(checkAndEncodePhoto(toJpeg(picture), RESIDENT_ID_PHOTO))).toContain('background');
  });

  it('an empty white frame has nobody in it', () => {
    expect(problemsOf(checkAndEncodePhoto(frame({ subject: 'none' }), RESIDENT_ID_PHOTO))).toEqual(['noSubject']);
  });

  it('an empty frame on a pure white (clipped) backdrop is still nobody, not a washed-out face', () => {
    expect(problemsOf(checkAndEncodePhoto(frame({ subject: 'none', gain: 1.3 }), RESIDENT_ID_PHOTO))).toEqual(['noSubject']);
  });

  it('an underexposed frame is too dark, and only that is reported', () => {
    expect(problemsOf(checkAndEncodePhoto(frame({ gain: 0.35 }), RESIDENT_ID_PHOTO))).toEqual(['tooDark']);
  });

  it('an overexposed frame, with the face washed out, is too bright', () => {
    expect(problemsOf(checkAndEncodePhoto(frame({ gain: 1.7 }), RESIDENT_ID_PHOTO))).toEqual(['tooBright']);
  });

  it('PNG bytes, garbage and nothing at all are not JPEG', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 5, 0, 0, 0, 2, 208, 8, 2, 0, 0, 0]);
    expect(problemsOf(checkAndEncodePhoto(png, RESIDENT_ID_PHOTO))).toEqual(['notJpeg']);
    expect(problemsOf(checkAndEncodePhoto(new TextEncoder().encode('not a photo at all'), RESIDENT_ID_PHOTO))).toEqual(['notJpeg']);
    expect(problemsOf(checkAndEncodePhoto(new Uint8Array(0), RESIDENT_ID_PHOTO))).toEqual(['notJpeg']);
    // A JPEG cut off before its frame header says nothing about the picture.
    expect(problemsOf(checkAndEncodePhoto(frame().subarray(0, 20), RESIDENT_ID_PHOTO))).toEqual(['notJpeg']);
  });

  it('a frame smaller than the spec is too small: it is never scaled up', () => {
    expect(problemsOf(checkAndEncodePhoto(frame({ width: 200, height: 150 }), RESIDENT_ID_PHOTO))).toEqual(['tooSmall']);
    // 640 × 480 is enough for the ID card photo (441 high) but not for the entry-exit one (567 high).
    const vga = frame({ width: 640, height: 480 });
    expect(checkAndEncodePhoto(vga, RESIDENT_ID_PHOTO).ok).toBe(true);
    expect(problemsOf(checkAndEncodePhoto(vga, ENTRY_EXIT_PHOTO))).toEqual(['tooSmall']);
  });

  it('a frame header claiming more than 4096 px a side is refused before decoding', () => {
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
      expect(problemsOf(checkAndEncodePhoto(forged, RESIDENT_ID_PHOTO))).toEqual(['tooLarge']);
      expect(decode).not.toHaveBeenCalled();
    } finally {
      decode.mockRestore();
    }
  });
});

describe('checkAndEncodePhoto: reaching the file size', () => {
  it('a flat, texture-free picture cannot reach the minimum even at quality 100: encoding, never padding', () => {
    const flat = frame({ subject: 'head', texture: false }, 100);
    expect(problemsOf(checkAndEncodePhoto(flat, ENTRY_EXIT_PHOTO))).toEqual(['encoding']);
  });

  it('a maximum below what quality 1 gives cannot be met either', () => {
    expect(problemsOf(checkAndEncodePhoto(frame(), { ...RESIDENT_ID_PHOTO, minBytes: 1_000, maxBytes: 4_000 }))).toEqual(['encoding']);
  });

  it('a narrow size range is still met when some quality lands in it', () => {
    const result = checkAndEncodePhoto(frame(), { ...RESIDENT_ID_PHOTO, minBytes: 12_000, maxBytes: 12_800 });
    if (!result.ok) throw new Error(`expected a photo, got ${result.problems.join(', ')}`);
    expect(result.bytes).toBeGreaterThanOrEqual(12_000);
    expect(result.bytes).toBeLessThanOrEqual(12_800);
  });
});

describe('checkAndEncodePhoto never throws', () => {
  it('on a few hundred random, truncated and damaged inputs', () => {
    const random = prng(461);
    // Spec-sized, so that damaged frames that still decode do not spend the test's time on scaling.
    const good = frame({ width: 358, height: 441 });
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
      const result = checkAndEncodePhoto(input, RESIDENT_ID_PHOTO);
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
