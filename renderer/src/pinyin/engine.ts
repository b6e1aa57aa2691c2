import type { DictWord, PinyinDictionary } from './dictionary';

/** A candidate for typed pinyin: the word, and how many letters of the pinyin it stands for. */
export interface PinyinCandidate {
  readonly word: string;
  /** Letters from the start of the typed pinyin that the word replaces ("zhangsan" → 张 is 5). */
  readonly length: number;
}

/** Turns typed pinyin into Chinese candidates, best first. */
export interface PinyinEngine {
  /** Candidates with the part of the pinyin each stands for, best first; [] for anything but letters. */
  lookup(pinyin: string, limit: number): PinyinCandidate[];
  /** The words only, best first: `candidates('beijing', 5)` starts with 北京. */
  candidates(pinyin: string, limit: number): string[];
}

// Longer than any name or address part a resident types in one go; longer input is not pinyin.
const MAX_PINYIN = 64;
const LETTERS = /^[a-z]+$/;

/**
 * An engine over `dictionary`. `convert` rewrites each word for the script shown (Hong Kong
 * Traditional); words that become the same after it are offered once.
 */
export function createPinyinEngine(dictionary: PinyinDictionary, convert: (word: string) => string = (word) => word): PinyinEngine {
  const converted = new Map<string, string>();
  const show = (word: string): string => {
    let out = converted.get(word);
    if (out === undefined) {
      out = convert(word);
      converted.set(word, out);
    }
    return out;
  };

  function lookup(pinyin: string, limit: number): PinyinCandidate[] {
    const text = pinyin.toLowerCase();
    if (limit <= 0 || text.length > MAX_PINYIN || !LETTERS.test(text)) return [];
    const out: PinyinCandidate[] = [];
    const seen = new Set<string>();
    const add = (words: readonly DictWord[], length: number) => {
      for (const { word } of words) {
        if (out.length >= limit) return;
        const shown = show(word);
        if (seen.has(shown)) continue;
        seen.add(shown);
        out.push({ word: shown, length });
      }
    };

    // 1. The whole string is a key: a word ("beijing") or its initials ("bj").
    add(dictionary.words(text), text.length);
    // 2. Longer keys it begins: "shenfenzh" → 身份证, "z" → 在.
    add(dictionary.completions(text, limit), text.length);
    // 3. Not one word: the string as a row of words ("woshijingcha" → 我是警察).
    if (!dictionary.has(text)) {
      const sentence = compose(dictionary, text);
      if (sentence) add([{ word: sentence, freq: 0 }], text.length);
    }
    // 4. Words for the first syllables only ("zhangsan" → 张), to pick a name character by character.
    for (let end = text.length - 1; end > 0 && out.length < limit; end -= 1) {
      const head = text.slice(0, end);
      if (dictionary.has(head) && dictionary.isSyllables(head) && dictionary.isSyllables(text.slice(end), true)) {
        add(dictionary.words(head), end);
      }
    }
    return out;
  }

  return {
    lookup,
    candidates: (pinyin, limit) => lookup(pinyin, limit).map((c) => c.word),
  };
}

interface Split {
  /** Lower is better: two a word, one more for a word typed as initials. */
  cost: number;
  /** How common the words are, to choose between splits of the same cost. */
  score: number;
  word: string;
}

/**
 * The likeliest row of dictionary words that spells `text`, the last one possibly unfinished;
 * null when it takes fewer than two words (steps 1 and 2 cover one) or none fits.
 */
function compose(dictionary: PinyinDictionary, text: string): string | null {
  const n = text.length;
  // best[i]: the best split of text[i, n), and how many words it takes.
  const best: (Split & { words: number })[] = [];
  best[n] = { cost: 0, score: 0, word: '', words: 0 };
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = Math.min(n, i + dictionary.maxKeyLength); j > i; j -= 1) {
      const rest = best[j];
      if (!rest) continue;
      const piece = text.slice(i, j);
      let top = dictionary.words(piece)[0];
      let syllables = top !== undefined && dictionary.isSyllables(piece);
      if (!top && j === n && dictionary.hasLongerKey(piece)) {
        top = dictionary.completions(piece, 1)[0];
        syllables = dictionary.isSyllables(piece, true);
      }
      if (!top) continue;
      const candidate = {
        cost: rest.cost + 2 + (syllables ? 0 : 1),
        score: rest.score + Math.log1p(top.freq),
        word: top.word + rest.word,
        words: rest.words + 1,
      };
      const current = best[i];
      if (!current || candidate.cost < current.cost || (candidate.cost === current.cost && candidate.score > current.score)) best[i] = candidate;
    }
  }
  const whole = best[0];
  return whole && whole.words >= 2 ? whole.word : null;
}
