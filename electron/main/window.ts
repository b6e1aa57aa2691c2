import path from 'node:path';
import { app, BrowserWindow, Menu } from 'electron';
import { appPagePath } from './app-page';

/** Same colour as the page background, so nothing flashes between show and first paint. */
const BACKGROUND_COLOR = '#ffffff';
/** A renderer that dies again this soon after a reload is crash-looping. */
const CRASH_LOOP_MS = 10_000;
/** Pause before reloading a crash-looping renderer, so it cannot pin a CPU core. */
const CRASH_LOOP_DELAY_MS = 5_000;

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

  const reload = (): void => {
    pending = undefined;
    if (window.isDestroyed()) return;
    lastReloadAt = Date.now();
    loadAppPage(window);
  };

  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`The kiosk page's process is gone (${details.reason}, exit code ${details.exitCode}); reloading`);
    if (pending !== undefined || window.isDestroyed()) return;
    if (Date.now() - lastReloadAt < CRASH_LOOP_MS) pending = setTimeout(reload, CRASH_LOOP_DELAY_MS);
    else reload();
  });

  window.on('unresponsive', () => {
    // A hung renderer cannot run a reload; killing it emits render-process-gone, which reloads
    // in a fresh process.
    console.error('The kiosk page is not responding; restarting it');
    if (!window.isDestroyed()) window.webContents.forcefullyCrashRenderer();
  });

  window.on('closed', () => {
    if (pending !== undefined) clearTimeout(pending);
    pending = undefined;
  });
}
