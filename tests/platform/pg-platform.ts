/**
 * The reference platform on PostgreSQL: a small HTTP(S) server on 127.0.0.1 that speaks the
 * kiosk uplink protocol v1 (electron/host/sync/uplink.ts) as the real uplink sends it, and keeps
 * everything in PostgreSQL (tables in pg-schema.ts). Where the in-memory reference receiver
 * (tests/fixtures/reference-receiver.ts) is for injecting faults, this one is for scale and for
 * outages: its idempotency is the database's UNIQUE constraints, not a map in memory, so it
 * survives its own restart and a restart of PostgreSQL.
 *
 *   Every request: `X-Kiosk-Id` (a kiosk code; 400 without); `Authorization: Bearer <token>` when
 *   the platform has one (401 otherwise); over HTTPS with a CA, a client certificate whose common
 *   name is `kiosk-<X-Kiosk-Id>` (403 otherwise). A body's kioskId must match the header (400).
 *   POST /submissions      Idempotency-Key: the item's key for one item, `batch-` + 32 hex of
 *                          sha256(sorted item keys joined by "\n") for a batch (400 otherwise).
 *   GET  /submissions/status?refs=...   the kiosk's own submissions only.
 *   POST /reviews          Idempotency-Key `reviews-...` required.
 *   POST /kiosk-status     the heartbeat (heartbeatSchema), Idempotency-Key `heartbeat-<ms>-<seq>`.
 *   GET  /kiosk-config     the kiosk's row of kiosk_config, ETag `"<version>"`; 304 when If-None-Match
 *                          names that version, 404 when the kiosk has no row.
 *   POST /lookups/{kind}   answered from lookup_data (404 when none); /codes/*: 501.
 *   PostgreSQL unreachable or failing: 503 with Retry-After: 1, so the kiosk backs off and resends.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import pg from 'pg';
import { z } from 'zod';
import { isKioskCode } from '../../shared/domain/reference';
import { configEtag, heartbeatKey, heartbeatSchema } from '../../electron/host/sync/uplink-protocol';
import { bodySchema, parseJson, readBody, type ReceiverOptions } from '../fixtures/reference-receiver';
import { PLATFORM_SCHEMA } from './pg-schema';
import { inTransaction, ingestHeartbeat, ingestReviews, ingestSubmissions, lookup, paramsKey, statusesOf } from './pg-ingest';

const reviewsSchema = z.object({
  kioskId: z.string(),
  reviews: z.array(z.looseObject({ id: z.number().int(), reference: z.string(), decision: z.enum(['approve', 'reject', 'moreInfo']) })).min(1).max(500),
});
const lookupSchema = z.object({ kioskId: z.string(), params: z.record(z.string(), z.string()) });

/** What the platform answered, by outcome, for the bench and for tests. */
export interface PlatformCounters {
  requests: number;
  /** 503s because PostgreSQL could not be reached or failed. */
  unavailable: number;
  /** 4xx answers: a kiosk that sent what the protocol does not allow. */
  refused: number;
}

/** Creates the platform's tables in an empty database. */
export async function createPlatformSchema(connection: pg.ClientConfig): Promise<void> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    await client.query(PLATFORM_SCHEMA);
  } finally {
    await client.end();
  }
}

/** The key a batch of items must carry, by the protocol's words (not the kiosk's code). */
function batchKey(itemKeys: readonly string[]): string {
  return `batch-${createHash('sha256').update([...itemKeys].sort().join('\n')).digest('hex').slice(0, 32)}`;
}

// A status no answer has: the connection is cut instead.
const CUT = -1;

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

/** The reference platform: HTTP on 127.0.0.1, PostgreSQL behind it. */
export class PgPlatform {
  readonly counters: PlatformCounters = { requests: 0, unavailable: 0, refused: 0 };
  private server: http.Server | undefined;
  private port = 0;
  private cuts = 0;

  private constructor(
    /** The platform's connections to PostgreSQL for submissions, reviews, statuses and lookups. */
    readonly pool: pg.Pool,
    // Heartbeats have connections of their own: a flood of submissions after an outage must not
    // keep the monitoring waiting behind it.
    private readonly heartbeatPool: pg.Pool,
    private readonly opts: ReceiverOptions,
  ) {
    for (const p of [pool, heartbeatPool]) {
      // A server restart cuts connections, idle or in use: the query in flight fails (a 503), the
      // pool drops the connection and opens a new one on demand. Without these listeners the
      // connection's 'error' event would be thrown.
      p.on('error', () => undefined);
      p.on('connect', (client) => client.on('error', () => undefined));
    }
  }

  /** Starts the platform on a free port (or `port`), with `poolSize` connections (and two for heartbeats). */
  static async start(connection: pg.ClientConfig, opts: ReceiverOptions & { poolSize?: number; port?: number } = {}): Promise<PgPlatform> {
    const pool = (max: number, options?: string) => new pg.Pool({ ...connection, max, connectionTimeoutMillis: 5_000, ...(options ? { options } : {}) });
    // A heartbeat is soft state: the next one replaces it within a period, so its commit does not
    // wait for the disk (a crash of PostgreSQL may lose the last moment's heartbeats, never a
    // submission). Submissions commit with the server's default, synchronously.
    const platform = new PgPlatform(pool(opts.poolSize ?? 4), pool(2, '-c synchronous_commit=off'), opts);
    await platform.listen(opts.port ?? 0);
    return platform;
  }

  /** The base url to configure the uplink with. */
  get url(): string {
    return `${this.opts.tls ? 'https' : 'http'}://127.0.0.1:${this.port}${this.opts.basePath ?? ''}`;
  }

  /** Listens again (after stopHttp) on the same port, so the kiosks' configured url holds. */
  async listen(port = this.port): Promise<void> {
    if (this.server) return;
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => void this.handle(req, res);
    const tls = this.opts.tls;
    const server = tls
      ? https.createServer({ key: tls.key, cert: tls.cert, ca: tls.ca, requestCert: tls.ca !== undefined, rejectUnauthorized: tls.ca !== undefined }, handler)
      : http.createServer(handler);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Takes the HTTP side down: the port refuses connections, open ones are cut. PostgreSQL stays. */
  async stopHttp(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Stops listening and closes the pool. */
  async close(): Promise<void> {
    await this.stopHttp();
    await Promise.all([this.pool.end(), this.heartbeatPool.end()]);
  }

  /**
   * The next `times` submit requests are committed and then their connection is cut before the
   * answer: the platform going down at the worst moment. The kiosk sends them again; the keys
   * make the second time a 'duplicate'.
   */
  cutAfterCommit(times: number): void {
    this.cuts += times;
  }

  /** The platform decides on a stored submission. */
  async decide(reference: string, decision: { state: 'accepted'; certificateReady?: boolean } | { state: 'rejected'; reason: string }): Promise<void> {
    await this.pool.query('UPDATE submissions SET state = $2, reason = $3, certificate_ready = $4 WHERE reference = $1', [
      reference,
      decision.state,
      decision.state === 'rejected' ? decision.reason : null,
      decision.state === 'accepted' && decision.certificateReady === true,
    ]);
  }

  /** The configuration a kiosk is to run, at a version (the body served is { version, ...config }). */
  async setConfig(kioskId: string, version: number, config: { settings: unknown; notices: unknown }): Promise<void> {
    await this.pool.query(
      'INSERT INTO kiosk_config (kiosk_id, version, config) VALUES ($1, $2, $3) ON CONFLICT (kiosk_id) DO UPDATE SET version = EXCLUDED.version, config = EXCLUDED.config, updated_at = clock_timestamp()',
      [kioskId, version, JSON.stringify({ version, ...config })],
    );
  }

  /** What a lookup of this kind and these parameters answers. */
  async addLookup(kind: string, params: Record<string, string>, data: unknown): Promise<void> {
    await this.pool.query('INSERT INTO lookup_data (kind, params_key, data) VALUES ($1, $2, $3) ON CONFLICT (kind, params_key) DO UPDATE SET data = EXCLUDED.data', [kind, paramsKey(params), JSON.stringify(data)]);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.counters.requests += 1;
    try {
      const [status, body, headers] = await this.route(req);
      if (status === CUT) {
        req.socket.destroy();
        return;
      }
      if (status === 304) {
        res.writeHead(304, headers).end();
        return;
      }
      this.answer(res, status, body, headers);
    } catch (error) {
      if (error instanceof Refusal) {
        this.counters.refused += 1;
        this.answer(res, error.status, { error: error.code });
        return;
      }
      // PostgreSQL is down, restarting or failing: later, not never.
      this.counters.unavailable += 1;
      if (!res.headersSent && !res.destroyed) res.setHeader('retry-after', '1');
      this.answer(res, 503, { error: 'unavailable' });
    }
  }

  private async route(req: http.IncomingMessage): Promise<[number, unknown, Record<string, string>?]> {
    const url = new URL(req.url ?? '/', 'http://platform');
    const base = this.opts.basePath ?? '';
    if (!url.pathname.startsWith(base)) throw new Refusal(404, 'notFound');
    const route = url.pathname.slice(base.length);
    const kioskId = this.kioskOf(req);
    const body = req.method === 'POST' ? await readBody(req) : '';
    const key = req.headers['idempotency-key'];
    if (req.method === 'POST' && route === '/submissions') {
      const parsed = bodySchema.safeParse(parseJson(body));
      if (!parsed.success) throw new Refusal(400, 'badRequest');
      this.sameKiosk(kioskId, parsed.data.kioskId);
      const keys = parsed.data.submissions.map((s) => (s as { idempotencyKey?: unknown } | null)?.idempotencyKey);
      const expected = keys.length === 1 ? keys[0] : keys.every((k) => typeof k === 'string') ? batchKey(keys) : undefined;
      if (key === undefined) throw new Refusal(400, 'idempotencyKeyMissing');
      if (key !== expected) throw new Refusal(400, 'idempotencyKeyMismatch');
      const clientName = this.clientName(req);
      const answer = await this.withDb((db) => inTransaction(db, () => ingestSubmissions(db, parsed.data, clientName)));
      if (this.cuts > 0) {
        this.cuts -= 1;
        return [CUT, undefined];
      }
      return [200, answer];
    }
    if (req.method === 'GET' && route === '/submissions/status') {
      const refs = (url.searchParams.get('refs') ?? '').split(',').filter((r) => r !== '');
      return [200, { statuses: await this.withDb((db) => statusesOf(db, kioskId, refs)) }];
    }
    if (req.method === 'POST' && route === '/reviews') {
      const parsed = reviewsSchema.safeParse(parseJson(body));
      if (!parsed.success) throw new Refusal(400, 'badRequest');
      this.sameKiosk(kioskId, parsed.data.kioskId);
      if (typeof key !== 'string' || !key.startsWith('reviews-')) throw new Refusal(400, 'idempotencyKeyMissing');
      return [200, { stored: await this.withDb((db) => ingestReviews(db, kioskId, parsed.data.reviews)) }];
    }
    if (req.method === 'POST' && route === '/kiosk-status') {
      const parsed = heartbeatSchema.safeParse(parseJson(body));
      if (!parsed.success) throw new Refusal(400, 'schema');
      this.sameKiosk(kioskId, parsed.data.kioskId);
      if (key !== heartbeatKey(parsed.data)) throw new Refusal(400, 'idempotencyKeyMismatch');
      await this.withDb((db) => ingestHeartbeat(db, key, parsed.data), this.heartbeatPool);
      return [200, {}];
    }
    if (req.method === 'GET' && route === '/kiosk-config') {
      const row = await this.withDb(async (db) => (await db.query<{ version: string; config: unknown }>('SELECT version, config FROM kiosk_config WHERE kiosk_id = $1', [kioskId])).rows[0]);
      if (row === undefined) return [404, { error: 'notFound' }];
      const etag = configEtag(Number(row.version));
      return req.headers['if-none-match'] === etag ? [304, undefined, { etag }] : [200, row.config, { etag }];
    }
    if (req.method === 'POST' && route.startsWith('/lookups/')) {
      const parsed = lookupSchema.safeParse(parseJson(body));
      if (!parsed.success) throw new Refusal(400, 'badRequest');
      this.sameKiosk(kioskId, parsed.data.kioskId);
      const data = await this.withDb((db) => lookup(db, kioskId, route.slice('/lookups/'.length), parsed.data.params));
      return data === undefined ? [404, { error: 'notFound' }] : [200, { data }];
    }
    if (req.method === 'POST' && route.startsWith('/codes/')) throw new Refusal(501, 'notImplemented');
    throw new Refusal(404, 'notFound');
  }

  // Who is calling: the kiosk the headers name, checked against the token and the certificate.
  private kioskOf(req: http.IncomingMessage): string {
    if (this.opts.bearerToken !== undefined && req.headers.authorization !== `Bearer ${this.opts.bearerToken}`) throw new Refusal(401, 'unauthorized');
    const kioskId = req.headers['x-kiosk-id'];
    if (typeof kioskId !== 'string' || !isKioskCode(kioskId)) throw new Refusal(400, 'kioskIdMissing');
    if (this.opts.tls?.ca !== undefined && this.clientName(req) !== `kiosk-${kioskId}`) throw new Refusal(403, 'certificateNotThisKiosk');
    return kioskId;
  }

  private sameKiosk(header: string, body: string): void {
    if (header !== body) throw new Refusal(400, 'kioskIdMismatch');
  }

  private clientName(req: http.IncomingMessage): string | null {
    const cn = (req.socket as Partial<TLSSocket>).getPeerCertificate?.()?.subject?.CN;
    return typeof cn === 'string' ? cn : null;
  }

  private async withDb<T>(work: (db: pg.PoolClient) => Promise<T>, pool = this.pool): Promise<T> {
    const db = await pool.connect();
    let broken: Error | undefined;
    try {
      return await work(db);
    } catch (error) {
      broken = error instanceof Error ? error : new Error('query failed');
      throw error;
    } finally {
      // A connection that failed mid-transaction is not given back to be used again.
      db.release(broken);
    }
  }

  private answer(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.destroyed || res.headersSent) return;
    res.writeHead(status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}
