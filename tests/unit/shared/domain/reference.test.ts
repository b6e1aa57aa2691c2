import { describe, it, expect } from 'vitest';
import {
  InvalidKioskCodeError,
  REFERENCE_ALPHABET,
  generateReference,
  isKioskCode,
  parseReference,
  referenceCheckChar,
  type ReferenceErrorCode,
} from '../../../../shared/domain/reference';

const ALPHABET = [...REFERENCE_ALPHABET];

// An independent statement of the check: the characters' values, as
// elements of GF(32) mod x^5 + x^2 + 1, weighted by powers of x, sum to 0.
// Multiplication is written as carry-less multiply then reduce, unlike the
// module's shift-and-xor recursion.
function gfMul(a: number, b: number): number {
  let product = 0;
  for (let i = 0; i < 5; i++) {
    if (b & (1 << i)) product ^= a << i;
  }
  for (let bit = 8; bit >= 5; bit--) {
    if (product & (1 << bit)) product ^= 0b100101 << (bit - 5);
  }
  return product;
}

function gfPowerOfTwo(k: number): number {
  let result = 1;
  for (let i = 0; i < k; i++) result = gfMul(result, 2);
  return result;
}

function isValidCode(code: string): boolean {
  let sum = 0;
  [...code].forEach((c, i) => {
    sum ^= gfMul(REFERENCE_ALPHABET.indexOf(c), gfPowerOfTwo(code.length - 1 - i));
  });
  return sum === 0;
}

function expectedCheckChar(body: string): string {
  const candidates = ALPHABET.filter((c) => isValidCode(body + c));
  expect(candidates).toHaveLength(1);
  return candidates[0] ?? '';
}

function canonical(code9: string): string {
  return `JN-${code9.slice(0, 4)}-${code9.slice(4, 8)}-${code9.slice(8)}`;
}

/** The 9 characters of a canonical reference without prefix and hyphens. */
function code9Of(reference: string): string {
  return reference.slice(3).replace(/-/g, '');
}

// xorshift32: seeded so a failing property run can be reproduced.
function makeByteSource(seed: number): (n: number) => Uint8Array {
  let s = seed | 0 || 1;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      out[i] = s & 0xff;
    }
    return out;
  };
}

function fixedBytes(bytes: readonly number[]): (n: number) => Uint8Array {
  return (n) => Uint8Array.from({ length: n }, (_, i) => bytes[i] ?? 0);
}

function errorCode(input: string): ReferenceErrorCode | 'ok' {
  const result = parseReference(input);
  return result.ok ? 'ok' : result.error.code;
}

function randomKioskCode(bytes: (n: number) => Uint8Array): string {
  return [...bytes(3)].map((b) => REFERENCE_ALPHABET[b & 31]).join('');
}

function generateMany(count: number, seed: number): string[] {
  const bytes = makeByteSource(seed);
  return Array.from({ length: count }, () => generateReference(randomKioskCode(bytes), bytes));
}

describe('REFERENCE_ALPHABET', () => {
  it('is the 32 distinct Crockford base32 characters without I, L, O or U', () => {
    expect(new Set(ALPHABET).size).toBe(32);
    for (const c of ALPHABET) expect(c).toMatch(/^[0-9A-Z]$/);
    for (const c of 'ILOU') expect(ALPHABET).not.toContain(c);
  });
});

describe('isKioskCode', () => {
  it.each(['A1B', '000', 'ZZZ', 'K9X'])('accepts %s', (code) => {
    expect(isKioskCode(code)).toBe(true);
  });

  it.each(['', 'AB', 'ABCD', 'a1b', 'AIB', 'ALB', 'AOB', 'AUB', 'A-B', 'A B', 'Ａ1B'])('rejects "%s"', (code) => {
    expect(isKioskCode(code)).toBe(false);
  });
});

describe('generateReference', () => {
  it('maps random bytes to characters by their low five bits', () => {
    const bytes = [0, 31, 32 + 5, 255, 64 + 10];
    const reference = generateReference('K9X', fixedBytes(bytes));
    const body = 'K9X' + bytes.map((b) => REFERENCE_ALPHABET[b % 32]).join('');
    expect(reference).toBe(canonical(body + expectedCheckChar(body)));
  });

  it('asks for five random bytes and uses them in order', () => {
    const requests: number[] = [];
    const reference = generateReference('A1B', (n) => {
      requests.push(n);
      return Uint8Array.from({ length: n }, (_, i) => i + 1);
    });
    expect(requests).toEqual([5]);
    expect(code9Of(reference).slice(3, 8)).toBe(ALPHABET.slice(1, 6).join(''));
  });

  it('gives every character the same chance for uniformly random bytes', () => {
    const counts = new Map<string, number>();
    for (let b = 0; b < 256; b++) {
      const c = code9Of(generateReference('000', fixedBytes([b, 0, 0, 0, 0])))[3] ?? '';
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(32);
    for (const count of counts.values()) expect(count).toBe(8);
  });

  it('starts every reference with the kiosk code, in canonical format', () => {
    const bytes = makeByteSource(1);
    for (let i = 0; i < 200; i++) {
      const kiosk = randomKioskCode(bytes);
      const reference = generateReference(kiosk, bytes);
      expect(reference).toMatch(/^JN-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);
      expect(code9Of(reference).slice(0, 3)).toBe(kiosk);
      expect(isValidCode(code9Of(reference))).toBe(true);
    }
  });

  it.each(['', 'AB', 'ABCD', 'ab1', 'AIB', 'AUB', 'A-B'])('rejects kiosk code "%s"', (kiosk) => {
    expect(() => generateReference(kiosk, makeByteSource(3))).toThrow(InvalidKioskCodeError);
    try {
      generateReference(kiosk, makeByteSource(3));
    } catch (e) {
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).name).toBe('InvalidKioskCodeError');
      expect((e as Error).message).toMatch(/kiosk code/i);
    }
  });

  it('refuses a random source that returns too few bytes', () => {
    expect(() => generateReference('A1B', () => new Uint8Array(4))).toThrow(RangeError);
  });
});

describe('referenceCheckChar', () => {
  it('agrees with the independent check for generated bodies', () => {
    const bytes = makeByteSource(5);
    for (let i = 0; i < 500; i++) {
      const body = [...bytes(8)].map((b) => REFERENCE_ALPHABET[b & 31]).join('');
      expect(referenceCheckChar(body)).toBe(expectedCheckChar(body));
    }
  });

  it.each(['', 'ABCDEFG', 'ABCDEFGHJ', 'ABCDEFGU', 'abcdefgh'])('refuses body "%s"', (body) => {
    expect(() => referenceCheckChar(body)).toThrow(RangeError);
  });
});

describe('parseReference: round trip', () => {
  it('parses every generated reference back to itself, with or without prefix and hyphens', () => {
    for (const reference of generateMany(2000, 42)) {
      expect(parseReference(reference)).toEqual({ ok: true, value: reference });
      expect(parseReference(code9Of(reference))).toEqual({ ok: true, value: reference });
      expect(parseReference(reference.toLowerCase())).toEqual({ ok: true, value: reference });
    }
  });
});

describe('parseReference: forgiving input', () => {
  // A reference containing both 0 and 1 so the reading rules are exercised.
  const body = '01A1B0C9';
  const code = body + expectedCheckChar(body);
  const reference = canonical(code);

  it.each([
    ['canonical', reference],
    ['lower case', reference.toLowerCase()],
    ['no hyphens', `JN${code}`],
    ['no prefix', code],
    ['no prefix, lower case', code.toLowerCase()],
    ['spaces', `JN ${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`],
    ['surrounding whitespace', `\t ${reference} \n`],
    ['full-width hyphens', reference.replace(/-/g, '－')],
    ['ideographic spaces', reference.replace(/-/g, '\u3000')],
    ['en dashes', reference.replace(/-/g, '\u2013')],
    ['full-width characters', [...reference].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('')],
    [
      'full-width lower case',
      [...reference.toLowerCase()].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join(''),
    ],
    ['O for 0', reference.replace(/0/g, 'O')],
    ['o for 0', reference.replace(/0/g, 'o')],
    ['I for 1', reference.replace(/1/g, 'I')],
    ['L for 1', reference.replace(/1/g, 'L')],
    ['l for 1', reference.replace(/1/g, 'l')],
  ])('accepts %s', (_label, input) => {
    expect(parseReference(input)).toEqual({ ok: true, value: reference });
  });
});

describe('parseReference: errors', () => {
  const body = 'K9X2M7QD';
  const code = body + expectedCheckChar(body);

  it.each([
    ['empty input', ''],
    ['only spaces', '   '],
    ['only separators', ' - －\u3000'],
  ])('reports empty for %s', (_label, input) => {
    expect(errorCode(input)).toBe('empty');
  });

  it.each([
    ['a symbol', `JN-${code.slice(0, 4)}#${code.slice(5)}`],
    ['a dot separator', `JN.${code}`],
    ['a non-Latin letter', `JN${code.slice(0, 8)}é`],
    ['a U in the body', `JN${code.slice(0, 3)}U${code.slice(4)}`],
    ['a U in an unprefixed code', `U${code.slice(1)}`],
  ])('reports charset for %s', (_label, input) => {
    expect(errorCode(input)).toBe('charset');
  });

  it.each([
    ['eight characters', code.slice(0, 8)],
    ['ten characters', `${code}0`],
    ['prefix and eight characters', `JN${code.slice(0, 8)}`],
    ['prefix and ten characters', `JN${code}0`],
    ['one character', 'A'],
    ['eleven characters starting with digits', `12${code}`],
  ])('reports length for %s', (_label, input) => {
    expect(errorCode(input)).toBe('length');
  });

  it.each(['XY', 'JM', 'NJ', 'AB', 'ZZ'])('reports prefix for %s', (prefix) => {
    expect(errorCode(`${prefix}-${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`)).toBe('prefix');
    expect(errorCode(`${prefix.toLowerCase()}${code}`)).toBe('prefix');
  });

  it('reports checksum for a wrong check character', () => {
    for (const c of ALPHABET) {
      if (c === code[8]) continue;
      expect(errorCode(`JN${code.slice(0, 8)}${c}`)).toBe('checksum');
    }
  });

  it('gives plain messages that never repeat the input', () => {
    const inputs = ['', `JN#${code}`, code.slice(0, 8), `XY${code}`, `JN${code.slice(0, 8)}${code[8] === '0' ? '1' : '0'}`];
    const codes = new Set<string>();
    for (const input of inputs) {
      const result = parseReference(input);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      codes.add(result.error.code);
      expect(result.error.message.length).toBeGreaterThan(20);
      expect(result.error.message).not.toMatch(/[0-9]/);
      if (input !== '') expect(result.error.message).not.toContain(input);
    }
    expect([...codes].sort()).toEqual(['charset', 'checksum', 'empty', 'length', 'prefix']);
  });
});

describe('parseReference: error detection', () => {
  const references = generateMany(2000, 2718);

  it('rejects every single substitution of every character with every other character', () => {
    let checked = 0;
    for (const reference of references) {
      const code = code9Of(reference);
      for (let pos = 0; pos < 9; pos++) {
        for (const c of ALPHABET) {
          if (c === code[pos]) continue;
          const altered = code.slice(0, pos) + c + code.slice(pos + 1);
          if (errorCode(`JN${altered}`) !== 'checksum') {
            throw new Error(`substitution at position ${pos} not rejected`);
          }
          checked++;
        }
      }
    }
    expect(checked).toBe(2000 * 9 * 31);
  });

  it('rejects every transposition of two adjacent different characters', () => {
    let checked = 0;
    for (const reference of references) {
      const code = code9Of(reference);
      for (let pos = 0; pos < 8; pos++) {
        const a = code[pos] ?? '';
        const b = code[pos + 1] ?? '';
        if (a === b) continue;
        const swapped = code.slice(0, pos) + b + a + code.slice(pos + 2);
        if (errorCode(`JN${swapped}`) !== 'checksum') {
          throw new Error(`transposition at position ${pos} not rejected`);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000 * 8 * 0.9);
  });

  // Exhaustive over character pairs, so the swaps that defeat Luhn mod 32
  // (0 and Z) and ISO 7064 MOD 33,32 (neighbouring values such as 0 and 1)
  // are certainly covered, including a swap of the body's end with the check.
  it('rejects the transposition of every pair of different characters at every position', () => {
    for (const a of ALPHABET) {
      for (const b of ALPHABET) {
        if (a === b) continue;
        for (let pos = 0; pos < 8; pos++) {
          const code = codeWithPair(a, b, pos);
          const swapped = code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2);
          expect(errorCode(swapped)).toBe('checksum');
        }
      }
    }
  });
});

const FILLER = 'M4R7K2P9';

/** A valid 9-character code with `a` and `b` at positions `pos` and `pos + 1`. */
function codeWithPair(a: string, b: string, pos: number): string {
  if (pos < 7) {
    const body = FILLER.slice(0, pos) + a + b + FILLER.slice(pos + 2);
    return body + referenceCheckChar(body);
  }
  // b must be the check character: varying another body character runs the
  // check through all 32 values, so exactly one filler choice fits.
  for (const c of ALPHABET) {
    const body = FILLER.slice(0, 6) + c + a;
    if (referenceCheckChar(body) === b) return body + b;
  }
  throw new Error('no body found');
}
