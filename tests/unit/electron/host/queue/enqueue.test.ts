import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enqueueSubmission, submissionContext } from '../../../../../electron/host/queue/enqueue';
import { SIM_RESIDENTS } from '../../../../../electron/host/hardware/sim-residents';
import { openDatabase } from '../../../../../electron/host/store/db';
import { testAuditKey, testSealer } from '../../../../fixtures/sealer';
import { walStats } from '../../../../fixtures/wal';
import { countSubmissions, getSubmission } from '../../../../../electron/host/store/repos/submissions';
import { InvalidKioskCodeError, parseReference } from '../../../../../shared/domain/reference';
import { identityFromCard } from '../../../../../shared/steps/identify/identify.part';
import type { SubmissionDraft } from '../../../../../shared/steps/submit/submit.step';

const card = SIM_RESIDENTS.find((r) => r.id === 'li')?.card;
if (!card) throw new Error('The simulator has no resident "li".');

function draft(submissionKey: string): SubmissionDraft {
  return {
    submissionKey,
    serviceId: 'noCriminalRecord',
    lang: 'zh-CN',
    applicant: identityFromCard(card!),
    answers: { purpose: { choice: 'study' }, phone: { text: '13700001234' } },
    photo: null,
    faceCheck: null,
    payment: null,
    lookups: {},
    review: false,
  };
}

/** What the platform told the kiosk: a household entry, personal data like the rest. */
const HOUSEHOLD = { kind: 'household', data: { householdNumber: '310115067890', address: '上海市浦东新区虚构街88弄3号', relation: 'spouse', registeredSince: '1985-09-01' } } as const;

/** A random source that hands out `bytes` for the first `times` calls, then counts up. */
function colliding(bytes: number[], times: number) {
  let calls = 0;
  const random = (n: number) => {
    calls += 1;
    return calls <= times ? Uint8Array.from(bytes) : Uint8Array.from({ length: n }, (_, i) => (calls * 7 + i) & 0xff);
  };
  return { random, calls: () => calls };
}

const FIXED = [1, 2, 3, 4, 5];

let db: Database;
let dir: string;
const sealer = testSealer();

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-enqueue-'));
  db = openDatabase(path.join(dir, 'kiosk.db'), { sealer, auditKey: testAuditKey() });
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('enqueueSubmission', () => {
  it('queues the draft and returns a valid reference of this kiosk', () => {
    const reference = enqueueSubmission(db, draft('session-1'), { sealer, kioskId: 'K7Z', now: 1_700_000_000_000 });
    expect(parseReference(reference)).toEqual({ ok: true, value: reference });
    expect(reference).toMatch(/^JN-K7Z[0-9A-HJKMNP-TV-Z]-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$/);

    const row = getSubmission(db, reference);
    expect(row).toMatchObject({
      id: 1,
      reference,
      submissionKey: 'session-1',
      serviceId: 'noCriminalRecord',
      state: 'queued',
      lang: 'zh-CN',
      attempts: 0,
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
    });
    // Sealed to this row: it opens with the kiosk's key and this reference only.
    const opened = JSON.parse(sealer.open(row!.payload!, submissionContext(reference)).toString('utf8')) as unknown;
    // Exactly the applicant and the answers: nothing to carry for a photo, a payment or a lookup.
    expect(opened).toEqual({ applicant: identityFromCard(card), answers: draft('x').answers });
    expect(row!.payload!.includes(Buffer.from(card.idNumber))).toBe(false);
    expect(row!.needsReview).toBe(0);
    expect(() => sealer.open(row!.payload!, submissionContext('JN-K7Z0-0000-0'))).toThrow(/altered or belongs to another record/);
  });

  it('seals the photo, the payment and the lookups with the answers, and only when there are some', () => {
    const payment = { orderId: 'session-1-1', transactionId: 'SIM0123456789AB', amountFen: 2000 };
    const full: SubmissionDraft = { ...draft('session-1'), photo: 'AAAA', payment, lookups: { household: HOUSEHOLD } };
    const reference = enqueueSubmission(db, full, { sealer, kioskId: 'K01' });
    const row = getSubmission(db, reference)!;
    const opened = JSON.parse(sealer.open(row.payload!, submissionContext(reference)).toString('utf8')) as unknown;
    expect(opened).toEqual({ applicant: full.applicant, answers: full.answers, photo: 'AAAA', payment, lookups: { household: HOUSEHOLD } });
    // The household entry is sealed too: neither its number nor its address is in the row.
    for (const secret of [HOUSEHOLD.data.householdNumber, HOUSEHOLD.data.address]) {
      expect(row.payload!.includes(Buffer.from(secret))).toBe(false);
    }
  });

  it('records that staff review the submission, and audits it without personal data', () => {
    const reference = enqueueSubmission(db, { ...draft('session-1'), review: true }, { sealer, kioskId: 'K01' });
    expect(getSubmission(db, reference)?.needsReview).toBe(1);
    const audit = db.prepare("SELECT detail FROM audit_log WHERE action = 'submission.queued' AND subject = ?").get(reference) as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({ service: 'noCriminalRecord', review: true });
    for (const secret of [card.name, card.idNumber, card.address]) expect(audit.detail).not.toContain(secret);
  });

  it('gives different sessions different references', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) seen.add(enqueueSubmission(db, draft(`session-${i}`), { sealer, kioskId: 'K01' }));
    expect(seen.size).toBe(50);
    expect(countSubmissions(db)).toBe(50);
  });

  it('returns the same reference for the same submission key and keeps one row', () => {
    const first = enqueueSubmission(db, draft('session-1'), { sealer, kioskId: 'K01', random: colliding(FIXED, 1).random });
    const source = colliding([9, 9, 9, 9, 9], 99);
    const again = enqueueSubmission(db, { ...draft('session-1'), lang: 'en' }, { sealer, kioskId: 'K01', random: source.random });
    expect(again).toBe(first);
    expect(source.calls()).toBe(0);
    expect(countSubmissions(db)).toBe(1);
    // The first commit stands: a retry does not overwrite what was queued.
    expect(getSubmission(db, first)?.lang).toBe('zh-CN');
  });

  it('draws again when the random reference is taken, and still queues a unique one', () => {
    const taken = enqueueSubmission(db, draft('session-1'), { sealer, kioskId: 'K01', random: colliding(FIXED, 1).random });
    const source = colliding(FIXED, 5);
    const fresh = enqueueSubmission(db, draft('session-2'), { sealer, kioskId: 'K01', random: source.random });

    expect(fresh).not.toBe(taken);
    expect(parseReference(fresh).ok).toBe(true);
    expect(source.calls()).toBe(6);
    expect(countSubmissions(db)).toBe(2);
    expect(getSubmission(db, fresh)?.submissionKey).toBe('session-2');
    expect(getSubmission(db, taken)?.submissionKey).toBe('session-1');
  });

  it('gives up after 16 collisions with a clear error and writes nothing', () => {
    const taken = enqueueSubmission(db, draft('session-1'), { sealer, kioskId: 'K01', random: colliding(FIXED, 1).random });
    const source = colliding(FIXED, Infinity);

    expect(() => enqueueSubmission(db, draft('session-2'), { sealer, kioskId: 'K01', random: source.random })).toThrow(
      /No free reference number could be found/,
    );
    expect(source.calls()).toBe(16);
    expect(countSubmissions(db)).toBe(1);
    expect(getSubmission(db, taken)?.submissionKey).toBe('session-1');
    expect(db.prepare('SELECT count(*) AS n FROM submissions WHERE submission_key = ?').get('session-2')).toEqual({ n: 0 });
  });

  it('succeeds on the 16th draw', () => {
    enqueueSubmission(db, draft('session-1'), { sealer, kioskId: 'K01', random: colliding(FIXED, 1).random });
    const source = colliding(FIXED, 15);
    const reference = enqueueSubmission(db, draft('session-2'), { sealer, kioskId: 'K01', random: source.random });
    expect(source.calls()).toBe(16);
    expect(getSubmission(db, reference)?.submissionKey).toBe('session-2');
  });

  it('keeps personal data out of its error messages', () => {
    enqueueSubmission(db, draft('session-1'), { sealer, kioskId: 'K01', random: colliding(FIXED, 1).random });
    let message = '';
    try {
      enqueueSubmission(db, draft('session-2'), { sealer, kioskId: 'K01', random: colliding(FIXED, Infinity).random });
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).not.toBe('');
    for (const secret of [card.name, card.idNumber, card.address, '13700001234']) expect(message).not.toContain(secret);
  });

  it('refuses a kiosk id that cannot appear in a reference, writing nothing', () => {
    expect(() => enqueueSubmission(db, draft('session-1'), { sealer, kioskId: 'KIL' })).toThrow(InvalidKioskCodeError);
    expect(countSubmissions(db)).toBe(0);
  });
});

describe('enqueueSubmission on disk', () => {
  const file = () => path.join(dir, 'kiosk.db');

  it('commits on a connection in WAL mode with synchronous=FULL, so the commit syncs the WAL', () => {
    enqueueSubmission(db, draft('session-1'), { sealer, kioskId: 'K01' });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 is FULL: the WAL is synced on every commit, before enqueueSubmission returns.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
  });

  it('has each submission in the WAL as a commit of its own when it returns', () => {
    enqueueSubmission(db, draft('session-0'), { sealer, kioskId: 'K01' });
    for (let i = 1; i <= 5; i++) {
      const before = walStats(file());
      const reference = enqueueSubmission(db, draft(`session-${i}`), { sealer, kioskId: 'K01' });
      const after = walStats(file());
      // Written and committed, not waiting for a later submission; nothing else committed with it.
      expect(after.commits - before.commits, reference).toBe(1);
    }
  });

  it('writes few pages per commit: one leaf per table and index, splits aside', () => {
    // A queue deep enough for its indexes to have inner pages, filled in one commit to be quick.
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) enqueueSubmission(db, draft(`old-${i}`), { sealer, kioskId: 'K01' });
    })();
    db.pragma('wal_checkpoint(PASSIVE)');
    // The next commit restarts the WAL: what it holds after 100 more is theirs alone.
    for (let i = 0; i < 100; i++) enqueueSubmission(db, draft(`session-${i}`), { sealer, kioskId: 'K01' });
    const wal = walStats(file());
    expect(wal.commits).toBe(100);
    // 9 B-trees take a row (the table, the 6 indexes a queued row is in, the audit log and its
    // subject index) and the audit head an update: 10 pages, and some for splits. Descending
    // indexes made it 12.5.
    expect(wal.frames / wal.commits).toBeLessThan(11.8);
  }, 30_000);

  it('prepares its statements once per connection, not per submission', () => {
    enqueueSubmission(db, draft('session-1'), { sealer, kioskId: 'K01' });
    const prepare = vi.spyOn(db, 'prepare');
    try {
      for (let i = 2; i <= 4; i++) enqueueSubmission(db, draft(`session-${i}`), { sealer, kioskId: 'K01' });
      expect(prepare).not.toHaveBeenCalled();
    } finally {
      prepare.mockRestore();
    }
    expect(countSubmissions(db)).toBe(4);
  });

  it('rolls the whole submission back when its audit entry cannot be written', () => {
    enqueueSubmission(db, draft('session-1'), { sealer, kioskId: 'K01' });
    const entries = () => db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const before = entries();
    db.exec("CREATE TRIGGER refuse_head BEFORE UPDATE ON audit_head BEGIN SELECT RAISE(ABORT, 'head refused'); END");
    expect(() => enqueueSubmission(db, draft('session-2'), { sealer, kioskId: 'K01' })).toThrow(/head refused/);
    db.exec('DROP TRIGGER refuse_head');
    // The insert and its audit entry joined the enqueue's transaction: none of it stays.
    expect(countSubmissions(db)).toBe(1);
    expect(entries()).toBe(before);
    expect(db.inTransaction).toBe(false);
    expect(enqueueSubmission(db, draft('session-2'), { sealer, kioskId: 'K01' })).toMatch(/^JN-K01/);
  });
});
