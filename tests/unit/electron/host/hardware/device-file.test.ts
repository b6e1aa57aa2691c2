import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TransportError, type ByteTransport } from '../../../../../electron/host/hardware/transport/byte-transport';
import { openDeviceFileTransport } from '../../../../../electron/host/hardware/transport/device-file';

const opened: ByteTransport[] = [];
const tempDirs: string[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()));
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-devfile-'));
  tempDirs.push(dir);
  return dir;
}

function fifo(): string {
  const file = path.join(tempDir(), 'lp0');
  execFileSync('mkfifo', [file]);
  return file;
}

async function open(file: string, opts: Parameters<typeof openDeviceFileTransport>[1] = {}): Promise<ByteTransport> {
  const t = await openDeviceFileTransport(file, opts);
  opened.push(t);
  return t;
}

/** Deterministic bytes whose position can be recognised, so reordering shows. */
function pattern(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 7 + seed * 13) & 0xff);
}

function concat(parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => Array.from(p)));
}

describe('openDeviceFileTransport on a regular file', () => {
  it('keeps many concurrent writes in order and never reports data', async () => {
    const file = path.join(tempDir(), 'job.bin');
    fs.writeFileSync(file, '');
    const t = await open(file);
    expect(t.name).toBe(`file:${file}`);
    let received = 0;
    t.onData(() => (received += 1));

    const parts = Array.from({ length: 120 }, (_, i) => pattern(1 + ((i * 37) % 500), i));
    await Promise.all(parts.map((p) => t.write(p)));

    expect(new Uint8Array(fs.readFileSync(file))).toEqual(concat(parts));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(received).toBe(0);
  });

  it('tells close listeners once, then refuses writes as closed', async () => {
    const file = path.join(tempDir(), 'job.bin');
    fs.writeFileSync(file, '');
    const t = await open(file);
    const closes: Array<Error | undefined> = [];
    t.onClose((error) => closes.push(error));

    await t.close();
    await t.close();
    expect(closes).toEqual([undefined]);
    await expect(t.write(Uint8Array.of(1))).rejects.toMatchObject({ name: 'TransportError', code: 'closed' });
  });

  it('fails to open a missing device without creating it', async () => {
    const file = path.join(tempDir(), 'usb', 'lp9');
    const error: unknown = await openDeviceFileTransport(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: 'ioError' });
    expect((error as Error).message).toContain('ENOENT');
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('openDeviceFileTransport on a FIFO', () => {
  it('delivers a job larger than the pipe buffer to the reader in order', async () => {
    const file = fifo();
    // The transport is the FIFO's reader too, so it must not read here or it would steal the job.
    const t = await open(file, { readStatus: false, retryMs: 1 });
    const chunks: Buffer[] = [];
    const reader = fs.createReadStream(file);
    reader.on('data', (c) => chunks.push(c as Buffer));
    const ended = new Promise<void>((resolve) => reader.on('end', () => resolve()));

    const parts = Array.from({ length: 4 }, (_, i) => pattern(50_000, i));
    await Promise.all(parts.map((p) => t.write(p)));
    await t.close();
    await ended;

    expect(new Uint8Array(Buffer.concat(chunks))).toEqual(concat(parts));
  });

  it('passes bytes the device sends to data listeners', async () => {
    const file = fifo();
    const t = await open(file, { readPollMs: 2 });
    const got: number[] = [];
    const arrived = new Promise<void>((resolve) => {
      t.onData((chunk) => {
        got.push(...chunk);
        if (got.length >= 3) resolve();
      });
    });

    const device = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
    fs.writeSync(device, Uint8Array.of(0x12, 0x1e));
    await new Promise((resolve) => setTimeout(resolve, 20));
    fs.writeSync(device, Uint8Array.of(0x72));
    fs.closeSync(device);
    await arrived;

    expect(got).toEqual([0x12, 0x1e, 0x72]);
  });

  it('gives up with timeOut when the device accepts nothing', async () => {
    const file = fifo();
    const t = await open(file, { readStatus: false, retryMs: 5, writeTimeoutMs: 80 });
    const started = Date.now();
    await expect(t.write(pattern(300_000, 1))).rejects.toMatchObject({ name: 'TransportError', code: 'timeOut' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
    // A write queued behind the failed one still runs (and times out on its own).
    await expect(t.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'timeOut' });
  });
});

describe('openDeviceFileTransport on a character device', () => {
  it('reports a device write error as ioError with the errno, not a crash', async () => {
    // /dev/full refuses every write with ENOSPC; reading it would flood zeros, so do not.
    const t = await open('/dev/full', { readStatus: false });
    const error: unknown = await t.write(Uint8Array.of(0x1b, 0x40)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: 'ioError' });
    expect((error as Error).message).toBe('Write to file:/dev/full failed: ENOSPC');
  });
});
