import { describe, expect, it } from 'vitest';
import { PinyinDictionary } from '../../../../renderer/src/pinyin/dictionary';
import { createPinyinEngine } from '../../../../renderer/src/pinyin/engine';

// A few rows in simple-ime's format, out of order, with emoji and a repeated key.
const TEXT = ['zhang 张300涨200', 'san 三500散100', 'zhangsan 张三40', 'zs 只是900张三40', 'nihao 你好200👋100', 'zhangsanfeng 张三丰10', 'ni 你800', 'hao 好700', 'ng 嗯5', 'san 伞50', '', 'bad line', 'X 叉1'].join('\n');

describe('PinyinDictionary', () => {
  const dict = PinyinDictionary.parse(TEXT);

  it('reads rows, commonest first, without emoji, merging a repeated key', () => {
    expect(dict.words('nihao')).toEqual([{ word: '你好', freq: 200 }]);
    expect(dict.words('san').map((w) => w.word)).toEqual(['三', '散', '伞']);
    expect(dict.words('missing')).toEqual([]);
    expect(dict.has('X')).toBe(false);
  });

  it('completes a prefix with the commonest words of longer keys', () => {
    expect(dict.completions('zhangs', 5).map((w) => w.word)).toEqual(['张三', '张三丰']);
    expect(dict.completions('zhangsan', 5).map((w) => w.word)).toEqual(['张三丰']);
    expect(dict.completions('z', 2).map((w) => w.word)).toEqual(['只是', '张']);
    expect(dict.hasLongerKey('zhangsanfeng')).toBe(false);
  });

  it('tells whole syllables from initials and interjections', () => {
    expect(dict.isSyllables('zhangsan')).toBe(true);
    expect(dict.isSyllables('zs')).toBe(false);
    expect(dict.isSyllables('zhangs')).toBe(false);
    expect(dict.isSyllables('zhangs', true)).toBe(true);
    // "ng" is a key with a character (嗯) but no vowel: not a syllable to split on.
    expect(dict.isSyllables('ng')).toBe(false);
  });

  it('drives the engine: exact words, completions, a sentence, then first syllables', () => {
    const engine = createPinyinEngine(dict);
    expect(engine.lookup('zhangsan', 10)).toEqual([
      { word: '张三', length: 8 },
      { word: '张三丰', length: 8 },
      { word: '张', length: 5 },
      { word: '涨', length: 5 },
    ]);
    expect(engine.candidates('nihaozhangsan', 1)).toEqual(['你好张三']);
    expect(engine.candidates('nihaozhangs', 1)).toEqual(['你好张三']);
  });
});
