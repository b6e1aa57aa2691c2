import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import type { Lang } from '../../../shared/contract/schemas';

/** The GB font Debian installs with fonts-arphic-gbsn00lp; a TrueType file, because fontkit cannot subset from a .ttc. */
export const DEFAULT_DOCUMENT_FONT = '/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf';

/** A4 portrait in PDF points. */
export const A4_SIZE: readonly [number, number] = [595.28, 841.89];

/** What goes on a printed A4 document; every string may come from a resident. */
export interface DocumentContent {
  title: string;
  lines: { label: string; value: string }[];
  /** Printed under the QR code, which encodes it (or `qrText` when given). */
  reference: string;
  /** What the QR code encodes instead of `reference`: a verification address with the document number. */
  qrText?: string;
  /** Small print after the lines. */
  footer: string[];
  lang: Lang;
}

/** Options of {@link buildDocumentPdf}. */
export interface DocumentPdfOptions {
  /** A TrueType font with the GB glyphs (default {@link DEFAULT_DOCUMENT_FONT}). */
  fontPath?: string;
  /** Creation date written into the PDF (default now). */
  now?: Date;
  /** Told how many pages the document has: the A4 paper it will use. */
  onPages?: (count: number) => void;
}

/** Why a document could not be built; the message never quotes document text. */
export class DocumentPdfError extends Error {
  override readonly name = 'DocumentPdfError';
  constructor(
    readonly code: 'fontUnavailable' | 'invalidArgument',
    message: string,
  ) {
    super(message);
  }
}

const MARGIN = 56;
const QR_SIZE = 110;
const TITLE_SIZE = 18;
const BODY_SIZE = 11;
const FOOTER_SIZE = 9;
const LABEL_WIDTH = 150;
const COLUMN_GAP = 12;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

interface LoadedFont {
  bytes: Uint8Array;
  postscriptName: string;
  hasGlyph: (codePoint: number) => boolean;
}

// Reading and parsing a 5 MB font for every document would dominate the build time.
const fontCache = new Map<string, Promise<LoadedFont>>();

async function readFont(fontPath: string): Promise<LoadedFont> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fsp.readFile(fontPath));
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
    throw new DocumentPdfError('fontUnavailable', `Cannot read the document font ${fontPath}: ${code}`);
  }
  let postscriptName: unknown;
  let hasGlyph: (codePoint: number) => boolean;
  try {
    const face = fontkit.create(bytes);
    postscriptName = face.postscriptName;
    hasGlyph = (codePoint) => face.hasGlyphForCodePoint(codePoint);
  } catch {
    throw new DocumentPdfError('fontUnavailable', `The document font ${fontPath} is not a font fontkit can read`);
  }
  // A collection has no single name: pdf-lib cannot embed it, so say so before pdf-lib fails obscurely.
  if (typeof postscriptName !== 'string' || postscriptName === '') {
    throw new DocumentPdfError('fontUnavailable', `The document font ${fontPath} is a collection or unnamed; give a single .ttf`);
  }
  return { bytes, postscriptName, hasGlyph };
}

/**
 * Whether the document font draws every character of a document's own words (title, labels,
 * footer; not the resident's answers, which are what they are): the GB font has no Traditional
 * Chinese, Hangul or Japanese-only kanji, and a document must never print empty boxes.
 */
export async function fontCoversWords(doc: DocumentContent, fontPath: string = DEFAULT_DOCUMENT_FONT): Promise<boolean> {
  const { hasGlyph } = await loadFont(fontPath);
  const words = [doc.title, ...doc.lines.map((l) => l.label), ...doc.footer].join('');
  for (const ch of words) {
    if (/[\s\p{Cc}]/u.test(ch)) continue;
    if (!hasGlyph(ch.codePointAt(0)!)) return false;
  }
  return true;
}

function loadFont(fontPath: string): Promise<LoadedFont> {
  let loading = fontCache.get(fontPath);
  if (!loading) {
    loading = readFont(fontPath);
    fontCache.set(fontPath, loading);
    // A failure must not be cached: the font may be installed later.
    loading.catch(() => fontCache.delete(fontPath));
  }
  return loading;
}

/** Splits into paragraphs at line breaks and drops every other control character. */
function paragraphs(s: string): string[] {
  return s.split(/\r\n|\r|\n/).map((p) => p.replace(/\p{Cc}/gu, ''));
}

// Characters that may break on either side, like the ideographs themselves.
const BREAK_ANYWHERE = /[\u1100-\u11ff\u2e80-\u303f\u3040-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3fffd}]/u;
// Closing punctuation never starts a line and opening punctuation never ends one (Chinese layout rules).
const NO_LINE_START = new Set(Array.from('，。、；：？！）》」』】〕〉”’…,.;:?!)]}%'));
const NO_LINE_END = new Set(Array.from('（《「『【〔〈“‘([{'));

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let word = '';
  let opening = '';
  const flush = (): void => {
    if (word !== '') tokens.push(word);
    word = '';
  };
  for (const ch of text) {
    if (/\s/u.test(ch)) {
      flush();
      tokens.push(' ');
    } else if (NO_LINE_START.has(ch) && (word !== '' || tokens.length > 0)) {
      if (word !== '') word += ch;
      else if (tokens.at(-1) !== ' ') tokens[tokens.length - 1] += ch;
      else word = ch;
    } else if (NO_LINE_END.has(ch)) {
      flush();
      opening += ch;
    } else if (BREAK_ANYWHERE.test(ch)) {
      flush();
      tokens.push(opening + ch);
      opening = '';
    } else {
      word += opening + ch;
      opening = '';
    }
  }
  word += opening;
  flush();
  return tokens;
}

/** Greedy line breaking for mixed Chinese and Latin text: words stay whole unless wider than a line. */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of paragraphs(text)) {
    let current = '';
    const push = (): void => {
      lines.push(current.trimEnd());
      current = '';
    };
    for (const token of tokenize(paragraph)) {
      if (token === ' ') {
        if (current !== '') current += ' ';
        continue;
      }
      if (measure(current + token) <= maxWidth) {
        current += token;
        continue;
      }
      if (current.trim() !== '') push();
      current = '';
      // Too wide on its own (a long ID, a URL): break between characters.
      for (const ch of token) {
        if (current !== '' && measure(current + ch) > maxWidth) push();
        current += ch;
      }
    }
    if (current.trim() !== '' || lines.length === 0 || paragraph.trim() === '') push();
  }
  return lines;
}

/** Six capital letters derived from what the subset holds, as PDF 32000 9.6.4 asks of subset font names. */
function subsetTag(fontPath: string, texts: string[]): string {
  const digest = createHash('sha256').update(fontPath).update('\u0000').update(texts.join('\u0000')).digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

/** Draws the QR code of `data` as one vector path of filled squares; (x, y) is the top-left corner. */
function drawQr(page: PDFPage, data: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  // One path in module units, dark runs of a row merged: a few hundred operators instead of thousands.
  let path = '';
  for (let row = 0; row < modules.size; row += 1) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col += 1;
      path += `M${start + quiet} ${row + quiet}h${col - start}v1h${start - col}z`;
    }
  }
  page.drawSvgPath(path, { x, y, scale: size / (modules.size + 2 * quiet), color: BLACK, borderWidth: 0 });
}

/** Lays text out top to bottom, starting a new page when the next line does not fit. */
class Flow {
  page: PDFPage;
  y: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.page = this.newPage();
    this.y = A4_SIZE[1] - MARGIN;
  }

  private newPage(): PDFPage {
    const page = this.doc.addPage([...A4_SIZE]);
    // Set once: passing the font to every drawText adds a resource entry per call.
    page.setFont(this.font);
    return page;
  }

  /** Makes room for a line of `height`; true when that took a new page. */
  room(height: number): boolean {
    if (this.y - height >= MARGIN + 20) return false;
    this.page = this.newPage();
    this.y = A4_SIZE[1] - MARGIN;
    return true;
  }

  text(s: string, x: number, size: number, color = BLACK): void {
    if (s !== '') this.page.drawText(s, { x, y: this.y - size, size, color });
  }
}

/** Builds an A4 PDF with the font subset-embedded and a vector QR code of the reference. */
export async function buildDocumentPdf(doc: DocumentContent, opts: DocumentPdfOptions = {}): Promise<Uint8Array> {
  const reference = typeof doc.reference === 'string' ? doc.reference : '';
  if (reference.trim() === '' || /\p{Cc}/u.test(reference)) {
    throw new DocumentPdfError('invalidArgument', 'Document reference is empty or contains control characters');
  }
  const fontPath = opts.fontPath ?? DEFAULT_DOCUMENT_FONT;
  const { bytes, postscriptName } = await loadFont(fontPath);

  // Metadata is set below; pdf-lib would otherwise overwrite the producer and dates on save.
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const allText = [doc.title, reference, ...doc.lines.flatMap((l) => [l.label, l.value]), ...doc.footer];
  const font = await pdf.embedFont(bytes, { subset: true, customName: `${subsetTag(fontPath, allText)}+${postscriptName}` });
  const title = paragraphs(doc.title).join(' ');
  pdf.setTitle(title);
  pdf.setLanguage(doc.lang);
  pdf.setCreator('Police Kiosk');
  pdf.setProducer('Police Kiosk (pdf-lib)');
  pdf.setCreationDate(opts.now ?? new Date());
  pdf.setModificationDate(opts.now ?? new Date());

  const width = A4_SIZE[0] - 2 * MARGIN;
  const measure = (size: number) => (s: string) => font.widthOfTextAtSize(s, size);
  const flow = new Flow(pdf, font);

  // Header: the title on the left, the QR code with the reference under it on the right.
  const top = flow.y;
  drawQr(flow.page, doc.qrText ?? reference, A4_SIZE[0] - MARGIN - QR_SIZE, top, QR_SIZE);
  const refLines = wrapText(reference, QR_SIZE, measure(BODY_SIZE));
  refLines.forEach((line, i) => {
    const x = A4_SIZE[0] - MARGIN - QR_SIZE / 2 - font.widthOfTextAtSize(line, BODY_SIZE) / 2;
    flow.page.drawText(line, { x, y: top - QR_SIZE - (i + 1) * (BODY_SIZE + 3), size: BODY_SIZE, color: BLACK });
  });
  const headerBottom = top - QR_SIZE - refLines.length * (BODY_SIZE + 3) - 6;
  for (const line of wrapText(doc.title, width - QR_SIZE - COLUMN_GAP, measure(TITLE_SIZE))) {
    flow.text(line, MARGIN, TITLE_SIZE);
    flow.y -= TITLE_SIZE * 1.4;
  }
  flow.y = Math.min(flow.y, headerBottom) - 12;
  flow.page.drawLine({ start: { x: MARGIN, y: flow.y }, end: { x: A4_SIZE[0] - MARGIN, y: flow.y }, thickness: 0.75, color: GREY });
  flow.y -= 16;

  // Rows: a label column and a value column, each wrapped; a long row may continue on the next page.
  const lineHeight = BODY_SIZE * 1.5;
  const valueX = MARGIN + LABEL_WIDTH + COLUMN_GAP;
  for (const row of doc.lines) {
    const labels = wrapText(row.label, LABEL_WIDTH, measure(BODY_SIZE));
    const values = wrapText(row.value, width - LABEL_WIDTH - COLUMN_GAP, measure(BODY_SIZE));
    for (let i = 0; i < Math.max(labels.length, values.length); i += 1) {
      flow.room(lineHeight);
      flow.text(labels[i] ?? '', MARGIN, BODY_SIZE, GREY);
      flow.text(values[i] ?? '', valueX, BODY_SIZE);
      flow.y -= lineHeight;
    }
    flow.y -= 6;
  }

  flow.y -= 18;
  for (const note of doc.footer) {
    for (const line of wrapText(note, width, measure(FOOTER_SIZE))) {
      flow.room(FOOTER_SIZE * 1.5);
      flow.text(line, MARGIN, FOOTER_SIZE, GREY);
      flow.y -= FOOTER_SIZE * 1.5;
    }
  }

  const pages = pdf.getPages();
  opts.onPages?.(pages.length);
  pages.forEach((page, i) => {
    const label = `${i + 1} / ${pages.length}`;
    page.drawText(label, { x: (A4_SIZE[0] - font.widthOfTextAtSize(label, 8)) / 2, y: MARGIN / 2, size: 8, color: GREY });
  });
  return pdf.save({ updateFieldAppearances: false });
}
