import iconv from 'iconv-lite';

// Our own builder: no ESC/POS package on npm encodes GB18030 or switches Kanji mode (FS &).

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;

/** Horizontal alignment accepted by {@link EscPos.align}. */
export type Align = 'left' | 'center' | 'right';

/** QR error-correction level (about 7 %, 15 %, 25 %, 30 % recovery). */
export type QrEcc = 'L' | 'M' | 'Q' | 'H';

/** Options of {@link EscPos.qr}. */
export interface QrOptions {
  /** Module size in dots, 1-16 (default 6). */
  size?: number;
  /** Error-correction level (default 'M'). */
  ecc?: QrEcc;
}

/** Largest QR payload the printer's symbol storage accepts (GS ( k fn 80: pL pH at most 7092). */
export const QR_MAX_BYTES = 7089;

/** Why a builder call was refused. */
export type EscPosErrorCode = 'outOfRange' | 'invalidArgument';

/** Thrown for arguments the printer cannot take; the message never quotes the text being printed. */
export class EscPosError extends Error {
  override readonly name = 'EscPosError';

  constructor(
    readonly code: EscPosErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const ALIGN_CODES: Readonly<Record<Align, number>> = { left: 0, center: 1, right: 2 };
const ECC_LEVELS: readonly QrEcc[] = ['L', 'M', 'Q', 'H'];

const CONTROL_CHARS = /\p{Cc}/gu;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Removes C0/C1 control characters so resident input can never smuggle printer commands. */
export function stripControlChars(s: string): string {
  return s.replace(CONTROL_CHARS, '');
}

function describeValue(value: unknown): string {
  // Only numbers are echoed: anything else might be resident text.
  return typeof value === 'number' ? String(value) : typeof value;
}

function checkInt(what: string, value: number, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new EscPosError(
      'outOfRange',
      `${what} must be an integer from ${min} to ${max}, got ${describeValue(value)}`,
    );
  }
}

function checkString(what: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') {
    throw new EscPosError('invalidArgument', `${what} must be a string, got ${typeof value}`);
  }
}

/** Chainable ESC/POS command builder producing one print job. */
export class EscPos {
  private readonly chunks: Uint8Array[] = [];
  // Mirrors the printer's Kanji mode so FS & / FS . are only sent on a change.
  private kanji = false;

  /** ESC @: resets the printer, which also leaves Kanji mode. */
  init(): this {
    this.push([ESC, 0x40]);
    this.kanji = false;
    return this;
  }

  /** ESC a n: justification of the following lines. */
  align(a: Align): this {
    const n = Object.hasOwn(ALIGN_CODES, a) ? ALIGN_CODES[a] : undefined;
    if (n === undefined) {
      throw new EscPosError('invalidArgument', "align must be 'left', 'center' or 'right'");
    }
    return this.push([ESC, 0x61, n]);
  }

  /** ESC E n: emphasized (bold) on or off. */
  bold(on: boolean): this {
    if (typeof on !== 'boolean') {
      throw new EscPosError('invalidArgument', `bold expects a boolean, got ${typeof on}`);
    }
    return this.push([ESC, 0x45, on ? 1 : 0]);
  }

  /** GS ! n: character width and height multipliers, 1-8 each. */
  size(width: number, height: number): this {
    checkInt('size width', width, 1, 8);
    checkInt('size height', height, 1, 8);
    return this.push([GS, 0x21, ((width - 1) << 4) | (height - 1)]);
  }

  /** Prints text: ASCII as-is, anything else GB18030-encoded inside Kanji mode; control characters are dropped. */
  text(s: string): this {
    checkString('text', s);
    const clean = stripControlChars(s);
    if (clean === '') return this;
    if (PRINTABLE_ASCII.test(clean)) {
      this.leaveKanji();
      return this.push(Array.from(clean, (ch) => ch.charCodeAt(0)));
    }
    if (!this.kanji) {
      this.push([FS, 0x26]);
      this.kanji = true;
    }
    // Chinese fonts print U+00A5 as a half-width yen sign; the slip must show the full-width yuan sign.
    return this.push(iconv.encode(clean.replaceAll('\u00a5', '\uffe5'), 'gb18030'));
  }

  /** Prints text followed by LF. */
  line(s = ''): this {
    return this.text(s).push([LF]);
  }

  /** ESC d n: prints the buffer and feeds n lines (0-255). */
  feed(n: number): this {
    checkInt('feed lines', n, 0, 255);
    return this.push([ESC, 0x64, n]);
  }

  /** Stores and prints a model 2 QR code of `data` (UTF-8) with GS ( k. */
  qr(data: string, opts: QrOptions = {}): this {
    checkString('QR data', data);
    const size = opts.size ?? 6;
    const ecc = opts.ecc ?? 'M';
    checkInt('QR module size', size, 1, 16);
    const eccIndex = ECC_LEVELS.indexOf(ecc);
    if (eccIndex < 0) {
      throw new EscPosError('invalidArgument', "QR error correction must be 'L', 'M', 'Q' or 'H'");
    }
    const payload = new TextEncoder().encode(data);
    if (payload.length === 0) {
      throw new EscPosError('invalidArgument', 'QR data is empty');
    }
    if (payload.length > QR_MAX_BYTES) {
      throw new EscPosError(
        'outOfRange',
        `QR data is ${payload.length} bytes; the printer accepts at most ${QR_MAX_BYTES}`,
      );
    }
    const storeLen = payload.length + 3;
    this.push([GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]);
    this.push([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, size]);
    this.push([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 48 + eccIndex]);
    this.push([GS, 0x28, 0x6b, storeLen & 0xff, storeLen >> 8, 0x31, 0x50, 0x30]);
    this.push(payload);
    return this.push([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]);
  }

  /** GS V 66 n: feeds to the cutter plus n motion units, then cuts partially. */
  cut(n = 0): this {
    checkInt('cut feed', n, 0, 255);
    // Leave Kanji mode so a job never hands the next one a printer in a surprising state.
    this.leaveKanji();
    return this.push([GS, 0x56, 66, n]);
  }

  /** The job so far; closes Kanji mode in the returned copy if it is still open. */
  bytes(): Uint8Array {
    const parts = this.kanji ? [...this.chunks, Uint8Array.of(FS, 0x2e)] : this.chunks;
    const total = parts.reduce((sum, c) => sum + c.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of parts) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  private leaveKanji(): void {
    if (this.kanji) {
      this.push([FS, 0x2e]);
      this.kanji = false;
    }
  }

  private push(b: readonly number[] | Uint8Array): this {
    this.chunks.push(b instanceof Uint8Array ? b : Uint8Array.from(b));
    return this;
  }
}

/** What goes on a receipt slip; every string may come from a resident and is sanitised by the builder. */
export interface SlipContent {
  /** e.g. 无犯罪记录证明申请 / No-criminal-record certificate */
  title: string;
  /** Station name. */
  heading?: string;
  /** e.g. 受理编号 / Reference */
  referenceLabel: string;
  /** Printed large and bold, and encoded as the QR code. */
  reference: string;
  rows: { label: string; value: string }[];
  /** Lines of small print. */
  footer: string[];
  /** Already-formatted date/time. */
  printedAt: string;
}

/** Builds the complete ESC/POS job for a receipt slip. */
export function buildSlip(slip: SlipContent): Uint8Array {
  checkString('slip reference', slip.reference);
  // The text and the QR must carry the same reference, so refuse what the text path would alter.
  if (slip.reference.trim() === '' || stripControlChars(slip.reference) !== slip.reference) {
    throw new EscPosError('invalidArgument', 'slip reference is empty or contains control characters');
  }
  const p = new EscPos().init().align('center');
  if (slip.heading !== undefined && slip.heading !== '') p.line(slip.heading);
  p.size(2, 2).line(slip.title).size(1, 1).feed(1);
  p.line(slip.referenceLabel);
  p.bold(true).size(2, 1).line(slip.reference).size(1, 1).bold(false);
  p.qr(slip.reference).feed(1);
  p.align('left');
  for (const row of slip.rows) p.line(`${row.label}: ${row.value}`);
  p.line(slip.printedAt);
  for (const f of slip.footer) p.line(f);
  return p.feed(4).cut().bytes();
}
