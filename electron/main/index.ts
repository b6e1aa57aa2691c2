import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { app, dialog } from 'electron';
import { ConfigError, loadConfig } from '../host/config';
import type { HostConfig } from '../host/config';
import { createHost } from '../host/host';
import type { Host } from '../host/host-types';
import { setupIpc } from './ipc';
import { safeStorageReader, safeStorageWrapper } from './key-wrapper';
import { setupSecurity } from './security';
import { createKioskWindow } from './window';

let kioskWindow: BrowserWindow | null = null;

function fail(message: string): void {
  console.error(message);
  // Staff see this on the kiosk's screen; there is no console on a kiosk.
  dialog.showErrorBox('The kiosk cannot start', message);
  app.exit(1);
}

async function setupHost(): Promise<Host | null> {
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
  });
}

function setupWindow(): void {
  const window = createKioskWindow();
  kioskWindow = window;
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
  const host = await setupHost();
  if (host === null) return;
  setupQuit(host);
  // Handlers exist before the window does, so the page's first call cannot race them.
  setupIpc(host, () => kioskWindow);
  setupWindow();
}

// Must precede 'ready': it applies to every renderer, whatever its webPreferences say.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // A second kiosk on the same data folder would fight over the database and the devices.
  app.quit();
} else {
  app.on('second-instance', focusKioskWindow);
  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => fail(`The kiosk failed to start: ${error instanceof Error ? error.message : String(error)}`));
}
