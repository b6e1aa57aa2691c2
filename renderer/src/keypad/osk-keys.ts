/**
 * The touch keyboard (simple-keyboard) draws its keys as plain <div>s that answer only to a
 * pointer. For the keypad they become real focus stops, so arrows can reach them, OK can press
 * them and speech can say them; this is how a keypad user types letters: arrows to the key,
 * then OK, as on a TV's on-screen keyboard.
 */
import { ADOPTED } from './focus-dom';

const KEY = '.hg-button';
// simple-keyboard numbers each key by layout, row and place ("shift-r3b0"): the place stays
// the same when Shift draws the keyboard afresh.
const PLACE = /-(r\d+b\d+)$/;

/** Makes the touch keyboard's keys under `root` focusable buttons, named by their text, not in the Tab order. */
export function adoptKeys(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>(`${KEY}:not([${ADOPTED}])`)) {
    el.setAttribute(ADOPTED, '');
    // Out of the Tab order: a keyboard user types on their own keys; arrows reach these.
    el.tabIndex = -1;
    // Its name is its text: a letter, or the translated "Delete", "Space", "Shift".
    el.setAttribute('role', 'button');
  }
}

/** Presses a key of the touch keyboard the way it listens: a pointer down and up (not a real touch: `isTrusted` is false). */
export function pressKey(el: HTMLElement): void {
  if (!el.matches(KEY)) {
    el.click();
    return;
  }
  const view = el.ownerDocument.defaultView;
  const Pointer = view?.PointerEvent ?? view?.MouseEvent ?? MouseEvent;
  const init = { bubbles: true, cancelable: true, button: 0, isPrimary: true, pointerId: 1 };
  el.dispatchEvent(new Pointer('pointerdown', init));
  el.dispatchEvent(new Pointer('pointerup', init));
}

/** Where a key sits on its keyboard ("r3b0"), or null for anything else. */
export function keyPlace(el: Element): string | null {
  return PLACE.exec(el.getAttribute('data-skbtnuid') ?? '')?.[1] ?? null;
}

/** The key at `place` on the keyboard inside `within` (the keyboard's frame stays when its keys are drawn afresh). */
export function keyAt(within: ParentNode, place: string): HTMLElement | null {
  for (const el of within.querySelectorAll<HTMLElement>(`${KEY}[data-skbtnuid]`)) if (keyPlace(el) === place) return el;
  return null;
}
