/**
 * A data key that cannot be read must never cost a submission: the kiosk goes out of service,
 * says why, keeps everything, and serves again once the key is back. A new key is made only by
 * the operator's explicit, audited action.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FlowView } from '../../shared/contract';
import { keysReset } from '../../electron/cli/keys-reset';
import { submissionContext } from '../../electron/host/queue/enqueue';
import { verifyAudit } from '../../electron/host/store/repos/audit-log';
import { verifyRowDigests } from '../../electron/host/store/repos/row-audit';
import { ReferenceReceiver } from '../fixtures/reference-receiver';
import { fixtureKeys } from '../fixtures/sealer';
import { call, finishSession, screenOf, send, waitForView } from './helpers';
import { closeAllHosts, closeHost, ncrToCheck, openHost, submissionRows, toIdentify, waitUntil } from './faults-helpers';
import { matching } from '../fixtures/matchers';

const noWait = { keySleep: async () => undefined };
let receiver: ReferenceReceiver | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await closeAllHosts();
  await receiver?.close();
  receiver = undefined;
});

const keyFile = (dataDir: string) => path.join(dataDir, 'keys', 'kiosk.key');

/** Two no-criminal-record applications queued with no platform, so they stay queued. */
async function queueTwo(): Promise<{ dataDir: string; references: string[] }> {
  const { host, dataDir } = await openHost();
  const references: string[] = [];
  for (let i = 0; i < 2; i++) {
    await ncrToCheck(host);
    await send(host, { type: 'SUBMIT' });
    const done = await waitForView(host, (v) => v.screen.name === 'confirmation' && v.screen.status === 'printed', 'the confirmation');
    references.push(screenOf(done, 'confirmation').reference);
    await finishSession(host);
  }
  await closeHost(host);
  return { dataDir, references };
}

function expectOutOfService(view: FlowView, reason: string): void {
  // The one screen of a kiosk that cannot serve: the reason, and nothing of any session.
  expect(view).toEqual({
    seq: 0,
    sessionId: 'unavailable',
    lang: 'zh-CN',
    serviceId: null,
    progress: null,
    idle: { warning: false, resetAt: null },
    submitted: false,
    screen: { name: 'unavailable', reason },
  });
}

describe('a key file that cannot be read', () => {
  it('unreadable at one start, readable at the next: the kiosk keeps everything, then every submission opens and syncs', async () => {
    const { dataDir, references } = await queueTwo();
    const good = fs.readFileSync(keyFile(dataDir));
    const dbBefore = fs.readFileSync(path.join(dataDir, 'kiosk.db'));
    // A transient fault: the file reads back as something else for a while.
    fs.writeFileSync(keyFile(dataDir), 'not the key');

    const { host: down, lines } = await openHost(dataDir, {}, noWait);
    const info = await call(down, 'app:info', {});
    expect(info.availability).toEqual({ state: 'unavailable', reason: 'keyUnreadable' });
    expectOutOfService(await call(down, 'flow:get', {}), 'keyUnreadable');
    expectOutOfService(await call(down, 'flow:send', { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' }), 'keyUnreadable');
    expect(await down.handle('device:status', {})).toMatchObject({ ok: false, error: { code: 'notAvailable' } });
    expect(lines.some((l) => l.includes('"keys.unavailable"') && l.includes('"unreadable"'))).toBe(true);
    await closeHost(down);
    // Nothing set aside, nothing replaced, the queue untouched.
    expect(fs.readdirSync(path.join(dataDir, 'keys'))).toEqual(['kiosk.key']);
    expect(fs.readFileSync(path.join(dataDir, 'kiosk.db')).equals(dbBefore)).toBe(true);

    fs.writeFileSync(keyFile(dataDir), good);
    receiver = await ReferenceReceiver.start({});
    const { host: up } = await openHost(dataDir, { platform: { kioskId: 'K01', url: receiver.url } });
    expect((await call(up, 'app:info', {})).availability).toEqual({ state: 'ready' });
    await waitUntil(() => (references.every((r) => receiver?.stored.has(r)) ? true : undefined), 'both submissions to reach the platform');
    const { sealer } = fixtureKeys(dataDir);
    for (const row of submissionRows(dataDir)) expect(() => sealer.open(row.payload, submissionContext(row.reference))).not.toThrow();
  });

  it('serves again without a restart once the key can be read, resuming the session that was open', async () => {
    const { host: first, dataDir } = await openHost();
    const atCard = await toIdentify(first, 'noCriminalRecord');
    await closeHost(first);
    const good = fs.readFileSync(keyFile(dataDir));
    fs.writeFileSync(keyFile(dataDir), '');

    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { host } = await openHost(dataDir, {}, { ...noWait, keyRetryMs: 30_000 });
    expectOutOfService(await call(host, 'flow:get', {}), 'keyUnreadable');
    const pushed: FlowView[] = [];
    host.subscribe((event, payload) => event === 'flow:snapshot' && pushed.push(payload as FlowView));
    // A retry while the file is still unreadable changes nothing.
    vi.advanceTimersByTime(30_000);
    for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(pushed).toEqual([]);
    expectOutOfService(await call(host, 'flow:get', {}), 'keyUnreadable');
    fs.writeFileSync(keyFile(dataDir), good);
    vi.advanceTimersByTime(30_000);
    const view = await waitUntil(() => pushed.at(-1), 'the kiosk to serve again');
    expect(view).toMatchObject({ screen: atCard.screen, sessionId: atCard.sessionId, serviceId: 'noCriminalRecord' });
    expect((await call(host, 'app:info', {})).availability).toEqual({ state: 'ready' });
  });

  it('missing while sealed data exists: out of service, no key made; only the operator, stating what is given up, replaces it', async () => {
    const { dataDir, references } = await queueTwo();
    fs.rmSync(keyFile(dataDir));
    const { host: down } = await openHost(dataDir, {}, noWait);
    expect((await call(down, 'app:info', {})).availability).toEqual({ state: 'unavailable', reason: 'keyMissing' });
    expect(fs.existsSync(keyFile(dataDir))).toBe(false);
    const env = { KIOSK_DATA_DIR: dataDir };
    // The kiosk still runs: the operator is told to stop it first.
    expect(keysReset(['--give-up', '2'], env)).toMatchObject({ exitCode: 2, message: matching(/already using the data folder/) });
    await closeHost(down);

    const plan = keysReset([], env);
    expect(plan.exitCode).toBe(1);
    expect(plan.message).toContain(`gives up 2 submission(s) not yet sent to the platform (${references.join(', ')})`);
    expect(keysReset(['--give-up', '1'], env)).toMatchObject({ exitCode: 2, message: matching(/gives up 2 unsent submission\(s\), not 1: nothing was changed/) });
    expect(fs.existsSync(keyFile(dataDir))).toBe(false);
    expect(keysReset(['--give-up', '2'], env)).toMatchObject({ exitCode: 0 });
    expect(keysReset([], env)).toMatchObject({ exitCode: 0, message: matching(/nothing to replace/) });

    expect(submissionRows(dataDir).map((r) => [r.reference, r.state])).toEqual(references.map((r) => [r, 'failed']));
    const db = new BetterSqlite3(path.join(dataDir, 'kiosk.db'), { readonly: true });
    try {
      const verdict = verifyAudit(db, fixtureKeys(dataDir).auditKey);
      expect(verdict).toMatchObject({ ok: true });
      expect(verdict.ok && verdict.unverifiable).toBeGreaterThan(0);
      expect(verifyRowDigests(db)).toMatchObject({ ok: true });
      const replaced = db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'keys.replaced'").get() as { actor: string; detail: string };
      expect(replaced.actor).toBe('operator');
      expect(JSON.parse(replaced.detail)).toMatchObject({ givenUp: 2 });
    } finally {
      db.close();
    }
    // And the kiosk serves again, with the new key.
    const { host: up } = await openHost(dataDir);
    expect((await call(up, 'app:info', {})).availability).toEqual({ state: 'ready' });
    await ncrToCheck(up);
    await send(up, { type: 'SUBMIT' });
    await waitForView(up, (v) => v.screen.name === 'confirmation', 'a new confirmation');
  });
});
