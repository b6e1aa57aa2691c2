import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { expect } from 'vitest';
import type { Sealer } from '../../electron/host/crypto/sealer';
import { createLogger } from '../../electron/host/log/logger';
import { enqueueSubmission, submissionContext } from '../../electron/host/queue/enqueue';
import { openDatabase } from '../../electron/host/store/db';
import { verifyRowDigests } from '../../electron/host/store/repos/row-audit';
import { verifyAudit } from '../../electron/host/store/repos/audit-log';
import { countByState, getSubmission } from '../../electron/host/store/repos/submissions';
import { createUplink, type Uplink, type UplinkDeps } from '../../electron/host/sync/uplink';
import { parseUplinkConfig, type UplinkConfigInput } from '../../electron/host/sync/uplink-config';
import type { SubmissionDraft } from '../../shared/steps/submit/submit.step';
import { draftFor, PERSONAL_DATA } from '../fixtures/drafts';
import { ReferenceReceiver, type ReceiverOptions } from '../fixtures/reference-receiver';
import { testAuditKey, testSealer } from '../fixtures/sealer';

/** A deterministic PRNG (mulberry32), uniform in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export { draftFor, PERSONAL_DATA, TEST_PHONE } from '../fixtures/drafts';

/** One outbox in a temp folder, a receiver, a fake clock and captured logs. */
export interface Harness {
  db: Database;
  sealer: Sealer;
  receiver: ReferenceReceiver;
  /** The uplink's clock; tests move it forward to the next due time. */
  clock: { t: number };
  lines: string[];
  drafts: Map<string, SubmissionDraft>;
  dir: string;
  enqueue(count: number, sealer?: Sealer): string[];
  uplink(overrides?: Partial<UplinkConfigInput>, deps?: Omit<UplinkDeps, 'transport'>): Uplink;
  close(): Promise<void>;
}

/** Starts a receiver and opens a fresh outbox. */
export async function harness(receiverOpts: ReceiverOptions = { basePath: '/platform/v1' }): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-uplink-'));
  const sealer = testSealer();
  const db = openDatabase(path.join(dir, 'kiosk.db'), { sealer, auditKey: testAuditKey() });
  const receiver = await ReferenceReceiver.start(receiverOpts);
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  const clock = { t: Date.UTC(2031, 4, 6, 22, 0, 0) };
  const drafts = new Map<string, SubmissionDraft>();
  const uplinks: Uplink[] = [];
  let made = 0;
  return {
    db,
    sealer,
    receiver,
    clock,
    lines,
    drafts,
    dir,
    enqueue(count, withSealer = sealer) {
      const refs: string[] = [];
      for (let i = 0; i < count; i++) {
        const draft = draftFor(made++);
        const reference = enqueueSubmission(db, draft, { kioskId: 'K01', sealer: withSealer, now: clock.t });
        drafts.set(reference, draft);
        refs.push(reference);
      }
      return refs;
    },
    uplink(overrides = {}, deps = {}) {
      const config = parseUplinkConfig({
        url: receiver.url,
        kioskId: 'K01',
        batchSize: 8,
        baseDelayMs: 5,
        maxDelayMs: 1_000,
        requestTimeoutMs: 2_000,
        statusPullIntervalMs: 0,
        ...overrides,
      });
      const uplink = createUplink(db, sealer, config, log, { now: () => clock.t, random: seeded(7), ...deps });
      uplinks.push(uplink);
      return uplink;
    },
    async close() {
      await Promise.all(uplinks.map((u) => u.stop()));
      await receiver.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Syncs until nothing is queued, moving the clock to each next due time; returns the rounds taken. */
export async function drain(h: Harness, uplink: Uplink, maxRounds = 200): Promise<number> {
  for (let round = 1; round <= maxRounds; round++) {
    await uplink.syncOnce();
    const counts = countByState(h.db);
    if (counts.queued === 0 && counts.sending === 0) return round;
    const due = uplink.nextAttemptAt();
    if (due !== undefined && due > h.clock.t) h.clock.t = due;
  }
  throw new Error(`The outbox was not empty after ${maxRounds} rounds: ${JSON.stringify(countByState(h.db))}`);
}

/** Audit actions written by sync for a reference, oldest first. */
export function auditActions(db: Database, reference: string): { action: string; detail: Record<string, unknown> }[] {
  // The decisions, without the bookkeeping of each attempt; digests are checked by verifyRowDigests.
  const rows = db
    .prepare(
      "SELECT action, detail FROM audit_log WHERE actor = 'sync' AND subject = ? AND action NOT IN ('submission.sending', 'submission.retryScheduled', 'submission.remoteStatus') ORDER BY seq",
    )
    .all(reference) as { action: string; detail: string }[];
  return rows.map((r) => {
    const { digest, ...detail } = JSON.parse(r.detail) as Record<string, unknown>;
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    return { action: r.action, detail };
  });
}

/** Every audit entry as text, to check that none carries personal data. */
export function auditText(db: Database): string[] {
  return (db.prepare('SELECT actor, action, subject, detail FROM audit_log ORDER BY seq').all() as Record<string, unknown>[]).map((r) => JSON.stringify(r));
}

/** Fails when any text carries a name, ID number, address or phone of the test data. */
export function expectNoPersonalData(texts: readonly string[]): void {
  const joined = texts.join('\n');
  for (const secret of PERSONAL_DATA) expect(joined, 'personal data in output').not.toContain(secret);
}

/**
 * The receiver holds every reference exactly once with the payload the resident confirmed,
 * every row is 'sent', each with one 'submission.sent' audit entry, and no log names anyone.
 */
export function expectDeliveredExactlyOnce(h: Harness, refs: readonly string[]): void {
  expect([...h.receiver.storeLog].sort()).toEqual([...refs].sort());
  expect(new Set(h.receiver.storeLog).size).toBe(h.receiver.storeLog.length);
  expect(h.receiver.counters.stored).toBe(refs.length);
  for (const reference of refs) {
    const draft = h.drafts.get(reference)!;
    const got = h.receiver.stored.get(reference)!;
    expect(got).toMatchObject({ reference, idempotencyKey: draft.submissionKey, serviceId: draft.serviceId, lang: draft.lang, kioskId: 'K01' });
    const row = getSubmission(h.db, reference)!;
    // Exactly what the kiosk sealed, and that is the resident's card and answers.
    expect(got.payload).toEqual(JSON.parse(h.sealer.open(row.payload!, submissionContext(reference)).toString('utf8')));
    expect(got.payload).toMatchObject({ applicant: draft.applicant, answers: draft.answers });
    if (Object.keys(draft.lookups).length > 0) expect(got.payload).toMatchObject({ lookups: draft.lookups });
    else expect(got.payload).not.toHaveProperty('lookups');
    expect(row.state).toBe('sent');
    expect(row.lastError).toBeNull();
    expect(auditActions(h.db, reference).filter((a) => a.action === 'submission.sent')).toHaveLength(1);
  }
  expect(countByState(h.db)).toMatchObject({ queued: 0, sending: 0, failed: 0, sent: refs.length });
  expect(verifyAudit(h.db).ok).toBe(true);
  expect(verifyRowDigests(h.db)).toMatchObject({ ok: true });
  expectNoPersonalData([...h.lines, ...auditText(h.db)]);
}
