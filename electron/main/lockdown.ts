import type { Input, Session, WebContents } from 'electron';
import { escapeKind, type KeyPress } from '../../shared/security/escape-keys';

/** Electron's input event as the shared key rules read it. */
export function keyPressOf(input: Input): KeyPress {
  return { key: input.key, code: input.code, control: input.control, alt: input.alt, meta: input.meta, shift: input.shift };
}

/**
 * Keeps one web contents' own input inside the page: escape keys are dropped before the page
 * and Chromium see them, there is no zoom, context menu, device chooser or DevTools (packaged),
 * and a page's `beforeunload` can never hold a reload. Navigation, popups and permissions are
 * security.ts's.
 */
export function lockDownInput(contents: WebContents, opts: { packaged: boolean }): void {
  // Alt+F4, Ctrl+W, Ctrl+R, F5, F11, F12, Ctrl+Shift+I, Ctrl +/-/0 and the rest of
  // shared/security/escape-keys.ts. Alt+Tab, Ctrl+Alt+Del and the Windows key belong to the
  // operating system and never get here: the OS's kiosk setup locks those (README, Lockdown).
  contents.on('before-input-event', (event, input) => {
    if (escapeKind(keyPressOf(input)) !== null) event.preventDefault();
  });

  // Pinch zoom (Electron's default already, made sure of), again after each load: a page
  // reloaded after a crash runs in a new renderer process.
  const noPinchZoom = (): void => {
    contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
  };
  noPinchZoom();
  contents.on('did-finish-load', noPinchZoom);
  // Ctrl+wheel asks for zoom: the page stays at 100 % (residents get large text from elder mode).
  contents.on('zoom-changed', () => contents.setZoomLevel(0));

  // Right click, long press and the menu key: no menu to copy, inspect or save from.
  contents.on('context-menu', (event) => event.preventDefault());
  // Web Bluetooth: refused outright. (With no listener Electron cancels too; a listener that
  // forgot preventDefault would pick the first device found, so this one says so explicitly.)
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
  // The renderer watchdog's reload must not wait on a "leave this page?" that nobody answers.
  contents.on('will-prevent-unload', (event) => event.preventDefault());
  // devTools: false already refuses them in a packaged build; should anything open them all the same, they close.
  if (opts.packaged) contents.on('devtools-opened', () => contents.closeDevTools());
}

/**
 * The session's side: no download is ever written (a file saved would be a way to the disk and
 * to a file dialog), and no HID, serial or USB device is offered to the page (its devices are
 * the host's; the permission handlers refuse those permissions too).
 */
export function lockDownSession(ses: Session): void {
  ses.on('will-download', (event) => event.preventDefault());
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.setDevicePermissionHandler(() => false);
}
