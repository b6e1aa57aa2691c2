import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../../../../shared/contract';
import { isHandsOn, kioskInUse, RECENT_USE_MS, type KioskUse } from '../../../../../electron/host/supervisor/kiosk-use';

const NOW = 1_800_000_000_000;
const idle: KioskUse = { screen: 'welcome', lang: 'zh-CN', defaultLang: 'zh-CN', staffSignedIn: false, stationCall: false, lastUseAt: NOW - RECENT_USE_MS, now: NOW };

describe('kioskInUse', () => {
  it('is idle on the welcome screen in the kiosk language with nobody signed in, calling or touching', () => {
    expect(kioskInUse(idle)).toBeNull();
    expect(kioskInUse({ ...idle, lastUseAt: Number.NEGATIVE_INFINITY })).toBeNull();
  });

  it.each([
    ['a service open', { screen: 'question' }, 'residentSession'],
    ['checking a submission', { screen: 'lookup' }, 'residentSession'],
    ['paying', { screen: 'payment' }, 'residentSession'],
    ['a language chosen on the welcome screen', { lang: 'en' }, 'residentSession'],
    ['a staff session', { staffSignedIn: true }, 'staffSession'],
    ['a call to the station', { stationCall: true }, 'stationCall'],
    ['a touch a moment ago', { lastUseAt: NOW - RECENT_USE_MS + 1 }, 'recentUse'],
  ] as const)('is in use with %s', (_name, change, reason) => {
    expect(kioskInUse({ ...idle, ...change })).toBe(reason);
  });

  it('counts the out-of-service screen as idle: nobody can use it', () => {
    expect(kioskInUse({ ...idle, screen: 'unavailable' })).toBeNull();
  });
});

describe('isHandsOn', () => {
  it('counts what someone does at the kiosk', () => {
    for (const command of ['flow:send', 'door:signIn', 'door:setUp', 'help:request', 'help:call', 'help:hangUp', 'photo:check', 'staff:queue', 'staff:signOut'] as const) {
      expect(isHandsOn(command), command).toBe(true);
    }
  });

  it('does not count what the page asks by itself', () => {
    for (const command of ['flow:get', 'app:info', 'device:status', 'settings:get', 'door:status', 'camera:report', 'speech:voices'] as const) {
      expect(isHandsOn(command), command).toBe(false);
    }
  });

  it('counts every staff command', () => {
    const staff = COMMAND_NAMES.filter((name) => name.startsWith('staff:'));
    expect(staff.length).toBeGreaterThan(10);
    expect(staff.filter((name) => !isHandsOn(name))).toEqual([]);
  });
});
