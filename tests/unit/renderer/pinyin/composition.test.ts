import { describe, expect, it } from 'vitest';
import { chooseCandidate, composedText, followEdit } from '../../../../renderer/src/pinyin/composition';

/** Types `keys` one at a time ('<' deletes the last character), following the composition. */
function type(start: string, keys: string) {
  let value = start;
  let composition = null as ReturnType<typeof followEdit>;
  for (const key of keys) {
    const next = key === '<' ? value.slice(0, -1) : value + key;
    composition = followEdit(composition, value, next);
    value = next;
  }
  return { value, composition };
}

describe('pinyin composition', () => {
  it('collects the letters typed since the last word or space', () => {
    expect(type('', 'zhang')).toEqual({ value: 'zhang', composition: { start: 0, end: 5 } });
    expect(type('张三 ', 'bei')).toEqual({ value: '张三 bei', composition: { start: 3, end: 6 } });
    expect(type('', 'an ').composition).toBeNull();
    expect(type('', 'an1').composition).toBeNull();
    // Letters already in the field are not pinyin being typed.
    expect(type('Li', 'u').composition).toEqual({ start: 2, end: 3 });
  });

  it('extends through repeated letters and shrinks on delete', () => {
    expect(type('', 'aan').composition).toEqual({ start: 0, end: 3 });
    expect(type('', 'zhangg<').composition).toEqual({ start: 0, end: 5 });
    expect(type('', 'a<').composition).toBeNull();
    expect(type('', 'ab<<').value).toBe('');
  });

  it('ends when the value changes in any other way', () => {
    const { composition } = type('', 'bei');
    expect(followEdit(composition, 'bei', '北京')).toBeNull();
    expect(followEdit(composition, 'bei', '')).toBeNull();
  });

  it('replaces the letters a word stands for and keeps the rest composed', () => {
    const composition = { start: 3, end: 11 };
    expect(composedText('住址 zhangsan', composition)).toBe('zhangsan');
    expect(composedText('x', null)).toBe('');
    expect(chooseCandidate('住址 zhangsan', composition, '张三', 8)).toEqual({ value: '住址 张三', composition: null, caret: 5 });
    expect(chooseCandidate('住址 zhangsan', composition, '张', 5)).toEqual({ value: '住址 张san', composition: { start: 4, end: 7 }, caret: 7 });
    expect(chooseCandidate('zhang!', { start: 0, end: 5 }, '张', 5).value).toBe('张!');
  });
});
