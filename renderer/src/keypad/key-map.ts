import type { Direction } from './spatial-focus';

/**
 * What a key of the kiosk's physical keypad means. Such keypads (EZ-Access style, USB HID)
 * send ordinary key events: the arrows, Enter for OK, Escape for Back, F1 (or the HID "Help"
 * key) for Help, and the digits.
 */
export type KeypadAction = { kind: 'move'; direction: Direction } | { kind: 'ok' } | { kind: 'back' } | { kind: 'help' } | { kind: 'digit'; digit: string };

const ARROWS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

/** The subset of a KeyboardEvent the key map reads. */
export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  isComposing?: boolean;
}

/**
 * The keypad action of a key event, or null for every other key (letters, Tab, shortcuts with
 * a modifier, keys typed into an input method), which keep their ordinary meaning.
 */
export function keypadAction(e: KeyLike): KeypadAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey || e.shiftKey || e.isComposing) return null;
  const direction = ARROWS[e.key];
  if (direction) return { kind: 'move', direction };
  if (e.key === 'Enter') return { kind: 'ok' };
  if (e.key === 'Escape') return { kind: 'back' };
  if (e.key === 'F1' || e.key === 'Help') return { kind: 'help' };
  if (/^[0-9]$/.test(e.key)) return { kind: 'digit', digit: e.key };
  return null;
}
