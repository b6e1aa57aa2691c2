import type { PinyinEngine } from './engine';

export type { PinyinCandidate, PinyinEngine } from './engine';

/** The languages whose keyboard offers pinyin candidates, each in its own script. */
export type PinyinLang = 'zh-CN' | 'zh-HK';

export function isPinyinLang(lang: string): lang is PinyinLang {
  return lang === 'zh-CN' || lang === 'zh-HK';
}

const loaded = new Map<PinyinLang, PinyinEngine>();
const loading = new Map<PinyinLang, Promise<PinyinEngine>>();
let dictionary: ReturnType<typeof fetchDictionary> | undefined;

// The dictionary and the converter are chunks of their own, fetched on first use: the first
// screen does not wait for 2-3 MB that only a Chinese keyboard needs.
function fetchDictionary() {
  return import('./simple-ime').then((m) => m.loadSimpleImeDictionary());
}

/** The engine for `lang` if it has already been loaded, so a keyboard can use it at once. */
export function loadedPinyinEngine(lang: PinyinLang): PinyinEngine | undefined {
  return loaded.get(lang);
}

/** Loads the engine for `lang` once (both languages share the dictionary); a failed load can be retried. */
export function loadPinyinEngine(lang: PinyinLang): Promise<PinyinEngine> {
  const pending = loading.get(lang);
  if (pending) return pending;
  const words = (dictionary ??= fetchDictionary());
  const promise = Promise.all([
    import('./engine'),
    words,
    lang === 'zh-HK' ? import('./hong-kong').then((m) => m.loadHongKongConverter()) : undefined,
  ]).then(
    ([{ createPinyinEngine }, dict, convert]) => {
      const engine = createPinyinEngine(dict, convert);
      loaded.set(lang, engine);
      return engine;
    },
    (error: unknown) => {
      loading.delete(lang);
      if (dictionary === words) dictionary = undefined;
      throw error;
    },
  );
  loading.set(lang, promise);
  return promise;
}
