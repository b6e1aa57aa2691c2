/**
 * The kiosk window's escape paths, each refused through the handlers setupSecurity installs
 * (electron mocked): keys, zoom and pinch, the context menu, downloads, device choosers,
 * DevTools in a packaged build, a page holding its unload. Ordinary typing goes through.
 */
import { EventEmitter } from 'node:events';
import type { Mock } from 'vitest';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setupSecurity } from '../../../../electron/main/security';
import type { KeyPress } from '../../../../shared/security/escape-keys';
import { ESCAPE_KEYS, TYPING_KEYS } from '../../../fixtures/key-presses';

class FakeContents extends EventEmitter {
  setWindowOpenHandler = vi.fn();
  setVisualZoomLevelLimits = vi.fn((_min: number, _max: number) => Promise.resolve());
  setZoomLevel = vi.fn((_level: number) => undefined);
  closeDevTools = vi.fn();
}

class FakeSession extends EventEmitter {
  setPermissionRequestHandler = vi.fn();
  setPermissionCheckHandler = vi.fn();
  setDevicePermissionHandler = vi.fn<(handler: (details: unknown) => boolean) => void>();
  webRequest = { onHeadersReceived: vi.fn() };
}

const fake = vi.hoisted(() => ({ app: null as (EventEmitter & { isPackaged: boolean }) | null, session: null as FakeSession | null }));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  fake.app = Object.assign(new Emitter(), { isPackaged: false });
  return {
    app: fake.app,
    session: {
      get defaultSession() {
        return fake.session;
      },
    },
  };
});

interface Prevented {
  preventDefault: Mock<() => void>;
}
const event = (): Prevented => ({ preventDefault: vi.fn() });

/** Electron's Input for a key press. */
function input(press: KeyPress) {
  return { type: 'keyDown', isAutoRepeat: false, isComposing: false, location: 0, modifiers: [], ...press };
}

function contents(): FakeContents {
  const created = new FakeContents();
  fake.app?.emit('web-contents-created', {}, created);
  return created;
}

function session(): FakeSession {
  if (!fake.session) throw new Error('no session');
  return fake.session;
}

/** Whether the page would see this key: before-input-event not prevented. */
function reachesPage(target: FakeContents, key: ReturnType<typeof input>): boolean {
  expect(target.listenerCount('before-input-event')).toBeGreaterThan(0);
  const e = event();
  target.emit('before-input-event', e, key);
  return e.preventDefault.mock.calls.length === 0;
}

beforeEach(() => {
  fake.app?.removeAllListeners();
  if (fake.app) fake.app.isPackaged = false;
  fake.session = new FakeSession();
  setupSecurity('file:///opt/police-kiosk/out/renderer/index.html');
});

describe('escape keys', () => {
  it.each(ESCAPE_KEYS)('drops $name before the page and the menu see it', ({ press }) => {
    expect(reachesPage(contents(), input(press))).toBe(false);
  });

  it.each(TYPING_KEYS)('lets $name through to the page', ({ press }) => {
    expect(reachesPage(contents(), input(press))).toBe(true);
  });

  it('applies to every web contents, not only the first', () => {
    const first = contents();
    const second = contents();
    const f5 = input({ key: 'F5', code: 'F5', control: false, alt: false, meta: false, shift: false });
    expect(reachesPage(first, f5)).toBe(false);
    expect(reachesPage(second, f5)).toBe(false);
  });
});

describe('zoom', () => {
  it('limits pinch zoom to 100 %, and again after every load', () => {
    const target = contents();
    expect(target.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
    target.setVisualZoomLevelLimits.mockClear();
    target.emit('did-finish-load');
    expect(target.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
  });

  it('puts the page back at 100 % when Ctrl+wheel asks for zoom', () => {
    const target = contents();
    for (const direction of ['in', 'out']) {
      target.setZoomLevel.mockClear();
      target.emit('zoom-changed', event(), direction);
      expect(target.setZoomLevel).toHaveBeenCalledWith(0);
    }
  });

  it('does not let a failed pinch limit (a renderer gone) become an unhandled rejection', async () => {
    const target = new FakeContents();
    target.setVisualZoomLevelLimits.mockReturnValue(Promise.reject(new Error('gone')));
    fake.app?.emit('web-contents-created', {}, target);
    await Promise.resolve();
    expect(target.setVisualZoomLevelLimits).toHaveBeenCalled();
  });
});

describe('menus, devices, DevTools, unload', () => {
  it('shows no context menu', () => {
    const target = contents();
    const e = event();
    target.emit('context-menu', e, { x: 1, y: 1 });
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('picks no Bluetooth device', () => {
    const target = contents();
    const e = event();
    const callback = vi.fn();
    target.emit('select-bluetooth-device', e, [{ deviceId: 'a', deviceName: 'x' }], callback);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(callback).toHaveBeenCalledWith('');
  });

  it('never lets a page hold its unload (the watchdog reload included)', () => {
    const target = contents();
    const e = event();
    target.emit('will-prevent-unload', e);
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('closes DevTools that open in a packaged build', () => {
    if (fake.app) fake.app.isPackaged = true;
    const packaged = contents();
    packaged.emit('devtools-opened');
    expect(packaged.closeDevTools).toHaveBeenCalledTimes(1);
  });

  it('leaves DevTools to the developer in an unpackaged build', () => {
    const dev = contents();
    dev.emit('devtools-opened');
    expect(dev.closeDevTools).not.toHaveBeenCalled();
  });
});

describe('the session', () => {
  it('cancels every download', () => {
    const e = event();
    session().emit('will-download', e, { getFilename: () => 'x.pdf' }, new FakeContents());
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('offers the page no HID, serial or USB device', () => {
    const hid = { e: event(), callback: vi.fn() };
    session().emit('select-hid-device', hid.e, { deviceList: [{ deviceId: 'h' }] }, hid.callback);
    expect(hid.e.preventDefault).toHaveBeenCalled();
    expect(hid.callback).toHaveBeenCalledWith();

    const serial = { e: event(), callback: vi.fn() };
    session().emit('select-serial-port', serial.e, [{ portId: 'p' }], new FakeContents(), serial.callback);
    expect(serial.e.preventDefault).toHaveBeenCalled();
    expect(serial.callback).toHaveBeenCalledWith('');

    const usb = { e: event(), callback: vi.fn() };
    session().emit('select-usb-device', usb.e, { deviceList: [{ deviceId: 'u' }] }, usb.callback);
    expect(usb.e.preventDefault).toHaveBeenCalled();
    expect(usb.callback).toHaveBeenCalledWith();
  });

  it('grants no device permission', () => {
    const handler = session().setDevicePermissionHandler.mock.calls[0]?.[0];
    expect(handler).toBeTypeOf('function');
    expect(handler?.({ deviceType: 'usb', origin: 'file://', device: {} })).toBe(false);
    expect(handler?.({ deviceType: 'hid', origin: 'file://', device: {} })).toBe(false);
  });
});
