import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Recovery } from '../../../../../electron/host/store/db';
import { countSubmissions } from '../../../../../electron/host/store/repos/submissions';
import { testAuditKey, testSealer } from '../../../../fixtures/sealer';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('start-up integrity check', () => {
  it('sets a damaged database aside (never deletes it) and starts a working one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-recover-'));
    dirs.push(dir);
    const file = path.join(dir, 'kiosk.db');
    const sealer = testSealer();
    const auditKey = testAuditKey();
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
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-recover-'));
    dirs.push(dir);
    const file = path.join(dir, 'kiosk.db');
    const sealer = testSealer();
    const auditKey = testAuditKey();
    openDatabase(file, { sealer, auditKey }).close();
    let recovered = false;
    openDatabase(file, { sealer, auditKey }, () => (recovered = true)).close();
    expect(recovered).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('damaged'))).toEqual([]);
  });
});
