import path from 'node:path';
import { app, BrowserWindow, Menu } from 'electron';
import { appPagePath } from './app-page';

/** Same colour as the page background, so nothing flashes between show and first paint. */
const BACKGROUND_COLOR = '#ffffff';
/** A renderer that dies again this soon after a reload is crash-looping. */
const CRASH_LOOP_MS = 10_000;
/** Pause before reloading a crash-looping renderer, so it cannot pin a CPU core. */
const CRASH_LOOP_DELAY_MS = 5_000;
/** How long a page that stopped responding (Chromium's own hang detection) may take to come back. */
export const HANG_GRACE_MS = 10_000;

/** Opens the full-screen kiosk window on the kiosk page and keeps it alive. */
export function createKioskWindow(): BrowserWindow {
  // No menu at all: its accelerators (reload, devtools, zoom) would be reachable from a keyboard.
  Menu.setApplicationMenu(null);

  const window = new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: BACKGROUND_COLOR,
    // Kept inline: Electronegativity only sees options written in the constructor call.
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Belt and braces for Electronegativity's AUXCLICK check: middle-click new windows are
      // already denied in security.ts, and current Chromium may not know this feature name.
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
      preload: path.join(__dirname, '../preload/index.js'),
    },
  });

  window.once('ready-to-show', () => window.show());
  reloadWhenGone(window);
  refuseClose(window);
  loadAppPage(window);
  return window;
}

function loadAppPage(window: BrowserWindow): void {
  window.loadFile(appPagePath()).catch((error: unknown) => {
    console.error(`The kiosk page could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  });
}

// The flow lives in the host, so a fresh page asks for the current snapshot and the
// resident continues where they were; a dead or hung page must never stay on screen.
function reloadWhenGone(window: BrowserWindow): void {
  let lastReloadAt = Number.NEGATIVE_INFINITY;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let hang: ReturnType<typeof setTimeout> | undefined;
  // The renderer this watchdog killed: its reload is already under way.
  let killedHung = false;

  const reload = (): void => {
    pending = undefined;
    if (window.isDestroyed()) return;
    lastReloadAt = Date.now();
    loadAppPage(window);
  };

  window.webContents.on('render-process-gone', (_event, details) => {
    if (killedHung) {
      killedHung = false;
      return;
    }
    console.error(`The kiosk page's process is gone (${details.reason}, exit code ${details.exitCode}); reloading`);
    if (pending !== undefined || window.isDestroyed()) return;
    if (Date.now() - lastReloadAt < CRASH_LOOP_MS) pending = setTimeout(reload, CRASH_LOOP_DELAY_MS);
    else reload();
  });

  // Chromium reports a page that stopped answering input; a long frame (a big photo decoded, a
  // slow machine at start-up) comes back by itself, so the page gets a grace period first.
  window.webContents.on('unresponsive', () => {
    if (hang !== undefined || window.isDestroyed()) return;
    console.error(`The kiosk page is not responding; restarting it unless it answers within ${HANG_GRACE_MS / 1000} s`);
    hang = setTimeout(restartHung, HANG_GRACE_MS);
  });
  window.webContents.on('responsive', () => {
    if (hang === undefined) return;
    clearTimeout(hang);
    hang = undefined;
    console.error('The kiosk page is responding again');
  });

  // A hung renderer cannot run a reload of its own: it is killed, and the reload that follows
  // at once runs in a new process (as Electron's forcefullyCrashRenderer documents).
  const restartHung = (): void => {
    hang = undefined;
    if (window.isDestroyed()) return;
    console.error('The kiosk page is still not responding; restarting it in a new process');
    killedHung = true;
    window.webContents.forcefullyCrashRenderer();
    if (pending !== undefined) clearTimeout(pending);
    reload();
  };

  window.on('closed', () => {
    if (pending !== undefined) clearTimeout(pending);
    if (hang !== undefined) clearTimeout(hang);
    pending = undefined;
    hang = undefined;
  });
}

// Alt+F4 and the window manager's close button ask the window to close: only quitting the app
// (the daily restart, a stop by systemd) may. app.exit() closes windows without asking.
function refuseClose(window: BrowserWindow): void {
  let quitting = false;
  app.once('before-quit', () => {
    quitting = true;
  });
  window.on('close', (event) => {
    if (!quitting) event.preventDefault();
  });
  // A window manager's "show desktop" or minimise key leaves an empty screen behind.
  window.on('minimize', () => window.restore());
}
