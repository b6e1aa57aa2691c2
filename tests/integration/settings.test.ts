/**
 * The admin's settings through the host: a service switched off or outside its counter hours
 * is not started; only the languages offered can be chosen; idle times apply to new sessions;
 * bad settings are refused whole; every change is audited and pushed to the screen.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskSettings, PublicSettings } from '../../shared/contract';
import type { Host } from '../../electron/host/host';
import { call, getView, removeTempDirs, send, signInStaff, startTestHost, tempDir, withDb, type TestHost } from './helpers';

let started: TestHost | undefined;
afterEach(async () => {
  vi.useRealTimers();
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

  it('each counter-hours service keeps hours of its own, and the host holds each service to its own', async () => {
    const clock = { now: new Date(2026, 11, 3, 10, 0).getTime() };
    started = await startTestHost(tempDir('kiosk-settings-'), {}, { now: () => clock.now });
    const { host, dataDir } = started;
    await signInStaff(host, dataDir);
    const hours = { birthRegistration: { open: '09:00', close: '12:00' }, temporaryPlate: { open: '14:00', close: '18:30' } };
    expect((await save(host, { serviceHours: hours })).serviceHours).toEqual(hours);
    expect((await call(host, 'settings:get', {})).serviceHours).toEqual(hours);
    await call(host, 'staff:signOut', {});
    const opens = async (serviceId: string) => {
      const shown = (await send(host, { type: 'SELECT_SERVICE', serviceId })).screen.name;
      if (shown === 'start') await send(host, { type: 'CANCEL' });
      return shown === 'start';
    };
    // 10:00: the morning counter is open, the afternoon one not yet.
    expect(await opens('birthRegistration')).toBe(true);
    expect(await opens('temporaryPlate')).toBe(false);
    // 12:00: the morning one has closed (closing time is out).
    clock.now = new Date(2026, 11, 3, 12, 0).getTime();
    expect(await opens('birthRegistration')).toBe(false);
    clock.now = new Date(2026, 11, 3, 18, 29).getTime();
    expect(await opens('birthRegistration')).toBe(false);
    expect(await opens('temporaryPlate')).toBe(true);
    // A service with no hours of its own is offered all day.
    expect(await opens('noCriminalRecord')).toBe(true);
    const audited = withDb(dataDir, (db) => db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'settings.changed'").all() as { actor: string; detail: string }[]);
    expect(audited.map((a) => ({ actor: a.actor, detail: JSON.parse(a.detail) as unknown }))).toEqual([{ actor: 'staff:100001', detail: { changed: 'serviceHours' } }]);
  });

  it.each([
    ['opening after closing', { open: '18:00', close: '09:00' }, 'serviceHours.temporaryPlate: Opening must come before closing'],
    ['opening and closing at the same time', { open: '09:00', close: '09:00' }, 'serviceHours.temporaryPlate: Opening must come before closing'],
    ['a time without its leading zero', { open: '9:00', close: '17:00' }, 'serviceHours.temporaryPlate.open: A time is HH:MM, 00:00 to 23:59'],
    ['an hour past 23', { open: '09:00', close: '24:00' }, 'serviceHours.temporaryPlate.close: A time is HH:MM, 00:00 to 23:59'],
    ['a time with seconds', { open: '09:00:00', close: '17:00' }, 'serviceHours.temporaryPlate.open: A time is HH:MM, 00:00 to 23:59'],
    ['a day besides the hours', { open: '09:00', close: '17:00', day: 'monday' }, 'serviceHours.temporaryPlate: 1 unrecognized key(s)'],
  ])('refuses %s for one service, saying which, and keeps every service as it was', async (_what, bad, message) => {
    started = await startTestHost(tempDir('kiosk-settings-'));
    const { host, dataDir } = started;
    await signInStaff(host, dataDir);
    const before = await save(host, { serviceHours: { birthRegistration: { open: '09:00', close: '12:00' } } });
    const result = await host.handle('staff:saveSettings', { ...before, serviceHours: { birthRegistration: { open: '08:00', close: '12:00' }, temporaryPlate: bad } });
    expect(result).toEqual({ ok: false, error: { code: 'invalidRequest', message } });
    expect(await call(host, 'staff:settings', {})).toEqual(before);
    expect(withDb(dataDir, (db) => db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'settings.changed'").get())).toEqual({ n: 1 });
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

  // The welcome screen's snapshot, kept from before the restart, carries the idle times it was
  // started with; without one, the flow starts afresh.
  it.each(['the welcome screen restored', 'no snapshot kept'])('idle times kept in the settings apply from the first session after a restart, not the environment ones (%s)', async (how) => {
    const dir = tempDir('kiosk-settings-');
    // The environment says 60 s and 30 s (testConfig); the admin sets 120 s and 45 s.
    started = await startTestHost(dir);
    await signInStaff(started.host, dir);
    await save(started.host, { idleWarnSeconds: 120, idleResetSeconds: 45 });
    await started.host.close();
    if (how === 'no snapshot kept') {
      const db = new BetterSqlite3(path.join(dir, 'kiosk.db'));
      expect(db.prepare('DELETE FROM flow_snapshots').run().changes).toBe(1);
      db.close();
    }
    started = await startTestHost(dir);
    const { host } = started;
    // Only the flow's timers and clock, from here on: the host started on real ones.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const selectedAt = Date.now();
    expect((await send(host, { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' })).screen.name).toBe('start');
    const quiet = { warning: false, resetAt: null };
    // The environment's 60 s would ask now.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await getView(host)).toMatchObject({ serviceId: 'noCriminalRecord', idle: quiet });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(await getView(host)).toMatchObject({ serviceId: 'noCriminalRecord', idle: quiet });
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await getView(host)).idle).toEqual({ warning: true, resetAt: selectedAt + 120_000 + 45_000 });
    // Then 45 s, not 30, before the session is wiped.
    await vi.advanceTimersByTimeAsync(44_000);
    expect(await getView(host)).toMatchObject({ serviceId: 'noCriminalRecord', idle: { warning: true } });
    await vi.advanceTimersByTimeAsync(1_000);
    const after = await getView(host);
    expect(after.screen).toEqual({ name: 'welcome' });
    expect(after.serviceId).toBeNull();
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
