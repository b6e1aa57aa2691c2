import { beforeAll, describe, expect, it } from 'vitest';
import { loadPinyinEngine, type PinyinEngine } from '../../../../renderer/src/pinyin';

const HAN = /^\p{Script=Han}+$/u;
let cn: PinyinEngine;
let hk: PinyinEngine;

// The real dictionary (simple-ime's) and the real converter (OpenCC's), loaded as the kiosk does.
beforeAll(async () => {
  [cn, hk] = await Promise.all([loadPinyinEngine('zh-CN'), loadPinyinEngine('zh-HK')]);
});

describe('pinyin engine, Simplified', () => {
  it('offers whole words for whole pinyin, among the first three', () => {
    expect(cn.candidates('zhangsan', 3)).toContain('张三');
    expect(cn.candidates('beijing', 3)).toContain('北京');
    expect(cn.candidates('shenfenzheng', 3)).toContain('身份证');
    expect(cn.candidates('beijing', 1)).toEqual(['北京']);
  });

  it('completes an unfinished last syllable and reads initials', () => {
    expect(cn.candidates('shenfenzh', 3)).toContain('身份证');
    expect(cn.candidates('beij', 3)).toContain('北京');
    expect(cn.candidates('sfz', 3)).toContain('身份证');
    expect(cn.candidates('b', 10).length).toBe(10);
  });

  it('spells a string of words as one candidate, and offers the first syllables alone', () => {
    expect(cn.candidates('woshijingcha', 1)).toEqual(['我是警察']);
    const zhangsan = cn.lookup('zhangsan', 60);
    expect(zhangsan[0]).toEqual({ word: '张三', length: 8 });
    expect(zhangsan).toContainEqual({ word: '张', length: 5 });
    // "zha" + "ngsan" is no reading of zhangsan.
    expect(zhangsan.some((c) => c.word === '扎')).toBe(false);
  });

  it('never offers emoji or anything else that is not Chinese characters', () => {
    // Each of these has emoji in simple-ime's dictionary (🆔, 🇭🇰, 📞, 🚔, 👋, 😯).
    for (const pinyin of ['shenfenzheng', 'xianggang', 'dianhua', 'jingcha', 'nihao', 'o', 's', 'shouji']) {
      const words = cn.candidates(pinyin, 60);
      expect(words.length, pinyin).toBeGreaterThan(0);
      for (const word of words) expect(word, pinyin).toMatch(HAN);
    }
  });

  it('offers each word once and no more than asked', () => {
    const words = cn.candidates('shi', 60);
    expect(words).toHaveLength(60);
    expect(new Set(words).size).toBe(60);
    expect(cn.candidates('shi', 0)).toEqual([]);
  });

  it('reads capitals as pinyin', () => {
    expect(cn.candidates('BeiJing', 1)).toEqual(['北京']);
  });

  it('gives nothing for empty or garbage input', () => {
    for (const input of ['', 'vvvv', '123', 'bei jing', 'bei-jing', "xi'an", '北京', 'zhāng', 'a'.repeat(65)]) {
      expect(cn.candidates(input, 10), JSON.stringify(input)).toEqual([]);
    }
  });
});

describe('pinyin engine, Hong Kong Traditional', () => {
  it('offers the same words in Hong Kong characters', () => {
    expect(hk.candidates('shenfenzheng', 3)).toContain('身份證');
    expect(hk.candidates('beijing', 3)).toContain('北京');
    expect(hk.candidates('zhangsan', 3)).toContain('張三');
    expect(hk.candidates('toufa', 1)).toEqual(['頭髮']);
  });

  it('offers no Simplified forms and no emoji', () => {
    const words = hk.candidates('shenfenzheng', 60);
    expect(words).not.toContain('身份证');
    for (const word of [...words, ...hk.candidates('xianggang', 60)]) expect(word).toMatch(HAN);
    expect(new Set(words).size).toBe(words.length);
  });

  it('gives nothing for empty or garbage input', () => {
    expect(hk.candidates('', 10)).toEqual([]);
    expect(hk.candidates('vvvv', 10)).toEqual([]);
  });
});
