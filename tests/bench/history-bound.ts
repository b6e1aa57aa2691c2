import type { Database } from 'better-sqlite3';
import type { Sealer } from '../../electron/host/crypto/sealer';
import { countByState, listAwaitingDecision } from '../../electron/host/store/repos/submissions';
import { buildBigOutbox, preparedSql, quantile } from './staff-list';

/** One host query's timing over the big outbox, with the plan of every statement it prepares. */
export interface BoundTiming {
  query: string;
  p50: number;
  p95: number;
  plan: string[];
  usesIndex: boolean;
}

export interface HistoryBoundResult {
  rows: number;
  buildMs: number;
  timings: BoundTiming[];
  /** The start-up check (quick_check) and the full one run later, each once, on the same file. */
  quickCheckMs: number;
  integrityCheckMs: number;
}

// The plans of every statement `run` prepares, with `args(sql)` for each one's parameters.
function plans(db: Database, run: (db: Database) => void, args: (sql: string) => unknown[]): string[] {
  return preparedSql(db, run).flatMap((sql) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args(sql)) as { detail: string }[]).map((r) => r.detail));
}

function time(runs: number, f: () => void): { p50: number; p95: number } {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

// Every step reads an index (a range of it, or a partial one in order under a LIMIT) or the
// three-row counter table, and none sorts through a temporary B-tree or scans the submissions.
const bounded = (plan: readonly string[]): boolean =>
  plan.length > 0 && plan.every((d) => / USING (COVERING )?INDEX /.test(d) || d === 'SCAN submission_counts') && !plan.some((d) => d.includes('TEMP B-TREE'));

/**
 * Builds an outbox of `count` submissions (the staff-list builder) and times the queries the
 * host runs during sync whatever the history's size: the status pull (a page of the batch size)
 * and the counts by state (the sync status, staff:sync and the heartbeat's outbox).
 */
export function benchHistoryBound(dir: string, sealer: Sealer, count: number, runs: number, batchSize = 50): HistoryBoundResult {
  const { db, buildMs } = buildBigOutbox(dir, sealer, count, 'history-bound.db');
  try {
    const timings: BoundTiming[] = [];
    const pullPlan = plans(db, (spy) => listAwaitingDecision(spy, batchSize), () => [batchSize]);
    const pull = time(runs, () => {
      if (listAwaitingDecision(db, batchSize).length !== batchSize) throw new Error('The status pull returned a short page.');
    });
    timings.push({ query: `status pull (listAwaitingDecision, page of ${batchSize})`, ...pull, plan: pullPlan, usesIndex: bounded(pullPlan) });
    const countPlan = plans(db, countByState, (sql) => (sql.includes('?') ? ['queued'] : []));
    const counts = time(runs, () => countByState(db));
    timings.push({ query: 'counts by state (countByState)', ...counts, plan: countPlan, usesIndex: bounded(countPlan) });

    db.pragma('wal_checkpoint(TRUNCATE)');
    let t = performance.now();
    db.pragma('quick_check');
    const quickCheckMs = performance.now() - t;
    t = performance.now();
    db.pragma('integrity_check');
    const integrityCheckMs = performance.now() - t;
    return { rows: count, buildMs, timings, quickCheckMs, integrityCheckMs };
  } finally {
    db.close();
  }
}
