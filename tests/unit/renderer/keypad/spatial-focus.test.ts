import { describe, expect, it } from 'vitest';
import { DIRECTIONS, nearest, turn, type Candidate, type Rect } from '../../../../renderer/src/keypad/spatial-focus';

const box = (left: number, top: number, width: number, height: number): Rect => ({ left, top, right: left + width, bottom: top + height });

/** The on-screen number pad as drawn: three columns of 130 x 78 keys, 16 px apart. */
function numberPad(): Candidate<string>[] {
  const rows = [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9'], ['X', '0', '⌫']];
  return rows.flatMap((row, r) => row.map((item, c) => ({ item, rect: box(40 + c * 146, 400 + r * 94, 130, 78) })));
}

const rectOf = (keys: Candidate<string>[], item: string) => keys.find((k) => k.item === item)!.rect;
const from = (keys: Candidate<string>[], item: string) => keys.filter((k) => k.item !== item);

describe('spatial focus', () => {
  it('turns every direction into "down" and back, keeping sizes', () => {
    const r = box(10, 20, 30, 40);
    for (const d of DIRECTIONS) {
      const t = turn(r, d);
      expect(t.right - t.left + (t.bottom - t.top)).toBe(70);
    }
    expect(turn(r, 'down')).toEqual(r);
  });

  it('moves one key at a time on the number pad, straight, never diagonally', () => {
    const pad = numberPad();
    expect(nearest(rectOf(pad, '2'), from(pad, '2'), 'down')).toBe('5');
    expect(nearest(rectOf(pad, '5'), from(pad, '5'), 'up')).toBe('2');
    expect(nearest(rectOf(pad, '5'), from(pad, '5'), 'left')).toBe('4');
    expect(nearest(rectOf(pad, '5'), from(pad, '5'), 'right')).toBe('6');
    expect(nearest(rectOf(pad, '8'), from(pad, '8'), 'down')).toBe('0');
    expect(nearest(rectOf(pad, '1'), from(pad, '1'), 'right')).toBe('2');
  });

  it('stops at an edge: nothing beyond the last key, no wrapping round', () => {
    const pad = numberPad();
    expect(nearest(rectOf(pad, '3'), from(pad, '3'), 'right')).toBeNull();
    expect(nearest(rectOf(pad, '1'), from(pad, '1'), 'up')).toBeNull();
    expect(nearest(rectOf(pad, '1'), from(pad, '1'), 'left')).toBeNull();
    expect(nearest(rectOf(pad, '0'), from(pad, '0'), 'down')).toBeNull();
  });

  it('leaves a row sideways only when nothing is in it: the last key of a row goes on to a control further down that way', () => {
    // A Continue button below and to the right of the pad: from "3", Right has nothing; Down finds it.
    const pad = [...numberPad(), { item: 'continue', rect: box(300, 800, 160, 78) }];
    expect(nearest(rectOf(pad, '⌫'), from(pad, '⌫'), 'down')).toBe('continue');
    expect(nearest(rectOf(pad, '0'), from(pad, '0'), 'down')).toBe('continue');
  });

  it('prefers the control straight ahead over a nearer one off to the side', () => {
    const here = box(0, 0, 100, 50);
    const candidates = [
      { item: 'aside', rect: box(300, 60, 100, 50) },
      { item: 'below', rect: box(0, 200, 100, 50) },
    ];
    expect(nearest(here, candidates, 'down')).toBe('below');
  });

  it('from something wide (a text box, the space bar) goes to the first control of the row, left to right or right to left', () => {
    const field = box(40, 100, 1000, 78);
    const keys = ['1', '2', '3', '4'].map((item, i) => ({ item, rect: box(40 + i * 100, 200, 90, 78) }));
    expect(nearest(field, keys, 'down')).toBe('1');
    const rtlKeys = ['1', '2', '3', '4'].map((item, i) => ({ item, rect: box(950 - i * 100, 200, 90, 78) }));
    expect(nearest(field, rtlKeys, 'down', { rtl: true })).toBe('1');
  });

  it('from a key of a row of ten to a row of nine wider keys: the key whose middle is nearest', () => {
    // The touch keyboard: q..p 100 px apart, a..l 111 px: "o" (800-896) overlaps "k" (778-885) most and "l" (889-996) a little.
    const top = [...'qwertyuiop'].map((item, i) => ({ item, rect: box(i * 100, 0, 96, 60) }));
    const second = [...'asdfghjkl'].map((item, i) => ({ item, rect: box(i * 111.1, 64, 107, 60) }));
    const o = top.find((k) => k.item === 'o')!.rect;
    expect(nearest(o, second, 'down')).toBe('k');
    const q = top.find((k) => k.item === 'q')!.rect;
    expect(nearest(q, second, 'down')).toBe('a');
    const l = second.find((k) => k.item === 'l')!.rect;
    expect(nearest(l, top, 'up')).toBe('p');
  });

  it('takes a control that overlaps the way ahead when none lies wholly beyond', () => {
    const here = box(0, 0, 100, 100);
    const overlapping = [{ item: 'lower', rect: box(0, 80, 100, 100) }];
    expect(nearest(here, overlapping, 'down')).toBe('lower');
    expect(nearest(here, overlapping, 'up')).toBeNull();
    // Not a box that only overlaps the way ahead off to the side, far from this row.
    expect(nearest(box(0, 0, 100, 50), [{ item: 'wide below', rect: box(0, 400, 800, 50) }], 'right')).toBeNull();
  });

  it('a border-wide overlap still counts as beside', () => {
    const here = box(0, 0, 100, 50);
    expect(nearest(here, [{ item: 'next', rect: box(99, 0, 100, 50) }], 'right')).toBe('next');
  });
});
