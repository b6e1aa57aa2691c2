import { escapeKind } from '../../shared/security/escape-keys';

/**
 * The page's own share of the lockdown. In Electron the main process already drops escape keys
 * and refuses zoom, menus and downloads; browser mode's Chromium kiosk window has none of that,
 * and a touch screen has gestures of its own. So the page, whatever shows it:
 * - drops the escape keys (shared/security/escape-keys.ts) before anything else sees them;
 * - shows no context menu (right click, a long press on a touch screen);
 * - lets nothing be dragged out (a link or an image dropped on the desktop becomes a file)
 *   or dropped in;
 * - does not zoom with Ctrl+wheel or a touchpad pinch (Chromium reports both as Ctrl+wheel);
 * - never opens a file chooser, should a file input ever be on a screen.
 * Returns a function that undoes it (for tests).
 */
export function lockDownPage(target: Window): () => void {
  const prevent = (event: Event) => event.preventDefault();
  const onKey = (event: KeyboardEvent) => {
    const press = { key: event.key, code: event.code, control: event.ctrlKey, alt: event.altKey, meta: event.metaKey, shift: event.shiftKey };
    if (escapeKind(press) === null) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  const onWheel = (event: WheelEvent) => {
    if (event.ctrlKey) event.preventDefault();
  };
  const onClick = (event: MouseEvent) => {
    const element = event.target;
    if (element instanceof HTMLInputElement && element.type === 'file') event.preventDefault();
  };

  // Capture phase on the window: before React's handlers and the keypad's.
  const listeners: [string, EventListener, AddEventListenerOptions][] = [
    ['keydown', onKey as EventListener, { capture: true }],
    ['keyup', onKey as EventListener, { capture: true }],
    ['contextmenu', prevent, { capture: true }],
    ['dragstart', prevent, { capture: true }],
    ['dragover', prevent, { capture: true }],
    ['drop', prevent, { capture: true }],
    // Not passive, or preventDefault would be ignored.
    ['wheel', onWheel as EventListener, { capture: true, passive: false }],
    ['click', onClick as EventListener, { capture: true }],
  ];
  for (const [type, listener, options] of listeners) target.addEventListener(type, listener, options);
  return () => {
    for (const [type, listener, options] of listeners) target.removeEventListener(type, listener, options);
  };
}
