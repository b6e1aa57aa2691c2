import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flowViewSchema, type FlowView } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import type { Host } from '../../electron/host/host';
import { startBrowserServer, type BrowserServer } from '../../electron/host/server/http-server';
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
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
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
const auth = () => ({ 'X-Kiosk-Token': server.token });

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
  it('listens on 127.0.0.1 only and hands out a URL with the token', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(24);
  });

  it('uses a different token on every launch', async () => {
    const other = await startBrowserServer(host, { port: 0, rendererDir: path.join(root, 'renderer') });
    try {
      expect(other.token).not.toBe(server.token);
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
    for (const headers of [{}, { 'X-Kiosk-Token': 'wrong' }, { Cookie: 'kiosk_token=wrong' }]) {
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
    const wrong = `${server.token.slice(0, -1)}${server.token.endsWith('A') ? 'B' : 'A'}`;
    const res = await fetch(`${base()}/?token=${wrong}`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('kiosk-test-page');
  });

  it('in the query opens the page and sets an HttpOnly, SameSite=Strict cookie', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe(INDEX_HTML);
    expectSecurityHeaders(res.headers);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`kiosk_token=${server.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
  });

  it('in the cookie authorises commands and static files', async () => {
    const page = await fetch(server.url);
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
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
    // Only the token in the query sets the cookie.
    expect(script.headers.get('set-cookie')).toBeNull();
  });

  it('in the X-Kiosk-Token header authorises commands', async () => {
    const res = await postCommand('app:info', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { kioskId: 'K01', hardware: 'sim' } });
  });
});

describe('cross-site protection', () => {
  it('refuses a foreign Host header with 421, even with the token', async () => {
    for (const hostHeader of [`evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, 'localhost', `127.0.0.1.evil.example:${server.port}`]) {
      const res = await raw({ path: `/?token=${server.token}`, headers: { Host: hostHeader } });
      expect(res.status, hostHeader).toBe(421);
      expect(res.body).not.toContain('kiosk-test-page');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('refuses a request without a Host header with 421', async () => {
    // HTTP/1.0 may omit Host (node's client always adds one, so write the request by hand).
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.end(`GET /?token=${server.token} HTTP/1.0\r\n\r\n`);
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
    const res = await raw({ path: `/?token=${server.token}`, headers: { Host: `localhost:${server.port}` } });
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX_HTML);
  });

  it('refuses a foreign Origin with 403, even with the token', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`, `https://127.0.0.1:${server.port}`]) {
      const res = await postCommand('flow:send', { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' }, { ...auth(), Origin: origin });
      expect(res.status, origin).toBe(403);
      expect(await res.text()).not.toContain('sessionId');
    }
    expect((await getView(host)).screen).toBe('welcome');
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
    expect(flowViewSchema.parse(body.value).screen).toBe('start');
    expect((await getView(host)).screen).toBe('start');
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
    expect((await getView(host)).screen).toBe('welcome');
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
      const stream = await fetch(`${base()}/api/events?token=${server.token}`, { signal: abort.signal });
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expectSecurityHeaders(stream.headers);
      if (!stream.body) throw new Error('The event stream has no body.');

      const received = readEvent(stream.body, (event, data) => {
        return event === 'flow:snapshot' && flowViewSchema.parse(JSON.parse(data)).screen === 'start';
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
