import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { fullCheckMarker, openDatabase, type Recovery } from '../../../../../electron/host/store/db';
import { onResult, runFullCheck, scheduleFullCheck } from '../../../../../electron/host/store/integrity-check';
import { countSubmissions } from '../../../../../electron/host/store/repos/submissions';
import type { Logger } from '../../../../../electron/host/log/logger';
import { testAuditKey, testSealer } from '../../../../fixtures/sealer';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

// A fresh data folder (removed after the test) and the keys to open a database in it.
function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-recover-'));
  dirs.push(dir);
  return { dir, file: path.join(dir, 'kiosk.db'), sealer: testSealer(), auditKey: testAuditKey() };
}

describe('start-up integrity check', () => {
  it('sets a damaged database aside (never deletes it) and starts a working one', () => {
    const { file, sealer, auditKey } = setup();
    const db = openDatabase(file, { sealer, auditKey });
    db.prepare("INSERT INTO settings (key, value) VALUES ('k', ?)").run('x'.repeat(50_000));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Scribble over the middle of the file, as a failing disk would.
    const bytes = fs.readFileSync(file);
    for (let i = 4096; i < bytes.length - 4096; i += 7) bytes[i] = 0xff;
    fs.writeFileSync(file, bytes);

    let recovery: Recovery | undefined;
    const fresh = openDatabase(file, { sealer, auditKey }, (r) => (recovery = r));
    expect(recovery).toBeDefined();
    expect(fs.existsSync(recovery!.movedTo)).toBe(true);
    expect(fs.readFileSync(recovery!.movedTo).equals(bytes)).toBe(true);
    expect(countSubmissions(fresh)).toBe(0);
    expect((fresh.pragma('integrity_check') as { integrity_check: string }[])[0]?.integrity_check).toBe('ok');
    fresh.close();
  });

  it('leaves a healthy database alone', () => {
    const { dir, file, sealer, auditKey } = setup();
    openDatabase(file, { sealer, auditKey }).close();
    let recovered = false;
    openDatabase(file, { sealer, auditKey }, () => (recovered = true)).close();
    expect(recovered).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('damaged'))).toEqual([]);
  });

  it('finds a corrupted page header with the quick check at start', () => {
    const { file, sealer, auditKey } = setup();
    const db = openDatabase(file, { sealer, auditKey });
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'submissions_created'").pluck().get() as number;
    db.close();
    // One byte: an index's root page says it is no kind of B-tree page.
    const bytes = fs.readFileSync(file);
    bytes[(root - 1) * pageSize] = 0x07;
    fs.writeFileSync(file, bytes);

    let recovery: Recovery | undefined;
    openDatabase(file, { sealer, auditKey }, (r) => (recovery = r)).close();
    expect(recovery?.problem).toMatch(/^quick_check: /);
    expect(fs.readFileSync(recovery!.movedTo).equals(bytes)).toBe(true);
  });

  it('recovers on the next start from damage only the full background check finds', async () => {
    const { file, sealer, auditKey } = setup();
    const db = openDatabase(file, { sealer, auditKey });
    db.prepare(
      `INSERT INTO submissions (reference, submission_key, service_id, state, lang, payload, needs_review, created_at, updated_at)
       VALUES ('JN-K01A-0000-1', 'k1', 'noCriminalRecord', 'queued', 'zh-CN', x'01', 0, 10, 10)`,
    ).run();
    db.close();
    // An index that no longer matches its table: every page is sound, so quick_check passes.
    const raw = new BetterSqlite3(file);
    raw.unsafeMode(true);
    raw.pragma('writable_schema = ON');
    const index = raw.prepare("SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema WHERE name = 'submissions_created'").get() as Record<string, unknown>;
    raw.prepare("DELETE FROM sqlite_schema WHERE name = 'submissions_created'").run();
    raw.close();
    const edit = new BetterSqlite3(file);
    edit.prepare('UPDATE submissions SET created_at = 99').run();
    edit.unsafeMode(true);
    edit.pragma('writable_schema = ON');
    edit.prepare('INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES (@type, @name, @tbl_name, @rootpage, @sql)').run(index);
    edit.close();

    let recovery: Recovery | undefined;
    openDatabase(file, { sealer, auditKey }, (r) => (recovery = r)).close();
    expect(recovery).toBeUndefined();

    const result = await runFullCheck(file);
    expect(result).toMatchObject({ outcome: 'damaged', problem: expect.stringMatching(/^integrity_check: /) as unknown });
    const events: string[] = [];
    const log: Logger = { debug: () => undefined, info: () => undefined, warn: (e) => events.push(e), error: (e) => events.push(e) };
    const audited: string[] = [];
    expect(onResult({ file, log, audit: (p) => audited.push(p) }, result)).toBe(true);
    expect(events).toEqual(['store.damageFound']);
    expect(audited).toHaveLength(1);
    expect(fs.existsSync(fullCheckMarker(file))).toBe(true);

    const fresh = openDatabase(file, { sealer, auditKey }, (r) => (recovery = r));
    expect(recovery?.problem).toMatch(/^integrity_check: /);
    expect(countSubmissions(fresh)).toBe(0);
    expect(fs.existsSync(fullCheckMarker(file))).toBe(false);
    expect(fs.existsSync(recovery!.movedTo)).toBe(true);
    // The new file checks clean, read beside the host's open connection and its WAL.
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    await expect(runFullCheck(file)).resolves.toEqual({ outcome: 'ok' });
    fresh.close();
  });

  it('restarts the kiosk into the recovery once nobody is using it', async () => {
    const { file } = setup();
    fs.writeFileSync(file, Buffer.alloc(8192, 0xab));
    const events: string[] = [];
    const log: Logger = { debug: () => undefined, info: (e) => events.push(e), warn: (e) => events.push(e), error: (e) => events.push(e) };
    let busy: string | null = 'residentSession';
    let restarts = 0;
    const stop = scheduleFullCheck({ file, log, delayMs: 0, checkEveryMs: 10, inUse: () => busy, restart: () => (restarts += 1), audit: () => undefined });
    try {
      await vi.waitFor(() => expect(events).toContain('store.damageFound'));
      expect(fs.existsSync(fullCheckMarker(file))).toBe(true);
      await new Promise((r) => setTimeout(r, 50));
      expect(restarts).toBe(0);
      busy = null;
      await vi.waitFor(() => expect(restarts).toBe(1));
      expect(events).toEqual(['store.damageFound', 'store.recoveryRestart']);
    } finally {
      stop();
    }
  });
});
