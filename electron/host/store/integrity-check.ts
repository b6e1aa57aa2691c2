/**
 * The full integrity check, off the resident's path. Start-up runs only quick_check (db.ts); the
 * full `PRAGMA integrity_check` (which also proves every index matches its table, seconds on a
 * large file) runs here on a worker thread, on a read-only connection of its own, so neither the
 * welcome screen nor the host's thread waits for it. Damage found takes the start-up's recovery
 * path: a marker makes the next open run the full check and set the file aside, and the kiosk
 * restarts into it once nobody is using it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { assertNever } from '../../../shared/util/assert-never';
import { errorKind, type Logger } from '../log/logger';
import { requestFullCheck } from './db';

/** What the full check found: `ok`, `damaged` (with SQLite's first complaint), or `failed` to run (with a code). */
export type FullCheckResult = { outcome: 'ok' } | { outcome: 'damaged'; problem: string } | { outcome: 'failed'; code: string };

// Plain CommonJS, so the worker needs no bundle of its own: it loads better-sqlite3 by the path
// the host resolved. Busy or unopenable is not damage: the check failed, the file may be fine.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  const first = db.pragma('integrity_check')[0];
  const answer = first && first.integrity_check;
  parentPort.postMessage(answer === 'ok' ? { outcome: 'ok' } : { outcome: 'damaged', problem: 'integrity_check: ' + (answer || 'no answer') });
} catch (error) {
  const code = (error && error.code) || 'unknown';
  const damaged = code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
  parentPort.postMessage(damaged ? { outcome: 'damaged', problem: 'open failed: ' + code } : { outcome: 'failed', code });
} finally {
  if (db) db.close();
}
`;

// This file runs as CommonJS in the app's bundles and as an ES module in the tests.
function sqlitePath(): string {
  return createRequire(typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'package.json')).resolve('better-sqlite3');
}

/** Runs `PRAGMA integrity_check` on `file` on a worker thread; never rejects. */
export function runFullCheck(file: string): Promise<FullCheckResult> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, name: 'integrity-check', workerData: { file, sqlite: sqlitePath() } });
    } catch (error) {
      resolve({ outcome: 'failed', code: errorKind(error) });
      return;
    }
    let answered = false;
    worker.once('message', (result: FullCheckResult) => {
      answered = true;
      resolve(result);
    });
    worker.once('error', (error) => {
      answered = true;
      resolve({ outcome: 'failed', code: errorKind(error) });
    });
    worker.once('exit', (exitCode) => {
      if (!answered) resolve({ outcome: 'failed', code: `exit:${exitCode}` });
    });
  });
}

export interface BackgroundCheckOptions {
  file: string;
  log: Logger;
  /** How long after start-up to check: past the first sessions' start, before the day's use (default 10 minutes). */
  delayMs?: number;
  /** Audits the finding in the database (it may fail on a damaged file: the log has it anyway). */
  audit: (problem: string) => void;
  /** Restarts the kiosk (the host's restart hook); undefined: the next start recovers. */
  restart?: () => void;
  /** Why the kiosk is in use (a code), or null when idle: the restart waits for null. */
  inUse: () => string | null;
  /** How often a restart waiting for an idle kiosk looks again (default 30 s). */
  checkEveryMs?: number;
}

/**
 * Runs the full check `delayMs` after start, and every 24 hours after that (the daily restart
 * usually comes first, so once a day). On
 * damage: writes the marker that makes the next open recover, logs and audits the finding, and
 * restarts the kiosk into the recovery once nobody is using it. Returns a function that cancels
 * what is still to come (the host closing).
 */
export function scheduleFullCheck(opts: BackgroundCheckOptions): () => void {
  let waiting: ReturnType<typeof setInterval> | undefined;
  let cancelled = false;
  const restartWhenIdle = (restart: () => void): void => {
    waiting = setInterval(() => {
      if (cancelled || opts.inUse() !== null) return;
      clearInterval(waiting);
      opts.log.info('store.recoveryRestart');
      restart();
    }, opts.checkEveryMs ?? 30_000);
    waiting.unref();
  };
  let daily: ReturnType<typeof setInterval> | undefined;
  const check = (): void => {
    void runFullCheck(opts.file).then((result) => {
      if (cancelled || !onResult(opts, result)) return;
      clearInterval(daily);
      if (opts.restart) restartWhenIdle(opts.restart);
    });
  };
  const timer = setTimeout(() => {
    check();
    // Again every day, for a kiosk whose daily restart is off.
    daily = setInterval(check, 24 * 60 * 60_000);
    daily.unref();
  }, opts.delayMs ?? 10 * 60_000);
  timer.unref();
  return () => {
    cancelled = true;
    clearTimeout(timer);
    clearInterval(daily);
    clearInterval(waiting);
  };
}

/** Logs a full check's result and, on damage, asks the next open to recover and audits it; true on damage. */
export function onResult(opts: Pick<BackgroundCheckOptions, 'file' | 'log' | 'audit' | 'restart'>, result: FullCheckResult): boolean {
  switch (result.outcome) {
    case 'ok':
      opts.log.info('store.fullCheckOk');
      return false;
    case 'failed':
      opts.log.warn('store.fullCheckFailed', { code: result.code });
      return false;
    case 'damaged':
      requestFullCheck(opts.file, 'backgroundCheck');
      opts.log.error('store.damageFound', { problem: result.problem, recovery: opts.restart ? 'restart' : 'nextStart' });
      try {
        opts.audit(result.problem);
      } catch (error) {
        opts.log.warn('store.damageAuditFailed', { error: errorKind(error) });
      }
      return true;
    default:
      return assertNever(result);
  }
}
