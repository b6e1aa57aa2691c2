/**
 * `npm run bench:fleet`: a province of kiosks against the PostgreSQL reference platform.
 * Not part of `npm test`: it takes minutes.
 *
 * FLEET_KIOSKS simulated kiosks (default 1,000), each with its own SQLite outbox in a temp
 * folder and the real uplink on its real timers, spread over FLEET_WORKERS worker threads
 * (default 2, one a core); the platform (node:http + node-postgres) and a private PostgreSQL
 * cluster run beside them. Each kiosk starts with FLEET_BACKLOG queued submissions (a night
 * offline), the fleet queues FLEET_RATE more a second, every kiosk sends a heartbeat every
 * FLEET_HEARTBEAT_S seconds; the platform's HTTP side is down for FLEET_OUTAGE_S seconds, then
 * PostgreSQL is stopped for FLEET_PG_DOWN_S seconds and started again. Then the queues drain.
 *
 * Printed: ingest rate (the night's backlog, and the best second), p50 / p95 / max heartbeat
 * delay (made at the kiosk to stored in PostgreSQL), lost and duplicated submissions. Exits 1
 * when one is lost or stored twice, or a kiosk's heartbeat is missing.
 *
 * Vite bundles this file (see package.json), because Node 20 cannot run TypeScript; the same
 * bundle is the workers' script.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { PERSONAL_DATA } from '../fixtures/drafts';
import { quantile } from '../bench/staff-list';
import { openFleetKiosk, type FleetKiosk } from './fleet-kiosk';
import { startPgCluster } from './pg-cluster';
import { createPlatformSchema, PgPlatform } from './pg-platform';

const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number (default ${fallback}).`);
  return value;
};

interface Settings {
  kiosks: number;
  workers: number;
  backlog: number;
  rate: number;
  heartbeatMs: number;
  outageMs: number;
  pgDownMs: number;
  /** How long kiosks queue new submissions, from the start. */
  produceMs: number;
}

interface WorkerInit {
  url: string;
  token: string;
  dir: string;
  first: number;
  count: number;
  settings: Settings;
}

type ToWorker = { type: 'start' } | { type: 'stopProducing' } | { type: 'status' } | { type: 'finish' };
type FromWorker =
  | { type: 'ready' }
  | { type: 'status'; backlog: number; heartbeatsWaiting: number; failed: number }
  | { type: 'done'; keys: string[]; personalInLogs: number; failed: number };

const TOKEN = 'fleet-bench-token';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const progress = (message: string) => process.stderr.write(`bench:fleet: ${message}\n`);

// ---- a worker: a share of the kiosks ----

async function runWorker(init: WorkerInit): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('The fleet worker runs as a worker thread only.');
  const { settings } = init;
  const kiosks: FleetKiosk[] = [];
  for (let i = 0; i < init.count; i++) {
    const n = init.first + i;
    const kiosk = openFleetKiosk({
      dir: path.join(init.dir, `kiosk-${n}`),
      n,
      url: init.url,
      bearerToken: TOKEN,
      // The field defaults back off to 15 minutes; a bench of minutes comes back within 10 s.
      config: { baseDelayMs: 500, maxDelayMs: 10_000, requestTimeoutMs: 20_000, heartbeatIntervalMs: settings.heartbeatMs, maxAttempts: 1_000 },
    });
    // The night's backlog in one transaction a kiosk: it is the fixture, not the measure.
    kiosk.db.transaction(() => kiosk.enqueue(settings.backlog))();
    kiosks.push(kiosk);
  }
  let producer: NodeJS.Timeout | undefined;
  const send = (message: FromWorker) => port.postMessage(message);
  const count = (pick: (k: FleetKiosk) => number) => kiosks.reduce((sum, k) => sum + pick(k), 0);
  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'start': {
        // All at once, as after a night the platform was away: every kiosk's backlog and first
        // heartbeat arrive together, the hardest start for the platform.
        for (const k of kiosks) k.uplink.start();
        const perTick = (settings.rate / settings.workers) * 0.1;
        let owed = 0;
        producer = setInterval(() => {
          for (owed += perTick; owed >= 1; owed -= 1) {
            const k = kiosks[Math.floor(Math.random() * kiosks.length)]!;
            k.enqueue(1);
            k.uplink.notify();
          }
        }, 100);
        break;
      }
      case 'stopProducing':
        clearInterval(producer);
        break;
      case 'status':
        send({ type: 'status', backlog: count((k) => k.backlog()), heartbeatsWaiting: count((k) => k.uplink.heartbeatsWaiting()), failed: count((k) => k.uplink.status().backlog.failed) });
        break;
      case 'finish':
        void (async () => {
          const failed = count((k) => k.uplink.status().backlog.failed);
          const lines = kiosks.flatMap((k) => k.lines).join('\n');
          const personalInLogs = PERSONAL_DATA.filter((secret) => lines.includes(secret)).length;
          const keys = kiosks.flatMap((k) => k.keys);
          await Promise.all(kiosks.map((k) => k.close()));
          send({ type: 'done', keys, personalInLogs, failed });
          port.close();
        })();
        break;
    }
  });
  send({ type: 'ready' });
}

// ---- the main thread: the platform, PostgreSQL, the timeline and the numbers ----

class FleetWorker {
  private readonly waiting: ((m: FromWorker) => void)[] = [];
  constructor(readonly worker: Worker) {
    worker.on('message', (m: FromWorker) => this.waiting.shift()?.(m));
    worker.on('error', (error) => {
      progress(`a worker failed: ${error.name}`);
      process.exitCode = 1;
    });
  }
  next<T extends FromWorker['type']>(type: T, send?: ToWorker): Promise<Extract<FromWorker, { type: T }>> {
    const reply = new Promise<Extract<FromWorker, { type: T }>>((resolve, reject) =>
      this.waiting.push((m) => (m.type === type ? resolve(m as Extract<FromWorker, { type: T }>) : reject(new Error(`Expected ${type}, got ${m.type}`)))),
    );
    if (send) this.worker.postMessage(send);
    return reply;
  }
  post(message: ToWorker): void {
    this.worker.postMessage(message);
  }
}

async function runMain(): Promise<void> {
  const s: Settings = {
    kiosks: env('FLEET_KIOSKS', 1000),
    workers: Math.max(1, env('FLEET_WORKERS', 2)),
    backlog: env('FLEET_BACKLOG', 10),
    rate: env('FLEET_RATE', 20),
    heartbeatMs: env('FLEET_HEARTBEAT_S', 10) * 1000,
    outageMs: env('FLEET_OUTAGE_S', 20) * 1000,
    pgDownMs: env('FLEET_PG_DOWN_S', 5) * 1000,
    produceMs: env('FLEET_PRODUCE_S', 100) * 1000,
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-fleet-bench-'));
  progress(`starting PostgreSQL and the platform; ${fmt(s.kiosks)} kiosks in ${s.workers} workers, data in ${dir}`);
  const cluster = await startPgCluster({ settings: { max_connections: '40' } });
  let platform: PgPlatform | undefined;
  const workers: FleetWorker[] = [];
  try {
    await createPlatformSchema(cluster.connection);
    platform = await PgPlatform.start(cluster.connection, { bearerToken: TOKEN, poolSize: 8 });
    const per = Math.ceil(s.kiosks / s.workers);
    for (let w = 0; w < s.workers; w++) {
      const init: WorkerInit = { url: platform.url, token: TOKEN, dir, first: 1 + w * per, count: Math.min(per, s.kiosks - w * per), settings: s };
      const worker = new FleetWorker(new Worker(fileURLToPath(import.meta.url), { workerData: init }));
      workers.push(worker);
    }
    await Promise.all(workers.map((w) => w.next('ready')));
    progress(`${fmt(s.kiosks * s.backlog)} submissions queued; switching the kiosks on`);

    const t0 = Date.now();
    for (const w of workers) w.post({ type: 'start' });
    const at = (ms: number) => sleep(Math.max(0, t0 + ms - Date.now()));
    const outageAt = s.produceMs * 0.35;
    const pgAt = s.produceMs * 0.7;
    const windows: { from: number; to: number; what: string }[] = [];
    await at(outageAt);
    progress('the platform goes down (HTTP)');
    await platform.stopHttp();
    const downFrom = Date.now();
    await at(outageAt + s.outageMs);
    await platform.listen();
    windows.push({ from: downFrom, to: Date.now(), what: 'HTTP down' });
    progress('the platform is back; PostgreSQL restarts next');
    await at(pgAt);
    const pgFrom = Date.now();
    await cluster.stop();
    await sleep(s.pgDownMs);
    await cluster.start();
    windows.push({ from: pgFrom, to: Date.now(), what: 'PostgreSQL restart' });
    progress('PostgreSQL is back');
    await at(s.produceMs);
    for (const w of workers) w.post({ type: 'stopProducing' });
    progress('no more new submissions; draining');
    let drained = false;
    for (let wait = 0; wait < 600 && !drained; wait++) {
      const statuses = await Promise.all(workers.map((w) => w.next('status', { type: 'status' })));
      drained = statuses.every((st) => st.backlog === 0);
      if (!drained) await sleep(1_000);
    }
    const drainedAt = Date.now();
    // One more period, so that every kiosk has sent a heartbeat with its empty queue.
    await sleep(s.heartbeatMs + 2_000);
    const done = await Promise.all(workers.map((w) => w.next('done', { type: 'finish' })));
    const report = await measure(platform, done, { t0, drainedAt, windows, settings: s });
    process.stdout.write(`${report.text}\n`);
    if (!report.ok) process.exitCode = 1;
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
    await platform?.close();
    await cluster.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(
  platform: PgPlatform,
  done: Extract<FromWorker, { type: 'done' }>[],
  run: { t0: number; drainedAt: number; windows: { from: number; to: number; what: string }[]; settings: Settings },
): Promise<{ text: string; ok: boolean }> {
  const q = async <T>(sql: string, params: unknown[] = []) => (await platform.pool.query(sql, params)).rows as T[];
  const expected = new Set(done.flatMap((d) => d.keys));
  const stored = await q<{ idempotency_key: string }>('SELECT idempotency_key FROM submissions');
  const storedKeys = new Set(stored.map((r) => r.idempotency_key));
  const lost = [...expected].filter((k) => !storedKeys.has(k)).length;
  const strangers = [...storedKeys].filter((k) => !expected.has(k)).length;
  const [twice] = await q<{ rows: number; keys: number; storedTwice: number; resent: number }>(
    `SELECT (SELECT count(*)::int FROM submissions) AS rows, (SELECT count(DISTINCT idempotency_key)::int FROM submissions) AS keys,
            (SELECT count(*)::int FROM (SELECT 1 FROM submission_answers WHERE status = 'stored' GROUP BY idempotency_key HAVING count(*) > 1) t) AS "storedTwice",
            (SELECT count(*)::int FROM submission_answers WHERE status = 'duplicate') AS resent`,
  );
  const duplicated = twice!.rows - twice!.keys + twice!.storedTwice;
  // The night's backlog: queued before the kiosks were switched on.
  const [night] = await q<{ n: number; last: Date }>('SELECT count(*)::int AS n, max(received_at) AS last FROM submissions WHERE created_at < $1', [new Date(run.t0)]);
  const nightSeconds = (night!.last.getTime() - run.t0) / 1000;
  const [best] = await q<{ n: number }>("SELECT coalesce(max(n), 0)::int AS n FROM (SELECT count(*) AS n FROM submissions GROUP BY date_trunc('second', received_at)) t");
  const beatRows = await q<{ ms: number; made: Date }>('SELECT extract(epoch FROM received_at - made_at) * 1000 AS ms, made_at AS made FROM heartbeats');
  const delays = beatRows.map((r) => Number(r.ms)).sort((a, b) => a - b);
  // Made while the platform was up and the night's backlog was in: what monitoring sees on an ordinary day.
  const away = (t: number) => t <= night!.last.getTime() || run.windows.some((w) => t >= w.from - run.settings.heartbeatMs && t <= w.to);
  const upDelays = beatRows.filter((r) => !away(r.made.getTime())).map((r) => Number(r.ms)).sort((a, b) => a - b);
  // Heartbeat delay p95 by ten seconds of the run (when made): where the slow ones come from.
  const buckets = new Map<number, number[]>();
  for (const r of beatRows) {
    const b = Math.floor((r.made.getTime() - run.t0) / 10_000);
    buckets.set(b, [...(buckets.get(b) ?? []), Number(r.ms)]);
  }
  const timeline = [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([b, ms]) => `${b * 10}s:${fmt(quantile(ms.sort((x, y) => x - y), 0.95))}`)
    .join(' ');
  const catchUp = beatRows.filter((r) => r.made.getTime() <= night!.last.getTime()).map((r) => Number(r.ms)).sort((a, b) => a - b);
  const [beats] = await q<{ kiosks: number; stored: number; made: number }>(
    'SELECT count(DISTINCT kiosk_id)::int AS kiosks, count(*)::int AS stored, (SELECT coalesce(sum(m), 0)::int FROM (SELECT max(seq) AS m FROM heartbeats GROUP BY kiosk_id, started_at) t) AS made FROM heartbeats',
  );
  // Kiosks whose latest heartbeat was made after the queues drained, and says so.
  const [fresh] = await q<{ n: number }>(
    "SELECT count(*)::int AS n FROM (SELECT DISTINCT ON (kiosk_id) kiosk_id, made_at, body FROM heartbeats ORDER BY kiosk_id, made_at DESC) t WHERE made_at > $1 AND (body->'outbox'->>'queued')::int = 0",
    [new Date(run.drainedAt)],
  );
  const [auditAlerts] = await q<{ n: number }>('SELECT count(*)::int AS n FROM audit_alerts');
  const failed = done.reduce((sum, d) => sum + d.failed, 0);
  const personal = done.reduce((sum, d) => sum + d.personalInLogs, 0);
  const s = run.settings;
  const ok = lost === 0 && duplicated === 0 && strangers === 0 && beats!.kiosks === s.kiosks && fresh!.n === s.kiosks && failed === 0 && personal === 0 && auditAlerts!.n === 0;
  const cpus = os.cpus();
  const lines = [
    `## Fleet: ${fmt(s.kiosks)} kiosks against the PostgreSQL reference platform`,
    '',
    `- ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, Node ${process.version}, load average at the end ${os.loadavg().map((l) => fmt(l, 1)).join(' / ')}`,
    `- ${s.workers} worker threads of kiosks; the platform (node:http, node-postgres pool of 8) in the main thread; a private PostgreSQL cluster on a Unix socket`,
    `- each kiosk: its own SQLite outbox, ${s.backlog} queued at start; ${s.rate} new a second across the fleet for ${s.produceMs / 1000} s; a heartbeat every ${s.heartbeatMs / 1000} s`,
    ...run.windows.map((w) => `- ${w.what}: ${fmt((w.to - w.from) / 1000, 1)} s, from ${fmt((w.from - run.t0) / 1000, 1)} s after the start`),
    `- queued during the run: ${fmt(expected.size - s.kiosks * s.backlog)} (aimed at ${fmt(s.rate * (s.produceMs / 1000))}; each a durable commit in its kiosk's outbox)`,
    `- queues empty ${fmt((run.drainedAt - run.t0) / 1000, 1)} s after the start`,
    '',
    '| measure | result |',
    '|---|---|',
    `| the night's backlog, ${fmt(night!.n)} submissions | ${fmt(night!.n / nightSeconds)} /s (stored in ${fmt(nightSeconds, 1)} s) |`,
    `| ingest, best second | ${fmt(best!.n)} submissions |`,
    `| submissions stored | ${fmt(storedKeys.size)} of ${fmt(expected.size)} queued |`,
    `| lost / duplicated | ${fmt(lost)} / ${fmt(duplicated)} (resent and recognised by key: ${fmt(twice!.resent)}; failed at a kiosk: ${fmt(failed)}) |`,
    `| heartbeat delay, made to stored: p50 / p95 / max | ${fmt(quantile(delays, 0.5))} / ${fmt(quantile(delays, 0.95))} / ${fmt(quantile(delays, 1))} ms |`,
    `| the same, of those made while the night's backlog came in | ${fmt(quantile(catchUp, 0.5))} / ${fmt(quantile(catchUp, 0.95))} / ${fmt(quantile(catchUp, 1))} ms |`,
    `| the same, of those made after it, the platform up | ${fmt(quantile(upDelays, 0.5))} / ${fmt(quantile(upDelays, 0.95))} / ${fmt(quantile(upDelays, 1))} ms |`,
    `| heartbeat delay p95 (ms) by ten seconds of the run, when made | ${timeline} |`,
    `| heartbeats stored / made (the rest replaced by newer ones while the platform was away) | ${fmt(beats!.stored)} / ${fmt(beats!.made)} |`,
    `| kiosks with a heartbeat stored / with one after the drain saying queue empty | ${fmt(beats!.kiosks)} / ${fmt(fresh!.n)} of ${fmt(s.kiosks)} |`,
    `| audit problems flagged / personal data in kiosk logs | ${fmt(auditAlerts!.n)} / ${fmt(personal)} |`,
    '',
    ok ? 'Result: lost 0, duplicated 0, every kiosk heard.' : 'Result: FAILED (see the table).',
  ];
  return { text: lines.join('\n'), ok };
}

if (isMainThread) {
  runMain().catch((error: unknown) => {
    process.stderr.write(`bench:fleet failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
} else {
  void runWorker(workerData as WorkerInit);
}
