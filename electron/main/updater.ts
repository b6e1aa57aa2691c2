import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { AppUpdater, UpdateDownloadedEvent } from 'electron-updater';
import type { Logger } from '../host/log/logger';
import { findInstaller, keepAppImage, keepInstaller, replaceAppImage, restoreAppImage, UPDATES_DIR } from '../host/supervisor/update-files';
import { decideAtRestart, decideAtStart, markHealthy, recordInstall, type DownloadedUpdate } from '../host/supervisor/update-policy';
import { readUpdateState, writeUpdateState, type UpdateState } from '../host/supervisor/update-state';
import { parseUpdateKey, verifyUpdateFile } from '../host/supervisor/update-verifier';

/*
 * Staged, signed updates (README, Updates). electron-updater downloads in the background from
 * the generic server in electron-builder.yml (`publish`) and checks the file's SHA-512; nothing
 * installs on quit. The daily restart, at the quiet hour with nobody at the kiosk, asks
 * `restart()`, which installs a verified update instead of only restarting. A start of the new
 * version is on trial until its first screen is up (`healthy()`); after MAX_FAILED_STARTS failed
 * starts the next one rolls back (update-policy.ts).
 *
 * - Linux AppImage: our own Ed25519 check (update-verifier.ts) of a copy staged in the data
 *   folder; the install is ours too: the old AppImage is kept, the staged one is copied over
 *   $APPIMAGE, and the kiosk restarts as it does every night. electron-updater's own AppImage
 *   install would start the new file while this one still holds the single-instance lock, or
 *   run it synchronously under systemd (APPIMAGE_EXIT_AFTER_INSTALL), which we cannot check here.
 * - Windows NSIS: electron-updater checks the installer's Authenticode publisher against
 *   `publisherName` (app-update.yml) before `update-downloaded`; quitAndInstall runs it. The
 *   verified installer is kept for a rollback.
 * - Anything else (the .deb, whose updater needs a root password; an unpackaged run): no updates.
 */

type UpdaterPart = Pick<AppUpdater, 'autoDownload' | 'autoInstallOnAppQuit' | 'allowDowngrade' | 'logger' | 'checkForUpdates' | 'quitAndInstall' | 'on'>;

/** What the updater needs from Electron and the process; tests pass fakes. */
export interface UpdaterOptions {
  version: string;
  isPackaged: boolean;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  /** Where `update-public.pem` lies (process.resourcesPath). */
  resourcesPath: string;
  log: Logger;
  /** The kiosk's plain restart (the daily restart's way: quit, and be started again). */
  restart: () => void;
  /** Quits without a restart of our own (a Windows rollback's installer starts the kiosk). */
  quit: () => void;
  /** electron-updater's autoUpdater, loaded only when updates are on. */
  updater: () => UpdaterPart;
  /** How often the server is asked. */
  checkEveryMs?: number;
  spawnDetached?: (command: string, args: readonly string[]) => void;
}

export interface KioskUpdater {
  /** True when this start is a rollback under way: the caller starts nothing and lets it quit. */
  readonly rollingBack: boolean;
  /** The first screen is up: this version is no longer on trial. */
  healthy(): void;
  /** In place of the daily restart: installs a verified update, or only restarts. */
  restart(): void;
  stop(): void;
  /** Resolves once every download announced so far has been checked (tests wait on it; the shell never does). */
  settled(): Promise<void>;
}

const CHECK_EVERY_MS = 4 * 60 * 60_000;

const PUBLIC_KEY_FILE = 'update-public.pem';

type Kind = 'appImage' | 'nsis';

function detachedSpawn(command: string, args: readonly string[]): void {
  spawn(command, args, { detached: true, stdio: 'ignore', shell: false, windowsHide: true }).unref();
}

/** Reads the state file, acts on a pending trial or rollback, and starts the background download. */
export function setupUpdater(opts: UpdaterOptions): KioskUpdater {
  const { log, dataDir, version } = opts;
  const appImage = opts.env.APPIMAGE;
  const kind: Kind | null = !opts.isPackaged ? null : opts.platform === 'win32' ? 'nsis' : opts.platform === 'linux' && appImage ? 'appImage' : null;
  if (kind === null) {
    log.info('update.off', { reason: opts.isPackaged ? 'notUpdatable' : 'notPackaged' });
    return { rollingBack: false, healthy: () => undefined, restart: opts.restart, stop: () => undefined, settled: () => Promise.resolve() };
  }

  const read = (): UpdateState => {
    const { state, error } = readUpdateState(dataDir);
    if (error) log.error('update.stateUnusable', { code: error.code, message: error.message });
    return state;
  };
  const write = (state: UpdateState): void => {
    try {
      writeUpdateState(dataDir, state);
    } catch (error) {
      log.error('update.stateNotWritten', { code: (error as NodeJS.ErrnoException).code ?? 'error' });
    }
  };

  const decision = decideAtStart(read(), version);
  if (decision.kind === 'rollback') {
    const then = rollBack(kind, decision.from, decision.to);
    if (then !== null) {
      write(decision.state);
      then();
      return { rollingBack: true, healthy: () => undefined, restart: () => undefined, stop: () => undefined, settled: () => Promise.resolve() };
    }
    // Nothing to go back to: this version keeps running, and is not offered again.
    log.error('update.rollbackUnavailable', { from: decision.to, to: decision.from });
    write(decision.state);
  } else if (decision.kind === 'trial') {
    log.warn('update.trialStart', { version, start: decision.state.attempts });
    write(decision.state);
  } else if (decision.kind === 'installFailed') {
    log.error('update.installFailed', { version: decision.version, running: version });
    write(decision.state);
  }

  /** Puts `from` back; returns how to leave this start, or null when there is nothing to go back to. */
  function rollBack(k: Kind, from: string, to: string): (() => void) | null {
    log.error('update.rollingBack', { from: to, to: from });
    try {
      if (k === 'appImage' && appImage) return restoreAppImage(dataDir, appImage, from) ? opts.restart : null;
      const installer = findInstaller(dataDir, from);
      if (installer === null) return null;
      // The installer of the older version, run as electron-updater runs one (elevate.exe for a
      // per-machine install); it installs over the newer one and starts the kiosk.
      const spawnIt = opts.spawnDetached ?? detachedSpawn;
      return () => {
        spawnIt(path.join(opts.resourcesPath, 'elevate.exe'), [installer, '--updated', '/S', '--force-run']);
        opts.quit();
      };
    } catch (error) {
      log.error('update.rollbackFailed', { code: (error as NodeJS.ErrnoException).code ?? 'error' });
      return null;
    }
  }

  const key = kind === 'appImage' ? parseUpdateKey(readKey(path.join(opts.resourcesPath, PUBLIC_KEY_FILE))) : null;
  if (kind === 'appImage' && key === null) log.error('update.noKey', { file: PUBLIC_KEY_FILE });

  let downloaded: (DownloadedUpdate & { staged: string }) | null = null;
  let installing = false;
  const updater = opts.updater();
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  updater.logger = {
    info: () => undefined,
    warn: (message?: unknown) => log.warn('update.library', { message: String(message) }),
    error: (message?: unknown) => log.error('update.library', { message: String(message) }),
  };
  updater.on('error', (error: Error) => log.warn('update.error', { error: error.name }));
  // Downloads being checked: their checks read and hash files off the event loop.
  const checking = new Set<Promise<void>>();
  updater.on('update-downloaded', (info: UpdateDownloadedEvent) => {
    const done: Promise<void> = onDownloaded(info)
      .catch((error: unknown) => log.error('update.downloadedFailed', { code: (error as NodeJS.ErrnoException).code ?? 'error' }))
      .finally(() => checking.delete(done));
    checking.add(done);
  });

  async function onDownloaded(info: UpdateDownloadedEvent): Promise<void> {
    // Every check re-announces a cached download: one that passed is not copied and checked again.
    if (installing || downloaded?.version === info.version) return;
    if (kind === 'nsis') {
      // electron-updater emits this only once the publisher signature matched.
      const staged = keepInstaller(dataDir, info.downloadedFile, info.version, version);
      downloaded = { version: info.version, verified: true, staged: info.downloadedFile };
      log.info('update.ready', { version: info.version, kept: path.basename(staged) });
      return;
    }
    // What is verified is what is installed: a copy in the data folder, not the updater's cache.
    const staged = path.join(dataDir, UPDATES_DIR, 'staged.AppImage');
    fs.mkdirSync(path.dirname(staged), { recursive: true });
    fs.copyFileSync(info.downloadedFile, staged);
    const verdict = await verifyUpdateFile(staged, (info as { kioskSignature?: unknown }).kioskSignature, key);
    if (!verdict.ok) {
      fs.rmSync(staged, { force: true });
      downloaded = null;
      log.error('update.refused', { version: info.version, code: verdict.code, message: verdict.message });
      return;
    }
    downloaded = { version: info.version, verified: true, staged };
    log.info('update.ready', { version: info.version });
  }

  const check = () => void updater.checkForUpdates().catch((error: unknown) => log.warn('update.checkFailed', { error: error instanceof Error ? error.name : 'error' }));
  check();
  const timer = setInterval(check, opts.checkEveryMs ?? CHECK_EVERY_MS);
  timer.unref();

  return {
    rollingBack: false,
    async settled() {
      while (checking.size > 0) await Promise.all([...checking]);
    },
    healthy() {
      const state = read();
      const next = markHealthy(state, version);
      if (next !== state) {
        write(next);
        log.info('update.healthy', { version });
      }
    },
    restart() {
      const state = read();
      const action = decideAtRestart({ running: version, downloaded, state, installing });
      if (action.kind === 'restart') {
        if (action.why !== 'noUpdate') log.warn('update.notInstalled', { why: action.why });
        opts.restart();
        return;
      }
      const update = downloaded;
      if (update === null) return;
      installing = true;
      clearInterval(timer);
      try {
        if (kind === 'appImage' && appImage) {
          keepAppImage(dataDir, appImage, version);
          write(recordInstall(state, version, action.version));
          replaceAppImage(update.staged, appImage);
          log.info('update.installing', { version: action.version });
          opts.restart();
          return;
        }
        write(recordInstall(state, version, action.version));
        log.info('update.installing', { version: action.version });
        updater.quitAndInstall(true, true);
      } catch (error) {
        log.error('update.installFailed', { version: action.version, code: (error as NodeJS.ErrnoException).code ?? 'error' });
        write(state);
        opts.restart();
      }
    },
    stop() {
      clearInterval(timer);
    },
  };
}

function readKey(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
