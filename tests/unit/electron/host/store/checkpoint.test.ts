import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enqueueSubmission } from '../../../../../electron/host/queue/enqueue';
import { SIM_RESIDENTS } from '../../../../../electron/host/hardware/sim-residents';
import { openDatabase, QUIET_CHECKPOINT_CHANGES, QUIET_CHECKPOINT_MS, WAL_CHECKPOINT_PAGES } from '../../../../../electron/host/store/db';
import { countSubmissions } from '../../../../../electron/host/store/repos/submissions';
import { testAuditKey, testSealer } from '../../../../fixtures/sealer';
import { walStats } from '../../../../fixtures/wal';
import { identityFromCard } from '../../../../../shared/steps/identify/identify.part';
import type { SubmissionDraft } from '../../../../../shared/steps/submit/submit.step';

const card = SIM_RESIDENTS.find((r) => r.card)?.card;
if (!card) throw new Error('The simulator has no resident with a card.');
const sealer = testSealer();

// What is queued does not matter here, only that each draft is another submission.
const base: Omit<SubmissionDraft, 'submissionKey'> = { serviceId: 'noCriminalRecord', lang: 'zh-CN', applicant: identityFromCard(card), answers: {}, photo: null, faceCheck: null, payment: null, lookups: {}, review: false };
const draft = (submissionKey: string): SubmissionDraft => ({ ...base, submissionKey });

// An enqueue changes three rows: the submission, its audit entry and the audit head.
const ENQUEUES_TO_CHECKPOINT = Math.ceil(QUIET_CHECKPOINT_CHANGES / 3);

let dir: string;
let file: string;
let db: Database;
let n = 0;
const enqueue = (count: number) => {
  for (let i = 0; i < count; i++) enqueueSubmission(db, draft(`s-${n++}`), { sealer, kioskId: 'K01' });
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-checkpoint-'));
  file = path.join(dir, 'kiosk.db');
  db = openDatabase(file, { sealer, auditKey: testAuditKey() });
});

afterEach(() => {
  if (db.open) db.close();
  vi.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('checkpoints off the commit path', () => {
  it('leaves the committing connection to checkpoint only past the bound', () => {
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_CHECKPOINT_PAGES);
  });

  it('checkpoints once the connection is quiet, and the next commit starts the WAL over', () => {
    enqueue(ENQUEUES_TO_CHECKPOINT);
    const busy = walStats(file);
    expect(busy.commits).toBeGreaterThanOrEqual(ENQUEUES_TO_CHECKPOINT);
    // The first look sees the writes; the next, a second later with none, checkpoints.
    vi.advanceTimersByTime(QUIET_CHECKPOINT_MS);
    vi.advanceTimersByTime(QUIET_CHECKPOINT_MS);
    enqueue(1);
    const after = walStats(file);
    expect(after.restarts).toBe(busy.restarts + 1);
    expect(after.commits).toBe(1);
    // Overwritten from its start, not grown.
    expect(after.bytes).toBe(busy.bytes);
    expect(countSubmissions(db)).toBe(ENQUEUES_TO_CHECKPOINT + 1);
  });

  it('does not checkpoint while commits keep coming, nor for a few rows', () => {
    const start = walStats(file);
    // Three seconds of commits: well under the bound, where the commit would checkpoint.
    for (let second = 0; second < 3; second++) {
      enqueue(ENQUEUES_TO_CHECKPOINT);
      vi.advanceTimersByTime(QUIET_CHECKPOINT_MS);
    }
    expect(walStats(file).restarts).toBe(start.restarts);

    vi.advanceTimersByTime(QUIET_CHECKPOINT_MS);
    enqueue(1);
    const quiet = walStats(file);
    expect(quiet.restarts).toBe(start.restarts + 1);
    // A few submissions, then quiet for a long time: too little to be worth two fsync calls.
    enqueue(5);
    vi.advanceTimersByTime(60 * QUIET_CHECKPOINT_MS);
    enqueue(1);
    expect(walStats(file).restarts).toBe(quiet.restarts);
  });

  it('bounds the WAL in a burst that never lets a timer run', () => {
    const frameBytes = 4096 + 24;
    // About 11 pages a commit: the bound is passed several times over.
    enqueue(Math.ceil((3 * WAL_CHECKPOINT_PAGES) / 11));
    const wal = walStats(file);
    expect(wal.restarts).toBeGreaterThanOrEqual(2);
    // The bound, one commit's frames past it, and the header.
    expect(wal.bytes).toBeLessThanOrEqual(32 + (WAL_CHECKPOINT_PAGES + 64) * frameBytes);
  }, 60_000);

  it('stops looking once the connection is closed', () => {
    expect(vi.getTimerCount()).toBe(1);
    db.close();
    vi.advanceTimersByTime(QUIET_CHECKPOINT_MS);
    expect(vi.getTimerCount()).toBe(0);
  });
});
