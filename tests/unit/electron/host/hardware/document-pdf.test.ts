import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFObject } from 'pdf-lib';
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import {
  A4_SIZE,
  DEFAULT_DOCUMENT_FONT,
  DocumentPdfError,
  buildDocumentPdf,
  fontCoversWords,
  wrapText,
  type DocumentContent,
} from '../../../../../electron/host/hardware/document-pdf';

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const LONG_ZH = '申请人应当在收到本证明后三十日内向受理单位提交原件，逾期未提交的，本次申请视为自动撤回，需要重新预约办理。';
const LONG_EN = 'This certificate is issued on request of the applicant and only states what the records of the issuing office show on the date of issue.';

const content: DocumentContent = {
  title: '无犯罪记录证明 No-criminal-record certificate',
  reference: 'JN-K01A-7QXZ-3',
  lang: 'zh-CN',
  lines: [
    { label: '申请人 Applicant', value: '李示例' },
    { label: '证件号码', value: '110101190001011234' },
    { label: '说明', value: LONG_ZH },
    { label: 'Note', value: LONG_EN },
  ],
  footer: ['请凭受理编号查询办理进度。', 'Keep this document with the reference.'],
};

interface Inspected {
  doc: PDFDocument;
  pages: string[];
  fonts: { baseFont: string; descriptorName: string; fontFileBytes: number; toUnicode: Map<number, string> }[];
}

function deref(doc: PDFDocument, obj: PDFObject | undefined): PDFObject | undefined {
  return obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
}

function nameOf(obj: PDFObject | undefined): string {
  return obj instanceof PDFName ? obj.decodeText() : '';
}

function streamText(stream: PDFObject | undefined): string {
  if (!(stream instanceof PDFRawStream)) throw new Error('expected a stream');
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
}

/** Reads back what a viewer would use: page content streams and each Type0 font with its ToUnicode map. */
async function inspect(bytes: Uint8Array): Promise<Inspected> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = doc.getPages().map((page) => {
    const contents = deref(doc, page.node.get(PDFName.of('Contents')));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    return refs.map((r) => streamText(deref(doc, r))).join('\n');
  });
  const fonts: Inspected['fonts'] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || nameOf(obj.get(PDFName.of('Subtype'))) !== 'Type0') continue;
    const descendants = deref(doc, obj.get(PDFName.of('DescendantFonts')));
    const cid = deref(doc, descendants instanceof PDFArray ? descendants.get(0) : undefined);
    const descriptor = cid instanceof PDFDict ? deref(doc, cid.get(PDFName.of('FontDescriptor'))) : undefined;
    if (!(descriptor instanceof PDFDict)) throw new Error('font without descriptor');
    const toUnicode = new Map<number, string>();
    const cmap = streamText(deref(doc, obj.get(PDFName.of('ToUnicode'))));
    for (const m of cmap.matchAll(/<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>/g)) {
      const units = m[2]!.match(/.{4}/g)!.map((h) => Number.parseInt(h, 16));
      toUnicode.set(Number.parseInt(m[1]!, 16), String.fromCharCode(...units));
    }
    const fontFile = deref(doc, descriptor.get(PDFName.of('FontFile2')));
    fonts.push({
      baseFont: nameOf(obj.get(PDFName.of('BaseFont'))),
      descriptorName: nameOf(descriptor.get(PDFName.of('FontName'))),
      fontFileBytes: fontFile instanceof PDFRawStream ? decodePDFRawStream(fontFile).decode().length : -1,
      toUnicode,
    });
  }
  return { doc, pages, fonts };
}

/** Text of every Tj on a page, in drawing order, through the font's ToUnicode map. */
function shownText(page: string, toUnicode: Map<number, string>): string[] {
  return Array.from(page.matchAll(/<([0-9A-Fa-f]*)> Tj/g), (m) =>
    (m[1]!.match(/.{4}/g) ?? []).map((h) => toUnicode.get(Number.parseInt(h, 16)) ?? '\ufffd').join(''),
  );
}

/** The run of shown lines that starts `whole` and continues with pieces of it. */
function consecutive(shown: string[], whole: string): string[] {
  const start = shown.findIndex((s) => s.length > 1 && whole.startsWith(s));
  if (start < 0) return [];
  const run = [shown[start]!];
  for (const s of shown.slice(start + 1)) {
    if (!whole.includes(s) || s === '') break;
    run.push(s);
  }
  return run;
}

/** Rebuilds the module grid from the QR path: it is drawn in module units under a scaling `cm`. */
function qrGrid(page: string): Set<string> {
  const start = page.search(/[\d.]+ 0 0 -[\d.]+ 0 0 cm/);
  const end = page.indexOf('\nf\n', start);
  const dark = new Set<string>();
  for (const sub of page.slice(start, end).split('\nh')) {
    const points = Array.from(sub.matchAll(/(-?[\d.]+) (-?[\d.]+) [ml]/g), (m) => [Number(m[1]), Number(m[2])] as const);
    if (points.length === 0) continue;
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    for (let y = Math.min(...ys); y < Math.max(...ys); y += 1) {
      for (let x = Math.min(...xs); x < Math.max(...xs); x += 1) dark.add(`${y},${x}`);
    }
  }
  return dark;
}

describe('buildDocumentPdf', () => {
  it('produces an A4 portrait PDF that pdf-lib parses again, with its metadata', async () => {
    const bytes = await buildDocumentPdf(content, { now: new Date('2025-03-14T01:26:00Z') });
    const { doc } = await inspect(bytes);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([width, height]).toEqual([595.28, 841.89]);
    expect(A4_SIZE).toEqual([595.28, 841.89]);
    expect(doc.getTitle()).toBe(content.title);
    expect(doc.getCreator()).toBe('Police Kiosk');
    expect(doc.getCreationDate()?.toISOString()).toBe('2025-03-14T01:26:00.000Z');
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(zh-CN)');
  });

  it('embeds only a subset of the font, named with a six-letter subset tag', async () => {
    const bytes = await buildDocumentPdf(content);
    const fontSize = fs.statSync(DEFAULT_DOCUMENT_FONT).size;
    expect(bytes.length).toBeLessThan(fontSize / 50);

    const { fonts } = await inspect(bytes);
    expect(fonts).toHaveLength(1);
    const postscriptName = fontkit.create(fs.readFileSync(DEFAULT_DOCUMENT_FONT)).postscriptName;
    expect(fonts[0]!.baseFont).toMatch(new RegExp(`^[A-Z]{6}\\+${postscriptName}$`));
    expect(fonts[0]!.descriptorName).toBe(fonts[0]!.baseFont);
    expect(fonts[0]!.fontFileBytes).toBeGreaterThan(0);
    expect(fonts[0]!.fontFileBytes).toBeLessThan(fontSize / 50);

    // The tag follows the content, so the same document gets the same name.
    const again = await inspect(await buildDocumentPdf(content));
    expect(again.fonts[0]!.baseFont).toBe(fonts[0]!.baseFont);
  });

  it('writes the text so that it maps back to Unicode, long lines wrapped', async () => {
    const { pages, fonts } = await inspect(await buildDocumentPdf(content));
    const shown = shownText(pages[0]!, fonts[0]!.toUnicode);
    // The title is wrapped beside the QR code.
    const titleLines = consecutive(shown, content.title);
    expect(titleLines.length).toBeGreaterThan(1);
    expect(titleLines.join(' ')).toBe(content.title);
    for (const s of ['JN-K01A-7QXZ-3', '申请人 Applicant', '李示例', '110101190001011234']) {
      expect(shown).toContain(s);
    }
    expect(shown).toContain('请凭受理编号查询办理进度。');
    expect(shown).toContain('Keep this document with the reference.');
    expect(shown).toContain('1 / 1');

    const zhLines = consecutive(shown, LONG_ZH);
    expect(zhLines.length).toBeGreaterThan(1);
    expect(zhLines.join('')).toBe(LONG_ZH);
    for (const line of zhLines.slice(1)) expect('，。、'.includes(line[0]!)).toBe(false);

    const enLines = consecutive(shown, LONG_EN);
    expect(enLines.length).toBeGreaterThan(1);
    expect(enLines.join(' ')).toBe(LONG_EN);
  });

  it('draws the QR code of the reference as vector squares matching the QR matrix', async () => {
    const { pages } = await inspect(await buildDocumentPdf(content));
    const { modules } = QRCode.create(content.reference, { errorCorrectionLevel: 'M' });
    const expected = new Set<string>();
    for (let row = 0; row < modules.size; row += 1) {
      for (let col = 0; col < modules.size; col += 1) if (modules.get(row, col)) expected.add(`${row + 4},${col + 4}`);
    }
    expect(expected.size).toBeGreaterThan(100);
    expect(qrGrid(pages[0]!)).toEqual(expected);
  });

  it('continues on further pages, numbering them', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => ({ label: `项目 ${i + 1}`, value: `Fictional value number ${i + 1}` }));
    const { doc, pages, fonts } = await inspect(await buildDocumentPdf({ ...content, lang: 'en', lines }));
    expect(doc.getPageCount()).toBe(2);
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(en)');
    const first = shownText(pages[0]!, fonts[0]!.toUnicode);
    const second = shownText(pages[1]!, fonts[0]!.toUnicode);
    expect(first).toContain('1 / 2');
    expect(second).toContain('2 / 2');
    expect(second).toContain('Fictional value number 40');
    expect(second).toContain('Keep this document with the reference.');
  });

  it('keeps line breaks in values and drops other control characters', async () => {
    const { pages, fonts } = await inspect(
      await buildDocumentPdf({ ...content, lines: [{ label: '地址', value: '示例路1号\n示例小区\u0007二单元' }] }),
    );
    const shown = shownText(pages[0]!, fonts[0]!.toUnicode);
    expect(shown).toContain('示例路1号');
    expect(shown).toContain('示例小区二单元');
  });

  it('uses the font file it is given', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-font-'));
    tempDirs.push(dir);
    const copy = path.join(dir, 'station-font.ttf');
    fs.copyFileSync(DEFAULT_DOCUMENT_FONT, copy);
    const { fonts } = await inspect(await buildDocumentPdf(content, { fontPath: copy }));
    expect(fonts[0]!.baseFont).toMatch(/^[A-Z]{6}\+/);

    const notAFont = path.join(dir, 'readme.ttf');
    fs.writeFileSync(notAFont, 'not a font at all');
    await expect(buildDocumentPdf(content, { fontPath: notAFont })).rejects.toMatchObject({ code: 'fontUnavailable' });
  });

  it('refuses a missing font and an unusable reference with typed errors', async () => {
    const missing: unknown = await buildDocumentPdf(content, { fontPath: '/nonexistent/fonts/none.ttf' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(DocumentPdfError);
    expect(missing).toMatchObject({ code: 'fontUnavailable', message: 'Cannot read the document font /nonexistent/fonts/none.ttf: ENOENT' });
    for (const reference of ['', '   ', 'JN-\u0007X']) {
      await expect(buildDocumentPdf({ ...content, reference })).rejects.toMatchObject({ code: 'invalidArgument' });
    }
  });
});

describe('fontCoversWords', () => {
  const words = (title: string, label: string): DocumentContent => ({ ...content, title, lines: [{ label, value: '李示例' }], footer: [] });

  it('with the GB font: Simplified Chinese, English, Russian and kana yes; Traditional Chinese, Japanese kanji forms and Hangul no', async () => {
    expect(await fontCoversWords(words('无犯罪记录证明', '申请人'))).toBe(true);
    expect(await fontCoversWords(words('No-criminal-record certificate', 'Applicant'))).toBe(true);
    expect(await fontCoversWords(words('Справка об отсутствии судимости', 'Заявитель'))).toBe(true);
    expect(await fontCoversWords(words('ひらがな カタカナ', 'カナ'))).toBe(true);
    // Japanese-only kanji forms (証, 請 as Japan writes them) are not in GB 2312.
    expect(await fontCoversWords(words('無犯罪証明書', '申請者'))).toBe(false);
    expect(await fontCoversWords(words('無犯罪記錄證明', '申請人'))).toBe(false);
    expect(await fontCoversWords(words('범죄경력 없음 증명서', '신청인'))).toBe(false);
  });

  it("looks at the document's own words only, not at what the resident answered", async () => {
    expect(await fontCoversWords({ ...words('无犯罪记录证明', '姓名'), lines: [{ label: '姓名', value: '김민준' }] })).toBe(true);
  });
});

describe('wrapText', () => {
  // Ideographs are two units wide, everything else one: enough to check where lines break.
  const measure = (s: string): number => Array.from(s).reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/u.test(ch) ? 2 : 1), 0);

  it('breaks English between words and never inside one that fits', () => {
    expect(wrapText('the quick brown fox jumps', 11, measure)).toEqual(['the quick', 'brown fox', 'jumps']);
  });

  it('breaks Chinese between any two characters', () => {
    expect(wrapText('一二三四五六七', 6, measure)).toEqual(['一二三', '四五六', '七']);
  });

  it('keeps closing punctuation off the start of a line and opening punctuation off the end', () => {
    expect(wrapText('一二三，四五', 6, measure)).toEqual(['一二', '三，四', '五']);
    expect(wrapText('一二《三', 6, measure)).toEqual(['一二', '《三']);
  });

  it('mixes scripts and splits a token wider than the line', () => {
    expect(wrapText('编号JN-K01A-7QXZ-3已受理', 10, measure)).toEqual(['编号', 'JN-K01A-7Q', 'XZ-3已受理']);
  });

  it('honours line breaks, keeps blank lines and returns one empty line for empty text', () => {
    expect(wrapText('a\n\nb', 10, measure)).toEqual(['a', '', 'b']);
    expect(wrapText('', 10, measure)).toEqual(['']);
    expect(wrapText('  leading', 10, measure)).toEqual(['leading']);
  });
});
