// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lockDownPage } from '../../../renderer/src/page-lockdown';
import type { KeyPress } from '../../../shared/security/escape-keys';
import { ESCAPE_KEYS, TYPING_KEYS } from '../../fixtures/key-presses';

let undo: () => void = () => undefined;
/** What the page's own handlers (the keypad, React) still receive. */
let seen: string[] = [];
const record = (event: KeyboardEvent) => seen.push(event.key);

/** Dispatches `event` at `target` and says whether its default action survives. */
function allowed(event: Event, target: EventTarget = document.body): boolean {
  target.dispatchEvent(event);
  return !event.defaultPrevented;
}

/** A wheel event; happy-dom's WheelEvent ignores ctrlKey in its init, as browsers do not. */
function wheel(ctrlKey: boolean): WheelEvent {
  const event = new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY: -100 });
  Object.defineProperty(event, 'ctrlKey', { value: ctrlKey });
  return event;
}

/** The DOM's keydown for a key press. */
const keyDown = (p: KeyPress) =>
  new KeyboardEvent('keydown', { key: p.key, code: p.code, ctrlKey: p.control, altKey: p.alt, metaKey: p.meta, shiftKey: p.shift, bubbles: true, cancelable: true });
const cancelable = (type: string) => new Event(type, { bubbles: true, cancelable: true });
const click = () => new MouseEvent('click', { bubbles: true, cancelable: true });

function element(selector: string): Element {
  const found = document.querySelector(selector);
  if (!found) throw new Error(`no ${selector} on the page`);
  return found;
}

beforeEach(() => {
  seen = [];
  undo = lockDownPage(window);
  document.body.addEventListener('keydown', record);
});

afterEach(() => {
  document.body.removeEventListener('keydown', record);
  undo();
  document.body.innerHTML = '';
});

describe('the page lockdown', () => {
  it.each(ESCAPE_KEYS)('drops $name before the page sees it', ({ press }) => {
    expect(allowed(keyDown(press))).toBe(false);
    expect(seen).toEqual([]);
  });

  it.each(TYPING_KEYS)('lets $name through to the page', ({ press }) => {
    expect(allowed(keyDown(press))).toBe(true);
    expect(seen).toEqual([press.key]);
  });

  it('shows no context menu (right click, long press)', () => {
    expect(allowed(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, button: 2 }))).toBe(false);
  });

  it('lets no link or image be dragged out, and nothing be dropped in', () => {
    document.body.innerHTML = '<a href="#x">link</a><img alt="" src="data:,">';
    for (const target of [element('a'), element('img')]) expect(allowed(cancelable('dragstart'), target)).toBe(false);
    for (const type of ['dragover', 'drop']) expect(allowed(cancelable(type)), type).toBe(false);
  });

  it('does not zoom with Ctrl+wheel or a pinch, and scrolls as usual otherwise', () => {
    expect(allowed(wheel(true))).toBe(false);
    expect(allowed(wheel(false))).toBe(true);
  });

  it('never opens a file chooser, and leaves other clicks alone', () => {
    document.body.innerHTML = '<input type="file"><button type="button">OK</button>';
    expect(allowed(click(), element('input'))).toBe(false);
    expect(allowed(click(), element('button'))).toBe(true);
  });

  it('can be undone', () => {
    undo();
    undo = () => undefined;
    expect(allowed(keyDown({ key: 'F5', code: 'F5', control: false, alt: false, meta: false, shift: false }))).toBe(true);
    const spy = vi.fn();
    window.addEventListener('contextmenu', spy);
    expect(allowed(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }))).toBe(true);
    window.removeEventListener('contextmenu', spy);
  });
});
