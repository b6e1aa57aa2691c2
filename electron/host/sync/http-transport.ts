import http from 'node:http';
import https from 'node:https';

/** One request of the uplink; `path` is appended to the platform's base url. */
export interface TransportRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Aborting it ends the request at once, whatever stage it is in. */
  signal: AbortSignal;
}

/** The platform's answer, body read in full. */
export interface TransportResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** How the uplink reaches the platform; tests may inject their own. */
export interface UplinkTransport {
  request(req: TransportRequest): Promise<TransportResponse>;
  /** Drops pooled connections. */
  close(): void;
}

/**
 * The request never got an answer. `code` is a short code safe to log and store:
 * 'aborted', 'tooLarge', `network:<errno>` or `tls:<code>`; never a message, which can
 * carry addresses or parts of the exchange.
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(readonly code: string) {
    super(`The platform could not be reached (${code}).`);
  }
}

/** PEM contents for (mutual) TLS. */
export interface TlsMaterial {
  cert?: Buffer;
  key?: Buffer;
  ca?: Buffer;
}

// A status answer for a full page is a few KB; anything near this is not our platform.
const MAX_RESPONSE_BYTES = 1024 * 1024;

// Node reports certificate problems by OpenSSL's names; they are configuration, not weather.
const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|HOSTNAME_MISMATCH)/;

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[A-Z0-9_]{1,64}$/.test(code)) return 'network:unknown';
  return TLS_CODE.test(code) ? `tls:${code}` : `network:${code}`;
}

/**
 * node:http(s) with an optional client certificate (node's fetch needs undici's dispatcher
 * for that). Keep-alive, at most two sockets: one request per kind is ever in flight.
 */
export function createHttpTransport(baseUrl: string, tls: TlsMaterial = {}): UplinkTransport {
  const base = new URL(baseUrl);
  const secure = base.protocol === 'https:';
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: 2, cert: tls.cert, key: tls.key, ca: tls.ca, rejectUnauthorized: true })
    : new http.Agent({ keepAlive: true, maxSockets: 2 });
  const prefix = base.pathname.replace(/\/+$/, '');

  const request = (req: TransportRequest): Promise<TransportResponse> =>
    new Promise<TransportResponse>((resolve, reject) => {
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        req.signal.removeEventListener('abort', onAbort);
        outcome();
      };
      const fail = (error: unknown) => finish(() => reject(error instanceof TransportError ? error : new TransportError(errorCode(error))));
      const onAbort = () => {
        outgoing.destroy();
        finish(() => reject(new TransportError('aborted')));
      };
      const headers: http.OutgoingHttpHeaders = { accept: 'application/json', ...req.headers };
      if (req.body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(req.body);
      }
      const options: https.RequestOptions = {
        protocol: base.protocol,
        hostname: base.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: base.port || undefined,
        method: req.method,
        path: prefix + req.path,
        headers,
        agent,
      };
      const outgoing = (secure ? https : http).request(options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            outgoing.destroy();
            fail(new TransportError('tooLarge'));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          finish(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })),
        );
        res.on('error', fail);
        // A socket closed mid-body ends neither with 'end' nor always with 'error'.
        res.on('close', () => {
          if (!res.complete) fail(new TransportError('network:ECONNRESET'));
        });
      });
      outgoing.on('error', fail);
      if (req.signal.aborted) {
        onAbort();
        return;
      }
      req.signal.addEventListener('abort', onAbort, { once: true });
      outgoing.end(req.body);
    });

  return { request, close: () => agent.destroy() };
}
