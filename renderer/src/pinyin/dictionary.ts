/** A word of the dictionary and how common it is (a larger number is commoner). */
export interface DictWord {
  readonly word: string;
  readonly freq: number;
}

// Emoji, symbols and Latin stay out: the candidate bar offers Chinese characters only.
const HAN_WORD = /^\p{Script=Han}+$/u;
const PINYIN_KEY = /^[a-z]+$/;
const VOWEL = /[aeiouv]/;
// '{' sorts right after 'z': every key that starts with a prefix sorts below prefix + '{'.
const AFTER_Z = '{';

/**
 * A pinyin dictionary: each key (a whole pinyin string without separators, such as
 * "zhangsan", or its initials, such as "zs") with its words, commonest first.
 */
export class PinyinDictionary {
  /** Each key's words as written in the source ("北京53176背景8805"), read on first use. */
  private readonly rows: ReadonlyMap<string, string>;
  private readonly parsed = new Map<string, readonly DictWord[]>();
  private readonly sortedKeys: string[];
  /** The frequency of each sorted key's commonest word, for completions. */
  private readonly topFreq: Float64Array;
  private readonly syllables = new Set<string>();
  /** Every beginning of a syllable ("z", "zh", "zha", ...). */
  private readonly syllableStarts = new Set<string>();
  /** The longest key, in letters: no segment of a typed string is longer. */
  readonly maxKeyLength: number;

  /**
   * Reads simple-ime's text format: one key a line, a space, then each word followed by
   * its frequency ("beijing 北京53176背景8805").
   */
  static parse(text: string): PinyinDictionary {
    const rows = new Map<string, string>();
    for (const line of text.split('\n')) {
      const space = line.indexOf(' ');
      if (space <= 0) continue;
      const key = line.slice(0, space);
      if (!PINYIN_KEY.test(key)) continue;
      const words = line.slice(space + 1);
      const existing = rows.get(key);
      rows.set(key, existing ? existing + words : words);
    }
    return new PinyinDictionary(rows);
  }

  // Only the cheap part is done here (about 51,000 keys): words are parsed when asked for.
  private constructor(rows: ReadonlyMap<string, string>) {
    this.rows = rows;
    let maxKeyLength = 0;
    for (const [key, words] of rows) {
      maxKeyLength = Math.max(maxKeyLength, key.length);
      // A key with a word of one character is a syllable ("zhang"); one without a vowel is an
      // interjection ("ng", "hm") that would split "zhangsan" into nonsense.
      if (key.length <= 6 && VOWEL.test(key) && hasOneCharacterWord(words)) this.syllables.add(key);
    }
    for (const syllable of this.syllables) {
      for (let i = 1; i <= syllable.length; i += 1) this.syllableStarts.add(syllable.slice(0, i));
    }
    this.maxKeyLength = maxKeyLength;
    this.sortedKeys = [...rows.keys()].sort();
    this.topFreq = Float64Array.from(this.sortedKeys, (key) => firstFrequency(rows.get(key) ?? ''));
  }

  /** How many keys the dictionary holds. */
  get size(): number {
    return this.rows.size;
  }

  /** The words of exactly this key, commonest first (none if it is not a key). */
  words(key: string): readonly DictWord[] {
    let words = this.parsed.get(key);
    if (!words) {
      const raw = this.rows.get(key);
      if (raw === undefined) return [];
      words = parseWords(raw).sort((a, b) => b.freq - a.freq);
      this.parsed.set(key, words);
    }
    return words;
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  /** Whether some key other than `prefix` itself starts with it. */
  hasLongerKey(prefix: string): boolean {
    const i = this.lowerBound(prefix + 'a');
    return i < this.sortedKeys.length && (this.sortedKeys[i] ?? '').startsWith(prefix);
  }

  /** The commonest words of the keys that start with `prefix` and are longer than it. */
  completions(prefix: string, limit: number): DictWord[] {
    if (limit <= 0 || prefix === '') return [];
    const from = this.lowerBound(prefix + 'a');
    const to = this.lowerBound(prefix + AFTER_Z);
    // A word can only be among the commonest `limit` if its key's commonest word is. A word is
    // often under two keys (bushi and bs): keep three times as many keys, commonest first,
    // without sorting the whole range ("s" has thousands).
    const keep = limit * 3;
    const top: number[] = [];
    const freqAt = (i: number) => this.topFreq[i] ?? 0;
    for (let i = from; i < to; i += 1) {
      const freq = freqAt(i);
      if (top.length === keep && freq <= freqAt(top[keep - 1] ?? from)) continue;
      let at = top.length;
      while (at > 0 && freqAt(top[at - 1] ?? from) < freq) at -= 1;
      top.splice(at, 0, i);
      if (top.length > keep) top.pop();
    }
    const words = top.flatMap((i) => this.words(this.sortedKeys[i] ?? '')).sort((a, b) => b.freq - a.freq);
    const seen = new Set<string>();
    return words.filter((w) => !seen.has(w.word) && seen.add(w.word)).slice(0, limit);
  }

  /**
   * Whether `text` is whole syllables ("zhangsan", not "zs"); with `openEnd` the last one may
   * be unfinished ("zhangs").
   */
  isSyllables(text: string, openEnd = false): boolean {
    const n = text.length;
    // reachable[i]: text[0, i) is whole syllables.
    const reachable = new Array<boolean>(n + 1).fill(false);
    reachable[0] = true;
    for (let i = 0; i < n; i += 1) {
      if (!reachable[i]) continue;
      for (let j = i + 1; j <= Math.min(n, i + 6); j += 1) {
        const piece = text.slice(i, j);
        if (this.syllables.has(piece)) reachable[j] = true;
        else if (openEnd && j === n && this.syllableStarts.has(piece)) return true;
      }
    }
    return reachable[n] === true;
  }

  /** The index of the first sorted key that is not less than `text`. */
  private lowerBound(text: string): number {
    let lo = 0;
    let hi = this.sortedKeys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sortedKeys[mid] ?? '') < text) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Splits "北京53176背景8805" into words and frequencies, keeping Han words only. */
function parseWords(line: string): DictWord[] {
  const words: DictWord[] = [];
  let i = 0;
  while (i < line.length) {
    const wordStart = i;
    while (i < line.length && !isDigit(line.charCodeAt(i))) i += 1;
    const word = line.slice(wordStart, i);
    let freq = 0;
    while (i < line.length && isDigit(line.charCodeAt(i))) {
      freq = freq * 10 + (line.charCodeAt(i) - 48);
      i += 1;
    }
    if (word && HAN_WORD.test(word)) words.push({ word, freq });
  }
  return words;
}

/** The frequency after the first word: the key's commonest, as each row is sorted. */
function firstFrequency(words: string): number {
  let i = 0;
  while (i < words.length && !isDigit(words.charCodeAt(i))) i += 1;
  let freq = 0;
  for (; i < words.length && isDigit(words.charCodeAt(i)); i += 1) freq = freq * 10 + (words.charCodeAt(i) - 48);
  return freq;
}

/** Whether a row holds a word of one CJK character, read without splitting the row. */
function hasOneCharacterWord(words: string): boolean {
  let run = 0;
  let code = 0;
  for (let i = 0; i <= words.length; i += 1) {
    const c = i < words.length ? words.charCodeAt(i) : 48;
    if (isDigit(c)) {
      if (run === 1 && code >= 0x3400 && code <= 0x9fff) return true;
      run = 0;
    } else {
      run += 1;
      code = c;
    }
  }
  return false;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
