import path from 'node:path';
import type { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions } from 'electron';
import { Menu } from 'electron';
import type { Mock } from 'vitest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKioskWindow, HANG_GRACE_MS } from '../../../../electron/main/window';

interface FakeWebContents extends EventEmitter {
  forcefullyCrashRenderer: Mock<() => void>;
}
interface FakeWindow extends EventEmitter {
  options: BrowserWindowConstructorOptions;
  webContents: FakeWebContents;
  loadFile: Mock<(file: string) => Promise<void>>;
  show: Mock<() => void>;
  restore: Mock<() => void>;
  destroyed: boolean;
}

const fake = vi.hoisted(() => ({ windows: [] as FakeWindow[], app: null as (EventEmitter & { isPackaged: boolean }) | null }));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  fake.app = Object.assign(new EventEmitter(), { isPackaged: false });
  class WebContents extends EventEmitter {
    // Like Electron: killing the renderer reports it gone.
    forcefullyCrashRenderer = vi.fn(() => {
      this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    });
  }
  class BrowserWindow extends EventEmitter {
    webContents = new WebContents();
    loadFile = vi.fn(() => Promise.resolve());
    show = vi.fn();
    restore = vi.fn();
    destroyed = false;
    constructor(public options: BrowserWindowConstructorOptions) {
      super();
      fake.windows.push(this);
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
  }
  return { app: fake.app, BrowserWindow, Menu: { setApplicationMenu: vi.fn() } };
});

const ROOT = path.resolve(__dirname, '../../../..');
// In the bundle these resolve from out/main; from the sources they resolve from electron/main.
const PRELOAD = path.join(ROOT, 'electron/preload/index.js');
const PAGE = path.join(ROOT, 'electron/renderer/index.html');

function open(): FakeWindow {
  createKioskWindow();
  const window = fake.windows.at(-1);
  if (!window) throw new Error('no BrowserWindow was created');
  return window;
}

function app(): EventEmitter & { isPackaged: boolean } {
  if (!fake.app) throw new Error('electron was not mocked');
  return fake.app;
}

beforeEach(() => {
  fake.windows.length = 0;
  app().removeAllListeners();
  app().isPackaged = false;
  vi.useFakeTimers();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('createKioskWindow', () => {
  it('opens a kiosk, full-screen, hidden until ready', () => {
    const { options } = open();
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true, show: false });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('locks the renderer down', () => {
    const prefs = open().options.webPreferences;
    expect(prefs).toMatchObject({
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
    });
    expect(prefs?.preload).toBe(PRELOAD);
  });

  it('allows devtools only in an unpackaged build', () => {
    expect(open().options.webPreferences?.devTools).toBe(true);
    app().isPackaged = true;
    expect(open().options.webPreferences?.devTools).toBe(false);
  });

  it('removes the application menu', () => {
    open();
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(null);
  });

  it('loads the kiosk page and shows it once ready', () => {
    const window = open();
    expect(window.loadFile).toHaveBeenCalledWith(PAGE);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('reloads the page when its renderer process is gone', () => {
    const window = open();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(window.loadFile).toHaveBeenCalledTimes(2);
    expect(window.loadFile).toHaveBeenLastCalledWith(PAGE);
  });

  it('waits before reloading a renderer that keeps crashing', () => {
    const window = open();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(window.loadFile).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5_000);
    expect(window.loadFile).toHaveBeenCalledTimes(3);
  });

  it('gives a hung renderer a grace period, then restarts it in a new process and reloads the page once', () => {
    const window = open();
    window.webContents.emit('unresponsive');
    vi.advanceTimersByTime(HANG_GRACE_MS - 1);
    expect(window.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    expect(window.loadFile).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(window.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    // The page the host's flow is drawn on, loaded afresh: it asks the host for the current screen.
    expect(window.loadFile).toHaveBeenCalledTimes(2);
    expect(window.loadFile).toHaveBeenLastCalledWith(PAGE);
    // The kill's own render-process-gone reloads nothing more, now or later.
    vi.advanceTimersByTime(60_000);
    expect(window.loadFile).toHaveBeenCalledTimes(2);
  });

  it('reloads once when the killed renderer is reported gone only after the reload', () => {
    const window = open();
    window.webContents.forcefullyCrashRenderer.mockImplementation(() => undefined);
    window.webContents.emit('unresponsive');
    vi.advanceTimersByTime(HANG_GRACE_MS);
    expect(window.loadFile).toHaveBeenCalledTimes(2);
    window.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    vi.advanceTimersByTime(60_000);
    expect(window.loadFile).toHaveBeenCalledTimes(2);
    // A later, real crash is reloaded as usual.
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    vi.advanceTimersByTime(60_000);
    expect(window.loadFile).toHaveBeenCalledTimes(3);
  });

  it('leaves a renderer alone that answers again within the grace period', () => {
    const window = open();
    window.webContents.emit('unresponsive');
    vi.advanceTimersByTime(HANG_GRACE_MS / 2);
    window.webContents.emit('responsive');
    vi.advanceTimersByTime(HANG_GRACE_MS * 10);
    expect(window.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    expect(window.loadFile).toHaveBeenCalledTimes(1);
  });

  it('counts the grace period from the first report, however often Chromium repeats it', () => {
    const window = open();
    window.webContents.emit('unresponsive');
    vi.advanceTimersByTime(HANG_GRACE_MS - 1_000);
    window.webContents.emit('unresponsive');
    vi.advanceTimersByTime(1_000);
    expect(window.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(window.loadFile).toHaveBeenCalledTimes(2);
  });

  it('watches for the next hang after a restart', () => {
    const window = open();
    window.webContents.emit('unresponsive');
    vi.advanceTimersByTime(HANG_GRACE_MS);
    window.webContents.emit('unresponsive');
    vi.advanceTimersByTime(HANG_GRACE_MS);
    expect(window.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(2);
    expect(window.loadFile).toHaveBeenCalledTimes(3);
  });

  it('does not reload a destroyed window', () => {
    const window = open();
    window.destroyed = true;
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    window.webContents.emit('unresponsive');
    vi.advanceTimersByTime(HANG_GRACE_MS * 2);
    expect(window.loadFile).toHaveBeenCalledTimes(1);
    expect(window.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
  });

  it('drops a pending hang restart when the window closes', () => {
    const window = open();
    window.webContents.emit('unresponsive');
    window.emit('closed');
    vi.advanceTimersByTime(HANG_GRACE_MS * 2);
    expect(window.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
  });

  it('refuses to close (Alt+F4, the window manager) unless the app is quitting', () => {
    const window = open();
    const asked = { preventDefault: vi.fn() };
    window.emit('close', asked);
    expect(asked.preventDefault).toHaveBeenCalled();
    app().emit('before-quit', { preventDefault: vi.fn() });
    const quitting = { preventDefault: vi.fn() };
    window.emit('close', quitting);
    expect(quitting.preventDefault).not.toHaveBeenCalled();
  });

  it('comes back when minimised', () => {
    const window = open();
    window.emit('minimize', {});
    expect(window.restore).toHaveBeenCalledTimes(1);
  });

  it('drops a pending reload when the window closes', () => {
    const window = open();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    window.emit('closed');
    vi.advanceTimersByTime(60_000);
    expect(window.loadFile).toHaveBeenCalledTimes(2);
  });
});
