/**
 * The bench's touch section: a real host's flow driven through resident touches, timed from
 * flow:send to the view it returns ("touch-to-view"; painting is the renderer's and needs
 * Chromium, so it is not in these numbers), with the flow snapshot committed at FULL (as
 * before: one fsync a touch) and at NORMAL (now). Slow storage is modelled, not simulated:
 * better-sqlite3 has no VFS to slow down, so each touch's fsync calls are counted (commits in
 * the WAL, less the snapshot commits made at NORMAL) and charged a fixed delay apiece.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { flowViewSchema, type FlowEvent, type FlowView } from '../../shared/contract';
import { createHost, type Host } from '../../electron/host/host';
import { createLogger } from '../../electron/host/log/logger';
import { walStats } from '../fixtures/wal';
import { simHostConfig } from '../fixtures/host-config';
import { value } from './bench-host';
import { quantile } from './staff-list';

/** What one fsync costs on slow storage (an SD card, a worn eMMC): the model's delay. */
export const SLOW_FSYNC_MS = 10;

export interface TouchRun {
  snapshots: 'FULL' | 'NORMAL';
  touches: number;
  p50: number;
  p95: number;
  /** fsync calls of the WAL a screen touch waited for, on average (checkpoints aside). */
  fsyncsPerTouch: number;
  /** p95 with every fsync charged SLOW_FSYNC_MS more. */
  slowP95: number;
  /** fsync calls from SUBMIT to the confirmation (submission, print job, snapshots): the durable ones stay. */
  submitFsyncs: number;
  /** Touches across a WAL restart (a checkpoint's fsync calls, not counted above; charged the average). */
  restarts: number;
}

type Pragma = (this: BetterSqlite3.Database, source: string, options?: BetterSqlite3.PragmaOptions) => unknown;

/**
 * Wraps better-sqlite3's pragma, under the repository layer: counts the switches to NORMAL
 * (each one is one snapshot commit without an fsync, see saveSnapshot) and, for the "before"
 * run, ignores them, so that every snapshot commits at FULL as it used to.
 */
function instrument(keepFull: boolean): { normalCommits: () => number; restore: () => void } {
  const proto = BetterSqlite3.prototype as unknown as { pragma: Pragma };
  const original = proto.pragma;
  let normal = 0;
  proto.pragma = function (this: BetterSqlite3.Database, source: string, options?: BetterSqlite3.PragmaOptions) {
    if (/^synchronous\s*=\s*(1|normal)$/i.test(source.trim())) {
      if (keepFull) return [];
      normal += 1;
    }
    return original.call(this, source, options);
  };
  return { normalCommits: () => normal, restore: () => (proto.pragma = original) };
}

async function viewOf(host: Host): Promise<FlowView> {
  return flowViewSchema.parse(await value(host, 'flow:get', {}));
}

async function until(host: Host, matches: (view: FlowView) => boolean, what: string): Promise<FlowView> {
  for (let i = 0; i < 500; i++) {
    const view = await viewOf(host);
    if (matches(view)) return view;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`The flow never reached ${what}.`);
}

const ANSWERS: readonly FlowEvent[] = [
  { type: 'ANSWER', questionId: 'purpose', value: { choice: 'job' } },
  { type: 'ANSWER', questionId: 'destination', value: { text: '示例国' } },
  { type: 'ANSWER', questionId: 'phone', value: { text: '13912345678' } },
  { type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } },
];

/** One run: sessions of the no-criminal-record service until `touches` screen touches were timed. */
async function run(dir: string, snapshots: 'FULL' | 'NORMAL', touches: number): Promise<TouchRun> {
  const dataDir = path.join(dir, `touch-${snapshots.toLowerCase()}`);
  fs.mkdirSync(dataDir);
  const config = simHostConfig(dataDir);
  const probe = instrument(snapshots === 'FULL');
  const host = await createHost(config, { log: createLogger({ level: 'error', write: () => undefined }), keyWrapper: null });
  const dbFile = path.join(dataDir, 'kiosk.db');
  const ms: number[] = [];
  const fsyncs: number[] = [];
  const submitFsyncs: number[] = [];
  let restarts = 0;
  // One touch: its time, and the fsync calls it made (none counted across a WAL restart).
  const touch = async (event: FlowEvent, into: number[] | null): Promise<FlowView> => {
    const wal = walStats(dbFile);
    const normal = probe.normalCommits();
    const start = performance.now();
    const view = flowViewSchema.parse(await value(host, 'flow:send', event));
    const took = performance.now() - start;
    const after = walStats(dbFile);
    if (after.restarts !== wal.restarts) restarts += 1;
    const synced = after.restarts === wal.restarts ? after.commits - wal.commits - (probe.normalCommits() - normal) : NaN;
    if (into) {
      ms.push(took);
      into.push(synced);
    }
    return view;
  };
  try {
    while (ms.length < touches) {
      await touch({ type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' }, fsyncs);
      await touch({ type: 'CONTINUE' }, fsyncs);
      await value(host, 'sim:presentCard', { residentId: 'zhang' });
      await until(host, (v) => v.screen.name === 'question', 'the first question');
      // A resident going back and forth over the questions: every touch a new screen.
      for (let i = 0; i < 10; i++) {
        await touch(ANSWERS[0]!, fsyncs);
        await touch({ type: 'BACK' }, fsyncs);
      }
      for (const answer of ANSWERS) await touch(answer, fsyncs);
      const wal = walStats(dbFile);
      const normal = probe.normalCommits();
      await touch({ type: 'SUBMIT' }, null);
      await until(host, (v) => v.screen.name === 'confirmation' && v.screen.status !== 'printing', 'the confirmation');
      const after = walStats(dbFile);
      if (after.restarts === wal.restarts) submitFsyncs.push(after.commits - wal.commits - (probe.normalCommits() - normal));
      await touch({ type: 'FINISH' }, fsyncs);
      await touch({ type: 'SKIP' }, fsyncs);
    }
  } finally {
    await host.close();
    probe.restore();
  }
  const sorted = [...ms].sort((a, b) => a - b);
  const counted = fsyncs.filter((n) => !Number.isNaN(n));
  const perTouch = counted.reduce((a, b) => a + b, 0) / Math.max(1, counted.length);
  // Each touch's own fsync calls charged, not the average: a touch that syncs twice waits twice.
  // A touch across a WAL restart (a checkpoint) could not be counted: it is charged the average.
  const slow = ms.map((t, i) => t + (Number.isNaN(fsyncs[i] ?? NaN) ? perTouch : (fsyncs[i] ?? perTouch)) * SLOW_FSYNC_MS).sort((a, b) => a - b);
  return {
    snapshots,
    touches: ms.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    fsyncsPerTouch: perTouch,
    slowP95: quantile(slow, 0.95),
    submitFsyncs: submitFsyncs.length > 0 ? Math.max(...submitFsyncs) : NaN,
    restarts,
  };
}

/** Touch-to-view with FULL snapshots (before) and NORMAL snapshots (after), `touches` each. */
export async function benchTouch(dir: string, touches = 300): Promise<TouchRun[]> {
  return [await run(dir, 'FULL', touches), await run(dir, 'NORMAL', touches)];
}
