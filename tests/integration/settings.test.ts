/**
 * The admin's settings through the host: a service switched off or outside its counter hours
 * is not started; only the languages offered can be chosen; idle times apply to new sessions;
 * bad settings are refused whole; every change is audited and pushed to the screen.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskSettings, PublicSettings } from '../../shared/contract';
import type { Host } from '../../electron/host/host';
import { call, removeTempDirs, send, signInStaff, startTestHost, tempDir, withDb, type TestHost } from './helpers';

let started: TestHost | undefined;
afterEach(async () => {
  await started?.host.close();
  started = undefined;
  removeTempDirs();
});

async function save(host: Host, patch: Partial<KioskSettings>): Promise<KioskSettings> {
  const current = await call(host, 'staff:settings', {});
  return call(host, 'staff:saveSettings', { ...current, ...patch });
}

describe('kiosk settings', () => {
  it('a service switched off, or outside its counter hours, does not start; the screen is told', async () => {
    // 08:00 local on a weekday: before the counter opens at 09:00.
    const clock = { now: new Date(2026, 11, 3, 8, 0).getTime() };
    started = await startTestHost(tempDir('kiosk-settings-'), {}, { now: () => clock.now });
    const { host, dataDir } = started;
    const pushed: PublicSettings[] = [];
    host.subscribe((event, payload) => event === 'settings:changed' && pushed.push(payload as PublicSettings));
    await signInStaff(host, dataDir);
    await save(host, { disabledServices: ['temporaryPlate'], serviceHours: { birthRegistration: { open: '09:00', close: '17:00' } }, stationName: '示例服务站', stationPhone: '010-12345678' });
    expect(pushed.at(-1)).toMatchObject({ disabledServices: ['temporaryPlate'], stationName: '示例服务站' });
    expect(await call(host, 'settings:get', {})).toEqual(pushed.at(-1));
    await call(host, 'staff:signOut', {});

    expect((await send(host, { type: 'SELECT_SERVICE', serviceId: 'temporaryPlate' })).screen.name).toBe('welcome');
    expect((await send(host, { type: 'SELECT_SERVICE', serviceId: 'birthRegistration' })).screen.name).toBe('welcome');
    clock.now = new Date(2026, 11, 3, 9, 0).getTime();
    expect((await send(host, { type: 'SELECT_SERVICE', serviceId: 'birthRegistration' })).screen.name).toBe('start');

    const audited = withDb(dataDir, (db) => db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'settings.changed'").all() as { actor: string; detail: string }[]);
    expect(audited).toHaveLength(1);
    expect(JSON.parse(audited[0]!.detail)).toMatchObject({ changed: 'disabledServices,serviceHours,stationName,stationPhone' });
  });

  it('only the languages offered can be chosen, and idle times apply from the next session', async () => {
    started = await startTestHost(tempDir('kiosk-settings-'));
    const { host, dataDir } = started;
    await signInStaff(host, dataDir);
    await save(host, { languages: ['zh-CN'], idleWarnSeconds: 120, idleResetSeconds: 45 });
    await call(host, 'staff:signOut', {});
    expect((await send(host, { type: 'SET_LANG', lang: 'en' })).lang).toBe('zh-CN');
    expect(await call(host, 'app:info', {})).toMatchObject({ idle: { warnMs: 120_000, resetMs: 45_000 } });
  });

  it('refuses settings that name no service of the kiosk, or drop its own language, and changes nothing', async () => {
    started = await startTestHost(tempDir('kiosk-settings-'));
    const { host, dataDir } = started;
    await signInStaff(host, dataDir);
    const before = await call(host, 'staff:settings', {});
    expect(await host.handle('staff:saveSettings', { ...before, disabledServices: ['teleportation'] })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(await host.handle('staff:saveSettings', { ...before, languages: ['en'] })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(await host.handle('staff:saveSettings', { ...before, serviceHours: { birthRegistration: { open: '18:00', close: '09:00' } } })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(await call(host, 'staff:settings', {})).toEqual(before);
    expect(withDb(dataDir, (db) => db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'settings.changed'").get())).toEqual({ n: 0 });
  });

  it('settings outlive a restart', async () => {
    const dir = tempDir('kiosk-settings-');
    started = await startTestHost(dir);
    await signInStaff(started.host, dir);
    await save(started.host, { disabledServices: ['drivingRecord'] });
    await started.host.close();
    started = await startTestHost(dir);
    expect((await call(started.host, 'settings:get', {})).disabledServices).toEqual(['drivingRecord']);
  });
});
