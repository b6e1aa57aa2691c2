/**
 * The PostgreSQL reference platform speaks the protocol as strictly as the kiosk is held to it:
 * who may call (token, certificate), idempotency keys, the heartbeat's strict schema, the audit
 * check, lookups; and it says which package is missing when PostgreSQL is not installed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasOpenssl, makeTestPki, type TestPki } from '../fixtures/test-pki';
import { openFleetKiosk, type FleetKiosk } from '../platform/fleet-kiosk';
import { findPgBin, startPgCluster, type PgCluster } from '../platform/pg-cluster';
import { createPlatformSchema, PgPlatform } from '../platform/pg-platform';
import { GENESIS } from '../fixtures/reference-receiver';

const TOKEN = 'pg-platform-test-token';

let cluster: PgCluster | undefined;
let platform: PgPlatform | undefined;
let root: string;
let pki: TestPki;
const open: (FleetKiosk | PgPlatform)[] = [];

beforeAll(async () => {
  if (!hasOpenssl()) throw new Error('These tests need the openssl command line tool on PATH to make test certificates.');
  cluster = await startPgCluster();
  await createPlatformSchema(cluster.connection);
  platform = await PgPlatform.start(cluster.connection, { bearerToken: TOKEN });
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-pg-platform-'));
  pki = makeTestPki(root);
}, 120_000);

afterEach(async () => {
  for (const item of open.splice(0)) await item.close();
});

afterAll(async () => {
  await platform?.close();
  await cluster?.destroy();
  if (root) fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

/** A raw request to the platform, as a kiosk that breaks the rules would send it. */
async function post(route: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${platform!.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'x-kiosk-id': 'K05', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

const item = (n: number) => ({
  reference: `JN-K05A-000${n}-0`,
  idempotencyKey: `raw-${n}`,
  serviceId: 'noCriminalRecord',
  lang: 'en',
  createdAt: '2031-05-06T22:00:00.000Z',
  payload: { applicant: {}, answers: {} },
});
const entry = (seq: number, prevHash: string, hash: string) => ({ seq, at: 0, actor: 'kiosk', action: 'test', subject: null, detail: {}, prevHash, hash, keyId: null });

describe('the PostgreSQL platform', () => {
  it('says which package to install when PostgreSQL is missing', () => {
    expect(() => findPgBin(path.join(root, 'no-postgresql-here'))).toThrow(/PostgreSQL is not installed.*apt-get install -y --no-install-recommends postgresql/);
    expect(findPgBin()).toMatch(/^\/usr\/lib\/postgresql\/\d+\/bin$/);
  });

  it('refuses a caller without the token or a kiosk code, and requests with the wrong keys', async () => {
    const audit = { head: { count: 0, hash: GENESIS }, entries: [] };
    expect((await post('/submissions', { kioskId: 'K05', submissions: [item(1)], audit }, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await post('/submissions', { kioskId: 'K05', submissions: [item(1)], audit }, { 'x-kiosk-id': 'not a kiosk' })).status).toBe(400);
    expect(await post('/submissions', { kioskId: 'K06', submissions: [item(1)], audit }, { 'idempotency-key': 'raw-1' })).toMatchObject({ status: 400, json: { error: 'kioskIdMismatch' } });
    expect(await post('/submissions', { kioskId: 'K05', submissions: [item(1)], audit }, { 'idempotency-key': 'raw-2' })).toMatchObject({ status: 400, json: { error: 'idempotencyKeyMismatch' } });
    expect(await post('/submissions', { kioskId: 'K05', submissions: [item(1), item(2)], audit }, { 'idempotency-key': 'batch-0' })).toMatchObject({ status: 400, json: { error: 'idempotencyKeyMismatch' } });
    expect((await platform!.pool.query('SELECT count(*)::int AS n FROM submissions')).rows[0]).toEqual({ n: 0 });

    // The heartbeat's schema is strict: a device's free-text detail is not let in.
    const kiosk = openFleetKiosk({ dir: path.join(root, 'k05'), n: 0, kioskId: 'K05', url: platform!.url, bearerToken: TOKEN });
    open.push(kiosk);
    await kiosk.uplink.syncOnce();
    const { rows } = await platform!.pool.query<{ body: Record<string, unknown>; idempotency_key: string }>('SELECT body, idempotency_key FROM heartbeats');
    expect(rows).toHaveLength(1);
    const beat = rows[0]!.body;
    const withDetail = { ...beat, devices: { receiptPrinter: { device: 'hardwareError', detail: 'cover open' } } };
    expect(await post('/kiosk-status', withDetail, { 'idempotency-key': rows[0]!.idempotency_key })).toMatchObject({ status: 400, json: { error: 'schema' } });
    expect(await post('/kiosk-status', beat, { 'idempotency-key': 'heartbeat-1-1' })).toMatchObject({ status: 400, json: { error: 'idempotencyKeyMismatch' } });
    // The same heartbeat again is taken and kept once.
    expect((await post('/kiosk-status', beat, { 'idempotency-key': rows[0]!.idempotency_key })).status).toBe(200);
    expect((await platform!.pool.query('SELECT count(*)::int AS n FROM heartbeats')).rows[0]).toEqual({ n: 1 });
  });

  it('flags an audit log with a gap, a rewritten entry, or one that became shorter', async () => {
    const send = (n: number, audit: unknown) => post('/submissions', { kioskId: 'K05', submissions: [item(n)], audit }, { 'idempotency-key': `raw-${n}` });
    expect((await send(3, { head: { count: 2, hash: 'b' }, entries: [entry(2, 'a', 'b')] })).json).toMatchObject({ results: [{ status: 'stored' }], audit: { problem: 'gap', at: 2 } });
    expect((await send(4, { head: { count: 2, hash: 'b' }, entries: [entry(1, GENESIS, 'a'), entry(2, 'a', 'b')] })).json).toMatchObject({ audit: { acceptedThrough: 2 } });
    expect((await send(5, { head: { count: 2, hash: 'c' }, entries: [entry(2, 'a', 'c')] })).json).toMatchObject({ audit: { problem: 'forked', at: 2 } });
    expect((await send(6, { head: { count: 1, hash: 'a' }, entries: [] })).json).toMatchObject({ audit: { problem: 'regressed', at: 1 } });
    // Sent again under its key: a duplicate, not a second row.
    expect((await send(4, { head: { count: 2, hash: 'b' }, entries: [] })).json).toMatchObject({ results: [{ status: 'duplicate' }], audit: { acceptedThrough: 2 } });
    const alerts = await platform!.pool.query('SELECT problem, at FROM audit_alerts ORDER BY id');
    expect(alerts.rows).toEqual([
      { problem: 'gap', at: 2 },
      { problem: 'forked', at: 2 },
      { problem: 'regressed', at: 1 },
    ]);
  });

  it('serves a kiosk its row of kiosk_config: applied once, then 304 until a new version', async () => {
    const clock = { t: Date.UTC(2031, 4, 6, 22, 0, 0) };
    const kiosk = openFleetKiosk({ dir: path.join(root, 'k07'), n: 0, kioskId: 'K07', url: platform!.url, bearerToken: TOKEN, settings: true, now: () => clock.t, config: { heartbeatIntervalMs: 60_000 } });
    open.push(kiosk);
    const notice = { 'zh-CN': '本站窗口10月1日不办公', en: 'The station counter is closed on 1 October' };
    await platform!.setConfig('K07', 2, { settings: { disabledServices: ['temporaryPlate'], serviceHours: { birthRegistration: { open: '09:00', close: '12:00' } } }, notices: [notice] });
    // Another kiosk's row is not this one's.
    await platform!.setConfig('K08', 9, { settings: { idleWarnSeconds: 300 }, notices: [] });
    await kiosk.uplink.syncOnce();
    const settings = kiosk.settings!;
    expect(settings.get()).toMatchObject({ disabledServices: ['temporaryPlate'], serviceHours: { birthRegistration: { open: '09:00', close: '12:00' } }, idleWarnSeconds: 60 });
    expect(settings.public().notices).toEqual([notice]);
    expect(settings.configVersion()).toBe(2);
    const applied = () => kiosk.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'config.applied'").all() as { actor: string; detail: string }[];
    expect(applied().map((r) => ({ actor: r.actor, detail: JSON.parse(r.detail) as unknown }))).toEqual([{ actor: 'platform', detail: { version: 2, changed: 'disabledServices,serviceHours,notices' } }]);

    // Unchanged: the platform answers 304 (the kiosk's If-None-Match), nothing is applied again.
    const res = await fetch(`${platform!.url}/kiosk-config`, { headers: { authorization: `Bearer ${TOKEN}`, 'x-kiosk-id': 'K07', 'if-none-match': '"2"' } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe('');
    clock.t += 60_000;
    await kiosk.uplink.syncOnce();
    expect(applied()).toHaveLength(1);

    await platform!.setConfig('K07', 3, { settings: { disabledServices: [] }, notices: [] });
    clock.t += 60_000;
    await kiosk.uplink.syncOnce();
    expect(settings.get().disabledServices).toEqual([]);
    expect(settings.public().notices).toEqual([]);
    expect(applied()).toHaveLength(2);
    // The next heartbeat tells the platform which version the kiosk runs.
    clock.t += 60_000;
    await kiosk.uplink.syncOnce();
    const latest = await platform!.pool.query("SELECT body->'config' AS config FROM heartbeats WHERE kiosk_id = 'K07' ORDER BY seq DESC LIMIT 1");
    expect(latest.rows[0]).toEqual({ config: { version: 3 } });
  });

  it('answers lookups from its tables and notes the kind asked for, never the parameters', async () => {
    const params = { idNumber: '110105198003150012' };
    await platform!.addLookup('household', params, { householdNumber: '110105012345' });
    expect(await post('/lookups/household', { kioskId: 'K05', params })).toEqual({ status: 200, json: { data: { householdNumber: '110105012345' } } });
    expect((await post('/lookups/household', { kioskId: 'K05', params: { idNumber: '310115195507220025' } })).status).toBe(404);
    const asked = await platform!.pool.query('SELECT kiosk_id, kind, found FROM lookup_requests ORDER BY id');
    expect(asked.rows).toEqual([
      { kiosk_id: 'K05', kind: 'household', found: true },
      { kiosk_id: 'K05', kind: 'household', found: false },
    ]);
  });

  it('over mutual TLS takes the kiosk its certificate names, and refuses it for another kiosk', async () => {
    const read = (file: string) => fs.readFileSync(file);
    const tls = await PgPlatform.start(cluster!.connection, { tls: { key: read(pki.serverKey), cert: read(pki.serverCert), ca: read(pki.caCert) } });
    open.push(tls);
    const certs = { clientCertFile: pki.clientCert, clientKeyFile: pki.clientKey, caFile: pki.caCert };
    const k01 = openFleetKiosk({ dir: path.join(root, 'k01'), n: 0, kioskId: 'K01', url: tls.url, config: certs });
    const k02 = openFleetKiosk({ dir: path.join(root, 'k02'), n: 0, kioskId: 'K02', url: tls.url, config: certs });
    open.push(k01, k02);
    k01.enqueue(3);
    k02.enqueue(2);
    await Promise.all([k01.uplink.syncOnce(), k02.uplink.syncOnce()]);
    expect(k01.backlog()).toBe(0);
    const { rows } = await tls.pool.query('SELECT kiosk_id, client_name FROM submissions WHERE kiosk_id IN ($1, $2)', ['K01', 'K02']);
    expect(rows).toEqual([0, 1, 2].map(() => ({ kiosk_id: 'K01', client_name: 'kiosk-K01' })));
    // K01's certificate does not make anyone K02: refused, and the submissions wait.
    expect(k02.backlog()).toBe(2);
    expect(k02.uplink.status()).toMatchObject({ platform: 'error', lastError: 'http403' });
  });
});
