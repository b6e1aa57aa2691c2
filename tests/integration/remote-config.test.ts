/**
 * Remote configuration through the real uplink to the reference receiver on 127.0.0.1, on a
 * fake clock: a new version is applied through the settings (screen told, audited), a bad one is
 * refused whole (audited with a code, in the next heartbeat), an older one is ignored, an
 * unchanged one costs a 304; and a platform's version against an admin's change.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskSettings } from '../../shared/contract';
import { createLogger } from '../../electron/host/log/logger';
import { SettingsStore } from '../../electron/host/staff/settings-store';
import type { Uplink } from '../../electron/host/sync/uplink';
import { call, removeTempDirs, send, startTestHost, tempDir, waitUntil, withDb } from './helpers';
import { harness, type Harness } from './uplink-harness';
import { ReferenceReceiver } from '../fixtures/reference-receiver';
import type { Host } from '../../electron/host/host';

const PERIOD = 60_000;
const DEFAULTS: KioskSettings = { disabledServices: [], serviceHours: {}, idleWarnSeconds: 60, idleResetSeconds: 30, languages: ['zh-CN', 'zh-HK', 'en', 'ko', 'ja', 'ru'], stationName: '', stationPhone: '', faceMatchThreshold: 0.6 };
const CLOSED = { 'zh-CN': '本站窗口10月1日不办公', en: 'The station counter is closed on 1 October' };

let h: Harness;
let store: SettingsStore;
let onChange: ReturnType<typeof vi.fn<(s: KioskSettings) => void>>;
let uplink: Uplink;
beforeEach(async () => {
  h = await harness();
  onChange = vi.fn<(s: KioskSettings) => void>();
  store = new SettingsStore({ db: h.db, log: createLogger({ level: 'error', write: () => undefined }), now: () => h.clock.t, defaults: DEFAULTS, defaultLang: 'zh-CN', onChange });
  uplink = h.uplink({ heartbeatIntervalMs: PERIOD }, { config: store });
});
afterEach(async () => {
  await h.close();
});

const audited = (action: string) =>
  (h.db.prepare('SELECT actor, detail FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { actor: string; detail: string }[]).map((r) => ({ actor: r.actor, detail: JSON.parse(r.detail) as unknown }));

/** The next heartbeat period: the configuration is asked for again. */
async function nextPeriod(): Promise<void> {
  h.clock.t += PERIOD;
  await uplink.syncOnce();
}

describe('remote configuration', () => {
  it('applies a new version through the settings: changed, pushed to the screen, audited', async () => {
    h.receiver.kioskConfig = { version: 3, settings: { disabledServices: ['temporaryPlate'], idleWarnSeconds: 90 }, notices: [CLOSED] };
    await uplink.syncOnce();
    expect(store.get()).toMatchObject({ disabledServices: ['temporaryPlate'], idleWarnSeconds: 90, idleResetSeconds: 30 });
    expect(store.public()).toMatchObject({ disabledServices: ['temporaryPlate'], notices: [CLOSED], defaultLang: 'zh-CN' });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(store.configVersion()).toBe(3);
    expect(audited('config.applied')).toEqual([{ actor: 'platform', detail: { version: 3, changed: 'disabledServices,idleWarnSeconds,notices' } }]);
    expect(h.receiver.configRequests[0]).toMatchObject({ ifNoneMatch: undefined, status: 200 });
    expect(uplink.status().platform).toBe('ok');
    // The heartbeat says which version the kiosk runs: none at start, 3 from the next one.
    expect(h.receiver.kioskStatuses.at(-1)?.config).toEqual({ version: 0 });
    await nextPeriod();
    expect(h.receiver.kioskStatuses.at(-1)?.config).toEqual({ version: 3 });
  });

  it('asks once a period, and an unchanged configuration costs a 304 without a body and is not applied again', async () => {
    h.receiver.kioskConfig = { version: 3, settings: { idleWarnSeconds: 90 }, notices: [] };
    await uplink.syncOnce();
    // Before the period is over: no request.
    h.clock.t += PERIOD - 1_000;
    await uplink.syncOnce();
    expect(h.receiver.configRequests).toHaveLength(1);
    h.clock.t += 1_000;
    await uplink.syncOnce();
    await nextPeriod();
    expect(h.receiver.configRequests.slice(1)).toEqual([
      { ifNoneMatch: '"3"', status: 304, bodyBytes: 0 },
      { ifNoneMatch: '"3"', status: 304, bodyBytes: 0 },
    ]);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(audited('config.applied')).toHaveLength(1);
  });

  it.each([
    ['a service the kiosk does not have', { disabledServices: ['temporaryPlate', 'noSuchService'], idleWarnSeconds: 120 }, [], 'unknownService'],
    ['the kiosk language dropped', { languages: ['en'], idleWarnSeconds: 120 }, [], 'defaultLangDropped'],
    ['an idle time out of range', { idleWarnSeconds: 5, stationName: 'Station' }, [], 'schema:settings.idleWarnSeconds'],
    ['a setting that does not exist', { idleWarnSeconds: 120, adminPin: 'open-sesame' }, [], 'schema:settings'],
    ['a notice with markup', { idleWarnSeconds: 120 }, [{ 'zh-CN': '<b>关闭</b>' }], 'schema:notices.0'],
    ['a notice too long', { idleWarnSeconds: 120 }, [{ 'zh-CN': '关'.repeat(161) }], 'schema:notices.0'],
    ['too many notices', { idleWarnSeconds: 120 }, [CLOSED, CLOSED, CLOSED, CLOSED], 'schema:notices'],
    ['a notice without the kiosk language', { idleWarnSeconds: 120 }, [{ en: 'Closed on 1 October' }], 'noticeWithoutDefaultLang'],
  ])('refuses %s whole, audits the code without the values, and reports it in the next heartbeat', async (_what, settings, notices, code) => {
    h.receiver.kioskConfig = { version: 4, settings, notices };
    await uplink.syncOnce();
    expect(store.get()).toEqual(DEFAULTS);
    expect(store.public().notices).toEqual([]);
    expect(store.configVersion()).toBe(0);
    expect(onChange).not.toHaveBeenCalled();
    expect(audited('config.applied')).toEqual([]);
    expect(audited('config.refused')).toEqual([{ actor: 'platform', detail: { version: 4, code } }]);
    const auditText = JSON.stringify(h.db.prepare('SELECT detail FROM audit_log').all());
    for (const value of ['noSuchService', 'sesame', '关闭', 'Station', 'October']) expect(auditText).not.toContain(value);

    await nextPeriod();
    expect(h.receiver.kioskStatuses.at(-1)?.errors).toContainEqual(expect.objectContaining({ event: 'config.refused', code }));
    expect(h.receiver.kioskStatuses.at(-1)?.config).toEqual({ version: 0 });
    // The refused version is not asked for again, nor refused twice.
    expect(h.receiver.configRequests.at(-1)).toMatchObject({ ifNoneMatch: '"4"', status: 304 });
    expect(audited('config.refused')).toHaveLength(1);
  });

  it('ignores an older version (no rollback by replay) and the same one served again', async () => {
    h.receiver.kioskConfig = { version: 5, settings: { disabledServices: ['temporaryPlate'] }, notices: [CLOSED] };
    await uplink.syncOnce();
    h.receiver.kioskConfig = { version: 2, settings: { disabledServices: [] }, notices: [] };
    await nextPeriod();
    await nextPeriod();
    expect(h.receiver.configRequests.slice(1).map((r) => r.status)).toEqual([200, 200]);
    expect(store.get().disabledServices).toEqual(['temporaryPlate']);
    expect(store.public().notices).toEqual([CLOSED]);
    expect(store.configVersion()).toBe(5);
    expect(audited('config.applied')).toHaveLength(1);
    expect(h.lines.filter((l) => l.includes('config.stale'))).toHaveLength(1);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('a platform that does not answer 304 and serves the same version again applies nothing', async () => {
    h.receiver.kioskConfig = { version: 5, settings: { idleWarnSeconds: 90 }, notices: [] };
    await uplink.syncOnce();
    // Same version, other content, If-None-Match ignored (a stale cache in front of the platform).
    h.receiver.kioskConfig = { version: 5, settings: { idleWarnSeconds: 200 }, notices: [], extra: true };
    h.receiver.ignoreIfNoneMatch = true;
    await nextPeriod();
    expect(h.receiver.configRequests.at(-1)).toMatchObject({ ifNoneMatch: '"5"', status: 200 });
    expect(store.get().idleWarnSeconds).toBe(90);
    expect(audited('config.applied')).toHaveLength(1);
    expect(audited('config.refused')).toHaveLength(0);
  });

  it("keeps an admin's change until the next version, which sets only the fields it names", async () => {
    h.receiver.kioskConfig = { version: 1, settings: { idleWarnSeconds: 90 }, notices: [] };
    await uplink.syncOnce();
    store.save('100001', { ...store.get(), idleWarnSeconds: 120, stationName: '示例服务站' });
    await nextPeriod();
    expect(store.get()).toMatchObject({ idleWarnSeconds: 120, stationName: '示例服务站' });
    h.receiver.kioskConfig = { version: 2, settings: { disabledServices: ['temporaryPlate'] }, notices: [] };
    await nextPeriod();
    expect(store.get()).toMatchObject({ idleWarnSeconds: 120, stationName: '示例服务站', disabledServices: ['temporaryPlate'] });
    h.receiver.kioskConfig = { version: 3, settings: { idleWarnSeconds: 45 }, notices: [] };
    await nextPeriod();
    expect(store.get()).toMatchObject({ idleWarnSeconds: 45, stationName: '示例服务站' });
    expect(audited('config.applied').map((a) => a.detail)).toEqual([
      { version: 1, changed: 'idleWarnSeconds' },
      { version: 2, changed: 'disabledServices' },
      { version: 3, changed: 'idleWarnSeconds' },
    ]);
  });

  it('a platform without a configuration for the kiosk (404) leaves it as it is, and is no failure', async () => {
    await uplink.syncOnce();
    expect(h.receiver.configRequests).toEqual([{ ifNoneMatch: undefined, status: 404, bodyBytes: 0 }]);
    expect(store.get()).toEqual(DEFAULTS);
    expect(uplink.status().platform).toBe('ok');
  });
});

describe('remote configuration in the host', () => {
  let host: Host | undefined;
  let receiver: ReferenceReceiver | undefined;
  afterEach(async () => {
    await host?.close();
    await receiver?.close();
    removeTempDirs();
  });

  it('the welcome screen gets the notices and the service switched off; the flow holds to it', async () => {
    receiver = await ReferenceReceiver.start();
    receiver.kioskConfig = { version: 7, settings: { disabledServices: ['temporaryPlate'], idleResetSeconds: 20 }, notices: [CLOSED] };
    const started = await startTestHost(tempDir('kiosk-config-'), { platform: { kioskId: 'K01', url: receiver.url } });
    host = started.host;
    await waitUntil(async () => (await call(host!, 'settings:get', {})).notices.length === 1, 'the configuration to be applied');
    expect(await call(host, 'settings:get', {})).toMatchObject({ disabledServices: ['temporaryPlate'], notices: [CLOSED], defaultLang: 'zh-CN' });
    expect((await call(host, 'app:info', {})).idle.resetMs).toBe(20_000);
    expect((await send(host, { type: 'SELECT_SERVICE', serviceId: 'temporaryPlate' })).screen.name).toBe('welcome');
    const rows = withDb(started.dataDir, (db) => db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'config.applied'").all() as { actor: string; detail: string }[]);
    expect(rows.map((r) => ({ actor: r.actor, detail: JSON.parse(r.detail) as unknown }))).toEqual([{ actor: 'platform', detail: { version: 7, changed: 'disabledServices,idleResetSeconds,notices' } }]);
  });
});
