import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnqueueChild, runCrashLoop, verifyCrashData, type BuiltChild, type CrashLoopResult } from '../fixtures/crash-loop';

// SIGKILL mid-enqueue is as close to a power cut as a test can get without a VM: whatever
// the child had written stays in the page cache, so this checks SQLite's recovery and our
// transaction boundaries, not the disk's honesty about fsync.
const KILLS = 60;
const SEED = Number(process.env.CRASH_SEED ?? 0x6b696f73);

let child: BuiltChild;
let dataDir: string;
let killLoop: CrashLoopResult | undefined;

beforeAll(async () => {
  child = await buildEnqueueChild();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-crash-'));
}, 30_000);

afterAll(() => {
  child?.dispose();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('queue under SIGKILL', () => {
  it(`keeps every acknowledged submission exactly once across ${KILLS} kills`, async () => {
    const run = await runCrashLoop({ script: child.script, dataDir, kills: KILLS, seed: SEED, runMs: [20, 150], earlyKillEvery: 8 });
    killLoop = run;
    const verdict = verifyCrashData(dataDir, run.acked);
    console.log(
      `crash test: ${run.kills} kills (${run.startupKills} before the queue was open) in ${(run.durationMs / 1000).toFixed(1)} s, seed ${SEED}; ` +
        `${verdict.acked} acknowledged, ${verdict.rows} rows, ${run.resentSame} re-sends of acknowledged keys, ` +
        `${run.unackedCommitsRetried} commits found without their acknowledgement and re-sent`,
    );

    expect(run.problems, `seed ${SEED}`).toEqual([]);
    expect(run.kills).toBe(KILLS);
    expect(verdict.integrity).toBe('ok');
    expect(verdict.setAside).toEqual([]);
    expect(verdict.acked).toBeGreaterThan(KILLS);
    expect(verdict.lost).toEqual([]);
    expect(verdict.changed).toEqual([]);
    expect(verdict.duplicated).toEqual([]);
    expect(verdict.duplicateReferences).toEqual([]);
    expect(verdict.rows).toBeGreaterThanOrEqual(verdict.acked);
    // Every restart re-sends the last acknowledged key and the next, so only the newest
    // commit can still be waiting for its line.
    expect(verdict.unacked.filter((key) => key !== `crash-${run.lastAcked + 1}`)).toEqual([]);
    expect(verdict.audit).toMatchObject({ ok: true });
    expect(verdict.rowDigests).toMatchObject({ ok: true });
    expect(verdict.auditMatchesRows).toBe(true);
    expect(verdict.unreadablePayloads).toBe(0);
  }, 90_000);

  it('answers a re-sent submission with its first reference and no new row', async () => {
    // Continues on the database the kill loop left. Each restart first re-sends the last
    // acknowledged key and the one after it; the kill waits until both were answered.
    const previous = killLoop ?? { acked: new Map<string, string>(), lastAcked: -1 };
    const lives = 5;
    const run = await runCrashLoop({ script: child.script, dataDir, kills: lives, seed: SEED + 1, runMs: [20, 60], earlyKillEvery: 0, minAcks: 2, resume: previous });
    expect(run.problems).toEqual([]);
    expect(run.resentSame).toBe(lives);
    const verdict = verifyCrashData(dataDir, run.acked);
    expect(verdict.lost).toEqual([]);
    expect(verdict.changed).toEqual([]);
    expect(verdict.duplicated).toEqual([]);
    expect(verdict.duplicateReferences).toEqual([]);
    expect(verdict.rows - verdict.unacked.length).toBe(run.acked.size);
  }, 30_000);
});
