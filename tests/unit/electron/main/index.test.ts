import type { EventEmitter } from 'node:events';
import path from 'node:path';
import type { Mock } from 'vitest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

interface FakeApp extends EventEmitter {
  enableSandbox: Mock<() => void>;
  requestSingleInstanceLock: Mock<() => boolean>;
  whenReady: Mock<() => Promise<void>>;
  quit: Mock<() => void>;
  exit: Mock<(code?: number) => void>;
  getPath: Mock<(name: string) => string>;
  getVersion: Mock<() => string>;
  relaunch: Mock<() => void>;
  isPackaged: boolean;
  commandLine: { hasSwitch: Mock<(name: string) => boolean> };
}
interface FakeWindow extends EventEmitter {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore: Mock<() => void>;
  focus: Mock<() => void>;
}

const fake = vi.hoisted(() => ({
  app: null as FakeApp | null,
  steps: [] as string[],
  showErrorBox: null as Mock<(title: string, content: string) => void> | null,
  window: null as FakeWindow | null,
  hostClose: null as Mock<() => Promise<void>> | null,
  getWindow: null as (() => unknown) | null,
  switches: [] as string[],
  supervised: false,
  ready: null as Mock<() => Promise<void>> | null,
  rollingBack: false,
  healthy: null as Mock<() => void> | null,
  updaterOpts: null as { isPackaged: boolean; dataDir: string; version: string } | null,
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const app = Object.assign(new EventEmitter(), {
    enableSandbox: vi.fn(() => {
      fake.steps.push('enableSandbox');
    }),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => {
      fake.steps.push('whenReady');
      return Promise.resolve();
    }),
    quit: vi.fn(),
    exit: vi.fn(),
    getPath: vi.fn(() => '/var/lib/police-kiosk'),
    getVersion: vi.fn(() => '9.9.9'),
    relaunch: vi.fn(),
    isPackaged: false,
    commandLine: { hasSwitch: vi.fn((name: string) => fake.switches.includes(name)) },
  });
  fake.app = app;
  fake.showErrorBox = vi.fn();
  return { app, dialog: { showErrorBox: fake.showErrorBox } };
});

vi.mock('../../../../electron/main/key-wrapper', () => ({
  safeStorageWrapper: vi.fn(() => undefined),
  safeStorageReader: vi.fn(() => ({ name: 'safeStorage', wrap: (b: Buffer) => b, unwrap: (b: Buffer) => b })),
}));

vi.mock('../../../../electron/host/supervisor/systemd-notify', () => ({
  startSystemdNotifier: vi.fn(() => {
    fake.ready = vi.fn(() => Promise.resolve());
    return { supervised: fake.supervised, pingEveryMs: null, ready: fake.ready, stop: vi.fn() };
  }),
}));

vi.mock('../../../../electron/main/updater', () => ({
  setupUpdater: vi.fn((opts: { isPackaged: boolean; dataDir: string; version: string; restart: () => void }) => {
    fake.steps.push('setupUpdater');
    fake.updaterOpts = opts;
    fake.healthy = vi.fn();
    return {
      rollingBack: fake.rollingBack,
      healthy: fake.healthy,
      restart: () => {
        fake.steps.push('updater.restart');
        opts.restart();
      },
      stop: vi.fn(),
    };
  }),
}));

vi.mock('../../../../electron/main/security', () => ({
  setupSecurity: vi.fn(() => {
    fake.steps.push('setupSecurity');
  }),
}));

vi.mock('../../../../electron/main/ipc', () => ({
  setupIpc: vi.fn((_host: unknown, getWindow: () => unknown) => {
    fake.steps.push('setupIpc');
    fake.getWindow = getWindow;
    return () => undefined;
  }),
}));

vi.mock('../../../../electron/main/window', async () => {
  const { EventEmitter } = await import('node:events');
  return {
    createKioskWindow: vi.fn(() => {
      fake.steps.push('createKioskWindow');
      const window = Object.assign(new EventEmitter(), {
        isDestroyed: () => false,
        isMinimized: () => true,
        restore: vi.fn(),
        focus: vi.fn(),
      });
      fake.window = window;
      return window;
    }),
  };
});

vi.mock('../../../../electron/host/host', () => ({
  createHost: vi.fn(async (config: { dataDir: string; version: string }) => {
    fake.steps.push(`createHost ${config.dataDir} ${config.version}`);
    fake.hostClose = vi.fn(async () => {
      fake.steps.push('host.close');
    });
    return { commandNames: [], handle: vi.fn(), subscribe: vi.fn(() => () => undefined), close: fake.hostClose };
  }),
}));

function app(): FakeApp {
  if (!fake.app) throw new Error('electron was not mocked');
  return fake.app;
}

async function start(): Promise<void> {
  await import('../../../../electron/main/index');
  // Let whenReady().then(onReady) and the awaited createHost settle.
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

beforeEach(() => {
  vi.resetModules();
  fake.steps.length = 0;
  fake.window = null;
  fake.hostClose = null;
  fake.getWindow = null;
  fake.switches = [];
  fake.supervised = false;
  fake.ready = null;
  fake.rollingBack = false;
  fake.healthy = null;
  fake.updaterOpts = null;
  if (fake.app) fake.app.isPackaged = false;
  for (const key of ['KIOSK_DATA_DIR', 'KIOSK_PORT', 'KIOSK_HARDWARE', 'KIOSK_LANG', 'KIOSK_ID', 'KIOSK_IDLE_WARN_SECONDS', 'KIOSK_IDLE_RESET_SECONDS']) vi.stubEnv(key, '');
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  app().removeAllListeners();
  vi.clearAllMocks();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('main entry', () => {
  it('enables the sandbox before ready, then sets up security, host, IPC and window in that order', async () => {
    await start();
    expect(fake.steps).toEqual([
      'enableSandbox',
      'whenReady',
      'setupSecurity',
      'setupUpdater',
      'createHost /var/lib/police-kiosk 9.9.9',
      'setupIpc',
      'createKioskWindow',
    ]);
    expect(fake.getWindow?.()).toBe(fake.window);
  });

  it('quits at once when another kiosk instance holds the lock', async () => {
    app().requestSingleInstanceLock.mockReturnValueOnce(false);
    await start();
    expect(app().quit).toHaveBeenCalled();
    expect(fake.steps).toEqual(['enableSandbox']);
  });

  it('focuses the kiosk window when a second instance starts', async () => {
    await start();
    app().emit('second-instance');
    expect(fake.window?.restore).toHaveBeenCalled();
    expect(fake.window?.focus).toHaveBeenCalled();
  });

  it('shows a bad setting in one line and exits with 1, without starting the host', async () => {
    vi.stubEnv('KIOSK_PORT', 'eighty');
    await start();
    expect(fake.showErrorBox).toHaveBeenCalledTimes(1);
    const message = fake.showErrorBox?.mock.calls[0]?.[1] ?? '';
    expect(message).toMatch(/KIOSK_PORT/);
    expect(message).not.toContain('\n');
    expect(app().exit).toHaveBeenCalledWith(1);
    expect(fake.steps).not.toContain('setupIpc');
    expect(fake.steps.some((step) => step.startsWith('createHost'))).toBe(false);
  });

  it('hands the host the photo worker that electron-vite emits next to this entry bundle', async () => {
    await start();
    const { createHost } = await import('../../../../electron/host/host');
    const opts = (vi.mocked(createHost).mock.calls[0] as unknown[] | undefined)?.[1] as { photoWorkerScript?: string } | undefined;
    // Here __dirname is electron/main; bundled, it is out/main, where photo-worker.js lands.
    expect(opts?.photoWorkerScript).toMatch(/[\\/]electron[\\/]main[\\/]photo-worker\.js$/);
  });

  it('closes the host before quitting', async () => {
    await start();
    const first = { preventDefault: vi.fn() };
    app().emit('will-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(fake.hostClose).toHaveBeenCalledTimes(1);
    // A second quit while the host is closing must not cut it short.
    const during = { preventDefault: vi.fn() };
    app().emit('will-quit', during);
    expect(during.preventDefault).toHaveBeenCalled();
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
    expect(app().quit).toHaveBeenCalledTimes(1);
    const last = { preventDefault: vi.fn() };
    app().emit('will-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
    expect(fake.hostClose).toHaveBeenCalledTimes(1);
  });

  it('refuses to start a packaged kiosk with a debugging switch, before any host or window', async () => {
    app().isPackaged = true;
    fake.switches = ['remote-debugging-port'];
    await start();
    expect(fake.showErrorBox).toHaveBeenCalledTimes(1);
    expect(fake.showErrorBox?.mock.calls[0]?.[1]).toMatch(/--remote-debugging-port/);
    expect(app().exit).toHaveBeenCalledWith(1);
    expect(fake.steps).toEqual(['enableSandbox']);
  });

  it.each(['remote-debugging-pipe', 'inspect', 'inspect-brk'])('refuses --%s in a packaged kiosk too', async (name) => {
    app().isPackaged = true;
    fake.switches = [name];
    await start();
    expect(app().exit).toHaveBeenCalledWith(1);
    expect(fake.steps).not.toContain('createKioskWindow');
  });

  it('starts a packaged kiosk without debugging switches, and a developer build with them', async () => {
    app().isPackaged = true;
    await start();
    expect(fake.steps).toContain('createKioskWindow');
    vi.resetModules();
    fake.steps.length = 0;
    app().isPackaged = false;
    fake.switches = ['remote-debugging-port'];
    await start();
    expect(fake.steps).toContain('createKioskWindow');
  });

  it('tells systemd it is ready once the page is on screen', async () => {
    await start();
    expect(fake.ready).not.toHaveBeenCalled();
    fake.window?.emit('ready-to-show');
    expect(fake.ready).toHaveBeenCalledTimes(1);
  });

  it('marks an updated version healthy at the same point, and only then', async () => {
    await start();
    expect(fake.updaterOpts).toMatchObject({ dataDir: '/var/lib/police-kiosk', version: '9.9.9', isPackaged: false });
    expect(fake.healthy).not.toHaveBeenCalled();
    fake.window?.emit('ready-to-show');
    expect(fake.healthy).toHaveBeenCalledTimes(1);
  });

  it("keeps the updater's state in the host's data folder, KIOSK_DATA_DIR when set", async () => {
    vi.stubEnv('KIOSK_DATA_DIR', '/srv/kiosk');
    await start();
    expect(fake.updaterOpts?.dataDir).toBe(path.resolve('/srv/kiosk'));
  });

  it('starts neither host nor window while an update is being rolled back', async () => {
    fake.rollingBack = true;
    await start();
    expect(fake.steps).toEqual(['enableSandbox', 'whenReady', 'setupSecurity', 'setupUpdater']);
  });

  it('hands the daily restart to the updater, which installs a waiting update instead', async () => {
    await start();
    (await hostRestart())();
    expect(fake.steps).toContain('updater.restart');
  });

  it('relaunches an AppImage from its file, not from the mount that goes with this process', async () => {
    vi.stubEnv('APPIMAGE', '/opt/police-kiosk/police-kiosk.AppImage');
    await start();
    (await hostRestart())();
    expect(app().relaunch).toHaveBeenCalledWith(expect.objectContaining({ execPath: '/opt/police-kiosk/police-kiosk.AppImage' }));
  });

  /** The restart the host was handed for its daily restart. */
  async function hostRestart(): Promise<() => void> {
    const { createHost } = await import('../../../../electron/host/host');
    const opts = (vi.mocked(createHost).mock.calls[0] as unknown[] | undefined)?.[1] as { restart?: () => void } | undefined;
    if (!opts?.restart) throw new Error('the host was given no restart');
    return opts.restart;
  }

  it('restarts by relaunching itself when no systemd unit supervises it, closing the host first', async () => {
    await start();
    (await hostRestart())();
    expect(app().relaunch).toHaveBeenCalledTimes(1);
    expect(app().quit).toHaveBeenCalledTimes(1);
    const quitting = { preventDefault: vi.fn() };
    app().emit('will-quit', quitting);
    expect(quitting.preventDefault).toHaveBeenCalled();
    expect(fake.hostClose).toHaveBeenCalledTimes(1);
  });

  it('restarts by quitting alone under its systemd unit, which starts it again (Restart=always)', async () => {
    fake.supervised = true;
    await start();
    (await hostRestart())();
    expect(app().relaunch).not.toHaveBeenCalled();
    expect(app().quit).toHaveBeenCalledTimes(1);
  });
});
