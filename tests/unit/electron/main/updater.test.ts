import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { Mock } from 'vitest';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../../electron/host/log/logger';
import { scheduleDailyRestart, type InUse } from '../../../../electron/host/supervisor/daily-restart';
import { keepInstaller, keptAppImage } from '../../../../electron/host/supervisor/update-files';
import { readUpdateState, writeUpdateState, type UpdateState } from '../../../../electron/host/supervisor/update-state';
import { setupUpdater, type KioskUpdater, type UpdaterOptions } from '../../../../electron/main/updater';
import { tempDirs } from '../../../fixtures/temp-dirs';

// electron-updater is never loaded here: the updater is handed a fake of the part it uses.
vi.mock('electron-updater', () => {
  throw new Error('electron-updater must not be loaded by these tests');
});

const dirs = tempDirs('kiosk-updater-');
afterAll(() => dirs.removeAll());

const ours = generateKeyPairSync('ed25519');
const theirs = generateKeyPairSync('ed25519');
const AT = { hour: 3, minute: 30 };
const local = (hour: number, minute = 0, day = 10) => new Date(2026, 0, day, hour, minute).getTime();
// Captured before the clock is faked: the signature check reads files, which needs real turns of the loop.
/** Waits until every updater of the test has checked what it was handed (its checks hash files off the loop). */
const settle = async () => {
  await Promise.all(live.map((u) => u.settled()));
};

class FakeAutoUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  allowDowngrade = true;
  logger: unknown = null;
  checkForUpdates = vi.fn(() => Promise.resolve(null));
  quitAndInstall = vi.fn();
}

interface Kiosk {
  dataDir: string;
  appImage: string;
  resources: string;
  fake: FakeAutoUpdater;
  restart: Mock<() => void>;
  quit: Mock<() => void>;
  spawnDetached: Mock<(command: string, args: readonly string[]) => void>;
  lines: { event: string; [key: string]: unknown }[];
  opts: (over?: Partial<UpdaterOptions>) => UpdaterOptions;
}

function kiosk(): Kiosk {
  const dataDir = dirs.make();
  const appImage = path.join(dirs.make(), 'police-kiosk.AppImage');
  fs.writeFileSync(appImage, 'AppImage 1.0.0', { mode: 0o755 });
  const resources = dirs.make();
  fs.writeFileSync(path.join(resources, 'update-public.pem'), ours.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  const fake = new FakeAutoUpdater();
  const lines: Kiosk['lines'] = [];
  const log = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as { event: string }) });
  const k: Kiosk = {
    dataDir,
    appImage,
    resources,
    fake,
    restart: vi.fn<() => void>(),
    quit: vi.fn<() => void>(),
    spawnDetached: vi.fn<(command: string, args: readonly string[]) => void>(),
    lines,
    opts: (over = {}) => ({
      version: '1.0.0',
      isPackaged: true,
      platform: 'linux',
      env: { APPIMAGE: appImage },
      dataDir,
      resourcesPath: resources,
      log,
      restart: k.restart,
      quit: k.quit,
      updater: () => fake as unknown as ReturnType<UpdaterOptions['updater']>,
      spawnDetached: k.spawnDetached,
      ...over,
    }),
  };
  return k;
}

/** electron-updater's download of `version`, signed with `key` as README says. */
function download(k: Kiosk, version: string, key: KeyObject | null = ours.privateKey) {
  const file = path.join(dirs.make(), `Police-Kiosk-${version}.AppImage`);
  fs.writeFileSync(file, `AppImage ${version}`);
  const digest = createHash('sha512').update(fs.readFileSync(file)).digest();
  const kioskSignature = key === null ? undefined : sign(null, digest, key).toString('base64');
  k.fake.emit('update-downloaded', { version, downloadedFile: file, files: [], path: file, sha512: '', releaseDate: '', kioskSignature });
  return file;
}

const events = (k: Kiosk) => k.lines.map((line) => line.event);
const cancels: (() => void)[] = [];
/** The updaters started by the current test. */
const live: KioskUpdater[] = [];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(local(1, 0));
});

afterEach(() => {
  for (const cancel of cancels.splice(0)) cancel();
  live.splice(0);
  vi.useRealTimers();
});

/** The kiosk as index.ts wires it: the daily restart at 03:30 goes through the updater. */
function start(k: Kiosk, inUse: () => InUse, over: Partial<UpdaterOptions> = {}) {
  const updater = setupUpdater(k.opts(over));
  live.push(updater);
  cancels.push(updater.stop);
  cancels.push(scheduleDailyRestart({ at: AT, inUse, restart: () => updater.restart(), log: createLogger({ write: () => undefined }) }));
  return updater;
}

describe('the updater at start-up', () => {
  it('downloads in the background and never installs on quit, nor downgrades', () => {
    const k = kiosk();
    start(k, () => null);
    expect(k.fake.autoDownload).toBe(true);
    expect(k.fake.autoInstallOnAppQuit).toBe(false);
    expect(k.fake.allowDowngrade).toBe(false);
    expect(k.fake.checkForUpdates).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['an unpackaged run', { isPackaged: false }],
    ['a .deb (no $APPIMAGE)', { env: {} }],
  ])('does not load electron-updater for %s, and restarts as before', (_name, over) => {
    const k = kiosk();
    const updater = vi.fn();
    const u = setupUpdater(k.opts({ ...over, updater }));
    expect(updater).not.toHaveBeenCalled();
    u.restart();
    expect(k.restart).toHaveBeenCalledTimes(1);
  });
});

describe('staged install at the daily restart (Linux AppImage)', () => {
  it('waits out a session at the quiet hour, then installs once nobody is there, and never twice', async () => {
    const k = kiosk();
    let use: InUse = 'residentSession';
    start(k, () => use);
    download(k, '1.1.0');
    await settle();
    expect(events(k)).toContain('update.ready');

    await vi.advanceTimersByTimeAsync(local(4, 0) - Date.now());
    expect(k.restart).not.toHaveBeenCalled();
    expect(fs.readFileSync(k.appImage, 'utf8')).toBe('AppImage 1.0.0');

    use = null;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(k.restart).toHaveBeenCalledTimes(1);
    expect(fs.readFileSync(k.appImage, 'utf8')).toBe('AppImage 1.1.0');
    expect(fs.readFileSync(keptAppImage(k.dataDir, '1.0.0'), 'utf8')).toBe('AppImage 1.0.0');
    expect(readUpdateState(k.dataDir).state).toEqual({ from: '1.0.0', to: '1.1.0', attempts: 0, rejected: [] });

    // The process quits here; should it not, nothing installs or restarts again the next night.
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(k.restart).toHaveBeenCalledTimes(1);
  });

  it('checks a download once, though every check of the server announces it again', async () => {
    const k = kiosk();
    start(k, () => null);
    download(k, '1.1.0');
    await settle();
    download(k, '1.1.0', theirs.privateKey);
    await settle();
    expect(events(k).filter((event) => event === 'update.ready')).toHaveLength(1);
    expect(events(k)).not.toContain('update.refused');
  });

  it('does not install in opening hours: a download at 02:00 waits for 03:30', async () => {
    vi.setSystemTime(local(0, 0));
    const k = kiosk();
    start(k, () => null);
    await vi.advanceTimersByTimeAsync(local(2, 0) - Date.now());
    download(k, '1.1.0');
    await settle();
    await vi.advanceTimersByTimeAsync(local(3, 29) - Date.now());
    expect(k.restart).not.toHaveBeenCalled();
    expect(fs.readFileSync(k.appImage, 'utf8')).toBe('AppImage 1.0.0');
    await vi.advanceTimersByTimeAsync(local(3, 31) - Date.now());
    expect(k.restart).toHaveBeenCalledTimes(1);
    expect(fs.readFileSync(k.appImage, 'utf8')).toBe('AppImage 1.1.0');
  });

  it.each([
    ['signed with another key', theirs.privateKey, 'badSignature'],
    ['not signed', null, 'noSignature'],
  ])('refuses an update %s: only restarts, the AppImage untouched', async (_name, key, code) => {
    const k = kiosk();
    start(k, () => null);
    download(k, '1.1.0', key);
    await settle();
    expect(k.lines.find((line) => line.event === 'update.refused')).toMatchObject({ version: '1.1.0', code });
    await vi.advanceTimersByTimeAsync(local(3, 31) - Date.now());
    expect(k.restart).toHaveBeenCalledTimes(1);
    expect(fs.readFileSync(k.appImage, 'utf8')).toBe('AppImage 1.0.0');
    expect(readUpdateState(k.dataDir).state.to).toBeNull();
    expect(fs.existsSync(path.join(k.dataDir, 'updates', 'staged.AppImage'))).toBe(false);
  });

  it('refuses every update in a build without a key', async () => {
    const k = kiosk();
    fs.writeFileSync(path.join(k.resources, 'update-public.pem'), 'No update signing key in this build.\n');
    start(k, () => null);
    download(k, '1.1.0');
    await settle();
    expect(k.lines.find((line) => line.event === 'update.refused')).toMatchObject({ code: 'noKey' });
    expect(events(k)).toContain('update.noKey');
  });

  it('installs what it verified, even if the download in the cache changes afterwards', async () => {
    const k = kiosk();
    const updater = start(k, () => null);
    const cached = download(k, '1.1.0');
    await settle();
    fs.writeFileSync(cached, 'something else');
    updater.restart();
    expect(fs.readFileSync(k.appImage, 'utf8')).toBe('AppImage 1.1.0');
    expect(fs.readdirSync(path.dirname(k.appImage))).toEqual(['police-kiosk.AppImage']);
  });

  it('does not install a version that was rolled back, nor the running one', async () => {
    const k = kiosk();
    writeUpdateState(k.dataDir, { from: null, to: null, attempts: 0, rejected: ['1.1.0'] });
    const updater = start(k, () => null);
    download(k, '1.1.0');
    await settle();
    updater.restart();
    expect(fs.readFileSync(k.appImage, 'utf8')).toBe('AppImage 1.0.0');
    expect(k.lines.find((line) => line.event === 'update.notInstalled')).toMatchObject({ why: 'rejected' });

    const again = startVersion(k, '1.1.0');
    download(k, '1.1.0');
    await settle();
    again.restart();
    expect(k.lines.filter((line) => line.event === 'update.notInstalled').at(-1)).toMatchObject({ why: 'sameVersion' });
  });

  it('only restarts when the AppImage cannot be replaced, and leaves nothing on trial', async () => {
    const k = kiosk();
    const updater = start(k, () => null, { env: { APPIMAGE: path.join(dirs.make(), 'gone', 'police-kiosk.AppImage') } });
    download(k, '1.1.0');
    await settle();
    updater.restart();
    expect(k.restart).toHaveBeenCalledTimes(1);
    expect(events(k)).toContain('update.installFailed');
    expect(readUpdateState(k.dataDir).state.to).toBeNull();
  });
});

const trial = (attempts: number): UpdateState => ({ from: '1.0.0', to: '1.1.0', attempts, rejected: [] });

/** A start of `version` after the kiosk (re)started, with no daily restart wired. */
function startVersion(k: Kiosk, version: string, over: Partial<UpdaterOptions> = {}) {
  const updater = setupUpdater(k.opts({ version, ...over }));
  live.push(updater);
  cancels.push(updater.stop);
  return updater;
}

describe('trial, health and rollback', () => {
  it('counts a start of the new version and ends the trial at its first screen', () => {
    const k = kiosk();
    writeUpdateState(k.dataDir, trial(0));
    const updater = startVersion(k, '1.1.0');
    expect(updater.rollingBack).toBe(false);
    expect(readUpdateState(k.dataDir).state.attempts).toBe(1);
    updater.healthy();
    expect(readUpdateState(k.dataDir).state).toEqual({ from: null, to: null, attempts: 0, rejected: [] });
    expect(events(k)).toContain('update.healthy');
  });

  it('rolls back to the kept AppImage at the start after two failed ones, and restarts into it', () => {
    const k = kiosk();
    fs.mkdirSync(path.dirname(keptAppImage(k.dataDir, '1.0.0')), { recursive: true });
    fs.copyFileSync(k.appImage, keptAppImage(k.dataDir, '1.0.0'));
    fs.writeFileSync(k.appImage, 'AppImage 1.1.0');
    writeUpdateState(k.dataDir, trial(0));
    for (let start = 1; start <= 2; start += 1) {
      expect(startVersion(k, '1.1.0').rollingBack).toBe(false);
    }
    expect(k.restart).not.toHaveBeenCalled();
    expect(startVersion(k, '1.1.0').rollingBack).toBe(true);
    expect(fs.readFileSync(k.appImage, 'utf8')).toBe('AppImage 1.0.0');
    expect(k.restart).toHaveBeenCalledTimes(1);
    expect(readUpdateState(k.dataDir).state).toEqual({ from: null, to: null, attempts: 0, rejected: ['1.1.0'] });
  });

  it('keeps running the new version when there is nothing to roll back to, and says so', () => {
    const k = kiosk();
    writeUpdateState(k.dataDir, trial(2));
    const updater = startVersion(k, '1.1.0');
    expect(updater.rollingBack).toBe(false);
    expect(events(k)).toContain('update.rollbackUnavailable');
    expect(readUpdateState(k.dataDir).state.to).toBeNull();
  });

  it('starts normally on a state file it cannot read, naming the problem', () => {
    const k = kiosk();
    fs.writeFileSync(path.join(k.dataDir, 'update-state.json'), '{"from":');
    const updater = startVersion(k, '1.1.0');
    expect(updater.rollingBack).toBe(false);
    expect(k.lines.find((line) => line.event === 'update.stateUnusable')).toMatchObject({ code: 'notJson' });
    expect(k.restart).not.toHaveBeenCalled();
  });
});

describe('Windows (NSIS)', () => {
  const win = (k: Kiosk, over: Partial<UpdaterOptions> = {}) => k.opts({ platform: 'win32', env: {}, ...over });

  it('keeps the verified installer, and installs with quitAndInstall at the quiet hour, once', async () => {
    const k = kiosk();
    const updater = setupUpdater(win(k));
    live.push(updater);
    cancels.push(updater.stop);
    const installer = path.join(dirs.make(), 'Police Kiosk Setup 1.1.0.exe');
    fs.writeFileSync(installer, 'installer 1.1.0');
    k.fake.emit('update-downloaded', { version: '1.1.0', downloadedFile: installer, files: [], path: installer, sha512: '', releaseDate: '' });
    await settle();
    expect(fs.readFileSync(path.join(k.dataDir, 'updates', 'installer-1.1.0.exe'), 'utf8')).toBe('installer 1.1.0');
    updater.restart();
    updater.restart();
    expect(k.fake.quitAndInstall).toHaveBeenCalledTimes(1);
    expect(k.fake.quitAndInstall).toHaveBeenCalledWith(true, true);
    expect(readUpdateState(k.dataDir).state).toMatchObject({ from: '1.0.0', to: '1.1.0' });
  });

  it('rolls back by running the kept installer of the old version through elevate.exe', () => {
    const k = kiosk();
    const installer = path.join(dirs.make(), 'setup.exe');
    fs.writeFileSync(installer, 'installer 1.0.0');
    keepInstaller(k.dataDir, installer, '1.0.0', '0.9.0');
    writeUpdateState(k.dataDir, trial(2));
    const updater = setupUpdater(win(k, { version: '1.1.0' }));
    expect(updater.rollingBack).toBe(true);
    expect(k.spawnDetached).toHaveBeenCalledWith(path.join(k.resources, 'elevate.exe'), [path.join(k.dataDir, 'updates', 'installer-1.0.0.exe'), '--updated', '/S', '--force-run']);
    expect(k.quit).toHaveBeenCalledTimes(1);
    expect(k.restart).not.toHaveBeenCalled();
  });
});
