import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIM_RESIDENTS } from '../../../../../electron/host/hardware/sim-residents';
import { enqueueSubmission } from '../../../../../electron/host/queue/enqueue';
import { purgeExpired } from '../../../../../electron/host/queue/retention';
import { openDatabase } from '../../../../../electron/host/store/db';
import { verifyAudit } from '../../../../../electron/host/store/repos/audit-log';
import { verifyRowDigests } from '../../../../../electron/host/store/repos/row-audit';
import { getSubmission, markSent, recordRemoteStatus } from '../../../../../electron/host/store/repos/submissions';
import { testAuditKey, testSealer } from '../../../../fixtures/sealer';
import { matching } from '../../../../fixtures/matchers';
import { identityFromCard } from '../../../../../shared/steps/identify/identify.part';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 1);
const sealer = testSealer();
let dir: string;
let db: Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-retention-'));
  db = openDatabase(path.join(dir, 'kiosk.db'), { sealer, auditKey: testAuditKey() });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function queue(key: string, acceptedAt?: number): string {
  const reference = enqueueSubmission(
    db,
    { submissionKey: key, serviceId: 'noCriminalRecord', lang: 'zh-CN', applicant: identityFromCard(SIM_RESIDENTS[0]!.card!), answers: { phone: { text: '13900000000' } }, photo: null, faceCheck: null, payment: null, lookups: {}, review: false },
    { kioskId: 'K01', sealer, now: T0 },
  );
  if (acceptedAt !== undefined) {
    markSent(db, reference, acceptedAt, { actor: 'sync' });
    recordRemoteStatus(db, reference, { now: acceptedAt, state: 'accepted', remoteStatus: null, reason: null }, { action: 'accepted', note: { actor: 'sync' } });
  }
  return reference;
}

describe('purgeExpired', () => {
  it('purges personal data of submissions accepted longer ago than the retention period, keeping the record', () => {
    const old = queue('old', T0 + 1 * DAY);
    const recent = queue('recent', T0 + 20 * DAY);
    const pending = queue('pending');
    const now = T0 + 32 * DAY;

    expect(purgeExpired(db, { retentionDays: 30, now })).toEqual([old]);

    expect(getSubmission(db, old)).toMatchObject({ reference: old, serviceId: 'noCriminalRecord', state: 'accepted', payload: null, purgedAt: now, createdAt: T0 });
    expect(getSubmission(db, recent)?.payload).not.toBeNull();
    expect(getSubmission(db, pending)?.payload).not.toBeNull();
    // Purged once only.
    expect(purgeExpired(db, { retentionDays: 30, now: now + DAY })).toEqual([]);
  });

  it('audits each purge, by reference only, and the chain still verifies', () => {
    const old = queue('old', T0);
    purgeExpired(db, { retentionDays: 30, now: T0 + 31 * DAY });
    const entries = db.prepare("SELECT subject, detail FROM audit_log WHERE action = 'submission.purged'").all() as { subject: string; detail: string }[];
    expect(entries.map((e) => e.subject)).toEqual([old]);
    expect(JSON.parse(entries[0]!.detail)).toEqual({ retentionDays: 30, digest: matching(/^[0-9a-f]{64}$/) });
    expect(verifyAudit(db).ok).toBe(true);
    expect(verifyRowDigests(db)).toEqual({ ok: true, rows: 1 });
  });

  it('respects a different retention setting', () => {
    const ref = queue('a', T0);
    expect(purgeExpired(db, { retentionDays: 7, now: T0 + 6 * DAY })).toEqual([]);
    expect(purgeExpired(db, { retentionDays: 7, now: T0 + 8 * DAY })).toEqual([ref]);
  });
});
