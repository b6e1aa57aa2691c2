import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSlip, EscPos, type SlipContent } from '../../../../../electron/host/hardware/escpos';
import {
  EscPosReceiptPrinter,
  isStatusByte,
  statusFromBytes,
  type EscPosReceiptPrinterOptions,
} from '../../../../../electron/host/hardware/receipt-printer.escpos';
import { TransportError, type ByteTransport } from '../../../../../electron/host/hardware/transport/byte-transport';
import { openDeviceFileTransport } from '../../../../../electron/host/hardware/transport/device-file';
import { openTcpTransport } from '../../../../../electron/host/hardware/transport/tcp';
import type { DeviceStatus } from '../../../../../shared/hardware/types';
import { decodeEscPos } from '../../../../fixtures/escpos-decode';
import { FakeEscPosPrinter, ScriptedTransport } from '../../../../fixtures/escpos-printer';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const fast = { statusTimeoutMs: 150, pollIntervalMs: 0, postJobDelayMs: 0 } as const;

async function rig(opts: Partial<EscPosReceiptPrinterOptions> = {}): Promise<{ fake: FakeEscPosPrinter; printer: EscPosReceiptPrinter }> {
  const fake = await FakeEscPosPrinter.start();
  cleanups.push(() => fake.close());
  const transport = await openTcpTransport('127.0.0.1', fake.port);
  const printer = new EscPosReceiptPrinter(transport, { kind: 'escpos-tcp', ...fast, ...opts });
  cleanups.push(() => printer.close());
  return { fake, printer };
}

function scripted(transport: ByteTransport, opts: Partial<EscPosReceiptPrinterOptions> = {}): EscPosReceiptPrinter {
  const printer = new EscPosReceiptPrinter(transport, { kind: 'escpos-serial', ...fast, ...opts });
  cleanups.push(() => printer.close());
  return printer;
}

const slip: SlipContent = {
  title: '无犯罪记录证明申请',
  heading: '示例区公安分局 24小时自助警务站',
  referenceLabel: '受理编号',
  reference: 'JN-K01A-7QXZ-3',
  rows: [
    { label: '申请人', value: '李示例' },
    { label: 'Service', value: 'No-criminal-record certificate' },
  ],
  footer: ['请凭受理编号查询办理进度。'],
  printedAt: '2025-03-14 09:26',
};

const small = (label: string): Uint8Array => new EscPos().init().line(label).cut().bytes();
const eot = (n: number): Uint8Array => Uint8Array.of(0x10, 0x04, n);
const ok = Uint8Array.of(0x12);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await sleep(5);
  }
}

describe('status bytes', () => {
  it('accepts only bytes with bits 1 and 4 set and bits 0 and 7 clear', () => {
    for (const b of [0x12, 0x16, 0x1a, 0x1e, 0x32, 0x52, 0x72, 0x7e]) expect(isStatusByte(b)).toBe(true);
    for (const b of [0x00, 0x02, 0x10, 0x13, 0x92, 0xff, 0x1f, 256, -1, 1.5]) expect(isStatusByte(b)).toBe(false);
  });

  it.each<[string, [number, number, number, number], DeviceStatus]>([
    ['all clear', [0x12, 0x12, 0x12, 0x12], { device: 'online', paper: 'full' }],
    ['paper near end', [0x12, 0x12, 0x12, 0x1e], { device: 'online', paper: 'low' }],
    ['paper end sensor', [0x1a, 0x32, 0x12, 0x7e], { device: 'online', paper: 'out', detail: 'paperOut' }],
    ['stopped by paper end only (n=2 bit 5)', [0x1a, 0x32, 0x12, 0x12], { device: 'online', paper: 'out', detail: 'paperOut' }],
    ['cover open', [0x1a, 0x16, 0x12, 0x12], { device: 'userError', paper: 'full', detail: 'coverOpen' }],
    ['cover open and paper out', [0x1a, 0x36, 0x12, 0x7e], { device: 'userError', paper: 'out', detail: 'coverOpen' }],
    ['auto-cutter error', [0x1a, 0x52, 0x1a, 0x12], { device: 'hardwareError', paper: 'full', detail: 'cutterError' }],
    ['unrecoverable error', [0x1a, 0x52, 0x32, 0x12], { device: 'hardwareError', paper: 'full', detail: 'unrecoverableError' }],
    ['auto-recoverable error', [0x1a, 0x52, 0x52, 0x12], { device: 'hardwareError', paper: 'full', detail: 'autoRecoverableError' }],
    ['error without a cause', [0x1a, 0x52, 0x12, 0x12], { device: 'hardwareError', paper: 'full', detail: 'printerError' }],
    ['feed button', [0x1a, 0x1a, 0x12, 0x12], { device: 'busy', paper: 'full', detail: 'feedButton' }],
    ['offline, no cause', [0x1a, 0x12, 0x12, 0x12], { device: 'offline', paper: 'full', detail: 'printerOffline' }],
  ])('maps %s', (_name, [printer, offline, error, paper], expected) => {
    expect(statusFromBytes({ printer, offline, error, paper })).toEqual(expected);
  });
});

describe('EscPosReceiptPrinter with a fake printer over TCP', () => {
  it('checks status, sends the job unchanged and checks status again', async () => {
    const { fake, printer } = await rig();
    const job = buildSlip(slip);

    expect(await printer.print(job)).toEqual({ code: 'success', message: 'Printed' });

    expect(fake.jobs()).toEqual([job]);
    const decoded = decodeEscPos(fake.jobs()[0]!);
    expect(decoded.qr).toEqual(['JN-K01A-7QXZ-3']);
    expect(decoded.text).toContain('无犯罪记录证明申请');
    expect(fake.statusQueries()).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    expect(printer.status()).toEqual({ device: 'online', paper: 'full' });
    expect(printer.kind).toBe('escpos-tcp');
  });

  it('prints with paper near its end and says so', async () => {
    const { fake, printer } = await rig();
    fake.setPaper('nearEnd');
    expect(await printer.print(small('a'))).toEqual({ code: 'success', message: 'Printed; paper low' });
    expect(printer.status()).toEqual({ device: 'online', paper: 'low' });
  });

  it.each([
    ['paper out', (f: FakeEscPosPrinter) => f.setPaper('out'), { device: 'online', paper: 'out', detail: 'paperOut' }],
    ['cover open', (f: FakeEscPosPrinter) => f.setCoverOpen(true), { device: 'userError', paper: 'full', detail: 'coverOpen' }],
    ['cutter error', (f: FakeEscPosPrinter) => f.setCutterError(true), { device: 'hardwareError', paper: 'full', detail: 'cutterError' }],
  ] as const)('refuses a job with deviceNotReady when %s, sending nothing', async (_name, fault, expected) => {
    const { fake, printer } = await rig();
    fault(fake);
    const result = await printer.print(small('a'));
    expect(result.code).toBe('deviceNotReady');
    expect(result.message).toContain(expected.detail);
    expect(fake.received()).toEqual(new Uint8Array(0));
    expect(printer.status()).toEqual(expected);
  });

  it('reports paper running out during the job as userError and then refuses', async () => {
    const { fake, printer } = await rig();
    const job = buildSlip(slip);
    fake.paperOutAfter(40);

    expect(await printer.print(job)).toEqual({ code: 'userError', message: 'paper out during printing' });
    expect(fake.received()).toEqual(job);
    expect(printer.status()).toMatchObject({ paper: 'out' });
    expect((await printer.print(small('next'))).code).toBe('deviceNotReady');
  });

  it('falls back to the last job when the printer never answers status', async () => {
    const { fake, printer } = await rig({ statusTimeoutMs: 40 });
    fake.setSilent(true);
    const result = await printer.print(small('a'));
    expect(result.code).toBe('success');
    expect(result.message).toContain('noStatusReply');
    expect(fake.jobs()).toHaveLength(1);
    // The driver gives up at the first unanswered request instead of waiting four times.
    expect(fake.statusQueries()).toEqual([1, 1]);
    expect(printer.status()).toEqual({ device: 'online', detail: 'noStatusReply.lastJobSent' });
  });

  it('treats a byte with wrong fixed bits as a garbled reply, not as a status', async () => {
    const { fake, printer } = await rig();
    fake.setGarbled(true);
    expect(await printer.refresh()).toEqual({ device: 'online', detail: 'garbledStatusReply.noJobYet' });
    fake.setGarbled(false);
    expect(await printer.refresh()).toEqual({ device: 'online', paper: 'full' });
  });

  it('ignores a late answer to a query that already timed out', async () => {
    const { fake, printer } = await rig({ statusTimeoutMs: 30 });
    fake.setCoverOpen(true);
    fake.setReplyDelay(60);
    expect((await printer.refresh()).detail).toBe('noStatusReply.noJobYet');
    await sleep(100);
    fake.setReplyDelay(0);
    fake.setCoverOpen(false);
    expect(await printer.refresh()).toEqual({ device: 'online', paper: 'full' });
  });

  it('reports a connection dropped mid-job as hardwareError and goes offline', async () => {
    const { fake, printer } = await rig();
    const big = new EscPos().init();
    for (let i = 0; i < 400; i += 1) big.line(`Line ${i} of a long fictional receipt 示例文本`);
    fake.closeAfter(100);

    const result = await printer.print(big.cut().bytes());
    expect(result).toEqual({ code: 'hardwareError', message: 'Receipt printer link was lost during printing' });
    expect(fake.jobs()).toEqual([]);
    expect(printer.status()).toEqual({ device: 'offline', detail: 'linkClosed' });
    expect(await printer.print(small('after'))).toEqual({ code: 'deviceNotReady', message: 'Receipt printer link is closed' });
  });

  it('runs concurrent jobs one at a time, with no status request inside a job', async () => {
    const { fake, printer } = await rig();
    const jobs = ['first', 'second', 'third'].map(small);
    const results = await Promise.all(jobs.map((j) => printer.print(j)));
    expect(results.map((r) => r.code)).toEqual(['success', 'success', 'success']);
    expect(fake.jobs()).toEqual(jobs);
    expect(fake.statusQueries()).toEqual(Array.from({ length: 6 }, () => [1, 2, 3, 4]).flat());
  });

  it('refuses an empty job without touching the printer', async () => {
    const { fake, printer } = await rig();
    expect(await printer.print(new Uint8Array(0))).toEqual({ code: 'userError', message: 'Print job is empty' });
    expect(fake.statusQueries()).toEqual([]);
  });

  it('polls while idle, tells listeners only about changes, and stops polling on close', async () => {
    const { fake, printer } = await rig({ pollIntervalMs: 15 });
    const seen: DeviceStatus[] = [];
    const off = printer.onStatus((s) => seen.push(s));
    expect(await printer.start()).toEqual({ device: 'online', paper: 'full' });
    await until(() => fake.statusQueries().length >= 16);
    expect(seen).toEqual([{ device: 'online', paper: 'full' }]);

    fake.setPaper('nearEnd');
    await until(() => seen.length === 2);
    fake.setPaper('out');
    await until(() => seen.length === 3);
    expect(seen.slice(1)).toEqual([
      { device: 'online', paper: 'low' },
      { device: 'online', paper: 'out', detail: 'paperOut' },
    ]);

    off();
    fake.setPaper('ok');
    await until(() => printer.status().paper === 'full');
    expect(seen).toHaveLength(3);

    await printer.close();
    await sleep(20);
    const asked = fake.statusQueries().length;
    await sleep(60);
    expect(fake.statusQueries()).toHaveLength(asked);
  });

  it('keeps going when a status listener throws', async () => {
    const errors: unknown[] = [];
    const { printer } = await rig({ onListenerError: (e) => errors.push(e) });
    const seen: DeviceStatus[] = [];
    printer.onStatus(() => {
      throw new Error('listener broke');
    });
    printer.onStatus((s) => seen.push(s));
    expect(await printer.print(small('a'))).toMatchObject({ code: 'success' });
    expect(seen).toEqual([{ device: 'online', paper: 'full' }]);
    expect(errors).toHaveLength(1);
  });
});

describe('EscPosReceiptPrinter against recorded exchanges', () => {
  it('sends exactly the recorded bytes for a job that leaves the paper near its end', async () => {
    const job = small('recorded');
    const transport = new ScriptedTransport([
      { expect: eot(1), reply: ok },
      { expect: eot(2), reply: ok },
      { expect: eot(3), reply: ok },
      { expect: eot(4), reply: ok },
      { expect: job },
      { expect: eot(1), reply: ok },
      { expect: eot(2), reply: ok },
      { expect: eot(3), reply: ok },
      { expect: eot(4), reply: Uint8Array.of(0x1e) },
    ]);
    const printer = scripted(transport);
    expect(await printer.print(job)).toEqual({ code: 'success', message: 'Printed; paper low' });
    expect(transport.mismatch).toBeUndefined();
    expect(transport.remaining()).toBe(0);
  });

  it('sends no job to a printer whose cover is open', async () => {
    const transport = new ScriptedTransport([
      { expect: eot(1), reply: Uint8Array.of(0x1a) },
      { expect: eot(2), reply: Uint8Array.of(0x16) },
      { expect: eot(3), reply: ok },
      { expect: eot(4), reply: ok },
    ]);
    const printer = scripted(transport);
    expect((await printer.print(small('x'))).code).toBe('deviceNotReady');
    expect(transport.mismatch).toBeUndefined();
    expect(transport.remaining()).toBe(0);
    expect(printer.status()).toEqual({ device: 'userError', paper: 'full', detail: 'coverOpen' });
  });

  it('goes offline after a failed write to a silent printer and online after a good one', async () => {
    const first = small('one');
    const second = small('two');
    const transport = new ScriptedTransport([
      { expect: eot(1) },
      { expect: first, fail: new TransportError('Write to script failed: EIO', 'ioError') },
      { expect: eot(1) },
      { expect: eot(1) },
      { expect: second },
      { expect: eot(1) },
    ]);
    const printer = scripted(transport, { statusTimeoutMs: 20 });

    const failed = await printer.print(first);
    expect(failed).toEqual({ code: 'hardwareError', message: 'Could not send the job to the receipt printer: Write to script failed: EIO' });
    expect(printer.status()).toEqual({ device: 'offline', detail: 'noStatusReply.lastJobFailed' });

    expect((await printer.print(second)).code).toBe('success');
    expect(printer.status()).toEqual({ device: 'online', detail: 'noStatusReply.lastJobSent' });
    expect(transport.mismatch).toBeUndefined();
    expect(transport.remaining()).toBe(0);
  });

  it('completes with timeOut when the printer stops taking data', async () => {
    const job = small('stuck');
    const transport = new ScriptedTransport([
      { expect: eot(1), reply: ok },
      { expect: eot(2), reply: ok },
      { expect: eot(3), reply: ok },
      { expect: eot(4), reply: ok },
      { expect: job, fail: new TransportError('script accepted no data for 30000 ms.', 'timeOut') },
      { expect: eot(1) },
    ]);
    const printer = scripted(transport, { statusTimeoutMs: 20 });
    expect((await printer.print(job)).code).toBe('timeOut');
    expect(transport.mismatch).toBeUndefined();
  });
});

describe('EscPosReceiptPrinter over a write-only USB device file', () => {
  it('prints to a printer that cannot report status, probing once before and after', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-usblp-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'lp0');
    fs.writeFileSync(file, '');
    const printer = new EscPosReceiptPrinter(await openDeviceFileTransport(file), { kind: 'escpos-usb', ...fast, statusTimeoutMs: 20 });
    cleanups.push(() => printer.close());
    const job = small('usb');

    expect((await printer.print(job)).code).toBe('success');
    const expected = new Uint8Array([...eot(1), ...job, ...eot(1)]);
    expect(new Uint8Array(fs.readFileSync(file))).toEqual(expected);
  });
});
