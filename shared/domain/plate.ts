/**
 * Motor-vehicle number plates of mainland China (GA 36-2018, 机动车号牌).
 *
 * Parsing is forgiving about how a person types a plate (separators, the
 * middle dot, full-width and lower-case characters) but strict about its
 * shape. Messages never echo the plate: they name at most the position of
 * the offending character, spelled out, so they contain no digits at all.
 *
 * What the rules rest on. "Sure" means stated in GA 36 or consistently in
 * every source found; "inferred" means a decision taken on weaker evidence.
 *
 * Sure:
 * - A plate starts with one of the 31 province-level abbreviations, then the
 *   issuing-authority letter, then the serial.
 * - Serial characters are digits and Latin letters; I and O are never used
 *   (GA 36-2007 5.9.1: each serial position may on its own be a letter,
 *   except O and I).
 * - Ordinary (blue / yellow) plates have a five-character serial.
 * - New-energy (green) plates have a six-character serial. Small vehicles:
 *   energy letter first, then a letter or digit, then four digits. Large
 *   vehicles: five digits, then the energy letter. D is pure electric and F
 *   is anything else (plug-in hybrid, fuel cell).
 * - Trailer (挂), coach (学, driving-school car) and police (警) plates have
 *   four serial characters followed by that character.
 * - Hong Kong and Macao vehicles entering through Guangdong carry 粤Z, four
 *   serial characters and 港 or 澳.
 * - Embassy plates are six digits, a three-digit mission code and a
 *   three-digit sequence, with 使: before the digits on older plates and
 *   after them on plates issued since the 2017/2018 change. Both are on the
 *   road, so both are accepted and the 使 stays where it was typed.
 *
 * Inferred:
 * - Small new-energy plates whose D or F ranges run out continue with
 *   A, B, C, E (pure electric) and G, H, J, K (other), as zh.wikipedia and
 *   plate-keyboard projects describe; such plates are reported in Guangdong
 *   (2021), Zhengzhou (豫AA, 2022) and Nanjing (2024). The
 *   same letter set is accepted in the last position of large plates, where
 *   no issued example was found.
 * - At most two letters in a five- or four-character serial. Machine-issued
 *   serials introduce letters in ten fixed patterns with at most two letters,
 *   and local self-selection rules cap letters at two; since positions vary
 *   between those rules, where the letters sit is not checked.
 * - The authority letter excludes I and O, as the serial does. Legacy 'O'
 *   authority plates (old police and administration series) are not accepted.
 * - Consulate plates are a province, an authority letter, four serial
 *   characters and 领 (e.g. 沪A1234领). Sources disagree about the newest
 *   consulate layout; this older one is the one commonly described.
 * - Other suffix serials (挂 学 警 港 澳 领) follow the ordinary serial
 *   alphabet, letters included.
 * - Other plate families (military, armed police, temporary, motorcycle,
 *   试 / 超) are out of scope and fail to parse.
 */

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const PLATE_KINDS = [
  'ordinary',
  'new-energy-small',
  'new-energy-large',
  'trailer',
  'coach',
  'police',
  'hk-macao',
  'embassy',
  'consulate',
] as const;

export type PlateKind = (typeof PLATE_KINDS)[number];

export interface Plate {
  /** Canonical plate: no separators, upper case, e.g. `京A12345`, `粤BD12345`, `224001使`. */
  plate: string;
  kind: PlateKind;
}

export const PLATE_ERROR_CODES = [
  'empty',
  'charset',
  'province',
  'authority',
  'letterIO',
  'suffix',
  'length',
  'serial',
] as const;

export type PlateErrorCode = (typeof PLATE_ERROR_CODES)[number];

export interface PlateError {
  code: PlateErrorCode;
  message: string;
}

// The 31 province-level divisions of the mainland.
const PROVINCES: ReadonlySet<string> = new Set('京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼');

const EMBASSY_MARK = '使';
// The characters that end a province-led plate, with the kind each one means.
const SUFFIX_KINDS: ReadonlyMap<string, PlateKind> = new Map([
  ['挂', 'trailer'],
  ['学', 'coach'],
  ['警', 'police'],
  ['港', 'hk-macao'],
  ['澳', 'hk-macao'],
  ['领', 'consulate'],
]);
const SPECIAL_CHARS: ReadonlySet<string> = new Set([...SUFFIX_KINDS.keys(), EMBASSY_MARK]);

// Pure electric D, A, B, C, E and other F, G, H, J, K; D and F are opened first.
const ENERGY_LETTERS: ReadonlySet<string> = new Set('DABCEFGHJK');
const MAX_SERIAL_LETTERS = 2;
const ORDINARY_SERIAL_LENGTH = 5;
const NEW_ENERGY_SERIAL_LENGTH = 6;
const SUFFIX_SERIAL_LENGTH = 4;
const EMBASSY_DIGITS = 6;

// Whitespace (including the ideographic space), hyphens and dashes, and the
// dots IMEs produce for the middle dot printed on plates: · ・ • ． ･ ‧ ∙ ⋅
// and the ASCII full stop, which people type for any of them.
const SEPARATORS =
  /[\s\-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D.\u00B7\u30FB\u2022\uFF0E\uFF65\u2027\u2219\u22C5]/g;
const HAN = /^\p{Script=Han}$/u;
const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const FULL_WIDTH_OFFSET = 0xfee0;

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

// Positions count after normalisation and are spelled out, so messages hold no digit of the plate.
function at(index: number): string {
  const word = ORDINALS[index];
  return word === undefined
    ? 'A character after the tenth (not counting spaces, dots or hyphens)'
    : `The ${word} character (not counting spaces, dots or hyphens)`;
}

const MESSAGES = {
  empty: 'Please enter a number plate. Spaces, dots and hyphens on their own do not count.',
  charset: (i: number) =>
    `${at(i)} is never used on a number plate. Plates use a province character, Latin letters, digits and a few special characters such as 挂, 学 or 警.`,
  province:
    'A number plate starts with the one-character abbreviation of its province, such as 京 or 粤; embassy plates carry 使 instead. Please check the first character.',
  authority:
    'The second character of a number plate is the Latin letter of the issuing authority. Please check the second character.',
  letterIO: (i: number) =>
    `${at(i)} is the letter I or O, which plates never use because they look like the digits one and zero. Did you mean a digit?`,
  suffixMisplaced: (i: number) =>
    `${at(i)} is a special plate character, which can only come at the end of a plate (or, for 使, at the start of an embassy plate).`,
  suffixHkMacao:
    'Plates ending in 港 or 澳 belong to Hong Kong and Macao vehicles and always start with 粤Z. Please check the start and the end of the plate.',
  suffixEmbassy:
    'Embassy plates marked 使 carry six digits and no province character. Please check the start and the end of the plate.',
  lengthPlain:
    'The plate has the wrong number of characters. After the province character and the authority letter there should be five letters or digits, or six on a green new-energy plate.',
  lengthSuffix:
    'Plates ending in a special character such as 挂, 学, 警, 港, 澳 or 领 have exactly four letters or digits between the authority letter and that character.',
  lengthEmbassy: 'Embassy plates have exactly six digits next to 使. Please check that no digit is missing or repeated.',
  serialLetters:
    'The plate has more than two letters after the authority letter, and such plates are not issued. Please check for a letter typed instead of a digit.',
  serialSmall:
    'A green new-energy plate for a small vehicle has, after the authority letter, an energy letter (D or F, or A, B, C, E, G, H, J or K), then a letter or digit, then four digits.',
  serialLarge:
    'A new-energy plate for a large vehicle has, after the authority letter, five digits and then an energy letter (D or F, or A, B, C, E, G, H, J or K).',
  serialEmbassy: 'Embassy plates carry only digits next to 使. Please check for a letter typed instead of a digit.',
  serialProvince: (i: number) =>
    `${at(i)} is a province character, but only letters and digits follow the authority letter.`,
} as const;

type PlateFailure = { ok: false; error: PlateError };

/** Parses and validates a number plate typed by a person, returning its canonical form and kind. */
export function parsePlate(input: string): Result<Plate, PlateError> {
  // Checks run in a fixed order so the reported code is predictable:
  // empty → charset → province (or the embassy form) → authority → letterIO
  // → suffix → length → serial. letterIO comes before length because an O
  // typed for a zero is the likelier mistake, and its message says the fix.
  const chars = [...normalise(input)];
  if (chars.length === 0) return fail('empty', MESSAGES.empty);

  const bad = chars.findIndex((c) => !isPlateChar(c));
  // An unknown ideograph in first place is most likely a province written
  // some other way (滬 for 沪, or 台), so the province message helps more.
  if (bad === 0 && HAN.test(chars[0] ?? '')) return fail('province', MESSAGES.province);
  if (bad >= 0) return fail('charset', MESSAGES.charset(bad));

  const first = chars[0] ?? '';
  const last = chars[chars.length - 1] ?? '';
  if (first === EMBASSY_MARK || (last === EMBASSY_MARK && !PROVINCES.has(first))) {
    return parseEmbassy(chars);
  }
  if (!PROVINCES.has(first)) return fail('province', MESSAGES.province);
  return parseProvincial(chars);
}

function parseProvincial(chars: readonly string[]): Result<Plate, PlateError> {
  const authority = chars[1];
  if (authority === undefined) return fail('length', MESSAGES.lengthPlain);
  if (authority === 'I' || authority === 'O') return fail('letterIO', MESSAGES.letterIO(1));
  if (!isLetter(authority)) return fail('authority', MESSAGES.authority);

  const io = chars.findIndex((c, i) => i > 1 && (c === 'I' || c === 'O'));
  if (io >= 0) return fail('letterIO', MESSAGES.letterIO(io));

  const lastIndex = chars.length - 1;
  const misplaced = chars.findIndex((c, i) => i > 1 && SPECIAL_CHARS.has(c) && i !== lastIndex);
  if (misplaced >= 0) return fail('suffix', MESSAGES.suffixMisplaced(misplaced));
  const last = chars[lastIndex] ?? '';
  if (last === EMBASSY_MARK) return fail('suffix', MESSAGES.suffixEmbassy);

  const plate = chars.join('');
  const suffixKind = lastIndex > 1 ? SUFFIX_KINDS.get(last) : undefined;
  if (suffixKind === 'hk-macao' && !plate.startsWith('粤Z')) return fail('suffix', MESSAGES.suffixHkMacao);
  const serial = suffixKind === undefined ? chars.slice(2) : chars.slice(2, -1);
  const lengthOk =
    suffixKind === undefined
      ? serial.length === ORDINARY_SERIAL_LENGTH || serial.length === NEW_ENERGY_SERIAL_LENGTH
      : serial.length === SUFFIX_SERIAL_LENGTH;
  if (!lengthOk) return fail('length', suffixKind === undefined ? MESSAGES.lengthPlain : MESSAGES.lengthSuffix);

  // Only special characters have been placed so far; a province character can still sit in the serial.
  const province = serial.findIndex((c) => PROVINCES.has(c));
  if (province >= 0) return fail('serial', MESSAGES.serialProvince(province + 2));
  if (serial.length === NEW_ENERGY_SERIAL_LENGTH) return parseNewEnergy(plate, serial);
  if (serial.filter(isLetter).length > MAX_SERIAL_LETTERS) return fail('serial', MESSAGES.serialLetters);
  return ok(plate, suffixKind ?? 'ordinary');
}

// Small plates lead with the energy letter and large ones end with it, so the
// first character alone tells the two apart: a letter means small.
function parseNewEnergy(plate: string, serial: readonly string[]): Result<Plate, PlateError> {
  const [head = '', second = '', ...rest] = serial;
  if (isLetter(head)) {
    const valid = ENERGY_LETTERS.has(head) && (isLetter(second) || isDigit(second)) && rest.every(isDigit);
    return valid ? ok(plate, 'new-energy-small') : fail('serial', MESSAGES.serialSmall);
  }
  const valid = serial.slice(0, -1).every(isDigit) && ENERGY_LETTERS.has(serial[serial.length - 1] ?? '');
  return valid ? ok(plate, 'new-energy-large') : fail('serial', MESSAGES.serialLarge);
}

// Embassy plates: 使 and six digits, 使 leading (older plates) or trailing (newer plates).
function parseEmbassy(chars: readonly string[]): Result<Plate, PlateError> {
  const leading = chars[0] === EMBASSY_MARK;
  const digits = leading ? chars.slice(1) : chars.slice(0, -1);
  const io = chars.findIndex((c) => c === 'I' || c === 'O');
  if (io >= 0) return fail('letterIO', MESSAGES.letterIO(io));
  const offset = leading ? 1 : 0;
  // By now every character is a plate character, so anything but a letter or digit is an ideograph.
  const otherHanzi = digits.findIndex((c) => !isLetter(c) && !isDigit(c));
  if (otherHanzi >= 0) {
    const c = digits[otherHanzi] ?? '';
    return SPECIAL_CHARS.has(c)
      ? fail('suffix', MESSAGES.suffixMisplaced(otherHanzi + offset))
      : fail('suffix', MESSAGES.suffixEmbassy);
  }
  if (digits.length !== EMBASSY_DIGITS) return fail('length', MESSAGES.lengthEmbassy);
  if (!digits.every(isDigit)) return fail('serial', MESSAGES.serialEmbassy);
  return ok(chars.join(''), 'embassy');
}

function normalise(input: string): string {
  return input
    .replace(SEPARATORS, '')
    .replace(FULL_WIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/[a-z]/g, (c) => c.toUpperCase());
}

function isPlateChar(c: string): boolean {
  return isDigit(c) || isLetter(c) || PROVINCES.has(c) || SPECIAL_CHARS.has(c);
}

function isDigit(c: string): boolean {
  return c.length === 1 && c >= '0' && c <= '9';
}

// Upper-case Latin only: normalise has already folded lower case and full width.
function isLetter(c: string): boolean {
  return c.length === 1 && c >= 'A' && c <= 'Z';
}

function ok(plate: string, kind: PlateKind): Result<Plate, PlateError> {
  return { ok: true, value: { plate, kind } };
}

function fail(code: PlateErrorCode, message: string): PlateFailure {
  return { ok: false, error: { code, message } };
}
