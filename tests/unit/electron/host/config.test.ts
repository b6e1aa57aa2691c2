import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultDataDir, loadConfig } from '../../../../electron/host/config';

const DEFAULTS = { dataDir: path.join(os.tmpdir(), 'kiosk-config-default'), version: '1.2.3' };

function load(env: NodeJS.ProcessEnv) {
  return loadConfig(env, DEFAULTS);
}

/** The ConfigError that `env` causes; fails the test when there is none or it is something else. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`No ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('uses the defaults when no KIOSK_* variable is set: real hardware, simulators only when chosen', () => {
    expect(load({})).toEqual({
      dataDir: DEFAULTS.dataDir,
      port: 0,
      hardware: 'real',
      simFaults: [],
      platform: { kioskId: 'K01' },
      lang: 'zh-CN',
      kioskId: 'K01',
      idleWarnMs: 60_000,
      idleResetMs: 30_000,
      retentionDays: 30,
      logLevel: 'info',
      restartAt: { hour: 3, minute: 30 },
      version: '1.2.3',
    });
  });

  it('reads the daily restart time, or off', () => {
    expect(load({ KIOSK_RESTART_AT: '04:05' }).restartAt).toEqual({ hour: 4, minute: 5 });
    expect(load({ KIOSK_RESTART_AT: '23:59' }).restartAt).toEqual({ hour: 23, minute: 59 });
    expect(load({ KIOSK_RESTART_AT: '00:00' }).restartAt).toEqual({ hour: 0, minute: 0 });
    expect(load({ KIOSK_RESTART_AT: 'off' }).restartAt).toBeNull();
  });

  it('reads the diagnostics bundle\'s USB roots, absolute folders only', () => {
    expect(load({}).usbRoots).toBeUndefined();
    expect(load({ KIOSK_USB_ROOTS: ['/tmp/usb-a', '/tmp/usb-b'].join(path.delimiter) }).usbRoots).toEqual(['/tmp/usb-a', '/tmp/usb-b']);
    expect(configError({ KIOSK_USB_ROOTS: 'media' }).message).toMatch(/^KIOSK_USB_ROOTS must be absolute folders/);
  });

  it.each(['3:30', '24:00', '03:60', '0330', '03:30:00', 'never', ' 03:30', 'OFF'])('refuses KIOSK_RESTART_AT=%s in one line naming it', (value) => {
    const error = configError({ KIOSK_RESTART_AT: value });
    expect(error.message).toMatch(/^KIOSK_RESTART_AT must be /);
    expect(error.message).not.toContain('\n');
  });

  it('treats empty variables as unset', () => {
    const empty = {
      KIOSK_DATA_DIR: '',
      KIOSK_PORT: '',
      KIOSK_HARDWARE: '',
      KIOSK_LANG: '',
      KIOSK_ID: '',
      KIOSK_IDLE_WARN_SECONDS: '',
      KIOSK_IDLE_RESET_SECONDS: '',
    };
    expect(load(empty)).toEqual(load({}));
  });

  it('ignores variables that are not its own', () => {
    expect(load({ PORT: 'abc', LANG: 'fr_FR.UTF-8', HOME: '/nowhere' })).toEqual(load({}));
  });

  it.each([
    ['KIOSK_PORT', '8080', { port: 8080 }],
    ['KIOSK_PORT', '0', { port: 0 }],
    ['KIOSK_PORT', '65535', { port: 65535 }],
    ['KIOSK_HARDWARE', 'sim', { hardware: 'sim' }],
    ['KIOSK_HARDWARE', 'real', { hardware: 'real' }],
    ['KIOSK_LANG', 'en', { lang: 'en' }],
    ['KIOSK_LANG', 'zh-CN', { lang: 'zh-CN' }],
    ['KIOSK_LANG', 'ko', { lang: 'ko' }],
    ['KIOSK_LANG', 'zh-HK', { lang: 'zh-HK' }],
    // The platform settings carry the kiosk id too: the uplink names the kiosk to the platform.
    ['KIOSK_ID', 'K7Z', { kioskId: 'K7Z', platform: { kioskId: 'K7Z' } }],
    ['KIOSK_ID', '042', { kioskId: '042', platform: { kioskId: '042' } }],
    ['KIOSK_HEARTBEAT_SECONDS', '30', { platform: { kioskId: 'K01', heartbeatIntervalMs: 30_000 } }],
    ['KIOSK_IDLE_WARN_SECONDS', '90', { idleWarnMs: 90_000 }],
    ['KIOSK_IDLE_WARN_SECONDS', '1.5', { idleWarnMs: 1_500 }],
    ['KIOSK_IDLE_WARN_SECONDS', '3600', { idleWarnMs: 3_600_000 }],
    ['KIOSK_IDLE_RESET_SECONDS', '1', { idleResetMs: 1_000 }],
    ['KIOSK_IDLE_RESET_SECONDS', '45', { idleResetMs: 45_000 }],
  ])('reads %s=%s', (name, value, expected) => {
    expect(load({ [name]: value })).toEqual({ ...load({}), ...expected });
  });

  it('reads KIOSK_SIM_FAULTS with KIOSK_HARDWARE=sim', () => {
    expect(load({ KIOSK_HARDWARE: 'sim', KIOSK_SIM_FAULTS: 'receiptPrinter:paperOut, idCardReader:timeout' }).simFaults).toEqual([
      { device: 'receiptPrinter', fault: 'paperOut' },
      { device: 'idCardReader', fault: 'timeout' },
    ]);
  });

  it('refuses KIOSK_SIM_FAULTS on real hardware, saying how to choose simulators', () => {
    expect(configError({ KIOSK_SIM_FAULTS: 'receiptPrinter:paperOut' }).message).toBe(
      'KIOSK_SIM_FAULTS is set but the kiosk runs on real hardware: set KIOSK_HARDWARE=sim to use simulators, or remove KIOSK_SIM_FAULTS',
    );
  });

  it('takes an absolute KIOSK_DATA_DIR as it is', () => {
    const dir = path.join(os.tmpdir(), 'kiosk-data');
    expect(load({ KIOSK_DATA_DIR: dir }).dataDir).toBe(dir);
  });

  it('resolves a relative KIOSK_DATA_DIR against the working folder', () => {
    const { dataDir } = load({ KIOSK_DATA_DIR: path.join('some', '..', 'relative', 'data') });
    expect(path.isAbsolute(dataDir)).toBe(true);
    expect(dataDir).toBe(path.join(process.cwd(), 'relative', 'data'));
  });

  it.each([
    ['KIOSK_PORT', 'abc', /KIOSK_PORT must be a whole number from 0 to 65535/],
    ['KIOSK_PORT', '70000', /KIOSK_PORT/],
    ['KIOSK_PORT', '65536', /KIOSK_PORT/],
    ['KIOSK_PORT', '-1', /KIOSK_PORT/],
    ['KIOSK_PORT', '80.5', /KIOSK_PORT/],
    ['KIOSK_HARDWARE', 'foo', /KIOSK_HARDWARE must be "sim"/],
    ['KIOSK_HARDWARE', 'SIM', /KIOSK_HARDWARE/],
    ['KIOSK_SIM_FAULTS', 'toaster:burnt', /KIOSK_SIM_FAULTS: "toaster:burnt" is not device:fault/],
    ['KIOSK_SIM_FAULTS', 'receiptPrinter:onFire', /receiptPrinter knows paperFull, .*not "onFire"/],
    ['KIOSK_LANG', 'fr', /KIOSK_LANG must be one of zh-CN, zh-HK, en, ko, ja, ru/],
    ['KIOSK_LANG', 'zh', /KIOSK_LANG/],
    ['KIOSK_ID', 'ab', /KIOSK_ID must be 3 characters/],
    ['KIOSK_ID', 'KIL', /KIOSK_ID/],
    ['KIOSK_ID', 'k01', /KIOSK_ID/],
    ['KIOSK_ID', 'K001', /KIOSK_ID/],
    ['KIOSK_IDLE_WARN_SECONDS', '0', /KIOSK_IDLE_WARN_SECONDS must be a number of seconds from 1 to 3600/],
    ['KIOSK_IDLE_WARN_SECONDS', 'abc', /KIOSK_IDLE_WARN_SECONDS/],
    ['KIOSK_IDLE_WARN_SECONDS', '3601', /KIOSK_IDLE_WARN_SECONDS/],
    ['KIOSK_IDLE_WARN_SECONDS', 'Infinity', /KIOSK_IDLE_WARN_SECONDS/],
    ['KIOSK_IDLE_RESET_SECONDS', '0', /KIOSK_IDLE_RESET_SECONDS must be a number of seconds from 1 to 3600/],
    ['KIOSK_HEARTBEAT_SECONDS', '0.5', /KIOSK_HEARTBEAT_SECONDS must be a number of seconds from 1 to 3600/],
    ['KIOSK_IDLE_RESET_SECONDS', 'soon', /KIOSK_IDLE_RESET_SECONDS/],
  ])('refuses %s=%s with a one-line ConfigError naming it', (name, value, pattern) => {
    const error = configError({ [name]: value });
    expect(error.name).toBe('ConfigError');
    expect(error.message).toMatch(pattern);
    expect(error.message).toContain(name);
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  it('names only the first bad setting when several are bad', () => {
    const error = configError({ KIOSK_LANG: 'fr', KIOSK_PORT: 'abc' });
    expect(error.message).not.toMatch(/[\r\n]/);
    expect(error.message).toContain('KIOSK_PORT');
    expect(error.message).not.toContain('KIOSK_LANG');
  });
});

describe('defaultDataDir', () => {
  const home = os.homedir();

  it('uses XDG_CONFIG_HOME on Linux when it is set', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg/config' }, 'linux')).toBe(path.join('/xdg/config', 'Police Kiosk'));
  });

  it('falls back to ~/.config on Linux when XDG_CONFIG_HOME is unset or empty', () => {
    const expected = path.join(home, '.config', 'Police Kiosk');
    expect(defaultDataDir({}, 'linux')).toBe(expected);
    expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, 'linux')).toBe(expected);
  });

  it('uses Application Support on macOS, whatever XDG_CONFIG_HOME says', () => {
    const expected = path.join(home, 'Library', 'Application Support', 'Police Kiosk');
    expect(defaultDataDir({}, 'darwin')).toBe(expected);
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg/config' }, 'darwin')).toBe(expected);
  });

  it('uses APPDATA on Windows, or AppData/Roaming when it is unset or empty', () => {
    expect(defaultDataDir({ APPDATA: '/Users/test/AppData/Roaming' }, 'win32')).toBe(
      path.join('/Users/test/AppData/Roaming', 'Police Kiosk'),
    );
    const fallback = path.join(home, 'AppData', 'Roaming', 'Police Kiosk');
    expect(defaultDataDir({}, 'win32')).toBe(fallback);
    expect(defaultDataDir({ APPDATA: '' }, 'win32')).toBe(fallback);
  });

  it('always returns an absolute path', () => {
    for (const platform of ['linux', 'darwin', 'win32', 'freebsd'] as const) {
      expect(path.isAbsolute(defaultDataDir({}, platform)), platform).toBe(true);
    }
  });
});

describe('strictness', () => {
  const defaults = { dataDir: '/tmp/kiosk-default', version: '0.0.0' };

  it.each([' ', '0x1F', '1e3', '80.5', '+80'])('KIOSK_PORT=%j is refused, not guessed', (value) => {
    expect(() => loadConfig({ KIOSK_PORT: value }, defaults)).toThrow(/KIOSK_PORT/);
  });

  it.each(['1e2', '0x10', ' 5'])('KIOSK_IDLE_WARN_SECONDS=%j is refused', (value) => {
    expect(() => loadConfig({ KIOSK_IDLE_WARN_SECONDS: value }, defaults)).toThrow(/KIOSK_IDLE_WARN_SECONDS/);
  });

  it('a misspelt KIOSK_* setting stops start-up and names it', () => {
    expect(() => loadConfig({ KIOSK_IDLE_WARN: '10' }, defaults)).toThrow(ConfigError);
    expect(() => loadConfig({ KIOSK_IDLE_WARN: '10' }, defaults)).toThrow(/^Unknown setting KIOSK_IDLE_WARN; the settings are KIOSK_DATA_DIR/);
  });

  it('a setting in the wrong case is not ignored in silence: one line says how to write it', () => {
    expect(configError({ kiosk_data_dir: '/srv/kiosk' }).message).toBe('Setting kiosk_data_dir is not read (settings are upper case): write it as KIOSK_DATA_DIR');
    expect(configError({ Kiosk_Port: '8080' }).message).toMatch(/^Setting Kiosk_Port is not read \(settings are upper case\): write it as KIOSK_PORT$/);
    expect(configError({ kiosk_colour: 'blue' }).message).toMatch(/^Setting kiosk_colour is not read \(settings are upper case\); the settings are upper case: KIOSK_DATA_DIR/);
  });

  it.each(['KIOSK_PLATFORM_TOKEN', 'KIOSK_PLATFORM_CERT', 'KIOSK_PLATFORM_KEY', 'KIOSK_PLATFORM_CA'])(
    '%s without KIOSK_PLATFORM_URL stops start-up: the kiosk would only queue while its operator thinks it syncs',
    (name) => {
      expect(configError({ [name]: 'something' }).message).toBe(`${name} is set but KIOSK_PLATFORM_URL is not: set the platform's address, or remove ${name}`);
      expect(load({ [name]: '' }).platform).toEqual({ kioskId: 'K01' });
    },
  );

  it('other environment variables are none of its business', () => {
    expect(loadConfig({ PATH: '/usr/bin', KIOSKMODE: '1' }, defaults).port).toBe(0);
  });
});

describe('retention and log level', () => {
  const defaults = { dataDir: '/tmp/kiosk-default', version: '0.0.0' };
  it('reads KIOSK_RETENTION_DAYS and KIOSK_LOG_LEVEL', () => {
    expect(loadConfig({ KIOSK_RETENTION_DAYS: '90', KIOSK_LOG_LEVEL: 'warn' }, defaults)).toMatchObject({ retentionDays: 90, logLevel: 'warn' });
  });
  it.each([['KIOSK_RETENTION_DAYS', '0'], ['KIOSK_RETENTION_DAYS', '30d'], ['KIOSK_LOG_LEVEL', 'verbose']])('refuses %s=%s', (key, value) => {
    expect(() => loadConfig({ [key]: value }, defaults)).toThrow(new RegExp(key));
  });
});
