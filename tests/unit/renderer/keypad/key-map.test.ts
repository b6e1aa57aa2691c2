import { describe, expect, it } from 'vitest';
import { keypadAction } from '../../../../renderer/src/keypad/key-map';

describe('keypad key map', () => {
  it('maps the keypad keys: arrows, OK, Back, Help, digits', () => {
    expect(keypadAction({ key: 'ArrowUp' })).toEqual({ kind: 'move', direction: 'up' });
    expect(keypadAction({ key: 'ArrowDown' })).toEqual({ kind: 'move', direction: 'down' });
    expect(keypadAction({ key: 'ArrowLeft' })).toEqual({ kind: 'move', direction: 'left' });
    expect(keypadAction({ key: 'ArrowRight' })).toEqual({ kind: 'move', direction: 'right' });
    expect(keypadAction({ key: 'Enter' })).toEqual({ kind: 'ok' });
    expect(keypadAction({ key: 'Escape' })).toEqual({ kind: 'back' });
    expect(keypadAction({ key: 'F1' })).toEqual({ kind: 'help' });
    expect(keypadAction({ key: 'Help' })).toEqual({ kind: 'help' });
    for (const d of '0123456789') expect(keypadAction({ key: d })).toEqual({ kind: 'digit', digit: d });
  });

  it('leaves every other key, and shortcuts with a modifier, alone', () => {
    for (const key of ['a', 'X', 'Tab', ' ', 'Backspace', 'F2', '10']) expect(keypadAction({ key })).toBeNull();
    expect(keypadAction({ key: 'ArrowDown', shiftKey: true })).toBeNull();
    expect(keypadAction({ key: 'Enter', ctrlKey: true })).toBeNull();
    expect(keypadAction({ key: '1', altKey: true })).toBeNull();
    expect(keypadAction({ key: 'Escape', metaKey: true })).toBeNull();
    expect(keypadAction({ key: '1', isComposing: true })).toBeNull();
  });
});
