/**
 * The keys that would let someone out of the kiosk page, or change what it is: close, reload,
 * developer tools, zoom, full screen, history, print, save, find, window menus. The Electron
 * shell drops them before the page sees them (`before-input-event`); the page drops them too,
 * for browser mode's Chromium kiosk window, where the browser still honours most of them.
 *
 * What stays: everything a resident or a device types. Letters, digits, punctuation, Space,
 * Enter, Escape, Tab, Backspace, Delete, the arrows, Home, End, Page Up/Down, F1 and Help
 * (the keypad's OK, Back, Help and digits), Shift with any of them, the text-editing shortcuts
 * (Ctrl or ⌘ with A, C, V, X, Y, Z and the caret keys; with Shift, Z and the caret keys), AltGr
 * characters, and Ctrl+Shift+S, the simulator panel of `KIOSK_HARDWARE=sim`.
 */

/** A key press as both Electron's `Input` and a DOM `KeyboardEvent` (mapped) describe it. */
export interface KeyPress {
  /** KeyboardEvent.key: what the key means in the current layout. */
  key: string;
  /** KeyboardEvent.code: the physical key, whatever the layout. */
  code: string;
  control: boolean;
  alt: boolean;
  meta: boolean;
  shift: boolean;
}

/** Why a key is dropped; one word, for tests and the log (never the text typed). */
export type EscapeKind = 'functionKey' | 'browserKey' | 'altCombination' | 'controlCombination';

/** Ctrl or ⌘ with these edits text and leaves nothing: a keyboard's typing needs them. */
const EDITING_CODES = new Set(['KeyA', 'KeyC', 'KeyV', 'KeyX', 'KeyY', 'KeyZ', 'Backspace', 'Delete', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);
/**
 * With Shift too, only redo and selecting by word or line: Ctrl+Shift+C is Chromium's element
 * inspector, Ctrl+Shift+Delete its "clear browsing data".
 */
const EDITING_CODES_WITH_SHIFT = new Set(['KeyZ', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

/** Pressing a modifier alone does nothing by itself; the combination is judged when it comes. */
const MODIFIER_KEYS = new Set(['Control', 'Alt', 'AltGraph', 'Meta', 'Shift', 'OS', 'Super', 'Hyper', 'CapsLock', 'NumLock', 'Fn', 'FnLock']);

/**
 * Keys of media and office keyboards that browsers act on: history, reload, home, search,
 * mail, launchers, zoom, and the document keys (new, open, save, print, close).
 */
const BROWSER_KEY = /^(Browser|Launch|Zoom)|^(ContextMenu|Find|Close|Open|Save|New|Print)$/;

/** F2-F24: F4 closes (with Alt), F5 reloads, F11 leaves full screen, F12 opens DevTools, F3/F6/F7/F10 find, address, caret, menu. F1 is Help. */
const FUNCTION_KEY = /^F([2-9]|1[0-9]|2[0-4])$/;

/**
 * True for AltGr typing: Windows reports AltGr as Ctrl+Alt, and the key is then the character
 * it types (`@`, `€`, `{`...). Ctrl+Alt with a Latin letter or digit is a shortcut instead.
 */
function isAltGraphCharacter(press: KeyPress): boolean {
  return press.control && press.alt && !press.meta && [...press.key].length === 1 && !/^[A-Za-z0-9]$/.test(press.key);
}

/** The reason `press` must not reach the page, or null for ordinary typing. */
export function escapeKind(press: KeyPress): EscapeKind | null {
  if (FUNCTION_KEY.test(press.key)) return 'functionKey';
  if (BROWSER_KEY.test(press.key)) return 'browserKey';
  if (MODIFIER_KEYS.has(press.key)) return null;
  if (isAltGraphCharacter(press)) return null;
  // Alt+F4, Alt+Tab, Alt+Space (the window menu), Alt+Left/Right (history), Alt+Home...
  if (press.alt) return 'altCombination';
  if (press.control || press.meta) {
    if ((press.shift ? EDITING_CODES_WITH_SHIFT : EDITING_CODES).has(press.code)) return null;
    if (press.control && press.shift && !press.meta && press.code === 'KeyS') return null;
    // Ctrl+W/R/Q/N/T/P/S/O/U/F/L/J/H, Ctrl+Shift+I/J/C, zoom (Ctrl + = - 0), Ctrl+Tab, Ctrl+digits...
    return 'controlCombination';
  }
  return null;
}
