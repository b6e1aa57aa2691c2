import fs from 'node:fs';
import iconv from 'iconv-lite';
import type { LogFields } from '../log/logger';
import type { Align } from './escpos';
import { classifyChar, DEFAULT_FONT_SCRIPTS, fitsFont, type FontScript } from './font-scripts';
import { DEFAULT_PRINT_WIDTH_DOTS, DEFAULT_SLIP_FONT_PATH, loadSlipFont, rasterCommands, SlipRasterError, type RasterStyle, type SlipFont } from './slip-raster';

/*
 * The ESC/POS driver's last step before sending a job: every line the printer's own font cannot
 * draw (hardware.json receiptPrinter.fontScripts) becomes a GS v 0 image of the same text, size,
 * weight and alignment; every other byte is sent as built. A job with no such line is returned
 * as it came, byte for byte, and the rasteriser is never loaded.
 *
 * Jobs are made by our EscPos builder, so this reads exactly its commands. A job with anything
 * else, or a font that cannot be loaded, is sent unchanged (the printer then prints boxes for
 * what it lacks; the reference and the QR code are ASCII and print) and a warning is logged
 * that carries codes, counts and the font path, never the text. A slip with boxes in its labels
 * still gives the resident the reference; refusing it would give them nothing.
 *
 * Which glyph forms the image uses (Japanese, Korean, Simplified, Hong Kong) is guessed from the
 * whole job, as the job does not carry its language: kana → ja, Hangul → ko, Han outside GB2312
 * → zh-HK, Cyrillic → ru, otherwise zh-CN.
 */

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;

/** Options of {@link createFontFallback}. */
export interface FontFallbackOptions {
  /** What the printer's font draws (default GB2312 Chinese and ASCII). */
  fontScripts?: readonly FontScript[];
  /** Font file for the images (default Noto Sans CJK). */
  fontPath?: string;
  /** Printable width in dots (default 576). */
  widthDots?: number;
  /** Receives warnings: an event name and fields without personal data. */
  onWarning?: (event: string, fields: LogFields) => void;
  /** Replaces {@link loadSlipFont} (tests). */
  loadFont?: (path: string) => Promise<SlipFont>;
}

/** Turns the lines a printer cannot draw into raster images. */
export interface FontFallback {
  /** The job to send: `job` itself when nothing needs an image or the images cannot be made. */
  prepare(job: Uint8Array): Promise<Uint8Array>;
}

type Op = 'init' | 'align' | 'bold' | 'size' | 'kanjiOn' | 'kanjiOff' | 'lf' | 'feed' | 'cut' | 'symbol' | 'image';
type Token = { start: number; end: number } & ({ kind: 'text'; kanji: boolean } | { kind: 'cmd'; op: Op; arg: number });

/** A printed line: its tokens, the command that ended it (if any) and the style its text had. */
interface Line {
  tokens: Token[];
  end: Extract<Token, { kind: 'cmd' }> | undefined;
  text: string;
  style: RasterStyle;
}

class UnknownJob extends Error {
  override readonly name = 'UnknownJob';
}

const TERMINATORS: ReadonlySet<Op> = new Set(['lf', 'feed', 'cut', 'symbol', 'image', 'init']);

function tokenize(job: Uint8Array): Token[] {
  const tokens: Token[] = [];
  let kanji = false;
  let i = 0;
  const at = (offset: number): number => {
    const b = job[offset];
    if (b === undefined) throw new UnknownJob(`truncated command at offset ${i}`);
    return b;
  };
  const cmd = (op: Op, length: number, arg = 0): void => {
    if (i + length > job.length) throw new UnknownJob(`truncated command at offset ${i}`);
    tokens.push({ kind: 'cmd', op, arg, start: i, end: i + length });
    i += length;
  };
  while (i < job.length) {
    const b = at(i);
    if (b === LF) cmd('lf', 1);
    else if (b === ESC) {
      const c = at(i + 1);
      if (c === 0x40) cmd('init', 2);
      else if (c === 0x61) cmd('align', 3, at(i + 2));
      else if (c === 0x45) cmd('bold', 3, at(i + 2));
      else if (c === 0x64) cmd('feed', 3);
      else throw new UnknownJob(`unknown command ESC ${c} at offset ${i}`);
    } else if (b === GS) {
      const c = at(i + 1);
      if (c === 0x21) cmd('size', 3, at(i + 2));
      else if (c === 0x56) cmd('cut', [65, 66].includes(at(i + 2)) ? 4 : 3);
      else if (c === 0x28 && at(i + 2) === 0x6b) cmd('symbol', 5 + at(i + 3) + at(i + 4) * 256);
      else if (c === 0x76 && at(i + 2) === 0x30) cmd('image', 8 + (at(i + 4) + at(i + 5) * 256) * (at(i + 6) + at(i + 7) * 256));
      else throw new UnknownJob(`unknown command GS ${c} at offset ${i}`);
    } else if (b === FS) {
      const c = at(i + 1);
      if (c === 0x26) cmd('kanjiOn', 2);
      else if (c === 0x2e) cmd('kanjiOff', 2);
      else throw new UnknownJob(`unknown command FS ${c} at offset ${i}`);
      kanji = c === 0x26;
    } else if (b < 0x20 || b === 0x7f || (b >= 0x80 && !kanji)) {
      throw new UnknownJob(`unexpected byte ${b} at offset ${i}`);
    } else {
      // GB18030 trail bytes are all 0x30 or above, so a control byte always starts a command.
      const start = i;
      while (i < job.length && (job[i] ?? 0) >= 0x20 && job[i] !== 0x7f && (kanji || (job[i] ?? 0) < 0x80)) i += 1;
      tokens.push({ kind: 'text', kanji, start, end: i });
    }
  }
  return tokens;
}

const ALIGNS: Readonly<Record<number, Align>> = { 0: 'left', 1: 'center', 2: 'right', 48: 'left', 49: 'center', 50: 'right' };

/** Splits a job into printed lines, following the style commands as the printer would. */
function splitLines(job: Uint8Array): Line[] {
  const lines: Line[] = [];
  let style: RasterStyle = { align: 'left', bold: false, width: 1, height: 1 };
  let current: Line | undefined;
  for (const token of tokenize(job)) {
    current ??= { tokens: [], end: undefined, text: '', style };
    if (token.kind === 'text') {
      const bytes = job.subarray(token.start, token.end);
      // The style of a line's first character is the style the image is drawn in.
      if (current.text === '') current.style = style;
      current.text += token.kanji ? iconv.decode(bytes, 'gb18030') : Buffer.from(bytes).toString('latin1');
      current.tokens.push(token);
      continue;
    }
    if (TERMINATORS.has(token.op)) {
      current.end = token;
      lines.push(current);
      current = undefined;
    } else {
      current.tokens.push(token);
    }
    if (token.op === 'init') style = { align: 'left', bold: false, width: 1, height: 1 };
    else if (token.op === 'align') style = { ...style, align: ALIGNS[token.arg] ?? style.align };
    else if (token.op === 'bold') style = { ...style, bold: (token.arg & 1) === 1 };
    else if (token.op === 'size') style = { ...style, width: ((token.arg >> 4) & 7) + 1, height: (token.arg & 7) + 1 };
  }
  if (current) lines.push(current);
  return lines;
}

/** The glyph forms for a job's images, guessed from all of its text. */
export function guessLang(text: string): string {
  const classes = new Set(Array.from(text, classifyChar));
  if (classes.has('kana')) return 'ja';
  if (classes.has('hangul')) return 'ko';
  if (classes.has('han-gb18030')) return 'zh-HK';
  if (classes.has('cyrillic')) return 'ru';
  return 'zh-CN';
}

/** True for a line that has text the font lacks and that will be printed (text before ESC @ is discarded). */
function needsImage(line: Line, scripts: readonly FontScript[]): boolean {
  return line.text !== '' && line.end?.op !== 'init' && !fitsFont(line.text, scripts);
}

/**
 * Rewrites `job` so the lines `scripts` cannot draw are images made by `draw`; returns `job`
 * itself when there are none. Throws for a job with commands our builder does not make.
 */
export function rasterizeJob(job: Uint8Array, scripts: readonly FontScript[], draw: (text: string, style: RasterStyle, lang: string) => Uint8Array): Uint8Array {
  const lines = splitLines(job);
  if (!lines.some((line) => needsImage(line, scripts))) return job;
  const lang = guessLang(lines.map((line) => line.text).join(''));
  const parts: Uint8Array[] = [];
  for (const line of lines) {
    const end = line.end;
    const first = line.tokens[0]?.start ?? end?.start ?? 0;
    const last = end?.end ?? line.tokens.at(-1)?.end ?? first;
    if (!needsImage(line, scripts)) {
      parts.push(job.subarray(first, last));
      continue;
    }
    // Style and Kanji mode commands stay, so the printer's state after the line is as built.
    for (const token of line.tokens) if (token.kind === 'cmd') parts.push(job.subarray(token.start, token.end));
    parts.push(draw(line.text, line.style, lang));
    // The image itself ends the line: the printer feeds its height and returns to the left edge.
    if (end && end.op !== 'lf') parts.push(job.subarray(end.start, end.end));
  }
  return Buffer.concat(parts);
}

/** The fallback for one printer; the font is loaded on the first job that needs it. */
export function createFontFallback(opts: FontFallbackOptions = {}): FontFallback {
  const scripts = opts.fontScripts ?? DEFAULT_FONT_SCRIPTS;
  const fontPath = opts.fontPath ?? DEFAULT_SLIP_FONT_PATH;
  const widthDots = opts.widthDots ?? DEFAULT_PRINT_WIDTH_DOTS;
  const warn = opts.onWarning ?? (() => undefined);
  const load = opts.loadFont ?? loadSlipFont;
  // Said once when the printer is set up, so staff see it before any resident needs it.
  if (!fs.existsSync(fontPath)) warn('receiptPrinter.rasterFontMissing', { fontPath });

  return {
    async prepare(job) {
      let lines: number;
      try {
        lines = splitLines(job).filter((line) => needsImage(line, scripts)).length;
      } catch {
        warn('receiptPrinter.rasterUnavailable', { reason: 'unknownCommand', fontPath });
        return job;
      }
      if (lines === 0) return job;
      try {
        const font = await load(fontPath);
        return rasterizeJob(job, scripts, (text, style, lang) => {
          const rows = font.renderLines(text, style, { widthDots, lang });
          return Buffer.concat(rows.map((row) => rasterCommands(row)));
        });
      } catch (error) {
        warn('receiptPrinter.rasterUnavailable', { reason: error instanceof SlipRasterError ? error.code : 'renderFailed', lines, fontPath });
        return job;
      }
    },
  };
}
