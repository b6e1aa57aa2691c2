import { PinyinDictionary } from './dictionary';

/** simple-ime's bundle no longer holds its dictionary where it is looked for (a new version?). */
export class PinyinDataError extends Error {
  override readonly name = 'PinyinDataError';
  readonly code = 'pinyinDataMissing';
}

// The dictionary is a template literal whose first line is a row: "ba 吧385205把165484...".
const ROW = /^[a-z]+ (?:\D+\d+)+$/;
// simple-ime 1.2.4 holds about 51,000 rows; a much smaller literal is something else.
const MIN_ROWS = 10_000;

/**
 * Finds simple-ime's dictionary (Google Pinyin's, with its emoji) in the text of its bundle.
 * The package exports only its page widget, not its engine or data, so the rows are read out
 * of the bundle's text instead of running it: found by their shape, not by a variable name.
 */
export function extractSimpleImeDictionary(bundle: string): string {
  let best = '';
  // Every stretch between two backticks is tried, so a literal is found whichever backticks pair up.
  for (let open = bundle.indexOf('`'); open !== -1; ) {
    const close = bundle.indexOf('`', open + 1);
    if (close === -1) break;
    const body = bundle.slice(open + 1, close);
    if (body.length > best.length && !body.includes('${') && !body.includes('\\')) {
      const newline = body.indexOf('\n');
      if (newline > 0 && ROW.test(body.slice(0, newline))) best = body;
    }
    open = close;
  }
  let rows = 0;
  for (let i = best.indexOf('\n'); i !== -1; i = best.indexOf('\n', i + 1)) rows += 1;
  if (rows < MIN_ROWS) {
    throw new PinyinDataError('The pinyin dictionary was not found in simple-ime: check that package.json pins simple-ime 1.2.4.');
  }
  return best;
}

/** Fetches simple-ime's bundle as text (its own chunk, about 1.6 MB) and reads its dictionary. */
export async function loadSimpleImeDictionary(): Promise<PinyinDictionary> {
  const { default: bundle } = await import('simple-ime/dist/simple-ime.es.js?raw');
  return PinyinDictionary.parse(extractSimpleImeDictionary(bundle));
}
