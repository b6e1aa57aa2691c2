import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flowViewSchema, type FlowView } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import type { Host } from '../../electron/host/host';
import { chooseEncoding, MAX_EVENT_STREAMS, startBrowserServer, type BrowserServer } from '../../electron/host/server/http-server';
import {
  countSubmissions,
  expectNoPersonalData,
  getView,
  removeTempDirs,
  startTestHost,
  tempDir,
  type TestHost,
} from './helpers';

const INDEX_HTML = '<!doctype html><title>kiosk-test-page</title><script src="/assets/app.js"></script>';
const APP_JS = 'console.log("kiosk-test-app");';
const SECRET = 'TOP-SECRET-OUTSIDE-RENDERER';
// A built chunk: its name carries its content hash, as the renderer build writes them.
const HASHED_NAME = 'index-Cq3x_9Zk.js';
const HASHED_JS = `export const words = ${JSON.stringify('户政业务 '.repeat(500))};`;

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let started: TestHost;
let host: Host;
let server: BrowserServer;
let root: string;

beforeEach(async () => {
  root = tempDir('kiosk-http-');
  const rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), APP_JS);
  fs.writeFileSync(path.join(rendererDir, 'assets', HASHED_NAME), HASHED_JS);
  // What the build writes beside each chunk (electron.vite.config.ts, precompress).
  fs.writeFileSync(path.join(rendererDir, 'assets', `${HASHED_NAME}.br`), zlib.brotliCompressSync(HASHED_JS));
  fs.writeFileSync(path.join(rendererDir, 'assets', `${HASHED_NAME}.gz`), zlib.gzipSync(HASHED_JS));
  // Files next to the renderer folder that traversal must never reach.
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ secret: SECRET }));
  fs.writeFileSync(path.join(root, 'renderer-evil.txt'), SECRET);
  started = await startTestHost(path.join(root, 'data'));
  host = started.host;
  server = await startBrowserServer(host, { port: 0, rendererDir });
});

afterEach(async () => {
  await server.close();
  await host.close();
  removeTempDirs();
});

/** A request with full control over path and headers (fetch normalises paths and forbids Host). */
function raw(
  opts: { path: string; method?: string; headers?: http.OutgoingHttpHeaders; body?: string | string[] },
): Promise<RawResponse> {
  return rawBytes(opts).then((r) => ({ status: r.status, headers: r.headers, body: r.bytes.toString('utf8') }));
}

function rawBytes(
  opts: { path: string; method?: string; headers?: http.OutgoingHttpHeaders; body?: string | string[] },
): Promise<RawResponse & { bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    // An array is sent as separate writes (chunked, with no Content-Length up front).
    const parts = typeof opts.body === 'string' ? [opts.body] : (opts.body ?? []);
    for (const part of parts.slice(0, -1)) req.write(part);
    req.end(parts.at(-1));
  });
}

const base = () => `http://127.0.0.1:${server.port}`;
const auth = () => ({ 'X-Kiosk-Token': server.sessionSecret });
/** The launch token inside a launch URL. */
const launchToken = (url: string) => new URL(url).searchParams.get('token') ?? '';
/** The path and query of a launch URL, for `raw`. */
const launchPath = (url: string) => `/?token=${launchToken(url)}`;

function postCommand(name: string, body: unknown, headers: Record<string, string> = auth()): Promise<Response> {
  return fetch(`${base()}/api/command/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

function expectSecurityHeaders(headers: Headers | http.IncomingHttpHeaders): void {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name.toLowerCase()]);
  expect(get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(get('X-Content-Type-Options')).toBe('nosniff');
}

describe('binding', () => {
  it('listens on 127.0.0.1 only and hands out a launch URL that does not carry the session secret', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[\\w-]{32}$`));
    expect(server.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(server.url).not.toContain(server.sessionSecret);
    expect(server.launchUrl()).not.toContain(server.sessionSecret);
  });

  it('uses different secrets on every launch', async () => {
    const other = await startBrowserServer(host, { port: 0, rendererDir: path.join(root, 'renderer') });
    try {
      expect(launchToken(other.url)).not.toBe(launchToken(server.url));
      expect(other.sessionSecret).not.toBe(server.sessionSecret);
      expect(other.port).not.toBe(server.port);
    } finally {
      await other.close();
    }
  });
});

describe('the token', () => {
  it.each([
    ['the page', '/', 'GET'],
    ['a script', '/assets/app.js', 'GET'],
    ['a command', '/api/command/flow:get', 'POST'],
    ['the event stream', '/api/events', 'GET'],
  ])('without it, %s is 401 with no data', async (_what, url, method) => {
    // The launch token is not a session credential: as a header or cookie it opens nothing.
    const launch = launchToken(server.url);
    for (const headers of [{}, { 'X-Kiosk-Token': 'wrong' }, { Cookie: 'kiosk_session=wrong' }, { 'X-Kiosk-Token': launch }, { Cookie: `kiosk_session=${launch}` }]) {
      const res = await raw({ path: url, method, headers: { 'Content-Type': 'application/json', ...headers } });
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).not.toContain('event-stream');
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.body).not.toContain('kiosk-test');
      expect(res.body).not.toContain('sessionId');
      expect(res.body.length).toBeLessThan(40);
      expectSecurityHeaders(res.headers);
    }
  });

  it('a wrong token of the right length in the query is 401', async () => {
    const launch = launchToken(server.url);
    const wrong = `${launch.slice(0, -1)}${launch.endsWith('A') ? 'B' : 'A'}`;
    const res = await fetch(`${base()}/?token=${wrong}`, { redirect: 'manual' });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).not.toContain('kiosk-test-page');
  });

  it('in the launch URL is traded for an HttpOnly, SameSite=Strict session cookie and a redirect that drops it', async () => {
    const res = await raw({ path: launchPath(server.url) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(res.body).not.toContain('kiosk-test-page');
    expectSecurityHeaders(res.headers);
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toContain(`kiosk_session=${server.sessionSecret}`);
    expect(cookie).not.toContain(launchToken(server.url));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');

    // Where the redirect leads, the cookie opens the page, with no new cookie.
    const page = await raw({ path: res.headers.location ?? '', headers: { Cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toBe(INDEX_HTML);
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('in the launch URL works once: a second use is 401, even with the session cookie', async () => {
    const first = await raw({ path: launchPath(server.url) });
    expect(first.status).toBe(303);
    const cookie = first.headers['set-cookie']?.[0]?.split(';')[0] ?? '';
    for (const headers of [{}, { Cookie: cookie }]) {
      const again = await raw({ path: launchPath(server.url), headers });
      expect(again.status).toBe(401);
      expect(again.headers['set-cookie']).toBeUndefined();
      expect(again.headers.location).toBeUndefined();
      expect(again.body).not.toContain('kiosk-test-page');
    }
  });

  it('keeps the rest of the query through the redirect', async () => {
    const res = await raw({ path: `/?lang=en&token=${launchToken(server.url)}&x=1` });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/?lang=en&x=1');
  });

  it('mints more single-use launch URLs in-process, each independent', async () => {
    const second = server.launchUrl();
    expect(second).not.toBe(server.url);
    expect((await raw({ path: launchPath(second) })).status).toBe(303);
    expect((await raw({ path: launchPath(second) })).status).toBe(401);
    expect((await raw({ path: launchPath(server.url) })).status).toBe(303);
  });

  it('is refused on the API and on other methods, and is not spent there', async () => {
    const launch = launchToken(server.url);
    expect((await raw({ path: `/api/events?token=${launch}` })).status).toBe(401);
    expect((await raw({ path: `/api/command/flow:get?token=${launch}`, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await raw({ path: `/?token=${launch}`, method: 'POST' })).status).toBe(401);
    expect((await raw({ path: launchPath(server.url) })).status).toBe(303);
  });

  it('in the cookie authorises commands and static files', async () => {
    const page = await raw({ path: launchPath(server.url) });
    const cookie = page.headers['set-cookie']?.[0]?.split(';')[0] ?? '';
    const res = await postCommand('flow:get', {}, { Cookie: cookie });
    expect(res.status).toBe(200);
    expectSecurityHeaders(res.headers);
    const body = (await res.json()) as { ok: boolean; value: unknown };
    expect(body.ok).toBe(true);
    expect(flowViewSchema.parse(body.value)).toEqual(await getView(host));

    const script = await fetch(`${base()}/assets/app.js`, { headers: { Cookie: cookie } });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe(APP_JS);
    // Only spending a launch token sets the cookie.
    expect(script.headers.get('set-cookie')).toBeNull();
  });

  it('in the X-Kiosk-Token header (the session secret) authorises commands', async () => {
    const res = await postCommand('app:info', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { kioskId: 'K01', hardware: 'sim' } });
  });
});

describe('cross-site protection', () => {
  it('refuses a foreign Host header with 421, even with the token', async () => {
    for (const hostHeader of [`evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, 'localhost', `127.0.0.1.evil.example:${server.port}`]) {
      const res = await raw({ path: launchPath(server.url), headers: { Host: hostHeader } });
      expect(res.status, hostHeader).toBe(421);
      expect(res.body).not.toContain('kiosk-test-page');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    // A refused request does not spend the launch token.
    expect((await raw({ path: launchPath(server.url) })).status).toBe(303);
  });

  it('refuses a request without a Host header with 421', async () => {
    // HTTP/1.0 may omit Host (node's client always adds one, so write the request by hand).
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.end(`GET ${launchPath(server.url)} HTTP/1.0\r\n\r\n`);
      });
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply.split('\r\n')[0]).toMatch(/^HTTP\/1\.[01] 421 /);
    expect(reply).not.toContain('kiosk-test-page');
  });

  it('accepts localhost:PORT as the Host', async () => {
    const res = await raw({ path: '/', headers: { ...auth(), Host: `localhost:${server.port}` } });
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX_HTML);
    const launch = await raw({ path: launchPath(server.url), headers: { Host: `localhost:${server.port}` } });
    expect(launch.status).toBe(303);
  });

  it('refuses a foreign Origin with 403, even with the token', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`, `https://127.0.0.1:${server.port}`]) {
      const res = await postCommand('flow:send', { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' }, { ...auth(), Origin: origin });
      expect(res.status, origin).toBe(403);
      expect(await res.text()).not.toContain('sessionId');
    }
    expect((await getView(host)).screen).toEqual({ name: 'welcome' });
  });

  it('accepts its own Origin', async () => {
    const res = await postCommand('flow:get', {}, { ...auth(), Origin: base() });
    expect(res.status).toBe(200);
  });
});

describe('static files', () => {
  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/%2E%2E/package.json',
    '/..%2fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/..%5cpackage.json',
    '/../renderer-evil.txt',
    '/..%2frenderer-evil.txt',
    `/${encodeURIComponent(path.join(path.sep, 'etc', 'passwd'))}`,
    '/index.html%00.js',
  ])('never serves %s outside the renderer folder', async (url) => {
    const res = await raw({ path: url, headers: auth() });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain('root:');
    expectSecurityHeaders(res.headers);
  });

  it('sends a hashed asset as the build compressed it (brotli, else gzip), cacheable for good; the page is compressed here and never cached', async () => {
    const url = `/assets/${HASHED_NAME}`;
    const br = await rawBytes({ path: url, headers: { ...auth(), 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toBe('Accept-Encoding');
    // The build's own copy, byte for byte.
    expect(br.bytes.equals(fs.readFileSync(path.join(root, 'renderer', 'assets', `${HASHED_NAME}.br`)))).toBe(true);
    expect(zlib.brotliDecompressSync(br.bytes).toString('utf8')).toBe(HASHED_JS);
    const gzip = await rawBytes({ path: url, headers: { ...auth(), 'Accept-Encoding': 'gzip, br;q=0' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.bytes).toString('utf8')).toBe(HASHED_JS);
    const plain = await raw({ path: url, headers: auth() });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(HASHED_JS);
    expectSecurityHeaders(plain.headers);
    for (const other of ['/', '/assets/app.js']) {
      const res = await rawBytes({ path: other, headers: { ...auth(), 'Accept-Encoding': 'gzip' } });
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(res.bytes).toString('utf8')).toBe(other === '/' ? INDEX_HTML : APP_JS);
    }
  });

  it('sends a big file the build did not compress as it is, rather than compress it on the host thread', async () => {
    const big = `export const filler = ${JSON.stringify('x'.repeat(200_000))};`;
    fs.writeFileSync(path.join(root, 'renderer', 'assets', 'big-Zz9_8Yy7.js'), big);
    const res = await raw({ path: '/assets/big-Zz9_8Yy7.js', headers: { ...auth(), 'Accept-Encoding': 'br, gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe(big);
  });

  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['gzip;q=1.0, br;q=0.5', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['deflate', 'identity'],
  ] as const)('Accept-Encoding %j is answered with %s', (accept, expected) => {
    expect(chooseEncoding(accept)).toBe(expected);
  });

  it('answers a missing file and a folder with 404', async () => {
    expect((await raw({ path: '/missing.js', headers: auth() })).status).toBe(404);
    expect((await raw({ path: '/assets', headers: auth() })).status).toBe(404);
  });

  it('does not crash on a malformed escape in the path', async () => {
    const res = await raw({ path: '/%E0%A4%A', headers: auth() });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await raw({ path: '/', headers: auth() })).status).toBe(200);
  });
});

describe('commands over HTTP', () => {
  it('runs a command and returns the contract result', async () => {
    const res = await postCommand('flow:send', { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as { ok: true; value: unknown };
    expect(flowViewSchema.parse(body.value).screen).toEqual({ name: 'start', serviceId: 'noCriminalRecord' });
    expect((await getView(host)).screen).toEqual({ name: 'start', serviceId: 'noCriminalRecord' });
  });

  it('passes contract errors through with status 200', async () => {
    const res = await postCommand('flow:send', { type: 'HACK' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    const unknown = await postCommand('nope:nothing', {});
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknownCommand' } });
  });

  it('answers a command name with a malformed escape with unknownCommand', async () => {
    const res = await postCommand('flow%E0%A4%A', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unknownCommand' } });
  });

  it('answers GET on a command with 405', async () => {
    const res = await fetch(`${base()}/api/command/flow:get`, { headers: auth() });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expectSecurityHeaders(res.headers);
  });

  it('answers a body that is not JSON by content type with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await fetch(`${base()}/api/command/flow:send`, {
        method: 'POST',
        headers: { ...auth(), 'Content-Type': type },
        body: JSON.stringify({ type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' }),
      });
      expect(res.status, type).toBe(415);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    }
    expect((await getView(host)).screen).toEqual({ name: 'welcome' });
  });

  it('answers invalid JSON with 400 invalidRequest', async () => {
    const res = await fetch(`${base()}/api/command/flow:send`, {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: '{"type": "SELECT_SERVICE", ',
    });
    expect(res.status).toBe(400);
    expectSecurityHeaders(res.headers);
    const body = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(body).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(body.error.message).not.toBe('');
  });

  it.each([
    ['with a Content-Length', false],
    ['sent in chunks', true],
  ])('refuses a body over 64 KB %s without crashing, and keeps serving', async (_how, chunked) => {
    const before = await getView(host);
    const text = '1'.repeat(70 * 1024);
    const body = JSON.stringify({ type: 'ANSWER', questionId: 'phone', value: { text } });
    const res = await raw({
      path: '/api/command/flow:send',
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json', ...(chunked ? { 'Transfer-Encoding': 'chunked' } : {}) },
      body: chunked ? (body.match(/[^]{1,8192}/g) ?? []) : body,
    });
    expect([400, 413]).toContain(res.status);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(res.body).not.toContain('1111111111');
    expect(res.headers.connection).toBe('close');

    const after = await postCommand('flow:get', {});
    expect(after.status).toBe(200);
    expect(flowViewSchema.parse(((await after.json()) as { value: unknown }).value)).toEqual(before);
    expect(countSubmissions(started.dataDir)).toBe(0);
  });
});

/** Reads server-sent events until `matches` accepts one; returns its event name and data. */
async function readEvent(
  body: ReadableStream<Uint8Array>,
  matches: (event: string, data: string) => boolean,
): Promise<{ event: string; data: string }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('The event stream ended before the expected event.');
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event !== undefined && data !== undefined && matches(event, data)) return { event, data };
      }
    }
  } finally {
    reader.releaseLock();
  }
}

describe('server-sent events', () => {
  it('pushes the flow:snapshot of a command sent over HTTP', async () => {
    const abort = new AbortController();
    try {
      const stream = await fetch(`${base()}/api/events`, { headers: auth(), signal: abort.signal });
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expectSecurityHeaders(stream.headers);
      if (!stream.body) throw new Error('The event stream has no body.');

      const received = readEvent(stream.body, (event, data) => {
        return event === 'flow:snapshot' && flowViewSchema.parse(JSON.parse(data)).screen.name === 'start';
      });
      const res = await postCommand('flow:send', { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
      const view = flowViewSchema.parse(((await res.json()) as { value: unknown }).value);

      const frame = await received;
      expect(frame.event).toBe('flow:snapshot');
      const pushed: FlowView = flowViewSchema.parse(JSON.parse(frame.data));
      expect(pushed).toEqual(view);
    } finally {
      abort.abort();
    }
  });

  it('keeps no personal data in the server log lines', async () => {
    await postCommand('flow:send', { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
    await postCommand('flow:send', { type: 'CONTINUE' });
    await postCommand('sim:presentCard', { residentId: 'zhang' });
    expectNoPersonalData(started.lines);
  });
});

interface OpenStream {
  status: number;
  res: Response;
  abort: () => void;
}

describe('event streams', () => {
  const open: AbortController[] = [];
  afterEach(() => {
    for (const controller of open.splice(0)) controller.abort();
  });

  async function openStream(method = 'GET', at: BrowserServer = server): Promise<OpenStream> {
    const controller = new AbortController();
    open.push(controller);
    const res = await fetch(`http://127.0.0.1:${at.port}/api/events`, {
      method,
      headers: { 'X-Kiosk-Token': at.sessionSecret },
      signal: controller.signal,
    });
    if (res.status !== 200) await res.text();
    return { status: res.status, res, abort: () => controller.abort() };
  }

  /** Opens a stream, allowing the server a moment to see earlier ones close; fails if it never frees a slot. */
  async function openWhenFree(): Promise<OpenStream> {
    return vi.waitFor(async () => {
      const stream = await openStream();
      if (stream.status !== 200) throw new Error(`The stream was refused with ${stream.status}.`);
      return stream;
    }, { timeout: 5_000, interval: 20 });
  }

  it.each(['POST', 'PUT', 'DELETE'])('are opened by GET only: %s is 405 with Allow: GET', async (method) => {
    const stream = await openStream(method);
    expect(stream.status).toBe(405);
    expect(stream.res.headers.get('allow')).toBe('GET');
    expect(stream.res.headers.get('content-type')).not.toContain('event-stream');
    expectSecurityHeaders(stream.res.headers);
    // The refused ones took no slot.
    for (let i = 0; i < MAX_EVENT_STREAMS; i++) expect((await openStream()).status).toBe(200);
  });

  it(`are capped at ${MAX_EVENT_STREAMS} per token: the next one is 429 with a reason`, async () => {
    for (let i = 0; i < MAX_EVENT_STREAMS; i++) {
      const stream = await openStream();
      expect(stream.status).toBe(200);
      expect(stream.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    }
    const refused = await fetch(`${base()}/api/events`, { headers: auth() });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).not.toContain('event-stream');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.text()).toContain(`at most ${MAX_EVENT_STREAMS}`);
    expectSecurityHeaders(refused.headers);
  });

  it('free their slot when closed, so a renderer that reloads again and again keeps getting one', async () => {
    const held: OpenStream[] = [];
    for (let i = 0; i < MAX_EVENT_STREAMS; i++) held.push(await openStream());
    expect((await openStream()).status).toBe(429);
    held.shift()?.abort();
    held.push(await openWhenFree());

    // A reload: the old page's stream closes, the new page opens one; many more times than the cap.
    let current = held.pop();
    for (let reload = 0; reload < MAX_EVENT_STREAMS * 3; reload++) {
      current?.abort();
      current = await openWhenFree();
    }
    expect(current?.status).toBe(200);
  });

  it('end when the server closes', async () => {
    const other = await startBrowserServer(host, { port: 0, rendererDir: path.join(root, 'renderer') });
    const streams = [await openStream('GET', other), await openStream('GET', other)];
    const ended = streams.map(async ({ res }) => {
      const reader = res.body!.getReader();
      try {
        for (;;) if ((await reader.read()).done) return 'ended';
      } catch {
        // The socket going away mid-read also ends the stream.
        return 'ended';
      }
    });
    await other.close();
    expect(await Promise.all(ended)).toEqual(['ended', 'ended']);
  });
});
