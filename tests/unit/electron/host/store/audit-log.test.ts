import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../../electron/host/store/db';
import { appendAudit, verifyAudit } from '../../../../../electron/host/store/repos/audit-log';
import { testSealer } from '../../../../fixtures/sealer';

let dir: string;
let db: Database;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-audit-'));
  db = openDatabase(path.join(dir, 'kiosk.db'), { sealer: testSealer() });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function fill(n: number) {
  for (let i = 1; i <= n; i++) {
    appendAudit(db, { actor: 'kiosk', action: 'submission.queued', subject: `JN-K01A-000${i % 10}-X`, detail: { service: 'noCriminalRecord', n: i } }, 1000 + i);
  }
}

describe('audit log', () => {
  it('chains entries and verifies an untouched chain', () => {
    fill(20);
    expect(verifyAudit(db)).toEqual({ ok: true, entries: 20 });
    const rows = db.prepare('SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq').all() as { seq: number; prev_hash: string; hash: string }[];
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });

  it('is append-only: updates and deletes are refused by the database', () => {
    fill(3);
    expect(() => db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
  });

  it.each([
    ['the action', "UPDATE audit_log SET action = 'submission.deleted' WHERE seq = 7"],
    ['the detail', `UPDATE audit_log SET detail = '{"service":"other","n":7}' WHERE seq = 7`],
    ['the time', 'UPDATE audit_log SET at = at + 1 WHERE seq = 7'],
    ['the subject', "UPDATE audit_log SET subject = 'JN-K01A-9999-X' WHERE seq = 7"],
  ])('names the first broken entry when someone edits %s directly', (_what, sql) => {
    fill(12);
    // Someone with the file drops the guard and edits a row.
    db.exec('DROP TRIGGER audit_log_no_update');
    db.exec(sql);
    const verdict = verifyAudit(db);
    expect(verdict).toMatchObject({ ok: false, brokenAt: 7 });
  });

  it('catches a deleted entry in the middle', () => {
    fill(10);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.exec('DELETE FROM audit_log WHERE seq = 4');
    expect(verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 5, reason: 'entry 4 is missing' });
  });

  it('catches a re-hashed entry whose successor no longer follows it', () => {
    fill(6);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.exec("UPDATE audit_log SET hash = 'f' || substr(hash, 2) WHERE seq = 3");
    expect(verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 3 });
  });
});
