/**
 * Submission reference numbers: `JN-XXXX-XXXX-C`.
 *
 * The body is a 3-character kiosk code followed by 5 random characters, so
 * references from different kiosks can never collide. C is a check
 * character over the body so a mistyped reference is caught at the counter
 * instead of silently matching somebody else's submission.
 *
 * Check algorithm: a Damm-style check over the quasigroup x∘y = 2·x ⊕ y in
 * GF(32) (polynomial x^5 + x^2 + 1). Processing a string yields the sum of
 * value_i · 2^(n-i) in GF(32), and a reference is valid when that sum is 0.
 * Every weight is non-zero, so any single substitution is caught; swapping
 * neighbours changes the sum by 2^k·(2 ⊕ 1)·(a ⊕ b) ≠ 0, so any adjacent
 * transposition is caught. The more obvious choices both fall short on a
 * 32-character alphabet: Luhn mod 32 misses 0↔Z swaps, and the ISO 7064
 * hybrid MOD 33,32 misses swaps of neighbouring values such as 0↔1.
 */

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** Crockford base32: no I, L, O or U, so nothing is easily misread. */
export const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const REFERENCE_PREFIX = 'JN';

/** Why a typed reference is not one: the screen says what to fix. */
export const REFERENCE_ERROR_CODES = ['empty', 'length', 'charset', 'prefix', 'checksum'] as const;
export type ReferenceErrorCode = (typeof REFERENCE_ERROR_CODES)[number];

export interface ReferenceParseError {
  code: ReferenceErrorCode;
  message: string;
}

/** Thrown when a kiosk is configured with a code that cannot appear in a reference. */
export class InvalidKioskCodeError extends Error {
  override readonly name = 'InvalidKioskCodeError';
}

const KIOSK_CODE_LENGTH = 3;
const RANDOM_LENGTH = 5;
const BODY_LENGTH = KIOSK_CODE_LENGTH + RANDOM_LENGTH;
// x^5 + x^2 + 1 is primitive, so doubling cycles through all 31 non-zero
// elements and weights stay distinct for transpositions up to 30 apart.
const GF32_MODULUS = 0b100101;

const MESSAGES = {
  empty: 'Please enter your reference number. It starts with JN and is printed on your receipt.',
  charset:
    'The reference number contains a character that is not used in reference numbers. Please use only the letters and digits printed on your receipt.',
  length:
    'The reference number has the wrong number of characters. After JN it should have nine letters or digits; please check that none is missing or repeated.',
  prefix:
    'This does not look like one of our reference numbers: they start with JN. Please check the first two letters on your receipt.',
  checksum:
    'The reference number does not add up, so one character is probably mistyped. Please compare it with your receipt character by character.',
} as const;

const SEPARATORS = /[\s\-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const FULL_WIDTH_OFFSET = 0xfee0;
// Crockford's reading rules: letters people type for look-alike digits.
const READING_RULES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

/** Tells whether a string is a valid kiosk code: exactly 3 upper-case alphabet characters. */
export function isKioskCode(s: string): boolean {
  return s.length === KIOSK_CODE_LENGTH && [...s].every((c) => REFERENCE_ALPHABET.includes(c));
}

/** Computes the check character for an 8-character reference body. */
export function referenceCheckChar(body: string): string {
  if (body.length !== BODY_LENGTH || ![...body].every((c) => REFERENCE_ALPHABET.includes(c))) {
    throw new RangeError('A reference check character needs an eight-character body in the reference alphabet.');
  }
  // The check c must bring the state to 0: double(state) ⊕ c = 0.
  return REFERENCE_ALPHABET.charAt(double(checkState(body)));
}

/** Generates a new canonical reference for a kiosk, using `random(n)` for n random bytes. */
export function generateReference(kioskCode: string, random: (n: number) => Uint8Array): string {
  if (!isKioskCode(kioskCode)) {
    throw new InvalidKioskCodeError(
      'Kiosk code must be exactly three upper-case characters from the reference alphabet (Crockford base32).',
    );
  }
  const bytes = random(RANDOM_LENGTH);
  if (bytes.length < RANDOM_LENGTH) {
    throw new RangeError('The random source returned fewer bytes than requested.');
  }
  let body = kioskCode;
  for (let i = 0; i < RANDOM_LENGTH; i++) {
    // 256 is a multiple of 32, so masking keeps every character equally likely.
    body += REFERENCE_ALPHABET.charAt((bytes[i] ?? 0) & 31);
  }
  return format(body + referenceCheckChar(body));
}

/**
 * Parses a reference typed by a person and returns it in canonical form.
 *
 * Checks run in this order: empty → charset (letters and digits only) →
 * length (9, or 11 with a prefix) → prefix → charset (after reading rules,
 * only U can remain outside the alphabet) → checksum.
 */
export function parseReference(input: string): Result<string, ReferenceParseError> {
  const text = input
    .replace(SEPARATORS, '')
    .replace(FULL_WIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .toUpperCase();

  if (text.length === 0) return fail('empty', MESSAGES.empty);
  // Any letter is allowed at this stage: the prefix may be any letters, and
  // O, I and L are handled by the reading rules below.
  if (!/^[0-9A-Z]+$/.test(text)) return fail('charset', MESSAGES.charset);
  const withPrefix = text.length === BODY_LENGTH + 1 + REFERENCE_PREFIX.length;
  if (text.length !== BODY_LENGTH + 1 && !withPrefix) return fail('length', MESSAGES.length);
  if (withPrefix && !text.startsWith(REFERENCE_PREFIX)) {
    return /^[A-Z]{2}/.test(text) ? fail('prefix', MESSAGES.prefix) : fail('length', MESSAGES.length);
  }

  const code = [...(withPrefix ? text.slice(REFERENCE_PREFIX.length) : text)]
    .map((c) => READING_RULES[c] ?? c)
    .join('');
  if (![...code].every((c) => REFERENCE_ALPHABET.includes(c))) return fail('charset', MESSAGES.charset);
  if (checkState(code) !== 0) return fail('checksum', MESSAGES.checksum);

  return { ok: true, value: format(code) };
}

/** Multiplies a GF(32) element by 2. */
function double(x: number): number {
  const y = x << 1;
  return y & 0b100000 ? y ^ GF32_MODULUS : y;
}

/** Runs the quasigroup over a string of alphabet characters, starting from 0. */
function checkState(chars: string): number {
  let state = 0;
  for (const c of chars) {
    state = double(state) ^ REFERENCE_ALPHABET.indexOf(c);
  }
  return state;
}

function format(code: string): string {
  return `${REFERENCE_PREFIX}-${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

function fail(code: ReferenceErrorCode, message: string): { ok: false; error: ReferenceParseError } {
  return { ok: false, error: { code, message } };
}
