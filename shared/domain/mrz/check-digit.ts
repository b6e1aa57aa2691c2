const ZERO = 48;
const NINE = 57;
const A = 65;
const Z = 90;
const FILLER = 60;

/** ICAO 9303 Part 3 check digit: weights 7 3 1, `<` = 0, A = 10 … Z = 35, sum mod 10. */
export function mrzCheckDigit(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let value: number;
    if (c >= ZERO && c <= NINE) value = c - ZERO;
    else if (c >= A && c <= Z) value = c - A + 10;
    else if (c === FILLER) value = 0;
    // Callers validate the charset first, so this is a programming error, not bad input.
    else throw new RangeError('An MRZ check digit covers only A-Z, 0-9 and <.');
    const position = i % 3;
    sum += value * (position === 0 ? 7 : position === 1 ? 3 : 1);
  }
  return sum % 10;
}

/** True when `check` is a digit and equals the check digit of `text`. */
export function checkDigitMatches(text: string, check: string): boolean {
  return check.length === 1 && check >= '0' && check <= '9' && mrzCheckDigit(text) === Number(check);
}
