import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { findService } from '../../../../../shared/catalog/services';
import { LANGS, type Lang } from '../../../../../shared/contract/lang';
import type { PrintStep } from '../../../../../shared/steps/print/print.step';
import { buildSlip, EscPos, type SlipContent } from '../../../../../electron/host/hardware/escpos';
import { DEFAULT_FONT_SCRIPTS, fitsFont, type FontScript } from '../../../../../electron/host/hardware/font-scripts';
import { EscPosReceiptPrinter } from '../../../../../electron/host/hardware/receipt-printer.escpos';
import { createFontFallback, guessLang, rasterizeJob } from '../../../../../electron/host/hardware/slip-font-fallback';
import { loadSlipFont, type RasterStyle, type SlipFont } from '../../../../../electron/host/hardware/slip-raster';
import { slipContent } from '../../../../../electron/host/slip';
import type { LogFields } from '../../../../../electron/host/log/logger';
import { decodeEscPos, IMAGE_MARK, type DecodedImage } from '../../../../fixtures/escpos-decode';
import { ScriptedTransport } from '../../../../fixtures/escpos-printer';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;
const REF = 'JN-K01A-7QXZ-3';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
});

const slipStep = (serviceId: string): Extract<PrintStep, { output: 'slip' }> | undefined =>
  findService(serviceId)?.steps.find((s): s is Extract<PrintStep, { output: 'slip' }> => s.kind === 'print' && s.output === 'slip');

/** The real slip of the no-criminal-record application, in `lang`, with a fee paid. */
function realSlip(lang: Lang): SlipContent {
  const step = slipStep('noCriminalRecord');
  if (!step) throw new Error('noCriminalRecord has no slip step');
  const source = {
    serviceId: 'noCriminalRecord',
    lang,
    reference: REF,
    answers: { purpose: { choice: 'job' }, delivery: { choice: 'collect' } },
    payment: { orderId: 'o-1', transactionId: 't-1', amountFen: 3000 },
  };
  return slipContent(step, source as unknown as Parameters<typeof slipContent>[1], new Date(2026, 11, 2, 10, 0));
}

/** A short slip whose lines never wrap, so each line is exactly one text line or one image. */
const korean: SlipContent = {
  heading: '무인 경찰 민원실',
  title: '수령증',
  referenceLabel: '접수번호',
  reference: REF,
  rows: [{ label: '수수료', value: '￥30.00' }],
  footer: ['Thank you', '보관하세요'],
  printedAt: '2026-12-02 10:00',
};

interface Warning {
  event: string;
  fields: LogFields;
}

function fallback(fontScripts?: FontScript[], extra: { fontPath?: string; widthDots?: number; loadFont?: (p: string) => Promise<SlipFont> } = {}) {
  const warnings: Warning[] = [];
  const fb = createFontFallback({ ...(fontScripts ? { fontScripts } : {}), ...extra, onWarning: (event, fields) => warnings.push({ event, fields }) });
  return { fb, warnings };
}

function ink(image: DecodedImage): { dots: number; left: number; right: number } {
  let dots = 0;
  let left = Infinity;
  let right = -1;
  for (let y = 0; y < image.rows; y++) {
    for (let x = 0; x < image.rowBytes * 8; x++) {
      if (((image.data[y * image.rowBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) === 0) continue;
      dots += 1;
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
  }
  return { dots, left, right };
}

describe('rasterizeJob', () => {
  it('replaces exactly the line the font lacks, keeping style and Kanji commands and dropping its LF', () => {
    const job = new EscPos().init().align('center').size(2, 2).line('수령증').size(1, 1).line('OK').cut().bytes();
    const calls: [string, RasterStyle, string][] = [];
    const out = rasterizeJob(job, ['han-gb2312', 'latin'], (text, style, lang) => {
      calls.push([text, style, lang]);
      return Uint8Array.of(0xaa);
    });
    expect(Array.from(out)).toEqual([ESC, 0x40, ESC, 0x61, 1, GS, 0x21, 0x11, FS, 0x26, 0xaa, GS, 0x21, 0x00, FS, 0x2e, 0x4f, 0x4b, LF, GS, 0x56, 66, 0]);
    expect(calls).toEqual([['수령증', { align: 'center', bold: false, width: 2, height: 2 }, 'ko']]);
  });

  it('returns the very same job when every line fits, and draws nothing', () => {
    const job = new EscPos().init().line('受理编号').line('Ref').bytes();
    expect(rasterizeJob(job, ['han-gb2312', 'latin'], () => {
      throw new Error('must not draw');
    })).toBe(job);
  });

  it('keeps the command that ended a line when it is not LF, and draws text left open at the end', () => {
    const job = new EscPos().text('수령').feed(2).text('증').bytes();
    const out = rasterizeJob(job, ['latin'], () => Uint8Array.of(0xaa));
    // A line's commands go before its image (the FS . the builder closes the job with, here).
    expect(Array.from(out)).toEqual([FS, 0x26, 0xaa, ESC, 0x64, 2, FS, 0x2e, 0xaa]);
  });

  it('reads bold and right alignment as the printer does, and leaves text before ESC @ alone (the printer drops it)', () => {
    const styles: RasterStyle[] = [];
    const job = new EscPos().align('right').bold(true).line('Квитанция').text('Справка').init().bytes();
    const out = rasterizeJob(job, ['latin'], (_t, style) => {
      styles.push(style);
      return Uint8Array.of(0xaa);
    });
    expect(styles).toEqual([{ align: 'right', bold: true, width: 1, height: 1 }]);
    const dropped = Array.from(iconv.encode('Справка', 'gb18030'));
    expect(Array.from(out.subarray(out.length - dropped.length - 2))).toEqual([...dropped, ESC, 0x40]);
  });

  it('throws for a job with commands our builder does not make', () => {
    expect(() => rasterizeJob(Uint8Array.of(ESC, 0x74, 0x00, 0x41), ['latin'], () => new Uint8Array(0))).toThrow(/unknown command/);
    expect(() => rasterizeJob(Uint8Array.of(0xb0, 0xa1), ['latin'], () => new Uint8Array(0))).toThrow(/unexpected byte/);
  });

  it('guesses the glyph forms from the whole job', () => {
    expect(guessLang('受付番号 この受付票')).toBe('ja');
    expect(guessLang('접수번호')).toBe('ko');
    expect(guessLang('參考編號')).toBe('zh-HK');
    expect(guessLang('Номер')).toBe('ru');
    expect(guessLang('受理编号')).toBe('zh-CN');
  });
});

describe('createFontFallback', () => {
  it('sends zh-CN and English slips, real and sample, byte for byte as built, without loading a font', async () => {
    let loads = 0;
    const { fb, warnings } = fallback(undefined, {
      loadFont: (p) => {
        loads += 1;
        return loadSlipFont(p);
      },
    });
    for (const content of [realSlip('zh-CN'), realSlip('en'), { ...korean, heading: '示例区公安分局 24小时自助警务站', title: '无犯罪记录证明申请', referenceLabel: '受理编号', rows: [{ label: '已缴费用', value: '￥30.00' }], footer: ['请凭受理编号查询办理进度。'] }]) {
      const job = buildSlip(content);
      const out = await fb.prepare(job);
      expect(out).toBe(job);
      expect(Array.from(out)).toEqual(Array.from(buildSlip(content)));
      // The strict decoder refuses GS v 0 unless asked: there is none.
      expect(decodeEscPos(out).qr).toEqual([REF]);
    }
    expect(loads).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('prints every zh-CN and English slip of the catalog as text', async () => {
    const { fb } = fallback();
    for (const serviceId of ['noCriminalRecord', 'householdCertificate', 'idCardRenewal']) {
      const step = slipStep(serviceId);
      if (!step) continue;
      for (const lang of ['zh-CN', 'en'] as const) {
        const content = slipContent(step, { serviceId, lang, reference: REF, answers: {}, payment: null } as unknown as Parameters<typeof slipContent>[1], new Date());
        const job = buildSlip(content);
        expect(await fb.prepare(job), `${serviceId} ${lang}`).toBe(job);
      }
    }
  });

  it('draws the Korean lines as images where the text would be; the reference, ASCII lines and the QR code stay text', async () => {
    const { fb, warnings } = fallback();
    const job = buildSlip(korean);
    const textLines = decodeEscPos(job).text.split('\n');
    const decoded = decodeEscPos(await fb.prepare(job), { images: true });

    expect(decoded.text.split('\n')).toEqual(textLines.map((line) => (/[가-힣]/.test(line) ? IMAGE_MARK : line)));
    expect(decoded.text).toContain(`\n${REF}\n`);
    expect(decoded.text).toContain('\nThank you\n');
    expect(decoded.qr).toEqual([REF]);
    expect(decoded.cuts).toBe(1);
    expect(warnings).toEqual([]);

    // heading, title (double size), label, the fee row, the last footer line.
    expect(decoded.images.map((im) => [im.mode, im.rowBytes, im.rows])).toEqual([
      [0, 72, 30],
      [0, 72, 60],
      [0, 72, 30],
      [0, 72, 30],
      [0, 72, 30],
    ]);
    for (const image of decoded.images) {
      const { dots } = ink(image);
      expect(dots).toBeGreaterThan(50);
      expect(dots).toBeLessThan((image.rowBytes * 8 * image.rows) / 4);
    }
    // Centred lines are centred, left-aligned lines start at the left edge.
    const [heading, title, label, fee] = decoded.images.map(ink) as [ReturnType<typeof ink>, ReturnType<typeof ink>, ReturnType<typeof ink>, ReturnType<typeof ink>];
    for (const centred of [heading, title, label]) expect(Math.abs((centred.left + centred.right) / 2 - 288)).toBeLessThan(8);
    expect(fee.left).toBeLessThan(4);
  });

  it('prints a Korean slip as text again when the font draws Hangul', async () => {
    const { fb } = fallback(['han-gb2312', 'latin', 'hangul']);
    for (const content of [korean, realSlip('ko')]) {
      const job = buildSlip(content);
      expect(await fb.prepare(job)).toBe(job);
    }
  });

  it('draws the real slips in every language with the lines the default font lacks as images, in place, wrapping long ones', async () => {
    const { fb } = fallback();
    // Consecutive images are one run: a wrapped line is several.
    const runs = (lines: string[]) => lines.filter((line, i) => line !== IMAGE_MARK || lines[i - 1] !== IMAGE_MARK);
    for (const lang of LANGS) {
      const job = buildSlip(realSlip(lang));
      const decoded = decodeEscPos(await fb.prepare(job), { images: true });
      const expected = decodeEscPos(job)
        .text.split('\n')
        .map((line) => (fitsFont(line, DEFAULT_FONT_SCRIPTS) ? line : IMAGE_MARK));
      expect(runs(decoded.text.split('\n')), lang).toEqual(runs(expected));
      expect(decoded.qr, lang).toEqual([REF]);
      expect(decoded.images.length > 0, lang).toBe(lang !== 'zh-CN' && lang !== 'en');
      expect(decoded.images.every((im) => ink(im).dots > 0 && im.rowBytes === 72 && (im.rows === 30 || im.rows === 60)), lang).toBe(true);
    }
    // The Russian footer is wider than 576 dots: it takes three images.
    const ru = decodeEscPos(await fb.prepare(buildSlip({ ...korean, heading: '', title: 'Квитанция', footer: ['Сохраните талон. По номеру заявления можно узнать статус на любом терминале самообслуживания.'] })), { images: true });
    expect(ru.text.split('\n').slice(-5)).toEqual(['2026-12-02 10:00', IMAGE_MARK, IMAGE_MARK, IMAGE_MARK, '']);
  });

  it('for a Japanese slip on a font with kana keeps kana-only lines as text and draws those with Japanese kanji', async () => {
    const { fb } = fallback(['han-gb2312', 'latin', 'kana']);
    const job = buildSlip({ ...korean, heading: 'セルフサービス', title: '証明書', referenceLabel: '受付番号', rows: [], footer: [] });
    const decoded = decodeEscPos(await fb.prepare(job), { images: true });
    expect(decoded.text.split('\n').slice(0, 3)).toEqual(['セルフサービス', IMAGE_MARK, '受付番号']);
  });

  it('takes the width of a 58 mm printer', async () => {
    const { fb } = fallback(undefined, { widthDots: 384 });
    const decoded = decodeEscPos(await fb.prepare(buildSlip(korean)), { images: true });
    expect(decoded.images.every((im) => im.rowBytes === 48)).toBe(true);
  });

  it('with the font file missing: says so at set-up, then prints the text as built and warns, without the text', async () => {
    const fontPath = '/nonexistent/fonts/NotoSansCJK-Regular.ttc';
    const { fb, warnings } = fallback(undefined, { fontPath });
    expect(warnings).toEqual([{ event: 'receiptPrinter.rasterFontMissing', fields: { fontPath } }]);
    const job = buildSlip(korean);
    expect(await fb.prepare(job)).toBe(job);
    expect(warnings[1]).toEqual({ event: 'receiptPrinter.rasterUnavailable', fields: { reason: 'fontMissing', lines: 5, fontPath } });
    expect(JSON.stringify(warnings)).not.toMatch(/[가-힣]|JN-/);
    // A zh-CN slip needs no font and gives no warning.
    const zh = buildSlip(realSlip('zh-CN'));
    expect(await fb.prepare(zh)).toBe(zh);
    expect(warnings).toHaveLength(2);
  });

  it('sends a job with commands it does not know unchanged, and warns', async () => {
    const { fb, warnings } = fallback();
    const job = Uint8Array.of(ESC, 0x74, 0x00, 0x41, LF);
    expect(await fb.prepare(job)).toBe(job);
    expect(warnings).toEqual([{ event: 'receiptPrinter.rasterUnavailable', fields: { reason: 'unknownCommand', fontPath: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc' } }]);
  });
});

describe('EscPosReceiptPrinter with a font fallback', () => {
  const eot = (n: number): Uint8Array => Uint8Array.of(0x10, 0x04, n);
  const ok = Uint8Array.of(0x12);
  const status = [1, 2, 3, 4].map((n) => ({ expect: eot(n), reply: ok }));

  async function sent(job: Uint8Array, fontFallback?: ReturnType<typeof createFontFallback>): Promise<{ expected: Uint8Array; transport: ScriptedTransport; printer: EscPosReceiptPrinter }> {
    const expected = fontFallback ? await fontFallback.prepare(job) : job;
    const transport = new ScriptedTransport([...status, { expect: expected }, ...status]);
    const printer = new EscPosReceiptPrinter(transport, { kind: 'escpos-serial', statusTimeoutMs: 150, pollIntervalMs: 0, postJobDelayMs: 0, ...(fontFallback ? { fontFallback } : {}) });
    cleanups.push(() => printer.close());
    return { expected, transport, printer };
  }

  it('sends the Korean lines as images between its status checks', async () => {
    const job = buildSlip(korean);
    const { expected, transport, printer } = await sent(job, createFontFallback());
    expect(decodeEscPos(expected, { images: true }).images.length).toBe(5);
    expect(await printer.print(job)).toEqual({ code: 'success', message: 'Printed' });
    expect(transport.mismatch).toBeUndefined();
    expect(transport.remaining()).toBe(0);
  });

  it('sends a zh-CN slip unchanged, and any job unchanged without a fallback', async () => {
    const zh = buildSlip(realSlip('zh-CN'));
    const first = await sent(zh, createFontFallback());
    expect(first.expected).toBe(zh);
    expect(await first.printer.print(zh)).toMatchObject({ code: 'success' });
    expect(first.transport.mismatch).toBeUndefined();

    const ko = buildSlip(korean);
    const second = await sent(ko);
    expect(await second.printer.print(ko)).toMatchObject({ code: 'success' });
    expect(second.transport.mismatch).toBeUndefined();
  });
});
