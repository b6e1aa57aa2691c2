/**
 * What the installers are made of, checked here where they cannot be built (no Electron
 * download): electron-builder's own schema accepts electron-builder.yml, the targets, fuses and
 * file rules are the ones README promises, and the Linux session files pass systemd's and the
 * freedesktop validators. Those two tools are required (packages `systemd` and
 * `desktop-file-utils`): without them the tests fail, they are not skipped.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Configuration } from 'electron-builder';
import { afterAll, describe, expect, it } from 'vitest';
import { watchdogInterval } from '../../../../electron/host/supervisor/systemd-notify';
import { tempDirs } from '../../../fixtures/temp-dirs';

const ROOT = path.resolve(__dirname, '../../../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

// electron-builder's own YAML parser and schema check, found the way electron-builder finds
// them: the file is read and judged exactly as a real build would.
const appBuilder = createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('electron-builder/package.json'));
const appBuilderLib = createRequire(appBuilder.resolve('app-builder-lib/package.json'));
const yaml = appBuilderLib('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = appBuilderLib('./out/util/config/config') as { validateConfiguration(config: unknown, logger: unknown): Promise<void> };
const { DebugLogger } = appBuilderLib('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const config = yaml.load(read('electron-builder.yml')) as Configuration;

/** A target list as { target: arches }. */
function targets(list: unknown): Record<string, unknown> {
  expect(Array.isArray(list), 'targets are a list').toBe(true);
  return Object.fromEntries((list as { target: string; arch: unknown }[]).map((t) => [t.target, t.arch]));
}

const dirs = tempDirs('kiosk-packaging-');
const tempDir = dirs.make;
afterAll(() => dirs.removeAll());

/** Runs a required tool; a missing one fails the test with the Debian package to install. */
function run(command: string, args: string[], debianPackage: string, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { encoding: 'utf8', env });
  if (result.error) throw new Error(`${command} could not run (${result.error.message}): install the Debian package ${debianPackage}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

/** The key=value lines of one [section] of a unit or desktop file (later keys win). */
function section(text: string, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  let inside = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) inside = line === `[${name}]`;
    else if (inside && line && !line.startsWith('#')) {
      const at = line.indexOf('=');
      out[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return out;
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema, which refuses a misspelt option", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The check is real: one wrong fuse name and it refuses the file.
    await expect(validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }, new DebugLogger(false))).rejects.toThrow(/configuration.electronFuses/);
  });

  it('builds .deb and AppImage for x64 and arm64, and an NSIS installer for x64 and arm64', () => {
    expect(targets(config.linux?.target)).toEqual({ deb: ['x64', 'arm64'], AppImage: ['x64', 'arm64'] });
    expect(targets(config.win?.target)).toEqual({ nsis: ['x64', 'arm64'] });
    // Installed for the machine, into Program Files: where README's scheduled task looks.
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: true });
  });

  it('flips the fuses: no Node mode, NODE_OPTIONS, inspector or app code outside app.asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('ships the build and package.json only, native modules unpacked, rebuilt for Electron', () => {
    expect(config.files).toEqual([
      'out/**',
      '!out/gallery/**',
      '!out/renderer/**/*.br',
      '!out/renderer/**/*.gz',
      'package.json',
      '!node_modules/@vladmandic/human/{demo,src,assets,types,tfjs,tmp}/**',
      '!node_modules/@vladmandic/human/models/{centernet,emotion,handtrack,handlandmark-lite,movenet-lightning}.*',
    ]);
    expect(config.asarUnpack).toEqual([
      'node_modules/better-sqlite3/**',
      'node_modules/@napi-rs/**',
      'node_modules/@vladmandic/human/models/**',
      'node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm',
    ]);
    expect(config.npmRebuild).toBe(true);
    // asar stays on (the default): onlyLoadAppFromAsar needs it.
    expect(config.asar).toBeUndefined();
  });

  it('puts the Linux session files beside the Linux app only', () => {
    expect(config.linux?.extraFiles).toEqual([{ from: 'build/linux', to: 'linux' }]);
    expect(config.extraFiles).toBeUndefined();
    expect(config.win?.extraFiles).toBeUndefined();
  });
});

describe('updates in electron-builder.yml', () => {
  it('publishes to one generic server, whose URL the operator sets (a placeholder until then)', () => {
    expect(config.publish).toEqual([{ provider: 'generic', url: expect.stringMatching(/^https:\/\/[^/]+\.invalid\//) as unknown }]);
  });

  it('ships the Linux update key and names the Windows publisher electron-updater checks', () => {
    expect(config.extraResources).toEqual([{ from: 'build/update/update-public.pem', to: 'update-public.pem' }]);
    expect(fs.existsSync(path.join(ROOT, 'build/update/update-public.pem'))).toBe(true);
    expect(config.win?.signtoolOptions?.publisherName).toEqual(expect.any(String));
  });
});

describe('the systemd user unit', () => {
  const unit = read('build/linux/police-kiosk.service');
  const service = section(unit, 'Service');
  // The .deb's after-install links /usr/bin/<executableName> to the app in "/opt/Police Kiosk".
  const installed = `/usr/bin/${config.linux?.executableName ?? ''}`;

  it('is a watchdog-supervised notify service that is always restarted', () => {
    expect(service).toMatchObject({ Type: 'notify', WatchdogSec: '30s', NotifyAccess: 'all', Restart: 'always' });
    expect(section(unit, 'Unit').StartLimitIntervalSec).toBe('0');
    // The kiosk pings at half of it, from the WATCHDOG_USEC systemd derives from WatchdogSec.
    expect(watchdogInterval(String(30 * 1_000_000), undefined, 1, 0)).toBe(15_000);
  });

  it('starts what the .deb installs', () => {
    expect(config.linux?.executableName).toBe('police-kiosk');
    expect(service.ExecStart).toBe(installed);
  });

  it('passes systemd-analyze verify (as a user unit), which catches a wrong setting', () => {
    // verify also checks that ExecStart exists; this machine has no /usr/bin/police-kiosk, so the
    // copy starts an executable stub instead, the rest of the unit unchanged (ExecStart itself is
    // checked against the package above).
    const dir = tempDir();
    const runtime = path.join(dir, 'runtime');
    fs.mkdirSync(runtime, { mode: 0o700 });
    const stub = path.join(dir, 'police-kiosk');
    fs.writeFileSync(stub, '#!/bin/sh\n', { mode: 0o755 });
    const lines = unit.split('\n');
    expect(lines.filter((line) => line === `ExecStart=${installed}`)).toHaveLength(1);
    const verify = (text: string) => {
      const file = path.join(dir, 'police-kiosk.service');
      fs.writeFileSync(file, text);
      return run('systemd-analyze', ['--user', 'verify', file], 'systemd', { ...process.env, XDG_RUNTIME_DIR: runtime });
    };
    const copy = lines.map((line) => (line === `ExecStart=${installed}` ? `ExecStart=${stub}` : line)).join('\n');
    expect(verify(copy)).toEqual({ status: 0, output: '' });
    // systemd-analyze exits 0 on a setting it ignores, and says so: an unknown key and a bad value.
    expect(verify(copy.replace('WatchdogSec=30s', 'WatchdogSecs=30s')).output).toMatch(/Unknown key/);
    expect(verify(copy.replace('NotifyAccess=all', 'NotifyAccess=everyone')).output).toMatch(/notify access/i);
  });
});

describe('the XDG autostart entry', () => {
  const file = path.join(ROOT, 'build/linux/police-kiosk.desktop');
  const entry = section(fs.readFileSync(file, 'utf8'), 'Desktop Entry');

  it('starts the kiosk at log-in where systemd does not manage the session, and stays out of menus', () => {
    expect(entry).toMatchObject({
      Type: 'Application',
      Exec: `/usr/bin/${config.linux?.executableName ?? ''}`,
      'X-GNOME-Autostart-enabled': 'true',
      NoDisplay: 'true',
      Terminal: 'false',
      // Under systemd the user unit runs it, with the watchdog: never both.
      'X-GNOME-HiddenUnderSystemd': 'true',
    });
    expect(entry.Hidden).toBeUndefined();
  });

  it('passes desktop-file-validate, which catches a wrong entry', () => {
    expect(run('desktop-file-validate', [file], 'desktop-file-utils')).toEqual({ status: 0, output: '' });
    const broken = path.join(tempDir(), 'police-kiosk.desktop');
    fs.writeFileSync(broken, fs.readFileSync(file, 'utf8').replace('Type=Application', 'Type=Program'));
    expect(run('desktop-file-validate', [broken], 'desktop-file-utils').status).not.toBe(0);
  });
});
