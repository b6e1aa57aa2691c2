/**
 * Resident identity card numbers (GB 11643-1999, 公民身份号码).
 *
 * Parsing is forgiving about how a person types the number (separators,
 * full-width characters, lower-case x) but strict about what the number
 * means. Error messages never echo the number or any part of it: it is
 * personal data and messages may end up on screens or in logs.
 */

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export type Sex = 'M' | 'F';

export interface ResidentId {
  /** Canonical 18-character number (legacy 15-digit numbers are converted). */
  number: string;
  /** The 6-digit administrative division code of the registered address. */
  region: string;
  /** `YYYY-MM-DD`. */
  birthDate: string;
  sex: Sex;
}

export type ResidentIdErrorCode = 'length' | 'charset' | 'checksum' | 'date' | 'region';

export interface ResidentIdError {
  code: ResidentIdErrorCode;
  message: string;
}

export interface ParseResidentIdOptions {
  /** The current date; only its local calendar date is used. Defaults to now. */
  today?: Date;
}

// Messages deliberately contain no digits at all, so no fragment of a
// number can ever leak through them.
const MESSAGES = {
  charset:
    'The ID number can only contain digits, with the letter X allowed as the last character. Please remove any other letters or symbols.',
  length:
    'The ID number should have eighteen characters (or fifteen digits for an old-style card). Please check that no digit is missing or repeated.',
  region:
    'The first two digits of the ID number do not match any province, region or residence permit. Please check the start of the number.',
  dateInvalid:
    'The birth date inside the ID number is not a real calendar date. Please check the digits that hold the date of birth.',
  dateFuture:
    'The birth date inside the ID number is in the future. Please check the digits that hold the date of birth.',
  dateTooEarly:
    'The birth date inside the ID number is before the year nineteen hundred, which is not possible. Please check the digits that hold the date of birth.',
  checksum:
    'The ID number does not add up: its last character does not match the others. Please check each digit carefully, as one is probably mistyped.',
} as const;

// GB 11643 / ISO 7064 MOD 11-2 weights 2^(17-i) mod 11, precomputed.
const WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

// Province-level codes in use (GB/T 2260) plus 81-83, which appear on
// residence permits for Hong Kong, Macao and Taiwan residents.
const PROVINCE_CODES: ReadonlySet<number> = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

const SEPARATORS = /[\s\-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const FULL_WIDTH_OFFSET = 0xfee0;

/** Computes the GB 11643 (ISO 7064 MOD 11-2) check character for 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError('A resident ID check character needs exactly seventeen digits.');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  }
  // CHECK_CHARS[k] is (12 - k) mod 11 with 10 written as X.
  return CHECK_CHARS.charAt(sum % 11);
}

/** Masks an ID number for display, keeping only the first and last four characters. */
export function maskResidentId(number: string): string {
  const keep = 4;
  // Too short to keep both ends without revealing everything.
  if (number.length <= keep * 2) return '*'.repeat(number.length);
  return number.slice(0, keep) + '*'.repeat(number.length - keep * 2) + number.slice(-keep);
}

/**
 * Parses and validates a resident ID number typed by a person.
 *
 * Checks run in a fixed order so the reported code is predictable:
 * charset (digits, X only as the final character) → length (18, or a
 * 15-digit legacy number, which may not contain X) → region → date → checksum.
 */
export function parseResidentId(
  input: string,
  options: ParseResidentIdOptions = {},
): Result<ResidentId, ResidentIdError> {
  const text = normalise(input);

  if (!/^\d*X?$/.test(text)) return fail('charset', MESSAGES.charset);
  if (text.length !== 18 && text.length !== 15) return fail('length', MESSAGES.length);
  // Old-style numbers predate the check character, so X cannot appear.
  if (text.length === 15 && text.endsWith('X')) return fail('charset', MESSAGES.charset);

  if (!PROVINCE_CODES.has(Number(text.slice(0, 2)))) return fail('region', MESSAGES.region);

  let first17: string;
  if (text.length === 15) {
    // Sequence codes 996-999 were reserved for centenarians born in the 1800s.
    const century = Number(text.slice(12, 15)) >= 996 ? '18' : '19';
    first17 = text.slice(0, 6) + century + text.slice(6, 15);
  } else {
    first17 = text.slice(0, 17);
  }

  const year = Number(first17.slice(6, 10));
  const month = Number(first17.slice(10, 12));
  const day = Number(first17.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return fail('date', MESSAGES.dateInvalid);
  }
  // An 18-digit number of the 1800s is a converted legacy number of a centenarian (sequence
  // 996-999, as above): what this parser returns for a 15-digit number must parse again.
  if (text.length === 18 && year < 1900 && !(year >= 1800 && Number(first17.slice(14, 17)) >= 996)) return fail('date', MESSAGES.dateTooEarly);
  const today = options.today ?? new Date();
  const birthKey = year * 10000 + month * 100 + day;
  const todayKey = today.getFullYear() * 10000 + (today.getMonth() + 1) * 100 + today.getDate();
  if (birthKey > todayKey) return fail('date', MESSAGES.dateFuture);

  const check = residentIdCheckChar(first17);
  if (text.length === 18 && text.charAt(17) !== check) return fail('checksum', MESSAGES.checksum);

  return {
    ok: true,
    value: {
      number: first17 + check,
      region: first17.slice(0, 6),
      birthDate: `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`,
      sex: Number(first17.charAt(16)) % 2 === 1 ? 'M' : 'F',
    },
  };
}

function normalise(input: string): string {
  return input
    .replace(SEPARATORS, '')
    .replace(FULL_WIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/x/g, 'X');
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function fail(code: ResidentIdErrorCode, message: string): { ok: false; error: ResidentIdError } {
  return { ok: false, error: { code, message } };
}
