import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditReport } from '../../electron/host/store/audit-report';
import { call, removeTempDirs, send, startTestHost, tempDir, waitForView } from './helpers';

afterEach(() => removeTempDirs());

describe('npm run audit:verify', () => {
  it('reports an intact chain, then names the entry someone edited directly', async () => {
    const dataDir = tempDir('kiosk-audit-report-');
    const { host } = await startTestHost(dataDir);
    for (const resident of ['zhang', 'li']) {
      await send(host, { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
      await send(host, { type: 'CONTINUE' });
      await call(host, 'sim:presentCard', { residentId: resident });
      await waitForView(host, (v) => v.screen === 'question', 'a question');
      await send(host, { type: 'ANSWER', questionId: 'purpose', value: { choice: 'job' } });
      await send(host, { type: 'ANSWER', questionId: 'destination', value: { text: 'Canada' } });
      await send(host, { type: 'ANSWER', questionId: 'phone', value: { text: '13900000000' } });
      await send(host, { type: 'ANSWER', questionId: 'delivery', value: { choice: 'collect' } });
      await send(host, { type: 'SUBMIT' });
      await waitForView(host, (v) => v.screen === 'confirmation', 'the confirmation');
      await send(host, { type: 'FINISH' });
    }
    await host.close();

    expect(auditReport(dataDir)).toEqual({ exitCode: 0, message: 'Audit log intact: 2 entries verified.' });

    const db = new BetterSqlite3(path.join(dataDir, 'kiosk.db'));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.exec("UPDATE audit_log SET action = 'submission.deleted' WHERE seq = 1");
    db.close();
    expect(auditReport(dataDir)).toEqual({ exitCode: 1, message: 'Audit log BROKEN at entry 1: its content was changed after it was written.' });
  });

  it('says so when there is no database', () => {
    expect(auditReport(tempDir('kiosk-audit-none-')).exitCode).toBe(2);
  });
});
