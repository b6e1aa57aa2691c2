import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { generateReference } from '../../shared/domain/reference';
import type { Sealer } from '../../electron/host/crypto/sealer';
import { SIM_RESIDENTS } from '../../electron/host/hardware/sim-residents';
import { submissionContext } from '../../electron/host/queue/enqueue';
import { openDatabase } from '../../electron/host/store/db';
import { listSubmissions, type SubmissionState } from '../../electron/host/store/repos/submissions';
import { explainQueue, listQueue, type QueueFilter } from '../../electron/host/store/repos/review-queue';
import { testAuditKey } from '../fixtures/sealer';

/** One state's (or every state's) timing of the staff list's first page. */
export interface ListTiming {
  state: SubmissionState | 'any';
  rows: number;
  p50: number;
  p95: number;
  plan: string[];
  usesIndex: boolean;
}

/** A review-queue page's timing, for one filter. */
export interface QueueTiming {
  filter: string;
  p50: number;
  p95: number;
  plan: string[];
  usesIndex: boolean;
}

export interface StaffListResult {
  rows: number;
  buildMs: number;
  fileBytes: number;
  timings: ListTiming[];
  queue: QueueTiming[];
}

// A kiosk's mix: most rows are certificates; one in 50 waits for staff review.
const SERVICES = ['noCriminalRecord', 'noCriminalRecord', 'trafficFines', 'householdCertificate', 'residencePermitApplication'] as const;

const STATES: readonly SubmissionState[] = ['queued', 'sending', 'sent', 'accepted', 'rejected', 'failed'];

// Per 1,000 submissions: a kiosk that has run for years holds mostly decided ones.
function stateOf(i: number): SubmissionState {
  const k = i % 1000;
  if (k < 10) return 'queued';
  if (k < 11) return 'sending';
  if (k < 41) return 'sent';
  if (k < 91) return 'rejected';
  if (k < 111) return 'failed';
  return 'accepted';
}

// Five base-32 digits of i: a unique reference per row without a million random draws.
function counterRandom(i: number): (n: number) => Uint8Array {
  return (n) => Uint8Array.from({ length: n }, (_, k) => Math.floor(i / 32 ** k) % 32);
}

/** The value at quantile q of ascending `sorted`. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

// The SQL a repository function prepares, so the plan shown is of the exact statement timed.
export function preparedSql(db: Database, run: (db: Database) => void): string[] {
  const seen: string[] = [];
  const spy = new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          seen.push(sql);
          return target.prepare(sql);
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  run(spy);
  return seen;
}

/**
 * Builds an outbox of `count` submissions in `dir/<name>` (one prepared INSERT in one
 * transaction, a payload sealed once and reused, a kiosk's mix of states) and returns it open,
 * with the production settings again. The caller closes it.
 */
export function buildBigOutbox(dir: string, sealer: Sealer, count: number, name: string): { db: Database; buildMs: number; start: number } {
  const db = openDatabase(path.join(dir, name), { sealer, auditKey: testAuditKey() });
  try {
    const buildStart = performance.now();
    // Filling a bench fixture needs no crash safety; the timing runs with the production
    // settings again.
    db.pragma('journal_mode = DELETE');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1000000');
    const card = SIM_RESIDENTS.find((r) => r.card)?.card;
    const payload = sealer.seal(JSON.stringify({ applicant: card, answers: { purpose: { choice: 'job' } } }), submissionContext('bench'));
    const insert = db.prepare(
      `INSERT INTO submissions (reference, submission_key, service_id, state, lang, payload, attempts, created_at, updated_at, accepted_at, needs_review)
       VALUES (?, ?, ?, ?, 'zh-CN', ?, ?, ?, ?, ?, ?)`,
    );
    const start = Date.UTC(2020, 0, 1);
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const state = stateOf(i);
        const at = start + i * 60_000;
        const service = SERVICES[i % SERVICES.length]!;
        insert.run(generateReference('K01', counterRandom(i)), `bench-${i}`, service, state, payload, state === 'failed' ? 8 : 0, at, at, state === 'accepted' ? at : null, service === 'residencePermitApplication' && i % 10 === 4 ? 1 : 0);
      }
    })();
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('cache_size = -2000');
    return { db, buildMs: performance.now() - buildStart, start };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Builds an outbox of `count` submissions and times the staff list's first page, newest first, per state. */
export function benchStaffList(dir: string, sealer: Sealer, count: number, runs: number): StaffListResult {
  const { db, buildMs, start } = buildBigOutbox(dir, sealer, count, 'staff-list.db');
  try {
    const timings: ListTiming[] = [];
    for (const state of [...STATES, 'any' as const]) {
      const opts = { state: state === 'any' ? undefined : state, limit: 50 };
      const [sql] = preparedSql(db, (spy) => listSubmissions(spy, opts));
      const args = opts.state ? [opts.state, opts.limit] : [opts.limit];
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql ?? ''}`).all(...args) as { detail: string }[]).map((r) => r.detail);
      const rows = (db.prepare(`SELECT count(*) AS n FROM submissions ${opts.state ? 'WHERE state = ?' : ''}`).get(...(opts.state ? [opts.state] : [])) as { n: number }).n;
      const times: number[] = [];
      for (let r = 0; r < runs; r++) {
        const t = performance.now();
        const page = listSubmissions(db, opts);
        times.push(performance.now() - t);
        if (page.length !== Math.min(50, rows)) throw new Error(`The ${state} page had ${page.length} rows.`);
      }
      times.sort((a, b) => a - b);
      timings.push({
        state,
        rows,
        p50: quantile(times, 0.5),
        p95: quantile(times, 0.95),
        plan,
        usesIndex: plan.some((d) => /USING (COVERING )?INDEX/.test(d)) && !plan.some((d) => d.includes('TEMP B-TREE')),
      });
    }
    // The review queue's pages, by each filter staff use, the second page included.
    const queue: QueueTiming[] = [];
    const end = start + (count - 1) * 60_000;
    const filters: [string, QueueFilter][] = [
      ['newest', { limit: 20 }],
      ['service', { serviceId: 'trafficFines', limit: 20 }],
      ['state', { state: 'failed', limit: 20 }],
      ['awaiting review', { review: 'awaiting', limit: 20 }],
      ['one day', { fromMs: end - 86_400_000, toMs: end + 1, limit: 20 }],
      ['service, page 2', { serviceId: 'trafficFines', limit: 20, after: listQueue(db, { serviceId: 'trafficFines', limit: 20 }).last ?? undefined }],
    ];
    for (const [name, filter] of filters) {
      const plan = explainQueue(db, filter);
      const times: number[] = [];
      for (let r = 0; r < runs; r++) {
        const t = performance.now();
        listQueue(db, filter);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      queue.push({ filter: name, p50: quantile(times, 0.5), p95: quantile(times, 0.95), plan, usesIndex: plan.some((d) => /USING (COVERING )?INDEX/.test(d)) && !plan.some((d) => d.includes('TEMP B-TREE')) });
    }
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return { rows: count, buildMs, fileBytes: pageCount * pageSize, timings, queue };
  } finally {
    db.close();
  }
}
