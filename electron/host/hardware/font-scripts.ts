import iconv from 'iconv-lite';
import { z } from 'zod';

/*
 * What a receipt printer's own font can draw, as hardware.json states it (receiptPrinter.fontScripts).
 * Text the font cannot draw is sent as a raster image instead (slip-font-fallback.ts).
 *
 * | script        | characters                                                                    |
 * |---------------|-------------------------------------------------------------------------------|
 * | latin         | printable ASCII, U+0020-U+007E (every ESC/POS font has it; must be listed)    |
 * | han-gb2312    | GB2312's 6,763 Simplified hanzi and its symbol rows: punctuation, full-width  |
 * |               | forms, ￥, pinyin letters, box drawing (rows 1-3, 8-9, 16-87)                 |
 * | han-gb18030   | a full GB18030 font: every Han character incl. Traditional, and every other   |
 * |               | two-byte GBK symbol; implies han-gb2312                                       |
 * | cyrillic      | U+0400-U+04FF                                                                 |
 * | kana          | hiragana, katakana (incl. ・ ー), half-width katakana                          |
 * | hangul        | Hangul syllables and jamo                                                     |
 *
 * GB2312 also has kana (rows 4-5) and Cyrillic (row 7), but they are listed on their own: printers
 * differ there, and Cyrillic from a Chinese font is full-width, which Russian readers find hard.
 * Traditional Chinese (zh-HK) is outside GB2312, so a `han-gb2312` printer prints it as raster.
 */

/** The scripts a receipt printer's font may be said to draw. */
export const FONT_SCRIPTS = ['latin', 'han-gb2312', 'han-gb18030', 'cyrillic', 'kana', 'hangul'] as const;
export const fontScriptSchema = z.enum(FONT_SCRIPTS);
export type FontScript = z.infer<typeof fontScriptSchema>;

/** The common thermal printer: GB2312 Chinese and ASCII. */
export const DEFAULT_FONT_SCRIPTS: readonly FontScript[] = ['han-gb2312', 'latin'];

/** Which script a character needs; 'other' is drawn by no printer font we know of (always raster). */
export type CharClass = FontScript | 'other';

const HAN = /\p{Script=Han}/u;

function inRange(cp: number, ranges: readonly (readonly [number, number])[]): boolean {
  return ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
}

const CYRILLIC: readonly [number, number][] = [[0x0400, 0x04ff]];
const KANA: readonly [number, number][] = [
  [0x3040, 0x30ff],
  [0x31f0, 0x31ff],
  [0xff66, 0xff9f],
];
const HANGUL: readonly [number, number][] = [
  [0x1100, 0x11ff],
  [0x3130, 0x318f],
  [0xa960, 0xa97f],
  [0xac00, 0xd7ff],
  [0xffa0, 0xffdc],
];

/** GB2312 rows kept under han-gb2312 (EUC-CN lead bytes): symbols, full-width forms, pinyin, box drawing, hanzi. */
function isGb2312HanRow(lead: number): boolean {
  return (lead >= 0xa1 && lead <= 0xa3) || lead === 0xa8 || lead === 0xa9 || (lead >= 0xb0 && lead <= 0xf7);
}

/** The script a single character (one code point) needs from the printer's font. */
export function classifyChar(ch: string): CharClass {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x20 && cp <= 0x7e) return 'latin';
  if (inRange(cp, CYRILLIC)) return 'cyrillic';
  if (inRange(cp, KANA)) return 'kana';
  if (inRange(cp, HANGUL)) return 'hangul';
  // Lone surrogates and the like: iconv would turn them into '?'.
  if (cp >= 0xd800 && cp <= 0xdfff) return 'other';
  const code = iconv.encode(ch, 'gb18030');
  const [lead = 0, trail = 0] = code;
  if (code.length === 2) {
    if (isGb2312HanRow(lead) && trail >= 0xa1 && trail <= 0xfe) return 'han-gb2312';
    // Two-byte GBK: Traditional and rarer hanzi, and symbols outside GB2312.
    return 'han-gb18030';
  }
  // Four-byte GB18030: only Han ideographs (extensions A, B, ...) are worth claiming for a full font.
  return HAN.test(ch) ? 'han-gb18030' : 'other';
}

/** True when a printer whose font draws `scripts` can print this character as text. */
export function canDraw(ch: string, scripts: readonly FontScript[]): boolean {
  const cls = classifyChar(ch);
  if (cls === 'other') return false;
  if (cls === 'han-gb2312') return scripts.includes('han-gb2312') || scripts.includes('han-gb18030');
  return scripts.includes(cls);
}

/** True when every character of `text` can be printed as text by a font drawing `scripts`. */
export function fitsFont(text: string, scripts: readonly FontScript[]): boolean {
  for (const ch of text) if (!canDraw(ch, scripts)) return false;
  return true;
}
