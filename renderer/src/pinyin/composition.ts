/** Where the pinyin being typed sits in a field's value: the letters in [start, end). */
export interface Composition {
  readonly start: number;
  readonly end: number;
}

const LETTER = /^[a-zA-Z]$/;

/**
 * The composition after an edit turned `before` into `after`: a letter typed at its end (or
 * into it) extends it, a letter typed elsewhere starts one, a letter deleted from it shortens
 * it; anything else (a space, a digit, a chosen word, a pasted value) ends it.
 */
export function followEdit(composition: Composition | null, before: string, after: string): Composition | null {
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before[prefix] === after[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < shorter - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix += 1;
  const removed = before.slice(prefix, before.length - suffix);
  const inserted = after.slice(prefix, after.length - suffix);
  // A letter typed next to equal letters shows up at the first of them: within the composition.
  const inside = composition !== null && prefix >= composition.start && prefix <= composition.end;

  if (removed === '' && LETTER.test(inserted)) {
    return composition && inside ? { start: composition.start, end: composition.end + 1 } : { start: prefix, end: prefix + 1 };
  }
  if (inserted === '' && removed.length === 1 && composition && inside && prefix < composition.end) {
    const end = composition.end - 1;
    return end > composition.start ? { start: composition.start, end } : null;
  }
  return null;
}

/** The letters of the composition, or '' when there is none. */
export function composedText(value: string, composition: Composition | null): string {
  return composition ? value.slice(composition.start, composition.end) : '';
}

/**
 * The value with the first `length` letters of the composition replaced by `word`; the rest of
 * the letters stay composed ("zhangsan", 张 for 5 → "张san" composing "san"). `caret` is just
 * after what is still composed.
 */
export function chooseCandidate(
  value: string,
  composition: Composition,
  word: string,
  length: number,
): { value: string; composition: Composition | null; caret: number } {
  const used = Math.min(length, composition.end - composition.start);
  const start = composition.start + word.length;
  const end = start + (composition.end - composition.start - used);
  return {
    value: value.slice(0, composition.start) + word + value.slice(composition.start + used),
    composition: end > start ? { start, end } : null,
    caret: end,
  };
}
