/**
 * Keypad-only use: everything a resident can do by touch, with the kiosk's physical keypad.
 *
 * | key        | does                                                                              |
 * |------------|-----------------------------------------------------------------------------------|
 * | arrows     | focus to the nearest control that way (spatial-focus.ts); stops at an edge, no wrap |
 * | OK (Enter) | presses the focused control; picks a radio, ticks a checkbox, presses a touch-keyboard key |
 * | Back (Esc) | closes the dialog on top without acting; else presses the screen's Back; else nothing |
 * | Help (F1)  | "Call an officer" (an open dialog is first closed as Back would)                 |
 * | 0-9        | type into the focused box; elsewhere in a form, press that digit on its on-screen keypad |
 *
 * In a text box Left and Right move the caret until it reaches the end of the text, then
 * leave the box; Up and Down always leave it. A list box (staff settings) keeps Up and Down.
 * Tab and Shift+Tab keep their ordinary meaning. Holding OK presses once.
 *
 * Focus is never left on the page's body: when the focused control goes away (a re-render, a
 * key that changes, a dialog that closes) it goes to the same control drawn afresh, else into
 * the open dialog, else to the screen's heading, so speech always has something to say.
 */
import { keypadAction } from './key-map';
import { ADOPTED, MODAL, TARGETS, candidates, dialogLanding, findTarget, isControl, moveFocus, screenHeading, shown, topDialog } from './focus-dom';
import { adoptKeys, keyAt, keyPlace, pressKey } from './osk-keys';
import type { Direction } from './spatial-focus';

/** On the root element while the keypad is in use: keypad.css draws the large focus ring then. */
export const INPUT_ATTR = 'data-input';

// Controls the browser already presses on Enter (a link, a button, a summary), or for which
// Enter means "send the form" (a text box) or "open the list" (a list box): left to it.
const NATIVE_ENTER = new Set(['A', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'SUMMARY']);
const TEXT_TYPES = new Set(['text', 'search', 'tel', 'url', 'email', 'password']);
// Where a digit goes when no box has focus: the on-screen keypad or keyboard of the form.
const PADS = '.keypad, .osk, .key-grid';

function isTextBox(el: Element): el is HTMLInputElement | HTMLTextAreaElement {
  return (el instanceof HTMLInputElement && TEXT_TYPES.has(el.type)) || el instanceof HTMLTextAreaElement;
}

function editable(el: Element): boolean {
  return isTextBox(el) && !el.readOnly && !el.disabled;
}

/** Whether an arrow is the field's own (the caret moving inside the text, a list box's choice). */
function keepsArrow(el: Element, direction: Direction): boolean {
  if (el instanceof HTMLSelectElement) return direction === 'up' || direction === 'down';
  if (el instanceof HTMLTextAreaElement && (direction === 'up' || direction === 'down')) return true;
  if (!editable(el) || direction === 'up' || direction === 'down') return false;
  const box = el as HTMLInputElement | HTMLTextAreaElement;
  const start = box.selectionStart;
  const end = box.selectionEnd;
  if (start === null || end === null) return false;
  // A selection collapses first, as in any text box.
  if (start !== end) return true;
  const rtl = el.ownerDocument.defaultView?.getComputedStyle(el).direction === 'rtl';
  const towardsStart = (direction === 'left') !== rtl;
  return towardsStart ? start > 0 : end < box.value.length;
}

function isChoice(el: Element | null): el is HTMLInputElement {
  return el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox');
}

/** The on-screen keypad a digit goes to from `el`: the one it is on, else the one in its form (or screen) with that digit. */
function padFor(el: Element, digit: string): HTMLElement | null {
  const own = el.closest<HTMLElement>(PADS);
  if (own) return digitKey(own, digit) ? own : null;
  if (el.closest('[role="dialog"], [role="alertdialog"]')) return null;
  const area = el.closest('form') ?? el.closest('main');
  if (!area) return null;
  const pads = [...area.querySelectorAll<HTMLElement>(PADS)].filter((pad) => shown(pad) && digitKey(pad, digit));
  return pads.length === 1 ? pads[0]! : null;
}

function digitKey(pad: HTMLElement, digit: string): HTMLElement | null {
  return [...pad.querySelectorAll<HTMLElement>(`button, [${ADOPTED}]`)].find((key) => key.textContent?.trim() === digit && shown(key)) ?? null;
}

/** Presses a control as OK would: a touch-keyboard key by pointer, anything else by click. */
function press(el: HTMLElement): void {
  if (el.hasAttribute(ADOPTED)) pressKey(el);
  else el.click();
}

/** What was focused last, to find it again when it is drawn afresh. */
interface Anchor {
  el: HTMLElement;
  /** The dialog, or the screen's heading, it was on: the same place only counts there. */
  context: Element | null;
  id: string;
  testId: string | null;
  keyboard: Element | null;
  place: string | null;
}

function contextOf(doc: Document): Element | null {
  return topDialog(doc) ?? screenHeading(doc);
}

/** Installs the keypad on a window; returns the uninstall. */
export function installKeypad(win: Window): () => void {
  const doc = win.document;
  let anchor: Anchor | null = null;
  // What had focus on the screen when a dialog took it: focus goes back there when the dialog closes.
  let opener: Anchor | null = null;
  let timer: number | undefined;

  const lost = () => {
    const a = doc.activeElement;
    return !a || a === doc.body || a === doc.documentElement || !a.isConnected;
  };

  /** The control that stands for a remembered one now: itself, or its new drawing on the same screen. */
  const again = (mark: Anchor | null, scope: HTMLElement): HTMLElement | null => {
    if (!mark) return null;
    const usable = (el: HTMLElement | null) => (el && scope.contains(el) && candidates(scope).includes(el) ? el : null);
    if (mark.el.isConnected && usable(mark.el)) return mark.el;
    if (mark.context !== contextOf(doc)) return null;
    const byId = mark.id ? usable(doc.getElementById(mark.id)) : null;
    if (byId) return byId;
    if (mark.testId) {
      const same = scope.querySelectorAll<HTMLElement>(`[data-testid="${CSS.escape(mark.testId)}"]`);
      if (same.length === 1 && usable(same[0]!)) return same[0]!;
    }
    if (mark.place && mark.keyboard?.isConnected) return usable(keyAt(mark.keyboard, mark.place));
    return null;
  };

  /** Puts focus back where speech and the next arrow can use it (see the file comment). */
  const fix = () => {
    timer = undefined;
    const dialog = topDialog(doc);
    const active = doc.activeElement;
    if (dialog) {
      if (active && dialog.contains(active) && active !== dialog) return;
      (again(anchor, dialog) ?? dialogLanding(dialog))?.focus({ preventScroll: true });
      return;
    }
    if (!lost()) return;
    (again(opener, doc.body) ?? again(anchor, doc.body) ?? screenHeading(doc))?.focus({ preventScroll: true });
  };
  const needsFix = () => {
    const dialog = topDialog(doc);
    return lost() || (dialog !== null && !dialog.contains(doc.activeElement));
  };
  // After the current task, so a component that moves focus itself (a dialog to its button, a
  // screen to its heading) has done so first.
  const schedule = () => {
    if (timer === undefined && needsFix()) timer = win.setTimeout(fix, 0);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.defaultPrevented) return;
    const action = e.key === 'Tab' ? null : keypadAction(e);
    if (e.key === 'Tab' || action) doc.documentElement.setAttribute(INPUT_ATTR, 'keypad');
    if (!action) return;
    if (needsFix()) fix();
    const active = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
    switch (action.kind) {
      case 'move': {
        if (active && keepsArrow(active, action.direction)) return;
        // A radio's own arrows would pick the next option: on the keypad, arrows only move.
        if (moveFocus(doc, action.direction) || isChoice(active)) e.preventDefault();
        return;
      }
      case 'ok': {
        if (!active) return;
        // Holding OK down must not press a button again on the next screen.
        if (e.repeat) {
          e.preventDefault();
          return;
        }
        // Radios and checkboxes take Space, not Enter; Enter in a form would send it instead.
        if (isChoice(active) || active.hasAttribute(ADOPTED) || (isControl(active) && !NATIVE_ENTER.has(active.tagName))) {
          e.preventDefault();
          press(active);
        }
        return;
      }
      case 'back': {
        if (e.repeat) return;
        const dialog = topDialog(doc);
        // A dialog on top is closed first; the screen under it is not touched.
        const target = dialog ? findTarget(dialog, TARGETS.dismiss) : findTarget(doc.querySelector('main') ?? doc.body, TARGETS.back);
        if (target) {
          e.preventDefault();
          target.click();
        }
        return;
      }
      case 'help': {
        e.preventDefault();
        if (e.repeat) return;
        const trigger = findTarget(doc, TARGETS.help);
        if (!trigger || trigger.getAttribute('aria-expanded') === 'true') return;
        // A dialog over the header is closed as Back would (Keep, Close, More time): help comes first.
        for (const dialog of doc.querySelectorAll<HTMLElement>(MODAL)) {
          findTarget(dialog, TARGETS.dismiss)?.click();
        }
        trigger.focus();
        trigger.click();
        return;
      }
      case 'digit': {
        if (!active || editable(active)) return;
        const pad = padFor(active, action.digit);
        const key = pad ? digitKey(pad, action.digit) : null;
        if (key) {
          e.preventDefault();
          press(key);
        }
        return;
      }
    }
  };

  const onFocusIn = (e: FocusEvent) => {
    const el = e.target;
    if (!(el instanceof HTMLElement) || el === doc.body) return;
    const keyboard = el.hasAttribute(ADOPTED) ? el.closest('.osk, .simple-keyboard') : null;
    const next = { el, context: contextOf(doc), id: el.id, testId: el.getAttribute('data-testid'), keyboard, place: keyboard ? keyPlace(el) : null };
    const inDialog = (a: Anchor | null) => a !== null && a.context !== null && a.context === a.el.closest(MODAL);
    if (!inDialog(next)) opener = null;
    else if (anchor && !inDialog(anchor)) opener = anchor;
    anchor = next;
  };
  const onFocusOut = (e: FocusEvent) => {
    if (e.relatedTarget === null) {
      // Where focus goes is known only once this event is over.
      win.setTimeout(schedule, 0);
    }
  };
  const onPointerDown = (e: PointerEvent) => {
    if (e.isTrusted) doc.documentElement.removeAttribute(INPUT_ATTR);
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) for (const node of r.addedNodes) if (node instanceof HTMLElement) adoptKeys(node.parentElement ?? node);
    schedule();
  });

  adoptKeys(doc);
  observer.observe(doc.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'hidden', 'inert'] });
  // Bubbling, after the page's own handlers: a control that handles an arrow itself (and says
  // so with preventDefault) keeps it.
  win.addEventListener('keydown', onKeyDown);
  doc.addEventListener('focusin', onFocusIn);
  doc.addEventListener('focusout', onFocusOut);
  win.addEventListener('pointerdown', onPointerDown, true);
  return () => {
    observer.disconnect();
    win.clearTimeout(timer);
    win.removeEventListener('keydown', onKeyDown);
    doc.removeEventListener('focusin', onFocusIn);
    doc.removeEventListener('focusout', onFocusOut);
    win.removeEventListener('pointerdown', onPointerDown, true);
    doc.documentElement.removeAttribute(INPUT_ATTR);
  };
}
