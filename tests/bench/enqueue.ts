/**
 * The bench's enqueue section: durable enqueues against raw appends with fdatasync and fsync,
 * and against the like-for-like limit (the pages and fsync calls one enqueue commit makes,
 * counted from the WAL), interleaved in rounds.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Sealer } from '../../electron/host/crypto/sealer';
import { enqueueSubmission } from '../../electron/host/queue/enqueue';
import { openDatabase } from '../../electron/host/store/db';
import { testAuditKey } from '../fixtures/sealer';
import { plainDraft } from '../fixtures/queue-draft';
import { walStats } from '../fixtures/wal';
import { quantile } from './staff-list';

/** Small appends, each followed by fdatasync (or fsync): the most commits per second this disk allows. */
function rawSync(dir: string, ms: number, call: 'fdatasync' | 'fsync'): { ops: number; ms: number } {
  const file = path.join(dir, `${call}.bin`);
  const fd = fs.openSync(file, 'a');
  const record = Buffer.alloc(128, 0x5a);
  let ops = 0;
  const start = performance.now();
  try {
    while (performance.now() - start < ms) {
      fs.writeSync(fd, record);
      if (call === 'fdatasync') fs.fdatasyncSync(fd);
      else fs.fsyncSync(fd);
      ops += 1;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { ops, ms: performance.now() - start };
}

/** Where the like-for-like limit writes its frames: appended to a growing file, or in place. */
type Placement = { kind: 'append' } | { kind: 'inPlace'; frames: number };

/**
 * The like-for-like limit: per "commit", as many WAL-sized frames (24-byte header + page) as one
 * enqueue commit writes to the WAL, then as many fsync calls as SQLite makes per commit (this
 * better-sqlite3 build has no HAVE_FDATASYNC, so SQLite calls fsync). Fractional counts are
 * spread: 11.6 pages a commit is 11 pages, then 12 on most commits. Appended, the file grows
 * with every commit, as the WAL does until its first checkpoint; in place, the frames go round a
 * file of the WAL's size, written once beforehand, as the WAL is overwritten from its start after
 * every checkpoint (no block to allocate, no size to journal).
 */
function rawCommits(file: string, ms: number, perCommit: { pages: number; syncs: number; pageSize: number }, placement: Placement): { ops: number; ms: number } {
  const frame = Buffer.alloc(24 + perCommit.pageSize, 0x5a);
  const inPlace = placement.kind === 'inPlace' ? Math.max(1, placement.frames) : 0;
  const fd = fs.openSync(file, inPlace ? 'r+' : 'a');
  let at = 0;
  let pagesOwed = 0;
  let syncsOwed = 0;
  let ops = 0;
  const start = performance.now();
  try {
    while (performance.now() - start < ms) {
      for (pagesOwed += perCommit.pages; pagesOwed >= 1; pagesOwed -= 1) {
        if (inPlace) fs.writeSync(fd, frame, 0, frame.length, (at++ % inPlace) * frame.length);
        else fs.writeSync(fd, frame);
      }
      for (syncsOwed += perCommit.syncs; syncsOwed >= 1; syncsOwed -= 1) fs.fsyncSync(fd);
      ops += 1;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { ops, ms: performance.now() - start };
}

/** A file of `frames` WAL-sized frames, on disk, for the in-place limit to overwrite. */
function preallocated(file: string, frames: number, pageSize: number): void {
  const fd = fs.openSync(file, 'w');
  try {
    const frame = Buffer.alloc(24 + pageSize, 0x5a);
    for (let i = 0; i < frames; i++) fs.writeSync(fd, frame);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const draft = (n: number) => plainDraft(`bench-${n}`, n);

/**
 * Durable enqueues against raw fdatasync and fsync and against the like-for-like limit,
 * interleaved in rounds so that all see the same disk weather (other work on the machine moves
 * these rates by a factor of 2 or more). Pages and syncs per commit are counted, not timed: from
 * the WAL's frames, and from its restarts (each restart follows one whole checkpoint, which syncs
 * the WAL and the database file, and its first commit syncs the new WAL header: 3 fsync calls).
 */
export function benchEnqueue(dir: string, sealer: Sealer, rounds: number, ms: number) {
  const file = path.join(dir, 'enqueue.db');
  const db = openDatabase(file, { sealer, auditKey: testAuditKey() });
  const latencies: number[] = [];
  let enqueueMs = 0;
  const raw = { fdatasync: { ops: 0, ms: 0 }, fsync: { ops: 0, ms: 0 }, appended: { ops: 0, ms: 0 }, inPlace: { ops: 0, ms: 0 } };
  const appendedFile = path.join(dir, 'like-for-like-appended.bin');
  const inPlaceFile = path.join(dir, 'like-for-like-in-place.bin');
  let inPlaceFrames = 0;
  // Counted over the timed enqueues only.
  const wal = { frames: 0, commits: 0, restarts: 0, pageSize: 4096 };
  try {
    // The first few hundred commits build the b-trees' first levels and write fewer pages.
    for (let n = 0; n < WARM_UP_ENQUEUES; n++) enqueueSubmission(db, draft(n), { kioskId: 'K01', sealer });
    for (let round = 0; round < rounds; round++) {
      const before = walStats(file);
      const start = performance.now();
      while (performance.now() - start < ms) {
        const t = performance.now();
        enqueueSubmission(db, draft(WARM_UP_ENQUEUES + latencies.length), { kioskId: 'K01', sealer });
        latencies.push(performance.now() - t);
      }
      enqueueMs += performance.now() - start;
      const after = walStats(file);
      // After a restart the file holds only the frames written since, all of them in this round.
      const restarted = after.restarts !== before.restarts;
      wal.frames += after.frames - (restarted ? 0 : before.frames);
      wal.commits += after.commits - (restarted ? 0 : before.commits);
      wal.restarts += after.restarts - before.restarts;
      wal.pageSize = after.pageSize || wal.pageSize;
      for (const call of ['fdatasync', 'fsync'] as const) {
        const r = rawSync(dir, ms, call);
        raw[call] = { ops: raw[call].ops + r.ops, ms: raw[call].ms + r.ms };
      }
      const like = perCommit(wal, latencies.length);
      // A new file each round, as the WAL starts empty.
      fs.rmSync(appendedFile, { force: true });
      const a = rawCommits(appendedFile, ms, like, { kind: 'append' });
      raw.appended = { ops: raw.appended.ops + a.ops, ms: raw.appended.ms + a.ms };
      // As many frames as the WAL file holds: what it goes round after each checkpoint.
      const walFrames = Math.floor((after.bytes - 32) / (24 + wal.pageSize));
      if (walFrames > inPlaceFrames) {
        inPlaceFrames = walFrames;
        preallocated(inPlaceFile, inPlaceFrames, wal.pageSize);
      }
      const p = rawCommits(inPlaceFile, ms, like, { kind: 'inPlace', frames: inPlaceFrames });
      raw.inPlace = { ops: raw.inPlace.ops + p.ops, ms: raw.inPlace.ms + p.ms };
    }
  } finally {
    db.close();
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const rate = (r: { ops: number; ms: number }) => (r.ops / r.ms) * 1000;
  return {
    enqueuePerSec: (latencies.length / enqueueMs) * 1000,
    rawPerSec: rate(raw.fdatasync),
    rawFsyncPerSec: rate(raw.fsync),
    appendedPerSec: rate(raw.appended),
    inPlacePerSec: rate(raw.inPlace),
    walFrames: inPlaceFrames,
    ...perCommit(wal, latencies.length),
    restarts: wal.restarts,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    count: latencies.length,
  };
}

const WARM_UP_ENQUEUES = 500;
// SQLite's fsync calls for one WAL restart: the checkpoint's two (WAL, database) and the new header's.
const SYNCS_PER_RESTART = 3;

/** Pages and fsync calls per enqueue commit, from what the WAL showed over `commits` commits. */
function perCommit(wal: { frames: number; commits: number; restarts: number; pageSize: number }, commits: number) {
  return {
    pages: wal.commits > 0 ? wal.frames / wal.commits : 0,
    syncs: commits > 0 ? 1 + (SYNCS_PER_RESTART * wal.restarts) / commits : 1,
    pageSize: wal.pageSize,
  };
}
