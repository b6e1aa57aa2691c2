import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SLIP_FONT_PATH,
  loadSlipFont,
  rasterCommands,
  SlipRasterError,
  wrapText,
  type Bitmap,
} from '../../../../../electron/host/hardware/slip-raster';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function bitmap(width: number, height: number, fill: (row: number) => number = (row) => row & 0xff): Bitmap {
  const rowBytes = Math.ceil(width / 8);
  const data = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) data.fill(fill(y), y * rowBytes, (y + 1) * rowBytes);
  return { width, height, rowBytes, data };
}

function dot(b: Bitmap, x: number, y: number): boolean {
  return ((b.data[y * b.rowBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

/** Dots printed, and the columns and rows that have any. */
function ink(b: Bitmap): { dots: number; left: number; right: number; top: number; bottom: number } {
  let dots = 0;
  let left = b.width;
  let right = -1;
  let top = b.height;
  let bottom = -1;
  for (let y = 0; y < b.height; y++) {
    for (let x = 0; x < b.width; x++) {
      if (!dot(b, x, y)) continue;
      dots += 1;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return { dots, left, right, top, bottom };
}

async function expectRasterError(promise: Promise<unknown>, code: SlipRasterError['code']): Promise<SlipRasterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SlipRasterError);
  expect((error as SlipRasterError).code).toBe(code);
  return error as SlipRasterError;
}

describe('rasterCommands (GS v 0)', () => {
  it('writes 1D 76 30 00, the row width in bytes and the rows, little-endian, then the data', () => {
    const b = bitmap(576, 30);
    const out = rasterCommands(b);
    expect(Array.from(out.subarray(0, 8))).toEqual([0x1d, 0x76, 0x30, 0x00, 72, 0, 30, 0]);
    expect(out.length).toBe(8 + 72 * 30);
    expect(Buffer.from(out.subarray(8)).equals(Buffer.from(b.data))).toBe(true);
  });

  it('rounds a width that is not a multiple of 8 up to whole bytes, and writes xH for wide images', () => {
    expect(Array.from(rasterCommands(bitmap(500, 1)).subarray(0, 8))).toEqual([0x1d, 0x76, 0x30, 0, 63, 0, 1, 0]);
    expect(Array.from(rasterCommands(bitmap(384, 2)).subarray(0, 8))).toEqual([0x1d, 0x76, 0x30, 0, 48, 0, 2, 0]);
    expect(Array.from(rasterCommands(bitmap(2056, 1)).subarray(0, 8))).toEqual([0x1d, 0x76, 0x30, 0, 1, 1, 1, 0]);
  });

  it('splits a tall image into bands of at most 255 rows (or the given number), in order', () => {
    const b = bitmap(576, 600);
    const out = rasterCommands(b);
    const rb = 72;
    const headers = [0, 8 + 255 * rb, 16 + 510 * rb];
    expect(out.length).toBe(3 * 8 + 600 * rb);
    expect(headers.map((at) => Array.from(out.subarray(at, at + 8)))).toEqual([
      [0x1d, 0x76, 0x30, 0, 72, 0, 255, 0],
      [0x1d, 0x76, 0x30, 0, 72, 0, 255, 0],
      [0x1d, 0x76, 0x30, 0, 72, 0, 90, 0],
    ]);
    // The first row of each band is the row that follows the previous band.
    expect([out[8], out[headers[1]! + 8], out[headers[2]! + 8]]).toEqual([0, 255, 510 & 0xff]);

    const small = rasterCommands(bitmap(16, 60), 24);
    expect([0, 8 + 24 * 2, 16 + 48 * 2].map((at) => Array.from(small.subarray(at, at + 8)))).toEqual([
      [0x1d, 0x76, 0x30, 0, 2, 0, 24, 0],
      [0x1d, 0x76, 0x30, 0, 2, 0, 24, 0],
      [0x1d, 0x76, 0x30, 0, 2, 0, 12, 0],
    ]);
    expect(small.length).toBe(3 * 8 + 60 * 2);
    expect(Array.from(rasterCommands(bitmap(8, 256), 256).subarray(0, 8))).toEqual([0x1d, 0x76, 0x30, 0, 1, 0, 0, 1]);
  });

  it('refuses an image whose data does not match its size, and an empty band size', () => {
    expect(() => rasterCommands({ width: 8, height: 2, rowBytes: 1, data: new Uint8Array(3) })).toThrow(SlipRasterError);
    expect(() => rasterCommands(bitmap(8, 1), 0)).toThrow(/band rows/);
    expect(() => rasterCommands({ width: 8, height: 0, rowBytes: 1, data: new Uint8Array(0) })).toThrow(/height/);
  });
});

describe('wrapText', () => {
  const fitsIn = (n: number) => (line: string) => Array.from(line).length <= n;

  it('breaks after the last space, between characters when there is none, and keeps short text whole', () => {
    expect(wrapText('one two three', fitsIn(8))).toEqual(['one two', 'three']);
    expect(wrapText('证明文件证明文件', fitsIn(3))).toEqual(['证明文', '件证明', '文件']);
    expect(wrapText('abcdefghij', fitsIn(4))).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('短', fitsIn(4))).toEqual(['短']);
    expect(wrapText('', fitsIn(4))).toEqual(['']);
  });

  it('never starts a line with closing punctuation', () => {
    expect(wrapText('受付番号。確認', fitsIn(4))).toEqual(['受付番', '号。確認']);
    expect(wrapText('이 접수증은 보관하세요.', fitsIn(11))).toEqual(['이 접수증은', '보관하세요.']);
  });
});

describe('loadSlipFont and renderLines', () => {
  it('uses Noto Sans CJK from fonts-noto-cjk by default', async () => {
    expect(DEFAULT_SLIP_FONT_PATH).toBe('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
    expect((await loadSlipFont()).path).toBe(DEFAULT_SLIP_FONT_PATH);
  });

  it.each([
    ['Korean', '수령증', 'ko'],
    ['Japanese', '受付票のご案内', 'ja'],
    ['Russian', 'Квитанция', 'ru'],
  ])('draws a %s line: some dots, not all, where left-aligned text would be', async (_what, text, lang) => {
    const font = await loadSlipFont();
    const rows = font.renderLines(text, {}, { lang });
    expect(rows).toHaveLength(1);
    const [b] = rows as [Bitmap];
    expect([b.width, b.height, b.rowBytes, b.data.length]).toEqual([576, 30, 72, 72 * 30]);
    const { dots, left, right, top, bottom } = ink(b);
    expect(dots).toBeGreaterThan(50);
    expect(dots).toBeLessThan((576 * 30) / 4);
    // Left-aligned, 24-dot characters on a 30-dot line.
    expect(left).toBeLessThan(4);
    expect(right).toBeLessThan(24 * Array.from(text).length + 4);
    expect(top).toBeGreaterThanOrEqual(1);
    expect(bottom).toBeLessThan(30);
    expect(bottom - top).toBeGreaterThan(12);
  });

  it('really draws the text: 수령증 and 영수증 differ, and the same text gives the same image', async () => {
    const font = await loadSlipFont();
    const a = font.renderLines('수령증', {}, { lang: 'ko' })[0]!;
    const b = font.renderLines('영수증', {}, { lang: 'ko' })[0]!;
    const again = font.renderLines('수령증', {}, { lang: 'ko' })[0]!;
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(false);
    expect(Buffer.from(a.data).equals(Buffer.from(again.data))).toBe(true);
    // The last character is the same: its columns match, the first two do not.
    const columns = (bm: Bitmap, from: number, to: number) => Array.from({ length: bm.height }, (_, y) => Array.from({ length: to - from }, (_, x) => (dot(bm, from + x, y) ? 1 : 0)).join('')).join('/');
    expect(columns(a, 48, 72)).toBe(columns(b, 48, 72));
    expect(columns(a, 0, 24)).not.toBe(columns(b, 0, 24));
  });

  it('keeps the printer sizes: double height and width twice the dots, centred and right alignment', async () => {
    const font = await loadSlipFont();
    const normal = ink(font.renderLines('신청', {}, { lang: 'ko' })[0]!);
    const big = font.renderLines('신청', { width: 2, height: 2, align: 'center' }, { lang: 'ko' })[0]!;
    expect(big.height).toBe(60);
    const large = ink(big);
    expect(large.bottom - large.top).toBeGreaterThan(1.7 * (normal.bottom - normal.top));
    expect(large.right - large.left).toBeGreaterThan(1.7 * (normal.right - normal.left));
    expect(Math.abs((large.left + large.right) / 2 - 288)).toBeLessThan(6);
    const right = ink(font.renderLines('신청', { align: 'right' }, { lang: 'ko' })[0]!);
    expect(right.right).toBeGreaterThan(570);
    const wide = ink(font.renderLines('신청', { width: 2, height: 1 }, { lang: 'ko' })[0]!);
    expect(wide.right - wide.left).toBeGreaterThan(1.7 * (normal.right - normal.left));
    expect(wide.bottom - wide.top).toBeLessThanOrEqual(normal.bottom - normal.top + 1);
  });

  it('draws bold heavier', async () => {
    const font = await loadSlipFont();
    expect(ink(font.renderLines('수령증', { bold: true }, { lang: 'ko' })[0]!).dots).toBeGreaterThan(ink(font.renderLines('수령증', {}, { lang: 'ko' })[0]!).dots);
  });

  it('wraps a line wider than the paper into several 30-dot images, on a 58 mm printer too', async () => {
    const font = await loadSlipFont();
    const text = '이 접수증을 보관하세요. 접수번호로 어느 무인 키오스크에서든 진행 상황을 확인할 수 있습니다.';
    const wide = font.renderLines(text, {}, { lang: 'ko' });
    const narrow = font.renderLines(text, {}, { lang: 'ko', widthDots: 384 });
    expect(wide.length).toBe(2);
    expect(narrow.length).toBe(3);
    for (const b of [...wide, ...narrow]) {
      expect(b.height).toBe(30);
      const { dots, right } = ink(b);
      expect(dots).toBeGreaterThan(0);
      expect(right).toBeLessThan(b.width);
    }
    expect(narrow.every((b) => b.width === 384 && b.rowBytes === 48)).toBe(true);
    // Every line but the last is filled to near the edge.
    expect(ink(wide[0]!).right).toBeGreaterThan(400);
  });

  it('uses the glyph forms of the language asked for', async () => {
    const font = await loadSlipFont();
    const ja = font.renderLines('直骨', {}, { lang: 'ja' })[0]!;
    const zh = font.renderLines('直骨', {}, { lang: 'zh-CN' })[0]!;
    expect(Buffer.from(ja.data).equals(Buffer.from(zh.data))).toBe(false);
  });

  it('refuses sizes the printer does not have', async () => {
    const font = await loadSlipFont();
    expect(() => font.renderLines('x', { width: 9 })).toThrow(SlipRasterError);
    expect(() => font.renderLines('x', {}, { widthDots: 0 })).toThrow(/width/);
  });

  it('fails with a clear error naming the path when the font file is missing', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-dir-kiosk', 'NotoSansCJK-Regular.ttc');
    const error = await expectRasterError(loadSlipFont(missing), 'fontMissing');
    expect(error.message).toContain(missing);
    expect(error.message).toContain('fonts-noto-cjk');
    expect(error.message).toContain('rasterFontPath');
  });

  it('fails with a clear error naming the path when the file is not a font', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-font-'));
    dirs.push(dir);
    const file = path.join(dir, 'broken.ttc');
    fs.writeFileSync(file, 'not a font');
    const error = await expectRasterError(loadSlipFont(file), 'fontUnreadable');
    expect(error.message).toContain(file);
    expect((await expectRasterError(loadSlipFont(dir), 'fontMissing')).message).toContain(dir);
  });
});
