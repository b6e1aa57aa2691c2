import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeBmp, decodePicture } from '../../../../../electron/host/face/face-match';

type Rgb = [number, number, number];

interface BmpOptions {
  /** Rows stored top row first (negative height in the header). */
  topDown?: boolean;
  bits?: number;
  compression?: number;
  /** Overrides the width written in the header (the pixel rows are still laid out for the real width). */
  headerWidth?: number;
  /** Overrides the height written in the header, sign included. */
  headerHeight?: number;
}

/**
 * A BMP as a reader's photo decoder writes it: 14-byte file header, 40-byte BITMAPINFOHEADER,
 * then rows of blue-green-red triples, each padded to a multiple of 4 bytes. `rows` is top row first.
 */
function bmp(rows: readonly (readonly Rgb[])[], options: BmpOptions = {}): Uint8Array {
  const height = rows.length;
  const width = rows[0]?.length ?? 0;
  const stride = Math.ceil((width * 3) / 4) * 4;
  const offset = 54;
  const bytes = new Uint8Array(offset + stride * height);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x42; // B
  bytes[1] = 0x4d; // M
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, offset, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, options.headerWidth ?? width, true);
  view.setInt32(22, options.headerHeight ?? (options.topDown ? -height : height), true);
  view.setUint16(26, 1, true);
  view.setUint16(28, options.bits ?? 24, true);
  view.setUint32(30, options.compression ?? 0, true);
  view.setUint32(34, stride * height, true);
  rows.forEach((row, y) => {
    const stored = options.topDown ? y : height - 1 - y;
    // Fill the padding with junk so that reading it as a pixel would show.
    bytes.fill(0xee, offset + stored * stride, offset + (stored + 1) * stride);
    row.forEach(([r, g, b], x) => {
      const s = offset + stored * stride + x * 3;
      bytes[s] = b;
      bytes[s + 1] = g;
      bytes[s + 2] = r;
    });
  });
  return bytes;
}

/** 3 × 2: rows of 9 bytes, padded to 12. Every channel of every pixel distinct. */
const PIXELS: Rgb[][] = [
  [
    [10, 20, 30],
    [40, 50, 60],
    [70, 80, 90],
  ],
  [
    [110, 120, 130],
    [140, 150, 160],
    [170, 180, 190],
  ],
];
const EXPECTED = Uint8Array.from(PIXELS.flat(2));

describe('decodeBmp', () => {
  it('reads a bottom-up 24-bit BMP with padded rows as RGB, top row first', () => {
    const bytes = bmp(PIXELS);
    expect(bytes.length).toBe(54 + 12 * 2);
    expect(decodeBmp(bytes)).toEqual({ width: 3, height: 2, data: EXPECTED });
  });

  it('reads a top-down 24-bit BMP (negative height) the same way', () => {
    expect(decodeBmp(bmp(PIXELS, { topDown: true }))).toEqual({ width: 3, height: 2, data: EXPECTED });
  });

  it('stores the two layouts differently but decodes them to the same picture', () => {
    const up = bmp(PIXELS);
    const down = bmp(PIXELS, { topDown: true });
    expect(Array.from(up.subarray(54))).not.toEqual(Array.from(down.subarray(54)));
    expect(decodeBmp(up)?.data).toEqual(decodeBmp(down)?.data);
  });

  it('reads a 5-pixel-wide picture (15 bytes a row, padded to 16)', () => {
    const rows: Rgb[][] = [0, 1, 2].map((y) => [0, 1, 2, 3, 4].map((x): Rgb => [x * 50, y * 100, 255 - x - y]));
    const decoded = decodeBmp(bmp(rows));
    expect(decoded?.width).toBe(5);
    expect(decoded?.height).toBe(3);
    expect(decoded?.data).toEqual(Uint8Array.from(rows.flat(2)));
  });

  it('reads a BMP that sits inside a larger buffer', () => {
    const inner = bmp(PIXELS);
    const outer = new Uint8Array(inner.length + 7);
    outer.set(inner, 7);
    expect(decodeBmp(outer.subarray(7))).toEqual({ width: 3, height: 2, data: EXPECTED });
  });

  it('honours the pixel-data offset in the header', () => {
    const plain = bmp(PIXELS);
    // Four more bytes (a gap) between the headers and the pixels.
    const shifted = new Uint8Array(plain.length + 4);
    shifted.set(plain.subarray(0, 54), 0);
    shifted.set(plain.subarray(54), 58);
    new DataView(shifted.buffer).setUint32(10, 58, true);
    expect(decodeBmp(shifted)).toEqual({ width: 3, height: 2, data: EXPECTED });
  });

  it('refuses a 32-bit BMP', () => {
    expect(decodeBmp(bmp(PIXELS, { bits: 32 }))).toBeNull();
  });

  it('refuses an 8-bit BMP', () => {
    expect(decodeBmp(bmp(PIXELS, { bits: 8 }))).toBeNull();
  });

  it('refuses a compressed BMP', () => {
    expect(decodeBmp(bmp(PIXELS, { compression: 1 }))).toBeNull(); // RLE8
    expect(decodeBmp(bmp(PIXELS, { compression: 3 }))).toBeNull(); // BI_BITFIELDS
  });

  it('refuses a BMP whose pixel rows are cut short', () => {
    const whole = bmp(PIXELS);
    expect(decodeBmp(whole.subarray(0, whole.length - 1))).toBeNull();
  });

  it('refuses a header alone', () => {
    expect(decodeBmp(bmp(PIXELS).subarray(0, 53))).toBeNull();
  });

  it('refuses zero or negative width and zero height', () => {
    expect(decodeBmp(bmp(PIXELS, { headerWidth: 0 }))).toBeNull();
    expect(decodeBmp(bmp(PIXELS, { headerWidth: -3 }))).toBeNull();
    expect(decodeBmp(bmp(PIXELS, { headerHeight: 0 }))).toBeNull();
  });

  it('refuses a header that claims more rows than there are', () => {
    expect(decodeBmp(bmp(PIXELS, { headerHeight: 3 }))).toBeNull();
  });

  it('takes a picture 4096 wide and refuses one 4097 wide', () => {
    const row = (w: number): Rgb[][] => [Array.from({ length: w }, (): Rgb => [1, 2, 3])];
    const widest = decodeBmp(bmp(row(4096)));
    expect([widest?.width, widest?.height]).toEqual([4096, 1]);
    expect(decodeBmp(bmp(row(4097)))).toBeNull();
  });

  it('refuses what is not a BMP', () => {
    const garbage = new Uint8Array(100).fill(0x5a);
    expect(decodeBmp(garbage)).toBeNull();
    const notBm = bmp(PIXELS);
    notBm[1] = 0x41; // "BA"
    expect(decodeBmp(notBm)).toBeNull();
    expect(decodeBmp(new Uint8Array(0))).toBeNull();
  });
});

/** A width × height JPEG of one colour. */
function solidJpeg(width: number, height: number, [r, g, b]: Rgb): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([r, g, b, 255], i * 4);
  return new Uint8Array(jpeg.encode({ data, width, height }, 90).data);
}

describe('decodePicture', () => {
  it('decodes a BMP', () => {
    expect(decodePicture(bmp(PIXELS))).toEqual({ width: 3, height: 2, data: EXPECTED });
  });

  it('decodes a JPEG to RGB of its size', () => {
    const decoded = decodePicture(solidJpeg(24, 10, [200, 60, 30]));
    expect(decoded?.width).toBe(24);
    expect(decoded?.height).toBe(10);
    expect(decoded?.data.length).toBe(24 * 10 * 3);
    // Lossy, but a flat colour comes back within a few levels.
    const [r, g, b] = Array.from(decoded?.data.subarray(0, 3) ?? []);
    expect(Math.abs((r ?? 0) - 200)).toBeLessThanOrEqual(4);
    expect(Math.abs((g ?? 0) - 60)).toBeLessThanOrEqual(4);
    expect(Math.abs((b ?? 0) - 30)).toBeLessThanOrEqual(4);
  });

  it('decodes a card-sized 102 × 126 JPEG', () => {
    const decoded = decodePicture(solidJpeg(102, 126, [128, 128, 128]));
    expect([decoded?.width, decoded?.height, decoded?.data.length]).toEqual([102, 126, 102 * 126 * 3]);
  });

  it('refuses a BMP it cannot read rather than trying it as a JPEG', () => {
    expect(decodePicture(bmp(PIXELS, { bits: 32 }))).toBeNull();
  });

  it('refuses garbage, an empty buffer and a JPEG with no frame', () => {
    expect(decodePicture(new Uint8Array(64).fill(0x33))).toBeNull();
    expect(decodePicture(new Uint8Array(0))).toBeNull();
    expect(decodePicture(Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]))).toBeNull();
  });

  it('refuses a JPEG cut off before its first scan', () => {
    const whole = solidJpeg(16, 16, [10, 200, 10]);
    expect(decodePicture(whole.subarray(0, 20))).toBeNull();
  });
});
