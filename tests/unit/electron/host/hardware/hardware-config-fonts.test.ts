import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../../electron/host/config';
import { HardwareConfigError, loadHardwareConfig } from '../../../../../electron/host/hardware/hardware-config';
import { createHost, type Host } from '../../../../../electron/host/host';
import { createLogger } from '../../../../../electron/host/log/logger';

const dirs: string[] = [];
const hosts: Host[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const transport = { type: 'tcp', host: '192.0.2.10' } as const;

function withFile(content: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-hwfonts-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'hardware.json'), JSON.stringify(content));
  return dir;
}

function loadError(content: unknown): string {
  try {
    loadHardwareConfig(withFile(content));
  } catch (error) {
    expect(error).toBeInstanceOf(HardwareConfigError);
    return (error as Error).message;
  }
  throw new Error('loadHardwareConfig accepted the file');
}

describe('receiptPrinter font settings in hardware.json', () => {
  it('are optional: without them the printer is GB2312 Chinese and ASCII (applied by the driver)', () => {
    expect(loadHardwareConfig(withFile({ receiptPrinter: { driver: 'escpos', transport } })).receiptPrinter).toEqual({ driver: 'escpos', transport: { ...transport, port: 9100 } });
  });

  it('reads the scripts the font draws, the raster font and the paper width', () => {
    const receiptPrinter = { driver: 'escpos', transport, fontScripts: ['han-gb18030', 'latin', 'hangul', 'kana', 'cyrillic'], rasterFontPath: '/opt/fonts/NotoSansCJK-Regular.ttc', printWidthDots: 384 };
    expect(loadHardwareConfig(withFile({ receiptPrinter })).receiptPrinter).toEqual({ ...receiptPrinter, transport: { ...transport, port: 9100 } });
  });

  it.each([
    ['an unknown script', ['han-gb2312', 'latin', 'thai'], /^hardware\.json: receiptPrinter\.fontScripts\.2: .*"latin".*"han-gb2312"/],
    ['plain "han", which does not say which character set', ['han', 'latin'], /^hardware\.json: receiptPrinter\.fontScripts\.0: /],
    ['an empty list', [], /^hardware\.json: receiptPrinter\.fontScripts: /],
    ['a list without latin', ['han-gb2312'], /^hardware\.json: receiptPrinter\.fontScripts: must include "latin"/],
    ['a script listed twice', ['latin', 'hangul', 'hangul'], /^hardware\.json: receiptPrinter\.fontScripts: lists a script more than once/],
    ['a string instead of a list', 'han-gb2312', /^hardware\.json: receiptPrinter\.fontScripts: /],
  ])('refuses %s, naming the key', (_what, fontScripts, message) => {
    expect(loadError({ receiptPrinter: { driver: 'escpos', transport, fontScripts } })).toMatch(message);
  });

  it('refuses an empty font path and a paper width that is no printer’s, naming the key', () => {
    expect(loadError({ receiptPrinter: { driver: 'escpos', transport, rasterFontPath: '' } })).toMatch(/^hardware\.json: receiptPrinter\.rasterFontPath: /);
    expect(loadError({ receiptPrinter: { driver: 'escpos', transport, printWidthDots: 10 } })).toMatch(/^hardware\.json: receiptPrinter\.printWidthDots: /);
    expect(loadError({ receiptPrinter: { driver: 'escpos', transport, printWidthDots: 576.5 } })).toMatch(/^hardware\.json: receiptPrinter\.printWidthDots: /);
  });

  it('reach the printer: a raster font that is not there is logged at start-up with its path', async () => {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      const rasterFontPath = path.join(os.tmpdir(), 'kiosk-no-such-font', 'Missing.ttc');
      const dir = withFile({ receiptPrinter: { driver: 'escpos', transport: { type: 'tcp', host: '127.0.0.1', port }, rasterFontPath } });
      const lines: string[] = [];
      const config = loadConfig({ KIOSK_HARDWARE: 'real' }, { dataDir: dir, version: '0.0.0-test' });
      hosts.push(await createHost(config, { log: createLogger({ level: 'warn', write: (line) => lines.push(line) }) }));
      const warning = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.event === 'receiptPrinter.rasterFontMissing');
      expect(warning).toMatchObject({ level: 'warn', fontPath: rasterFontPath });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
