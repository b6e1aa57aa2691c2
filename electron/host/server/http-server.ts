import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp';
import type { Host } from '../host-types';
import { FACE_BURST } from '../../../shared/contract';

const MAX_BODY = 64 * 1024;
// Camera frames: the resident's photo, staff's camera test, the face check's burst. Every other command fits in MAX_BODY.
const LARGE_BODY: Partial<Record<string, number>> = {
  'photo:check': 8 * 1024 * 1024,
  'staff:cameraTest': 8 * 1024 * 1024,
  'face:verify': FACE_BURST.maxFrames * (FACE_BURST.maxFrameBase64 + 8) + 1024,
};
const COOKIE = 'kiosk_session';
const HEARTBEAT_MS = 15_000;
/**
 * Event streams open at once on the session secret. The renderer needs one; a few more cover a
 * reload whose old stream the server has not yet seen close. Without a cap, anyone holding the
 * secret could pin sockets and memory until the kiosk stops answering.
 */
export const MAX_EVENT_STREAMS = 4;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const BASE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface BrowserServer {
  /** The launch URL minted at start: single-use, its first page load trades it for the session cookie. */
  url: string;
  port: number;
  /** Mints another single-use launch URL; in-process only (tests, or a window opened again). */
  launchUrl(): string;
  /**
   * The session secret: the cookie's value and what the `X-Kiosk-Token` header takes. In-process
   * only: never printed, never in a URL or on a command line.
   */
  sessionSecret: string;
  close(): Promise<void>;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(header: string | undefined): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return undefined;
}

/** A built file whose name carries its content hash: it never changes under that name. */
const HASHED_ASSET = /^assets\/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);
/** Compressed on request only up to this size (the page itself); bigger files are compressed at build time. */
const SMALL_FILE = 32 * 1024;
type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts (`br`, then `gzip`), honouring `q=0`. */
export function chooseEncoding(accept: string | undefined): Encoding {
  const offered = new Map<string, number>();
  for (const part of (accept ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    offered.set(name, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const ok = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : 'identity';
}

/**
 * The file's bytes in `encoding`: the build's precompressed copy beside it (`.br`, `.gz`) where
 * there is one, else the page and other small files compressed here (a kilobyte or two). A big
 * file without a copy goes out as it is: compressing it would hold the host's thread.
 */
function encodedBody(file: string, encoding: Encoding): { body: Buffer; encoding: Encoding } {
  if (encoding === 'identity') return { body: fs.readFileSync(file), encoding };
  const copy = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
  if (fs.existsSync(copy)) return { body: fs.readFileSync(copy), encoding };
  const body = fs.readFileSync(file);
  if (body.length > SMALL_FILE) return { body, encoding: 'identity' };
  return { body: encoding === 'br' ? zlib.brotliCompressSync(body) : zlib.gzipSync(body), encoding };
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) {
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': type, ...extra });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}) {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), extra);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = Number(req.headers['content-length'] ?? 0) > limit ? Infinity : 0;
    const tooLarge = () => reject(new RangeError('The request is too large.'));
    if (size > limit) tooLarge();
    // Past the limit the rest is read and dropped rather than the socket destroyed, so the
    // client still gets its answer; the caller closes the connection after it.
    req.on('data', (chunk: Buffer) => {
      if (size > limit) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// A malformed escape (`%E0%A4%A`) is the client's mistake, not a server error.
function decodePath(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/**
 * Browser mode: serves the renderer and binds the contract over HTTP (commands) and
 * server-sent events (pushed events), on 127.0.0.1 only, behind a session secret that a
 * single-use launch token is exchanged for.
 */
export async function startBrowserServer(
  host: Host,
  opts: { port: number; rendererDir: string },
): Promise<BrowserServer> {
  // Two secrets, because the launch URL is seen where secrets should not be (`ps` shows
  // Chromium's command line, the terminal shows the printed line): the launch token is spent
  // on its first use, and the session secret it buys travels only in an HttpOnly cookie or
  // an in-process header.
  const sessionSecret = randomBytes(32).toString('base64url');
  const launchTokens = new Set<string>();
  const rendererDir = path.resolve(opts.rendererDir);
  const streams = new Set<http.ServerResponse>();
  let origin = '';

  const mintLaunchUrl = () => {
    const launch = randomBytes(24).toString('base64url');
    launchTokens.add(launch);
    return `${origin}/?token=${launch}`;
  };

  /** Spends the launch token if it is one not yet used; false for a wrong or spent one. */
  const spendLaunchToken = (given: string): boolean => {
    for (const launch of launchTokens) {
      if (sameToken(given, launch)) {
        launchTokens.delete(launch);
        return true;
      }
    }
    return false;
  };

  const authorised = (req: http.IncomingMessage): boolean =>
    sameToken(cookieToken(req.headers.cookie), sessionSecret) ||
    sameToken(req.headers['x-kiosk-token'] as string | undefined, sessionSecret);

  // The page that spent the launch token goes on to the same address without it, so the token
  // is not left in the address bar or the history; the cookie rides on this redirect.
  const exchangeLaunchToken = (res: http.ServerResponse, url: URL) => {
    const next = new URLSearchParams(url.searchParams);
    next.delete('token');
    const query = next.toString();
    send(res, 303, 'text/plain; charset=utf-8', 'See other', {
      Location: `${url.pathname}${query === '' ? '' : `?${query}`}`,
      'Set-Cookie': `${COOKIE}=${sessionSecret}; HttpOnly; SameSite=Strict; Path=/`,
    });
  };

  const serveStatic = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const rel = url.pathname === '/' ? 'index.html' : decodePath(url.pathname.slice(1));
    const file = rel === undefined ? '' : path.resolve(rendererDir, rel);
    if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      send(res, 404, 'text/plain; charset=utf-8', 'Not found');
      return;
    }
    const ext = path.extname(file);
    const immutable = HASHED_ASSET.test(rel!);
    const sent = encodedBody(file, COMPRESSIBLE.has(ext) ? chooseEncoding(req.headers['accept-encoding']) : 'identity');
    send(res, 200, TYPES[ext] ?? 'application/octet-stream', sent.body, {
      // Hashed assets are cached for good; the page itself (which names them) never is.
      ...(immutable ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {}),
      ...(COMPRESSIBLE.has(ext) ? { Vary: 'Accept-Encoding' } : {}),
      ...(sent.encoding === 'identity' ? {} : { 'Content-Encoding': sent.encoding }),
    });
  };

  const handleCommand = async (req: http.IncomingMessage, res: http.ServerResponse, name: string) => {
    if (req.method !== 'POST') {
      send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed', { Allow: 'POST' });
      return;
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(res, 415, { ok: false, error: { code: 'invalidRequest', message: 'Send JSON.' } });
      return;
    }
    let body: unknown;
    try {
      const text = await readBody(req, LARGE_BODY[name] ?? MAX_BODY);
      body = text === '' ? {} : JSON.parse(text);
    } catch (error) {
      const tooLarge = error instanceof RangeError;
      const message = tooLarge ? error.message : 'The request is not valid JSON.';
      // After a body too large to read, the connection ends with this answer.
      sendJson(res, 400, { ok: false, error: { code: 'invalidRequest', message } }, tooLarge ? { Connection: 'close' } : {});
      return;
    }
    sendJson(res, 200, await host.handle(name, body));
  };

  const openStream = (req: http.IncomingMessage, res: http.ServerResponse) => {
    // EventSource only ever sends GET; any other method opening a long-lived stream is not ours.
    if (req.method !== 'GET') {
      send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed', { Allow: 'GET' });
      return;
    }
    // There is one session secret, so this cap is per token and per kiosk alike.
    if (streams.size >= MAX_EVENT_STREAMS) {
      send(res, 429, 'text/plain; charset=utf-8', `Too many event streams: at most ${MAX_EVENT_STREAMS} at once. Close one and try again.`, {
        'Retry-After': '5',
      });
      return;
    }
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    // The response's close fires both when the client goes away (a reload, EventSource's own
    // reconnect) and when the server ends the stream, so the slot is freed either way.
    res.once('close', () => {
      clearInterval(heartbeat);
      streams.delete(res);
    });
  };

  const unsubscribe = host.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // A page on another site must not reach the kiosk through the resident's browser
      // (DNS rebinding, cross-site requests): only our own host name and origin pass.
      const hostHeader = req.headers.host ?? '';
      if (hostHeader !== new URL(origin).host && hostHeader !== `localhost:${new URL(origin).port}`) {
        send(res, 421, 'text/plain; charset=utf-8', 'Misdirected request');
        return;
      }
      if (req.headers.origin !== undefined && req.headers.origin !== origin && req.headers.origin !== `http://${hostHeader}`) {
        send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
        return;
      }
      const launch = url.searchParams.get('token');
      if (launch !== null) {
        // A token in the URL is judged on its own, whatever cookie comes with it: so a second
        // use of a launch token fails visibly, and the API never takes a credential from a URL.
        if (req.method === 'GET' && !url.pathname.startsWith('/api/') && spendLaunchToken(launch)) exchangeLaunchToken(res, url);
        else send(res, 401, 'text/plain; charset=utf-8', 'Unauthorized', { 'WWW-Authenticate': 'Bearer' });
        return;
      }
      if (!authorised(req)) {
        send(res, 401, 'text/plain; charset=utf-8', 'Unauthorized', { 'WWW-Authenticate': 'Bearer' });
        return;
      }
      if (url.pathname.startsWith('/api/command/')) {
        const name = url.pathname.slice('/api/command/'.length);
        // An undecodable name stays encoded, and so matches no command.
        await handleCommand(req, res, decodePath(name) ?? name);
      } else if (url.pathname === '/api/events') {
        openStream(req, res);
      } else if (req.method === 'GET') {
        serveStatic(req, res, url);
      } else {
        send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
      }
    })().catch(() => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Server error.' } });
      else res.end();
    });
  });

  // A client that stalls mid-request must not hold a reader open for ever. These bound
  // receiving the request only, so the long-lived event stream is not cut.
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: mintLaunchUrl(),
    port,
    launchUrl: mintLaunchUrl,
    sessionSecret,
    close: async () => {
      unsubscribe();
      for (const stream of streams) stream.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
