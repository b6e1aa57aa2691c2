import fs from 'node:fs';
import type * as CanvasModule from '@napi-rs/canvas';
import { stripControlChars, type Align } from './escpos';

/*
 * Text the receipt printer's own font cannot draw (Hangul, kana, Cyrillic on a GB2312 printer)
 * is drawn here into 1-bit images and sent with GS v 0. Rendering uses @napi-rs/canvas (Skia,
 * prebuilt per platform) with a font file registered by path, never looked up through
 * fontconfig, so what prints does not depend on the machine's installed fonts. The native
 * module takes about 150 ms to load, so it is loaded on the first render only.
 */

/** Noto Sans CJK from Debian's fonts-noto-cjk: Han (SC/TC/HK/JP/KR forms), kana, Hangul, Latin, Cyrillic. */
export const DEFAULT_SLIP_FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
/** Printable width of an 80 mm printer at 203 dpi; a 58 mm one has 384. */
export const DEFAULT_PRINT_WIDTH_DOTS = 576;
/** Most rows one GS v 0 command carries; taller images go in several commands (bands). */
export const MAX_BAND_ROWS = 255;

// The printer's Font A: 24-dot-high characters on a 30-dot line (ESC 2 spacing).
const GLYPH_DOTS = 24;
const LINE_DOTS = 30;
// Noto Sans CJK's ideographic em box sits 0.88 em above the baseline.
const ASCENT = 0.88;
const GS = 0x1d;

/** A 1-bit image: rows of `rowBytes` bytes, the most significant bit leftmost, 1 = a printed dot. */
export interface Bitmap {
  width: number;
  height: number;
  rowBytes: number;
  data: Uint8Array;
}

/** How a line was set on the printer, mirrored in the image. */
export interface RasterStyle {
  align: Align;
  bold: boolean;
  /** GS ! width multiplier, 1-8. */
  width: number;
  /** GS ! height multiplier, 1-8. */
  height: number;
}

/** Options of {@link SlipFont.renderLines}. */
export interface RenderOptions {
  /** Image width in dots (default {@link DEFAULT_PRINT_WIDTH_DOTS}); longer text wraps. */
  widthDots?: number;
  /** BCP 47 language whose glyph forms the CJK font uses (ja, ko, zh-CN, zh-HK...). */
  lang?: string;
}

const PLAIN: RasterStyle = { align: 'left', bold: false, width: 1, height: 1 };

export type SlipRasterErrorCode = 'fontMissing' | 'fontUnreadable' | 'rasterizerUnavailable' | 'outOfRange';

/** Why text could not be rasterised; the message names the font file at most, never the text. */
export class SlipRasterError extends Error {
  override readonly name = 'SlipRasterError';

  constructor(
    readonly code: SlipRasterErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A font file registered with the rasteriser. */
export interface SlipFont {
  readonly path: string;
  /** Draws `text` in `style`, wrapped to the width: one bitmap a printed line, each `30 × height` dots high. */
  renderLines(text: string, style?: Partial<RasterStyle>, opts?: RenderOptions): Bitmap[];
}

type Canvas = typeof CanvasModule;
type Context = ReturnType<ReturnType<Canvas['createCanvas']>['getContext']>;

let canvasModule: Promise<Canvas> | undefined;
let registered = 0;
const fonts = new Map<string, Promise<SlipFont>>();

/**
 * Registers the font file at `path` (default Noto Sans CJK) and returns it; throws
 * SlipRasterError('fontMissing') naming the path when the file is not there.
 */
export function loadSlipFont(path: string = DEFAULT_SLIP_FONT_PATH): Promise<SlipFont> {
  let font = fonts.get(path);
  if (!font) {
    font = openFont(path);
    fonts.set(path, font);
    // A failed load is retried next time: the font may be installed meanwhile.
    font.catch(() => fonts.delete(path));
  }
  return font;
}

async function openFont(path: string): Promise<SlipFont> {
  let isFile = false;
  try {
    isFile = fs.statSync(path).isFile();
  } catch {
    // Reported below, with the path.
  }
  if (!isFile) {
    throw new SlipRasterError('fontMissing', `The slip font ${path} does not exist: install fonts-noto-cjk or set receiptPrinter.rasterFontPath in hardware.json.`);
  }
  let canvas: Canvas;
  try {
    canvasModule ??= import('@napi-rs/canvas');
    canvas = await canvasModule;
  } catch (error) {
    canvasModule = undefined;
    const why = error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'unknown error';
    throw new SlipRasterError('rasterizerUnavailable', `The text rasteriser (@napi-rs/canvas) could not be loaded: ${why}`);
  }
  registered += 1;
  const family = `KioskSlip${registered}`;
  if (canvas.GlobalFonts.registerFromPath(path, family) === null) {
    throw new SlipRasterError('fontUnreadable', `The slip font ${path} could not be read as a font file.`);
  }
  return {
    path,
    renderLines: (text, style, opts) => renderLines(canvas, family, text, { ...PLAIN, ...style }, opts ?? {}),
  };
}

function checkInt(what: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SlipRasterError('outOfRange', `${what} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// Punctuation that must not begin a line (Chinese and Japanese line breaking): it takes the previous character along.
const NO_LINE_START = new Set(Array.from('、。，．,.：:；;！!？?）)」』】〕》〉ー～・ぁぃぅぇぉっゃゅょァィゥェォッャュョ%％'));

/**
 * Greedy wrap: break after the last space when there is one on the line, else between
 * characters, never putting closing punctuation at the start of a line.
 */
export function wrapText(text: string, fits: (line: string) => boolean): string[] {
  const out: string[] = [];
  let line: string[] = [];
  const push = (parts: string[]) => out.push(parts.join('').trimEnd());
  for (const { segment: g } of graphemes.segment(text)) {
    if (line.length > 0 && !fits(line.join('') + g)) {
      const space = line.lastIndexOf(' ');
      if (g !== ' ' && space > 0 && fits(line.slice(space + 1).join('') + g)) {
        push(line.slice(0, space));
        line = line.slice(space + 1);
      } else if (NO_LINE_START.has(g) && line.length > 1 && line.at(-1) !== ' ') {
        push(line.slice(0, -1));
        line = line.slice(-1);
      } else {
        push(line);
        line = [];
      }
      if (g === ' ' && line.length === 0) continue;
    }
    line.push(g);
  }
  if (line.join('').trim() !== '' || out.length === 0) push(line);
  return out;
}

function renderLines(canvas: Canvas, family: string, raw: string, style: RasterStyle, opts: RenderOptions): Bitmap[] {
  const widthDots = opts.widthDots ?? DEFAULT_PRINT_WIDTH_DOTS;
  checkInt('raster width', widthDots, 8, 4096);
  checkInt('raster width multiplier', style.width, 1, 8);
  checkInt('raster height multiplier', style.height, 1, 8);
  const text = stripControlChars(raw);
  const height = LINE_DOTS * style.height;
  const fontPx = GLYPH_DOTS * style.height;
  // GS ! stretches characters; the image does the same to keep the printer's proportions.
  const stretch = style.width / style.height;
  const ctx: Context = canvas.createCanvas(widthDots, height).getContext('2d');
  ctx.lang = opts.lang ?? 'zh-CN';
  ctx.font = `${style.bold ? 'bold ' : ''}${fontPx}px "${family}"`;
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = '#000';
  const measure = (s: string) => ctx.measureText(s).width * stretch;
  const baseline = Math.round((height - fontPx) / 2 + fontPx * ASCENT);

  return wrapText(text, (line) => measure(line) <= widthDots).map((line) => {
    const w = measure(line);
    const x = style.align === 'center' ? (widthDots - w) / 2 : style.align === 'right' ? widthDots - w : 0;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, widthDots, height);
    ctx.setTransform(stretch, 0, 0, 1, Math.max(0, Math.round(x)), 0);
    ctx.fillText(line, 0, baseline);
    return threshold(ctx.getImageData(0, 0, widthDots, height).data, widthDots, height);
  });
}

/** Alpha at or above half becomes a dot: the antialiased edge splits evenly between ink and paper. */
function threshold(rgba: Uint8ClampedArray, width: number, height: number): Bitmap {
  const rowBytes = Math.ceil(width / 8);
  const data = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((rgba[(y * width + x) * 4 + 3] ?? 0) >= 128) {
        const at = y * rowBytes + (x >> 3);
        data[at] = (data[at] ?? 0) | (0x80 >> (x & 7));
      }
    }
  }
  return { width, height, rowBytes, data };
}

/**
 * GS v 0 (print raster bit image), normal density: `1D 76 30 00 xL xH yL yH d1...dk` with x the
 * row width in bytes and y the rows, k = x × y; an image taller than `maxBandRows` is split into
 * several commands so each fits a small printer buffer.
 */
export function rasterCommands(bitmap: Bitmap, maxBandRows: number = MAX_BAND_ROWS): Uint8Array {
  checkInt('raster row bytes', bitmap.rowBytes, 1, 0xffff);
  checkInt('raster height', bitmap.height, 1, 0xffff);
  checkInt('raster band rows', maxBandRows, 1, 2303);
  if (bitmap.data.length !== bitmap.rowBytes * bitmap.height) {
    throw new SlipRasterError('outOfRange', `raster data is ${bitmap.data.length} bytes, expected ${bitmap.rowBytes * bitmap.height}`);
  }
  const bands = Math.ceil(bitmap.height / maxBandRows);
  const out = new Uint8Array(bands * 8 + bitmap.data.length);
  let at = 0;
  for (let top = 0; top < bitmap.height; top += maxBandRows) {
    const rows = Math.min(maxBandRows, bitmap.height - top);
    out.set([GS, 0x76, 0x30, 0, bitmap.rowBytes & 0xff, bitmap.rowBytes >> 8, rows & 0xff, rows >> 8], at);
    out.set(bitmap.data.subarray(top * bitmap.rowBytes, (top + rows) * bitmap.rowBytes), at + 8);
    at += 8 + rows * bitmap.rowBytes;
  }
  return out;
}
