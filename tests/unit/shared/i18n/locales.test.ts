import { describe, expect, it } from 'vitest';
import { LANGS, type Lang } from '../../../../shared/contract/schemas';
import { createI18n, resources } from '../../../../shared/i18n';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const byLang = new Map(LANGS.map((lang) => [lang, leaves(resources[lang].translation as unknown as Tree)]));
const allKeys = new Set([...byLang.values()].flatMap((m) => [...m.keys()]));

describe('locales', () => {
  it.each(LANGS)('%s has every key that any locale has, and none empty', (lang) => {
    const keys = byLang.get(lang)!;
    const missing = [...allKeys].filter((k) => !keys.has(k));
    expect(missing).toEqual([]);
    const empty = [...keys].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it.each(LANGS)('%s uses the same interpolation variables as English', (lang) => {
    const vars = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    const en = byLang.get('en')!;
    for (const [key, value] of byLang.get(lang)!) expect([key, vars(value)]).toEqual([key, vars(en.get(key) ?? '')]);
  });

  // Language names are written in their own language on purpose; placeholders have no words.
  const sameOnPurpose = new Set(['lang.zh-CN', 'lang.zh-HK', 'lang.en', 'lang.ko', 'lang.ja', 'lang.ru', 'start.feeAmount', 'staff.review.auditLine', 'staff.review.actor.other']);
  const translated = LANGS.filter((lang) => lang !== 'en');

  it.each(translated)('%s is translated: no key left in English', (lang) => {
    const en = byLang.get('en')!;
    const untranslated = [...byLang.get(lang)!].filter(([k, v]) => !sameOnPurpose.has(k) && v === en.get(k)).map(([k]) => k);
    expect(untranslated).toEqual([]);
  });

  /** The script each language is written in: most of its texts must use it. */
  const SCRIPT: Record<Exclude<Lang, 'en'>, RegExp> = {
    'zh-CN': /\p{Script=Han}/u,
    'zh-HK': /\p{Script=Han}/u,
    ko: /\p{Script=Hangul}/u,
    ja: /[\p{Script=Hiragana}\p{Script=Katakana}]/u,
    ru: /\p{Script=Cyrillic}/u,
  };

  it.each(translated)('%s is written in its own script', (lang) => {
    // Sentences, not labels: a short Japanese label may be kanji only (手数料), a code is Latin in any language.
    const values = [...byLang.get(lang)!].filter(([k, v]) => !sameOnPurpose.has(k) && v.replace(/{{\w+}}/g, '').length >= 8).map(([, v]) => v);
    const inScript = values.filter((v) => SCRIPT[lang].test(v)).length;
    expect(inScript / values.length).toBeGreaterThan(0.9);
  });

  it('Hong Kong Chinese is Traditional: none of the commonest Simplified-only characters', () => {
    // Each of these is written differently in Traditional Chinese (這 們 證 戶 號 碼 …).
    const simplifiedOnly = /[这们证户号码请认务读时说会办关记录选择点击费写输电话]/u;
    const offending = [...byLang.get('zh-HK')!].filter(([k, v]) => !sameOnPurpose.has(k) && simplifiedOnly.test(v)).map(([k]) => k);
    expect(offending).toEqual([]);
  });

  it('prints ￥ (U+FFE5), never ¥ (U+00A5)', () => {
    for (const map of byLang.values()) for (const value of map.values()) expect(value).not.toContain('\u00a5');
  });

  // The texts each catalog entry needs are checked by tests/unit/shared/catalog/catalog.test.ts (catalogKeys).

  it('createI18n translates synchronously, with interpolation', () => {
    const zh = createI18n('zh-CN');
    expect(zh.t('question.progress', { index: 2, total: 4 })).toBe('第 2 题，共 4 题');
    const en = createI18n('en');
    expect(en.t('question.progress', { index: 2, total: 4 })).toBe('Question 2 of 4');
  });
});
