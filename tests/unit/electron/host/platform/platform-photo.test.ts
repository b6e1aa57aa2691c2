import http from 'node:http';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../../electron/host/log/logger';
import { readJpegFrameHeader } from '../../../../../electron/host/photo/photo-check';
import type { Platform } from '../../../../../electron/host/platform/platform';
import { createRemotePlatform, noPlatform } from '../../../../../electron/host/platform/platform.remote';
import { SimPlatform } from '../../../../../electron/host/platform/platform.sim';
import { platformHeaders, platformTransport } from '../../../../../electron/host/sync/uplink';
import { parseUplinkConfig } from '../../../../../electron/host/sync/uplink-config';
import { StepError } from '../../../../../shared/steps/step-error';

const ID_NUMBER = '110105198003150012';
const PERMIT = 'C12345678';
const live = () => new AbortController().signal;

/** The StepError code a call rejects with. */
async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof StepError)) throw new Error(`expected a StepError, got ${String(error)}`);
  return error.code;
}

describe('the simulated platform: photos on file', () => {
  it('has a card-sized JPEG for Zhang’s ID number', async () => {
    const photo = await new SimPlatform().referencePhoto({ type: 'residentId', number: ID_NUMBER });
    expect(photo).toBeInstanceOf(Uint8Array);
    expect([photo?.[0], photo?.[1]]).toEqual([0xff, 0xd8]);
    expect(readJpegFrameHeader(photo ?? new Uint8Array())).toMatchObject({ width: 102, height: 126 });
  });

  it('has a JPEG for the permit C12345678', async () => {
    const photo = await new SimPlatform().referencePhoto({ type: 'permit', number: PERMIT });
    expect([photo?.[0], photo?.[1]]).toEqual([0xff, 0xd8]);
  });

  it('has nothing for a number it does not know', async () => {
    const platform = new SimPlatform();
    expect(await platform.referencePhoto({ type: 'residentId', number: '11010519491231002X' })).toBeNull();
    expect(await platform.referencePhoto({ type: 'permit', number: 'C00000000' })).toBeNull();
  });

  it('hands out a fresh copy each time', async () => {
    const platform = new SimPlatform();
    const first = await platform.referencePhoto({ type: 'residentId', number: ID_NUMBER });
    const again = await platform.referencePhoto({ type: 'residentId', number: ID_NUMBER });
    expect(again).toEqual(first);
    first?.fill(0);
    const third = await platform.referencePhoto({ type: 'residentId', number: ID_NUMBER });
    expect([third?.[0], third?.[1]]).toEqual([0xff, 0xd8]);
    expect(again?.[0]).toBe(0xff);
  });

  it('rejects with platformUnavailable while offline, and answers again once online', async () => {
    const platform = new SimPlatform();
    platform.setFault('offline');
    expect(await failure(platform.referencePhoto({ type: 'residentId', number: ID_NUMBER }))).toBe('platformUnavailable');
    expect(await failure(platform.referencePhoto({ type: 'residentId', number: '11010519491231002X' }))).toBe('platformUnavailable');
    platform.setFault('online');
    expect((await platform.referencePhoto({ type: 'residentId', number: ID_NUMBER }))?.[0]).toBe(0xff);
  });
});

describe('no platform: photos on file', () => {
  it('rejects with platformUnavailable', async () => {
    expect(await failure(noPlatform().referencePhoto({ type: 'residentId', number: ID_NUMBER }, live()))).toBe('platformUnavailable');
  });
});

/** What the stand-in platform answers to POST /photos/reference: a status and a raw body. */
interface Answer {
  status: number;
  body: string;
}

describe('the remote platform: photos on file', () => {
  let server: http.Server;
  let baseUrl: string;
  let answer: Answer;
  let requests: { path: string; body: unknown }[];
  let lines: string[];
  const platforms: Platform[] = [];

  beforeEach(async () => {
    answer = { status: 404, body: '{"error":"notFound"}' };
    requests = [];
    lines = [];
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
        requests.push({ path: req.url ?? '', body });
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/platform/v1`;
  });

  afterEach(async () => {
    for (const p of platforms.splice(0)) p.close?.();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** The remote platform as the host builds it, against `url`. */
  function remote(url = baseUrl): Platform {
    const config = parseUplinkConfig({ url, kioskId: 'K01' });
    const platform = createRemotePlatform({
      transport: platformTransport({ ...config, url }),
      kioskId: config.kioskId,
      headers: platformHeaders(config),
      timeoutMs: config.requestTimeoutMs,
      log: createLogger({ level: 'debug', write: (line) => lines.push(line) }),
    });
    platforms.push(platform);
    return platform;
  }

  const PHOTO = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]);

  it('posts the kiosk, document type and number, and returns the bytes of a 200 { jpegBase64 }', async () => {
    answer = { status: 200, body: JSON.stringify({ jpegBase64: Buffer.from(PHOTO).toString('base64') }) };
    const photo = await remote().referencePhoto({ type: 'permit', number: PERMIT }, live());
    expect(photo).toEqual(PHOTO);
    expect(photo).toBeInstanceOf(Uint8Array);
    expect(requests).toEqual([{ path: '/platform/v1/photos/reference', body: { kioskId: 'K01', documentType: 'permit', number: PERMIT } }]);
    // Neither the number nor the picture reaches the log.
    const logged = lines.join('\n');
    expect(logged).not.toContain(PERMIT);
    expect(logged).not.toContain(Buffer.from(PHOTO).toString('base64'));
  });

  it('answers null for a 404: the platform has no photo', async () => {
    answer = { status: 404, body: '{"error":"notFound"}' };
    expect(await remote().referencePhoto({ type: 'residentId', number: ID_NUMBER }, live())).toBeNull();
  });

  it.each([500, 503, 401, 403, 409, 422, 400])('rejects with platformUnavailable for a %i', async (status) => {
    answer = { status, body: '{"error":"injected"}' };
    expect(await failure(remote().referencePhoto({ type: 'residentId', number: ID_NUMBER }, live()))).toBe('platformUnavailable');
  });

  it.each([
    ['not JSON', 'this is not json'],
    ['no jpegBase64', JSON.stringify({ photo: 'AAAA' })],
    ['jpegBase64 not base64', JSON.stringify({ jpegBase64: 'not base64!' })],
    ['jpegBase64 too short', JSON.stringify({ jpegBase64: 'AA' })],
    ['jpegBase64 of the wrong type', JSON.stringify({ jpegBase64: 12345 })],
    ['jpegBase64 too long', JSON.stringify({ jpegBase64: 'A'.repeat(1_400_004) })],
  ])('rejects with platformUnavailable for a malformed body (%s)', async (_what, body) => {
    answer = { status: 200, body };
    expect(await failure(remote().referencePhoto({ type: 'residentId', number: ID_NUMBER }, live()))).toBe('platformUnavailable');
  });

  it('rejects with platformUnavailable when nothing listens at the address', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    expect(await failure(remote(`http://127.0.0.1:${port}/platform/v1`).referencePhoto({ type: 'residentId', number: ID_NUMBER }, live()))).toBe(
      'platformUnavailable',
    );
  });
});
