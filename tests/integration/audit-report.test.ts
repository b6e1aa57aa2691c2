import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditReport } from '../../electron/host/store/audit-report';
import { call, finishSession, removeTempDirs, send, startTestHost, tempDir, waitForView } from './helpers';
import { matching } from '../fixtures/matchers';

afterEach(() => removeTempDirs());

describe('npm run audit:verify', () => {
  it('reports an intact chain, then names the entry someone edited directly', async () => {
    const dataDir = tempDir('kiosk-audit-report-');
    const { host } = await startTestHost(dataDir);
    for (const resident of ['zhang', 'li']) {
      await send(host, { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
      await send(host, { type: 'CONTINUE' });
      await call(host, 'sim:presentCard', { residentId: resident });
      await waitForView(host, (v) => v.screen.name === 'question', 'a question');
      await send(host, { type: 'ANSWER', questionId: 'purpose', value: { choice: 'job' } });
      await send(host, { type: 'ANSWER', questionId: 'destination', value: { text: 'Canada' } });
      await send(host, { type: 'ANSWER', questionId: 'phone', value: { text: '13900000000' } });
      await send(host, { type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
      await send(host, { type: 'SUBMIT' });
      await waitForView(host, (v) => v.screen.name === 'confirmation' && v.screen.status === 'printed', 'the confirmation');
      await finishSession(host);
    }
    await host.close();

    const intact = auditReport(dataDir);
    expect(intact.exitCode).toBe(0);
    expect(intact.message).toMatch(/^Audit log intact: \d+ entries verified; 2 submissions and payments match their last audited change; head \d+ [0-9a-f]{16}\.$/);

    const db = new BetterSqlite3(path.join(dataDir, 'kiosk.db'));
    db.exec("UPDATE submissions SET state = 'accepted' WHERE id = 1");
    db.close();
    expect(auditReport(dataDir)).toMatchObject({ exitCode: 1, message: matching(/^Audit log BROKEN: submission JN-.+: it was changed after its last audited change\.$/) });

    const again = new BetterSqlite3(path.join(dataDir, 'kiosk.db'));
    again.exec('DROP TRIGGER audit_log_no_update');
    again.exec("UPDATE audit_log SET action = 'submission.deleted' WHERE seq = 2");
    again.close();
    expect(auditReport(dataDir)).toEqual({ exitCode: 1, message: 'Audit log BROKEN at entry 2: its content was changed after it was written.' });
  });

  it('says so when there is no database, or no key to check it with, and makes neither', async () => {
    const empty = tempDir('kiosk-audit-none-');
    expect(auditReport(empty).exitCode).toBe(2);
    const dataDir = tempDir('kiosk-audit-nokey-');
    const { host } = await startTestHost(dataDir);
    await host.close();
    fs.renameSync(path.join(dataDir, 'keys', 'kiosk.key'), path.join(dataDir, 'kiosk.key.elsewhere'));
    expect(auditReport(dataDir)).toMatchObject({ exitCode: 2, message: matching(/audit key cannot be read \(missing/) });
    expect(fs.readdirSync(path.join(dataDir, 'keys'))).toEqual([]);
  });
});
