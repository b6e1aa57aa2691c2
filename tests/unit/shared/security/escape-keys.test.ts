import { describe, expect, it } from 'vitest';
import { escapeKind } from '../../../../shared/security/escape-keys';
import { ESCAPE_KEYS, press, TYPING_KEYS } from '../../../fixtures/key-presses';

describe('escape keys', () => {
  it.each(ESCAPE_KEYS)('drops $name ($kind)', ({ press: key, kind }) => {
    expect(escapeKind(key)).toBe(kind);
  });

  it.each(TYPING_KEYS)('lets $name through', ({ press: key }) => {
    expect(escapeKind(key)).toBeNull();
  });

  it('tells AltGr typing from a Ctrl+Alt shortcut', () => {
    expect(escapeKind(press('t', 'KeyT', { control: true, alt: true }))).toBe('altCombination');
    expect(escapeKind(press('Delete', 'Delete', { control: true, alt: true }))).toBe('altCombination');
    expect(escapeKind(press('F4', 'F4', { control: true, alt: true }))).toBe('functionKey');
  });
});
