import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, vi } from 'vitest';
import { buildSlip, EscPos, EscPosError, type SlipContent } from '../../../../../electron/host/hardware/escpos';
import { SimReceiptPrinter } from '../../../../../electron/host/hardware/receipt-printer.sim';
import type { ReceiptPrinter } from '../../../../../shared/hardware/receipt-printer';
import { isReady, type DeviceStatus } from '../../../../../shared/hardware/types';
import { decodeEscPos } from '../../../../fixtures/escpos-decode';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-receipt-'));
}

function jobFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
}

const job = (label: string): Uint8Array => new EscPos().init().line(label).cut().bytes();

const slip: SlipContent = {
  title: '无犯罪记录证明申请',
  heading: '示例区公安分局 24小时自助警务站',
  referenceLabel: '受理编号',
  reference: 'JN-K01A-7QXZ-3',
  rows: [
    { label: '申请人', value: '张小明' },
    { label: 'Service', value: 'No-criminal-record certificate' },
    { label: '费用', value: '¥0.00' },
  ],
  footer: ['请凭受理编号查询办理进度。', 'Keep this slip until the certificate is issued.'],
  printedAt: '2025-03-14 09:26',
};

describe('isReady', () => {
  it('requires an online device with paper that is neither out nor jammed', () => {
    expect(isReady({ device: 'online' })).toBe(true);
    expect(isReady({ device: 'online', paper: 'full' })).toBe(true);
    expect(isReady({ device: 'online', paper: 'low' })).toBe(true);
    expect(isReady({ device: 'online', paper: 'out' })).toBe(false);
    expect(isReady({ device: 'online', paper: 'jammed' })).toBe(false);
    for (const device of ['offline', 'noDevice', 'hardwareError', 'userError', 'busy'] as const) {
      expect(isReady({ device, paper: 'full' })).toBe(false);
    }
  });
});

describe('SimReceiptPrinter files', () => {
  it('creates the folder and writes jobs as 1.bin, 2.bin … with the exact bytes', async () => {
    const dir = path.join(tempDir(), 'nested', 'receipts');
    const printer = new SimReceiptPrinter({ dir });
    expect(printer.kind).toBe('sim');
    expect(printer.jobCount()).toBe(0);
    expect(printer.lastJobPath()).toBeUndefined();

    const jobs = [job('first'), job('second'), job('third')];
    for (const [index, bytes] of jobs.entries()) {
      const result = await printer.print(bytes);
      expect(result.code).toBe('success');
      expect(printer.jobCount()).toBe(index + 1);
      expect(printer.lastJobPath()).toBe(path.join(dir, `${index + 1}.bin`));
    }
    expect(jobFiles(dir)).toEqual(['1.bin', '2.bin', '3.bin']);
    jobs.forEach((bytes, index) => {
      expect(new Uint8Array(fs.readFileSync(path.join(dir, `${index + 1}.bin`)))).toEqual(bytes);
    });
  });

  it('continues after the highest existing number and ignores other files', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '3.bin'), 'old three');
    fs.writeFileSync(path.join(dir, '12.bin'), 'old twelve');
    fs.writeFileSync(path.join(dir, '99.txt'), 'not a job');
    fs.writeFileSync(path.join(dir, '.40.bin.stale.tmp'), 'half a job');
    const printer = new SimReceiptPrinter({ dir });

    await printer.print(job('a'));
    await printer.print(job('b'));
    expect(printer.lastJobPath()).toBe(path.join(dir, '14.bin'));
    expect(fs.existsSync(path.join(dir, '13.bin'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, '3.bin'), 'utf8')).toBe('old three');
    expect(fs.readFileSync(path.join(dir, '12.bin'), 'utf8')).toBe('old twelve');
    expect(printer.jobCount()).toBe(2);

    // A second instance on the same folder picks up where the first stopped.
    const again = new SimReceiptPrinter({ dir });
    await again.print(job('c'));
    expect(again.lastJobPath()).toBe(path.join(dir, '15.bin'));
    expect(again.jobCount()).toBe(1);
  });

  it('leaves no temporary files and keeps order for jobs sent at once', async () => {
    const dir = tempDir();
    const printer = new SimReceiptPrinter({ dir });
    const jobs = ['一', '二', '三', '四'].map((s) => job(s));
    const results = await Promise.all(jobs.map((bytes) => printer.print(bytes)));
    expect(results.map((r) => r.code)).toEqual(['success', 'success', 'success', 'success']);
    expect(fs.readdirSync(dir).sort()).toEqual(['1.bin', '2.bin', '3.bin', '4.bin']);
    jobs.forEach((bytes, index) => {
      expect(new Uint8Array(fs.readFileSync(path.join(dir, `${index + 1}.bin`)))).toEqual(bytes);
    });
  });

  it('reports a hardware error when the folder cannot be written', async () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    const printer = new SimReceiptPrinter({ dir: blocker });
    const result = await printer.print(job('a'));
    expect(result.code).toBe('hardwareError');
    expect(result.message).not.toBe('');
    expect(printer.jobCount()).toBe(0);
    expect(printer.lastJobPath()).toBeUndefined();
  });

  it('refuses an empty job', async () => {
    const dir = tempDir();
    const printer = new SimReceiptPrinter({ dir });
    expect((await printer.print(new Uint8Array(0))).code).toBe('userError');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('SimReceiptPrinter faults', () => {
  it('does not print when paper is out or jammed, and prints again once refilled', async () => {
    const dir = tempDir();
    const printer = new SimReceiptPrinter({ dir });
    for (const paper of ['out', 'jammed'] as const) {
      printer.setPaper(paper);
      const result = await printer.print(job('a'));
      expect(result.code).toBe('deviceNotReady');
      expect(result.message).toContain(paper);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(printer.jobCount()).toBe(0);

    printer.setPaper('full');
    expect((await printer.print(job('a'))).code).toBe('success');
    expect(jobFiles(dir)).toEqual(['1.bin']);
  });

  it('still prints when paper is low', async () => {
    const dir = tempDir();
    const printer = new SimReceiptPrinter({ dir });
    printer.setPaper('low');
    expect((await printer.print(job('a'))).code).toBe('success');
    expect(printer.jobCount()).toBe(1);
  });

  it('does not print unless the device is online', async () => {
    const dir = tempDir();
    const printer = new SimReceiptPrinter({ dir });
    for (const device of ['offline', 'noDevice', 'hardwareError', 'userError', 'busy'] as const) {
      printer.setDevice(device);
      expect((await printer.print(job('a'))).code).toBe('deviceNotReady');
    }
    expect(fs.readdirSync(dir)).toEqual([]);
    printer.setDevice('online');
    expect((await printer.print(job('a'))).code).toBe('success');
  });

  it('fails exactly the next job with the injected code', async () => {
    const dir = tempDir();
    const printer = new SimReceiptPrinter({ dir });
    printer.failNextJob('timeOut');
    const failed = await printer.print(job('a'));
    expect(failed.code).toBe('timeOut');
    expect(fs.readdirSync(dir)).toEqual([]);

    const ok = await printer.print(job('b'));
    expect(ok.code).toBe('success');
    expect(jobFiles(dir)).toEqual(['1.bin']);
  });

  it('keeps an injected fault armed while the printer is not ready', async () => {
    const dir = tempDir();
    const printer = new SimReceiptPrinter({ dir });
    printer.failNextJob('hardwareError');
    printer.setPaper('out');
    expect((await printer.print(job('a'))).code).toBe('deviceNotReady');
    printer.setPaper('full');
    expect((await printer.print(job('a'))).code).toBe('hardwareError');
    expect((await printer.print(job('a'))).code).toBe('success');
    expect(printer.jobCount()).toBe(1);
  });

  it("refuses 'success' as an injected fault", () => {
    const printer = new SimReceiptPrinter({ dir: tempDir() });
    expect(() => printer.failNextJob('success')).toThrow(/failure code/);
  });
});

describe('SimReceiptPrinter status', () => {
  it('starts online with full paper and hands out copies', () => {
    const printer: ReceiptPrinter = new SimReceiptPrinter({ dir: tempDir() });
    const s = printer.status();
    expect(s).toEqual({ device: 'online', paper: 'full' });
    s.device = 'offline';
    expect(printer.status().device).toBe('online');
  });

  it('notifies listeners of changes only, until they unsubscribe', () => {
    const printer = new SimReceiptPrinter({ dir: tempDir() });
    const seen: DeviceStatus[] = [];
    const unsubscribe = printer.onStatus((s) => seen.push(s));

    printer.setPaper('low');
    printer.setPaper('low');
    printer.setDevice('busy');
    printer.setDevice('online');
    expect(seen).toEqual([
      { device: 'online', paper: 'low' },
      { device: 'busy', paper: 'low' },
      { device: 'online', paper: 'low' },
    ]);
    expect(printer.status()).toEqual({ device: 'online', paper: 'low' });

    unsubscribe();
    printer.setPaper('out');
    expect(seen).toHaveLength(3);
    expect(printer.status().paper).toBe('out');
  });

  it('still notifies every listener when one throws, and reports the error as a warning', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const printer = new SimReceiptPrinter({ dir: tempDir() });
    const seen: string[] = [];
    printer.onStatus(() => {
      throw new Error('listener broke');
    });
    printer.onStatus((s) => seen.push(s.paper ?? 'none'));
    try {
      // Not thrown back into whoever changed the paper: the paper did change.
      expect(() => printer.setPaper('jammed')).not.toThrow();
      expect(warn).toHaveBeenCalledWith('Receipt printer status listener failed: listener broke');
    } finally {
      warn.mockRestore();
    }
    expect(seen).toEqual(['jammed']);
    expect(printer.status().paper).toBe('jammed');
  });
});

describe('buildSlip', () => {
  it('decodes back to the reference in text and as the single QR payload', async () => {
    const dir = tempDir();
    const printer = new SimReceiptPrinter({ dir });
    const bytes = buildSlip(slip);
    expect((await printer.print(bytes)).code).toBe('success');

    const file = printer.lastJobPath();
    expect(file).toBeDefined();
    const decoded = decodeEscPos(new Uint8Array(fs.readFileSync(file ?? '')));
    const lines = decoded.text.split('\n');

    expect(decoded.qr).toEqual([slip.reference]);
    expect(lines).toContain(slip.reference);
    expect(lines).toContain(slip.title);
    expect(lines).toContain(slip.heading);
    expect(lines).toContain(slip.referenceLabel);
    expect(decoded.cuts).toBe(1);
    expect(decoded.commands[0]).toBe('ESC @');
    expect(decoded.commands.at(-1)).toBe('GS V');
  });

  it('prints rows, printed-at and footer in order, with ￥ for the fee', () => {
    const lines = decodeEscPos(buildSlip(slip)).text.split('\n');
    const expectedOrder = [
      ...slip.rows.map((r) => `${r.label}: ${r.value.replaceAll('¥', '￥')}`),
      slip.printedAt,
      ...slip.footer,
    ];
    const positions = expectedOrder.map((l) => lines.indexOf(l));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(lines.indexOf(slip.title)).toBeLessThan(lines.indexOf(slip.reference));
    expect(lines.join('\n')).not.toContain('¥');
  });

  it('puts the title in double size and the reference in bold double width', () => {
    const bytes = Array.from(buildSlip(slip));
    const find = (seq: number[]): number =>
      bytes.findIndex((_, i) => seq.every((b, k) => bytes[i + k] === b));
    const refAt = find(Array.from(slip.reference, (c) => c.charCodeAt(0)));
    const doubleSize = find([0x1d, 0x21, 0x11]);
    const doubleWidth = find([0x1d, 0x21, 0x10]);
    const boldOn = find([0x1b, 0x45, 1]);
    expect(doubleSize).toBeGreaterThan(-1);
    expect(doubleSize).toBeLessThan(refAt);
    expect(boldOn).toBeGreaterThan(doubleSize);
    expect(boldOn).toBeLessThan(refAt);
    expect(doubleWidth).toBeLessThan(refAt);
    expect(doubleWidth).toBeGreaterThan(boldOn);
  });

  it('works without a heading', () => {
    const { heading: _heading, ...rest } = slip;
    const decoded = decodeEscPos(buildSlip(rest));
    expect(decoded.text.split('\n')[0]).toBe(slip.title);
    expect(decoded.qr).toEqual([slip.reference]);
  });

  it('keeps resident input from injecting commands', () => {
    const hostile: SlipContent = {
      ...slip,
      rows: [{ label: '申请人', value: '张小明\u001dV\u0042\u0000\u001b@' }],
    };
    const decoded = decodeEscPos(buildSlip(hostile));
    expect(decoded.cuts).toBe(1);
    expect(decoded.commands.filter((c) => c === 'ESC @')).toHaveLength(1);
    expect(decoded.text.split('\n')).toContain('申请人: 张小明VB@');
  });

  it('refuses a reference the QR and the text would not carry identically', () => {
    expect(() => buildSlip({ ...slip, reference: '' })).toThrow(EscPosError);
    expect(() => buildSlip({ ...slip, reference: 'JN-K01A\u001b-7QXZ-3' })).toThrow(EscPosError);
  });
});
