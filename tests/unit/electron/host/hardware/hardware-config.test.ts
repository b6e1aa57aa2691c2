import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { devicesSchema, type Devices } from '../../../../../shared/contract';
import { isReady } from '../../../../../shared/hardware/types';
import { loadConfig } from '../../../../../electron/host/config';
import { createHost, type Host } from '../../../../../electron/host/host';
import { HardwareConfigError, loadHardwareConfig } from '../../../../../electron/host/hardware/hardware-config';
import { createLogger } from '../../../../../electron/host/log/logger';

const dirs: string[] = [];
const hosts: Host[] = [];

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-hwconf-'));
  dirs.push(dir);
  return dir;
}

/** A data folder whose hardware.json holds `content` (a string as is, anything else as JSON). */
function withFile(content: unknown): string {
  const dir = dataDir();
  fs.writeFileSync(path.join(dir, 'hardware.json'), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

/** The HardwareConfigError loading `dir` throws; fails the test when there is none. */
function loadError(dir: string): HardwareConfigError {
  try {
    loadHardwareConfig(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(HardwareConfigError);
    return error as HardwareConfigError;
  }
  throw new Error('loadHardwareConfig accepted the file');
}

describe('loadHardwareConfig', () => {
  it('names no device when there is no hardware.json: nothing is simulated in its place', () => {
    expect(loadHardwareConfig(dataDir())).toEqual({});
  });

  it('names no device for an empty object', () => {
    expect(loadHardwareConfig(withFile({}))).toEqual({});
  });

  it.each(['idCardReader', 'receiptPrinter', 'documentReader', 'documentPrinter'])('refuses "sim" as the driver of %s: simulators are chosen with KIOSK_HARDWARE=sim only', (device) => {
    expect(loadError(withFile({ [device]: { driver: 'sim' } })).message).toBe(`hardware.json: ${device}.driver: "sim" is not a driver; simulators run only with KIOSK_HARDWARE=sim`);
  });

  it.each(['payment', 'paymentTerminal', 'permitPrinter', 'intercom'])('refuses %s, which has no driver yet, saying so', (device) => {
    expect(loadError(withFile({ [device]: { driver: 'sim' } })).message).toBe(`hardware.json: ${device}: there is no driver for this device yet; it can only be simulated (KIOSK_HARDWARE=sim)`);
  });

  it('reads a GA/T 467 reader on serial, an ESC/POS printer on TCP (port 9100 by default) and a CUPS printer', () => {
    const dir = withFile({
      idCardReader: { driver: 'gat467', transport: { type: 'serial', path: '/dev/ttyUSB0' }, photoDecoder: '/opt/vendor/decoder.js' },
      receiptPrinter: { driver: 'escpos', transport: { type: 'tcp', host: '192.0.2.10' } },
      documentReader: { driver: 'mrz-serial', transport: { type: 'serial', path: '/dev/ttyACM0', baudRate: 9600 } },
      documentPrinter: { driver: 'cups', printer: 'Kiosk_A4' },
    });
    expect(loadHardwareConfig(dir)).toEqual({
      idCardReader: { driver: 'gat467', transport: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 115_200 }, photoDecoder: '/opt/vendor/decoder.js' },
      receiptPrinter: { driver: 'escpos', transport: { type: 'tcp', host: '192.0.2.10', port: 9100 } },
      documentReader: { driver: 'mrz-serial', transport: { type: 'serial', path: '/dev/ttyACM0', baudRate: 9600 } },
      documentPrinter: { driver: 'cups', printer: 'Kiosk_A4' },
    });
  });

  it('keeps an explicit TCP port and takes a USB device file', () => {
    expect(loadHardwareConfig(withFile({ receiptPrinter: { driver: 'escpos', transport: { type: 'tcp', host: 'printer.local', port: 9101 } } })).receiptPrinter).toEqual({
      driver: 'escpos',
      transport: { type: 'tcp', host: 'printer.local', port: 9101 },
    });
    expect(loadHardwareConfig(withFile({ receiptPrinter: { driver: 'escpos', transport: { type: 'usb', path: '/dev/usb/lp0' } } })).receiptPrinter).toEqual({
      driver: 'escpos',
      transport: { type: 'usb', path: '/dev/usb/lp0' },
    });
  });

  it('refuses a file that is not JSON, naming hardware.json', () => {
    const error = loadError(withFile('{ "receiptPrinter": { "driver": "escpos", }'));
    expect(error.name).toBe('HardwareConfigError');
    expect(error.message).toMatch(/^hardware\.json is not valid JSON: /);
  });

  it('refuses a hardware.json that cannot be read', () => {
    const dir = dataDir();
    fs.mkdirSync(path.join(dir, 'hardware.json'));
    expect(loadError(dir).message).toBe('hardware.json is not valid JSON: it cannot be read');
  });

  it.each([
    ['a port out of range', { receiptPrinter: { driver: 'escpos', transport: { type: 'tcp', host: '192.0.2.10', port: 70_000 } } }, 'receiptPrinter.transport.port'],
    ['a port given as text', { receiptPrinter: { driver: 'escpos', transport: { type: 'tcp', host: '192.0.2.10', port: '9100' } } }, 'receiptPrinter.transport.port'],
    ['an empty serial path', { idCardReader: { driver: 'gat467', transport: { type: 'serial', path: '' } } }, 'idCardReader.transport.path'],
    ['a negative baud rate', { documentReader: { driver: 'mrz-serial', transport: { type: 'serial', path: '/dev/ttyACM0', baudRate: -1 } } }, 'documentReader.transport.baudRate'],
    ['an unknown transport', { receiptPrinter: { driver: 'escpos', transport: { type: 'bluetooth', path: 'x' } } }, 'receiptPrinter.transport.type'],
    ['a CUPS printer without a name', { documentPrinter: { driver: 'cups' } }, 'documentPrinter.printer'],
  ])('refuses %s, naming the key', (_what, content, where) => {
    const error = loadError(withFile(content));
    expect(error.message.startsWith(`hardware.json: ${where}: `), error.message).toBe(true);
  });

  it.each([
    ['receiptPrinter', { receiptPrinter: { driver: 'star-line' } }],
    ['idCardReader', { idCardReader: { driver: 'pcsc' } }],
    ['documentPrinter', { documentPrinter: { driver: 'ipp', printer: 'x' } }],
  ])('refuses an unknown driver for %s', (device, content) => {
    expect(loadError(withFile(content)).message).toMatch(new RegExp(`^hardware\\.json: ${device}\\.driver: `));
  });

  it('refuses an unknown device (strict), at the top level', () => {
    const message = loadError(withFile({ scanner: { driver: 'hid' } })).message;
    expect(message).toMatch(/^hardware\.json: \(top level\): /);
    expect(message).toContain('scanner');
  });

  it('refuses an unknown key inside a device and inside a transport', () => {
    expect(loadError(withFile({ documentPrinter: { driver: 'cups', printer: 'Kiosk_A4', duplex: true } })).message).toMatch(/^hardware\.json: documentPrinter: .*duplex/);
    expect(loadError(withFile({ receiptPrinter: { driver: 'escpos', transport: { type: 'tcp', host: 'h', speed: 1 } } })).message).toMatch(
      /^hardware\.json: receiptPrinter\.transport: .*speed/,
    );
  });

  it('refuses a file that is not an object', () => {
    expect(loadError(withFile([])).message).toMatch(/^hardware\.json: \(top level\): /);
  });

  it('reads supply sizes, and refuses thresholds out of order, unknown supplies and unknown keys, naming the key', () => {
    const sizes = { receiptPaper: { capacity: 600, lowAt: 60, outAt: 3 } };
    expect(loadHardwareConfig(withFile({ supplies: sizes }))).toEqual({ supplies: sizes });
    expect(loadError(withFile({ supplies: { receiptPaper: { capacity: 600, lowAt: 3, outAt: 3 } } })).message).toMatch(/^hardware\.json: supplies\.receiptPaper\.outAt: outAt must be below lowAt/);
    expect(loadError(withFile({ supplies: { a4Paper: { capacity: 250, lowAt: 250, outAt: 0 } } })).message).toMatch(/^hardware\.json: supplies\.a4Paper\.lowAt: lowAt must be below capacity/);
    expect(loadError(withFile({ supplies: { a4Paper: { capacity: 0, lowAt: 0, outAt: 0 } } })).message).toMatch(/^hardware\.json: supplies\.a4Paper\.capacity: /);
    expect(loadError(withFile({ supplies: { toner: { capacity: 9, lowAt: 2, outAt: 1 } } })).message).toMatch(/^hardware\.json: supplies: .*toner/);
    expect(loadError(withFile({ supplies: { permitRibbon: { capacity: 500, lowAt: 50, outAt: 0, colour: 'ymc' } } })).message).toMatch(/^hardware\.json: supplies\.permitRibbon: .*colour/);
  });
});

/** A TCP port on loopback where nothing listens (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return address.port;
}

function waitForDevices(host: Host, matches: (d: Devices) => boolean, what: string, timeoutMs = 5_000): Promise<Devices> {
  return new Promise<Devices>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const consider = (d: Devices) => {
      if (!matches(d)) return;
      clearTimeout(timer);
      stop();
      resolve(d);
    };
    const stop = host.subscribe((event, payload) => {
      if (event === 'device:status') consider(devicesSchema.parse(payload));
    });
    void host.handle('device:status', {}).then((r) => {
      if (r.ok) consider(devicesSchema.parse(r.value));
    });
  });
}

describe('createHost with KIOSK_HARDWARE=real', () => {
  async function startReal(dir: string, lines: string[]): Promise<Host> {
    const config = { ...loadConfig({ KIOSK_HARDWARE: 'real' }, { dataDir: dir, version: '0.0.0-test' }), logLevel: 'debug' as const };
    expect(config.hardware).toBe('real');
    const host = await createHost(config, { log: createLogger({ level: 'debug', write: (line) => lines.push(line) }) });
    hosts.push(host);
    return host;
  }

  it('starts with an ESC/POS printer that cannot be reached, reporting it as noDevice; devices the file does not name are absent, never simulated', async () => {
    const port = await closedPort();
    const dir = withFile({ receiptPrinter: { driver: 'escpos', transport: { type: 'tcp', host: '127.0.0.1', port } } });
    const lines: string[] = [];
    const host = await startReal(dir, lines);

    const devices = await waitForDevices(host, (d) => d.receiptPrinter.detail === 'notConnected', 'the printer to be reported as not connected');
    expect(devices.receiptPrinter).toEqual({ device: 'noDevice', detail: 'notConnected' });
    expect(isReady(devices.receiptPrinter)).toBe(false);
    // Not named in hardware.json: not there. No driver exists yet: not there either.
    for (const name of ['idCardReader', 'documentReader', 'documentPrinter', 'staffCardReader'] as const) expect(devices[name]).toEqual({ device: 'noDevice', detail: 'notConfigured' });
    for (const name of ['paymentTerminal', 'permitPrinter', 'intercom'] as const) expect(devices[name]).toEqual({ device: 'noDevice', detail: 'noDriver' });
    // No headphone socket named: speech stays on the loudspeaker.
    expect(devices.headset).toEqual({ device: 'noDevice', detail: 'notConfigured' });
    const failure = lines.find((line) => line.includes('device.connectFailed'));
    expect(failure).toBeDefined();
    expect(JSON.parse(failure!)).toMatchObject({ level: 'warn', device: 'receiptPrinter' });

    const info = await host.handle('app:info', {});
    expect(info).toMatchObject({ ok: true, value: { hardware: 'real' } });
    // Real mode binds no sim:* commands, and no simulator wrote anything.
    expect(host.commandNames.some((name) => name.startsWith('sim:'))).toBe(false);
    expect(await host.handle('sim:status', {})).toMatchObject({ ok: false, error: { code: 'unknownCommand' } });
    expect(fs.existsSync(path.join(dir, 'sim'))).toBe(false);

    // Its services are unavailable: the host does not start one, whatever the page sends.
    expect(await host.handle('flow:send', { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' })).toMatchObject({ ok: true, value: { screen: { name: 'welcome' } } });
    expect(lines.some((line) => line.includes('flow.serviceUnavailable'))).toBe(true);
  });

  it('an ID card reader named in hardware.json is used, and a service that needs only it and the printer starts', async () => {
    const dir = withFile({ idCardReader: { driver: 'gat467', transport: { type: 'serial', path: path.join(dataDir(), 'no-such-tty') } } });
    const host = await startReal(dir, []);
    const devices = await waitForDevices(host, (d) => d.idCardReader.detail === 'notConnected', 'the reader to be reported as not connected');
    // A configured device that cannot be opened is reported, not replaced by a simulator.
    expect(devices.idCardReader).toEqual({ device: 'noDevice', detail: 'notConnected' });
    expect(await host.handle('flow:send', { type: 'SELECT_SERVICE', serviceId: 'entryExitStatus' })).toMatchObject({ ok: true, value: { screen: { name: 'welcome' } } });
  });

  it('a staff card reader on a TCP serial server: a card held to it asks the door for the PIN, and its UID is never logged', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      const dir = withFile({ staffCardReader: { driver: 'uid-line', transport: { type: 'tcp', host: '127.0.0.1', port } } });
      const lines: string[] = [];
      const host = await startReal(dir, lines);
      await waitForDevices(host, (d) => d.staffCardReader.device === 'online', 'the staff card reader to connect');
      expect(await host.handle('door:status', {})).toMatchObject({ ok: true, value: { cardPresented: false } });
      const presented = new Promise<void>((resolve) => {
        const stop = host.subscribe((event, payload) => {
          if (event === 'staff:event' && (payload as { kind: string }).kind === 'cardPresented') {
            stop();
            resolve();
          }
        });
      });
      sockets[0]!.write('READER V1.0\r\n04:A2:24:B2:C1:F3:80\r\n');
      await presented;
      expect(await host.handle('door:status', {})).toMatchObject({ ok: true, value: { cardPresented: true } });
      expect(lines.join('\n')).not.toMatch(/04:?A2:?24:?B2/i);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a headphone socket read through the sound server: headphones plugged in are private listening', async () => {
    // A stand-in pactl first on PATH, answering as PulseAudio does with headphones in the jack.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'pactl-bin-'));
    const answer = JSON.stringify([{ name: 'alsa_output.analog-stereo', ports: [{ name: 'analog-output-headphones', type: 'Headphones', availability: 'available' }] }]);
    fs.writeFileSync(path.join(bin, 'pactl'), `#!/bin/sh\ncat <<'EOF'\n${answer}\nEOF\n`, { mode: 0o755 });
    const oldPath = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${oldPath ?? ''}`;
    try {
      const host = await startReal(withFile({ headset: { driver: 'pactl' } }), []);
      const devices = await waitForDevices(host, (d) => d.headset.device === 'online', 'the headset socket to be read');
      expect(devices.headset).toEqual({ device: 'online', media: 'present' });
    } finally {
      process.env.PATH = oldPath;
      fs.rmSync(bin, { recursive: true, force: true });
    }
    expect(() => loadHardwareConfig(withFile({ headset: { driver: 'pactl', volume: 3 } }))).toThrow(HardwareConfigError);
  });

  it('refuses to start with a bad hardware.json, naming the key', async () => {
    const dir = withFile({ receiptPrinter: { driver: 'escpos', transport: { type: 'tcp', host: '127.0.0.1', port: 0 } } });
    const config = loadConfig({ KIOSK_HARDWARE: 'real' }, { dataDir: dir, version: '0.0.0-test' });
    await expect(createHost(config, { log: createLogger({ level: 'error', write: () => undefined }) })).rejects.toThrow(
      /hardware\.json: receiptPrinter\.transport\.port/,
    );
  });

  it('ignores hardware.json in sim mode, chosen on purpose', async () => {
    const dir = withFile({ receiptPrinter: { driver: 'escpos', transport: { type: 'tcp', host: '127.0.0.1', port: await closedPort() } } });
    const config = loadConfig({ KIOSK_HARDWARE: 'sim' }, { dataDir: dir, version: '0.0.0-test' });
    const host = await createHost(config, { log: createLogger({ level: 'error', write: () => undefined }) });
    hosts.push(host);
    const status = await host.handle('device:status', {});
    expect(status).toMatchObject({ ok: true, value: { receiptPrinter: { device: 'online', paper: 'full' } } });
  });
});
