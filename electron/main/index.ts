import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { app, dialog } from 'electron';
import { autoUpdater } from 'electron-updater';
import { ConfigError, loadConfig } from '../host/config';
import type { HostConfig } from '../host/config';
import { createHost } from '../host/host';
import type { Host } from '../host/host-types';
import { createLogger } from '../host/log/logger';
import { startSystemdNotifier } from '../host/supervisor/systemd-notify';
import { setupIpc } from './ipc';
import { safeStorageReader, safeStorageWrapper } from './key-wrapper';
import { setupSecurity } from './security';
import { setupUpdater, type KioskUpdater } from './updater';
import { createKioskWindow } from './window';

let kioskWindow: BrowserWindow | null = null;

// First thing: NOTIFY_SOCKET leaves the environment before any child process can inherit it,
// and the watchdog pings start on this loop, which runs the host and the window.
const systemd = startSystemdNotifier({ env: process.env, pid: process.pid, ppid: process.ppid, log: createLogger() });

/** Chromium switches that hand the page to whoever connects: a packaged kiosk refuses to start with them. */
const DEBUGGING_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'remote-debugging-address', 'inspect', 'inspect-brk', 'inspect-port'];

function fail(message: string): void {
  console.error(message);
  // Staff see this on the kiosk's screen; there is no console on a kiosk.
  dialog.showErrorBox('The kiosk cannot start', message);
  app.exit(1);
}

async function setupHost(updater: KioskUpdater): Promise<Host | null> {
  let config: HostConfig;
  try {
    config = loadConfig(process.env, { dataDir: app.getPath('userData'), version: app.getVersion() });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fail(error.message);
    return null;
  }
  // This module is the entry bundle (out/main/index.js), so __dirname is out/main, where
  // electron-vite also puts the photo worker (see electron.vite.config.ts).
  // safeStorage seals new key files when the keyring is there now; a file it sealed earlier is
  // read through it whenever the keyring turns up (the host retries while it cannot).
  return createHost(config, {
    keyWrapper: safeStorageWrapper(),
    otherKeyWrappers: [safeStorageReader()],
    photoWorkerScript: path.join(__dirname, 'photo-worker.js'),
    // The daily restart installs a verified update instead, when one is waiting.
    restart: () => updater.restart(),
  });
}

// The daily restart. Under the systemd unit (Restart=always) quitting is enough, and a child
// started by relaunch() would be stopped with the unit's other processes; elsewhere (Windows'
// scheduled task, an XDG autostart session) the kiosk starts its successor itself. Either way
// the host closes first (will-quit, below).
function restartKiosk(): void {
  // An AppImage runs from a mount that goes with this process: its successor is the file itself.
  const appImage = process.env.APPIMAGE;
  if (!systemd.supervised) app.relaunch(appImage ? { execPath: appImage, args: process.argv.slice(1) } : undefined);
  app.quit();
}

// Staged updates (README, Updates): first, as a start may be an update's trial or its rollback.
function startUpdater(): KioskUpdater {
  return setupUpdater({
    version: app.getVersion(),
    isPackaged: app.isPackaged,
    platform: process.platform,
    env: process.env,
    // The data folder the host will use (loadConfig's rule), read before the host exists.
    dataDir: process.env.KIOSK_DATA_DIR ? path.resolve(process.env.KIOSK_DATA_DIR) : app.getPath('userData'),
    resourcesPath: process.resourcesPath,
    log: createLogger(),
    restart: restartKiosk,
    quit: () => app.quit(),
    updater: () => autoUpdater,
  });
}

function setupWindow(updater: KioskUpdater): void {
  const window = createKioskWindow();
  kioskWindow = window;
  // READY=1 once the host serves and the page is on screen; a kiosk that never gets there is
  // restarted by systemd when its start-up time runs out.
  // The same point marks an updated version healthy: it is no longer on trial.
  window.once('ready-to-show', () => {
    void systemd.ready();
    updater.healthy();
  });
  window.on('closed', () => {
    if (kioskWindow === window) kioskWindow = null;
  });
}

// The host writes SQLite and drives devices, so quitting waits for it to close.
function setupQuit(host: Host): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('will-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    host
      .close()
      .catch((error: unknown) => {
        console.error(`The host did not close cleanly: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}

function focusKioskWindow(): void {
  if (kioskWindow === null || kioskWindow.isDestroyed()) return;
  if (kioskWindow.isMinimized()) kioskWindow.restore();
  kioskWindow.focus();
}

async function onReady(): Promise<void> {
  setupSecurity();
  const updater = startUpdater();
  if (updater.rollingBack) return;
  const host = await setupHost(updater);
  if (host === null) return;
  setupQuit(host);
  // Handlers exist before the window does, so the page's first call cannot race them.
  setupIpc(host, () => kioskWindow);
  setupWindow(updater);
}

// Must precede 'ready': it applies to every renderer, whatever its webPreferences say.
app.enableSandbox();

const debugging = app.isPackaged ? DEBUGGING_SWITCHES.find((name) => app.commandLine.hasSwitch(name)) : undefined;
if (debugging !== undefined) {
  // A debugging port is a way around the lockdown and the IPC sender checks: not on a kiosk.
  fail(`The kiosk does not start with --${debugging}: remove it from the command line`);
} else if (!app.requestSingleInstanceLock()) {
  // A second kiosk on the same data folder would fight over the database and the devices.
  app.quit();
} else {
  app.on('second-instance', focusKioskWindow);
  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => fail(`The kiosk failed to start: ${error instanceof Error ? error.message : String(error)}`));
}
