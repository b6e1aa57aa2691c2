/**
 * A small province: 20 kiosks, each with its own SQLite outbox and the real uplink, against the
 * reference platform on a private PostgreSQL cluster. The platform's HTTP side goes down, then
 * PostgreSQL is stopped, and restarted again while requests are in flight; at the end every
 * submission is in PostgreSQL exactly once and every kiosk's heartbeat is recorded. Uplink turns
 * are driven by the test on one fake clock, so no assertion waits on a real timer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHead } from '../../electron/host/store/repos/audit-log';
import { recordDecision } from '../../electron/host/store/repos/review-decisions';
import { countByState, getSubmission } from '../../electron/host/store/repos/submissions';
import type { Heartbeat } from '../../electron/host/sync/uplink-protocol';
import { PERSONAL_DATA } from '../fixtures/drafts';
import { prng } from '../fixtures/prng';
import { openFleetKiosk, type FleetKiosk } from '../platform/fleet-kiosk';
import { startPgCluster, type PgCluster } from '../platform/pg-cluster';
import { createPlatformSchema, PgPlatform } from '../platform/pg-platform';

const KIOSKS = 20;
const TOKEN = 'fleet-test-token';
const PERIOD = 60_000;

let cluster: PgCluster | undefined;
let platform: PgPlatform | undefined;
let root: string;
const kiosks: FleetKiosk[] = [];
const clock = { t: Date.UTC(2031, 4, 6, 22, 0, 0) };

beforeAll(async () => {
  // Not skipped without PostgreSQL: startPgCluster fails and says which package to install.
  cluster = await startPgCluster();
  await createPlatformSchema(cluster.connection);
  platform = await PgPlatform.start(cluster.connection, { bearerToken: TOKEN, basePath: '/platform/v1' });
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-fleet-'));
}, 120_000);

afterAll(async () => {
  await Promise.all(kiosks.map((k) => k.close()));
  await platform?.close();
  await cluster?.destroy();
  if (root) fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

/** One uplink turn on every kiosk at once, as their loops would make them. */
const turn = () => Promise.all(kiosks.map((k) => k.uplink.syncOnce()));

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await platform!.pool.query(sql, params)).rows as T[];
}

describe('a fleet against the PostgreSQL platform', () => {
  it('stores every submission once through an HTTP outage and PostgreSQL restarts, and records every kiosk heartbeat', async () => {
    for (let n = 0; n < KIOSKS; n++) {
      kiosks.push(
        openFleetKiosk({
          dir: path.join(root, `kiosk-${n}`),
          n: n + 1,
          url: platform!.url,
          bearerToken: TOKEN,
          config: { batchSize: 4, baseDelayMs: 1_000, maxDelayMs: 30_000, maxAttempts: 100, requestTimeoutMs: 10_000, heartbeatIntervalMs: PERIOD, statusPullIntervalMs: 0 },
          now: () => clock.t,
          random: prng(n + 1),
        }),
      );
    }
    const enqueueAll = (count: number) => kiosks.forEach((k) => k.enqueue(count, clock.t));

    // The platform is up, but goes down after committing each kiosk's first batch, before it
    // answers; the kiosks send those again at the next turn, with the rest.
    enqueueAll(6);
    platform!.cutAfterCommit(KIOSKS);
    await turn();
    expect(kiosks.map((k) => k.backlog())).toEqual(kiosks.map(() => 6));
    clock.t += PERIOD;
    await turn();
    expect(kiosks.map((k) => k.backlog())).toEqual(kiosks.map(() => 0));

    // The platform's HTTP side is down: nothing gets through, heartbeats wait one apiece.
    enqueueAll(5);
    await platform!.stopHttp();
    kiosks[3]!.parts.devices.receiptPrinter = { device: 'hardwareError', paper: 'full' };
    kiosks[3]!.uplink.devicesChanged(kiosks[3]!.parts.devices);
    clock.t += PERIOD;
    await turn();
    for (const k of kiosks) {
      expect(k.uplink.status()).toMatchObject({ platform: 'unreachable', lastError: 'network:ECONNREFUSED' });
      expect(k.backlog()).toBe(5);
      expect(k.uplink.heartbeatsWaiting()).toBe(1);
    }

    // HTTP is back but PostgreSQL is stopped: the platform answers 503 and the kiosks back off.
    await platform!.listen();
    await cluster!.stop();
    enqueueAll(4);
    clock.t += PERIOD;
    await turn();
    for (const k of kiosks) {
      expect(k.uplink.status()).toMatchObject({ platform: 'error', lastError: 'http503' });
      expect(k.backlog()).toBe(9);
    }
    expect(platform!.counters.unavailable).toBeGreaterThanOrEqual(KIOSKS);

    // PostgreSQL comes back, and is restarted again while the kiosks' requests are in flight:
    // some commit, some are cut before or after their commit; the keys sort it out.
    await cluster!.start();
    clock.t += PERIOD;
    const inFlight = turn();
    await cluster!.stop();
    await cluster!.start();
    await inFlight;

    // A staff review decision on one kiosk goes up with the rest.
    const reviewed = kiosks[0]!.db.prepare('SELECT reference FROM submissions ORDER BY id LIMIT 1').get() as { reference: string };
    recordDecision(kiosks[0]!.db, { reference: reviewed.reference, decision: 'approve', staffId: '100001', note: null, now: clock.t });

    for (let round = 0; round < 40 && kiosks.some((k) => k.backlog() > 0 || k.uplink.heartbeatsWaiting() > 0); round++) {
      clock.t += 30_000;
      await turn();
    }
    expect(kiosks.map((k) => k.backlog())).toEqual(kiosks.map(() => 0));

    // Every key once in PostgreSQL, none missing, none twice, and each answered 'stored' once.
    const expected = kiosks.flatMap((k) => k.keys).sort();
    expect(expected).toHaveLength(KIOSKS * 15);
    const stored = await rows<{ idempotency_key: string; kiosk_id: string }>('SELECT idempotency_key, kiosk_id FROM submissions ORDER BY idempotency_key');
    const storedKeys = stored.map((r) => r.idempotency_key);
    expect(storedKeys.filter((k) => !expected.includes(k))).toEqual([]);
    expect(expected.filter((k) => !storedKeys.includes(k))).toEqual([]);
    expect(storedKeys).toEqual(expected);
    const storedTwice = await rows<{ n: number }>("SELECT count(*)::int AS n FROM (SELECT idempotency_key FROM submission_answers WHERE status = 'stored' GROUP BY 1 HAVING count(*) > 1) t");
    expect(storedTwice[0]!.n).toBe(0);
    // The batches cut after their commit (4 items each) came again and were recognised.
    const resent = await rows<{ n: number }>("SELECT count(*)::int AS n FROM submission_answers WHERE status = 'duplicate'");
    expect(resent[0]!.n).toBeGreaterThanOrEqual(KIOSKS * 4);
    expect(await rows("SELECT * FROM submission_answers WHERE status = 'invalid'")).toEqual([]);
    for (const k of kiosks) {
      expect(countByState(k.db)).toMatchObject({ queued: 0, sending: 0, failed: 0 });
      expect(stored.filter((r) => r.kiosk_id === k.kioskId)).toHaveLength(15);
    }

    // The platform decides; the kiosk pulls it back at its next turn.
    await platform!.decide(reviewed.reference, { state: 'accepted', certificateReady: true });
    // A pull asks about batchSize references, round the kiosk's 15: four turns ask about them all.
    for (let pulls = 0; pulls < 4; pulls++) {
      clock.t += PERIOD;
      await turn();
    }
    expect(getSubmission(kiosks[0]!.db, reviewed.reference)).toMatchObject({ state: 'accepted', remoteStatus: 'certificateReady' });
    expect(await rows('SELECT kiosk_id, reference, decision FROM reviews')).toEqual([{ kiosk_id: kiosks[0]!.kioskId, reference: reviewed.reference, decision: 'approve' }]);

    // Heartbeats: every kiosk's, the fault among them, the latest with an empty backlog.
    const beats = (await rows<{ body: Heartbeat }>('SELECT body FROM heartbeats ORDER BY made_at, seq')).map((r) => r.body);
    expect(new Set(beats.map((b) => b.kioskId))).toEqual(new Set(kiosks.map((k) => k.kioskId)));
    expect(beats.some((b) => b.kioskId === kiosks[3]!.kioskId && b.reason === 'alert' && b.devices.receiptPrinter?.device === 'hardwareError')).toBe(true);
    for (const k of kiosks) {
      const latest = beats.filter((b) => b.kioskId === k.kioskId).at(-1)!;
      expect(latest.outbox).toMatchObject({ queued: 0, sending: 0, failed: 0 });
      expect(latest.at).toBe(new Date(clock.t).toISOString());
      expect(k.uplink.heartbeatsWaiting()).toBe(0);
    }

    // The audit logs chained on at the platform, with nothing flagged.
    expect(await rows('SELECT * FROM audit_alerts')).toEqual([]);
    const audit = await rows<{ kiosk_id: string; audit_count: number }>('SELECT kiosk_id, audit_count FROM kiosks');
    for (const k of kiosks) {
      const held = audit.find((a) => a.kiosk_id === k.kioskId)?.audit_count ?? 0;
      expect(held).toBeGreaterThan(0);
      expect(held).toBeLessThanOrEqual(auditHead(k.db).count);
    }

    // Nothing personal in the heartbeats or the kiosks' logs.
    const texts = [...(await rows<{ body: string }>('SELECT body::text AS body FROM heartbeats')).map((r) => r.body), ...kiosks.flatMap((k) => k.lines)];
    for (const secret of PERSONAL_DATA) expect(texts.join('\n')).not.toContain(secret);
  }, 60_000);
});
