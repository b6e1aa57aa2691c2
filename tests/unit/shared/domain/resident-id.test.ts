import { describe, it, expect } from 'vitest';
import {
  maskResidentId,
  parseResidentId,
  residentIdCheckChar,
  type ResidentIdErrorCode,
} from '../../../../shared/domain/resident-id';

// All numbers here are fictional or the published GB 11643 samples.

const TODAY = new Date(2024, 5, 15); // 2024-06-15, local time

// A deliberately plain re-implementation of the GB 11643 check, written
// from the formula rather than from the module's weight table.
function expectedCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  }
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

function withCheck(first17: string): string {
  return first17 + expectedCheckChar(first17);
}

// Province-level codes as ranges, straight from the specification.
const PROVINCE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [11, 15],
  [21, 23],
  [31, 37],
  [41, 46],
  [50, 54],
  [61, 65],
  [71, 71],
  [81, 83],
];
const PROVINCES = PROVINCE_RANGES.flatMap(([from, to]) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i),
);

function isAssignedProvince(code: number): boolean {
  return PROVINCE_RANGES.some(([from, to]) => code >= from && code <= to);
}

// xorshift32: seeded so a failing property run can be reproduced.
function makeRandom(seed: number): (n: number) => number {
  let s = seed | 0 || 1;
  return (n) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return Math.floor(((s >>> 0) / 2 ** 32) * n);
  };
}

function digits(randomInt: (n: number) => number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(randomInt(10));
  return out;
}

interface Generated {
  number: string;
  region: string;
  birthDate: string;
}

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(1900, 0, 1);
const DAY_COUNT = (Date.UTC(2024, 5, 15) - FIRST_DAY) / DAY_MS + 1;

function generateValid(randomInt: (n: number) => number): Generated {
  const province = PROVINCES[randomInt(PROVINCES.length)] ?? 11;
  const region = String(province) + digits(randomInt, 4);
  const birth = new Date(FIRST_DAY + randomInt(DAY_COUNT) * DAY_MS);
  const yyyy = String(birth.getUTCFullYear());
  const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(birth.getUTCDate()).padStart(2, '0');
  const number = withCheck(region + yyyy + mm + dd + digits(randomInt, 3));
  return { number, region, birthDate: `${yyyy}-${mm}-${dd}` };
}

function errorCode(input: string, today: Date = TODAY): ResidentIdErrorCode | 'ok' {
  const result = parseResidentId(input, { today });
  return result.ok ? 'ok' : result.error.code;
}

function build(region: string, date: string, sequence = '123'): string {
  return withCheck(region + date + sequence);
}

describe('residentIdCheckChar', () => {
  it('gives the published check characters for the GB 11643 samples', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
  });

  it('agrees with an independent implementation and produces all eleven check values', () => {
    const randomInt = makeRandom(17);
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const first17 = digits(randomInt, 17);
      const check = residentIdCheckChar(first17);
      expect(check).toBe(expectedCheckChar(first17));
      seen.add(check);
    }
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it('refuses anything but seventeen digits, without echoing the input', () => {
    for (const bad of ['1101051949123100', '110105194912310023', '1101051949123100X', '']) {
      expect(() => residentIdCheckChar(bad)).toThrow(RangeError);
      try {
        residentIdCheckChar(bad);
      } catch (e) {
        expect((e as Error).message).not.toMatch(/\d/);
      }
    }
  });
});

describe('parseResidentId: valid numbers', () => {
  it('parses the GB 11643 sample', () => {
    expect(parseResidentId('11010519491231002X', { today: TODAY })).toEqual({
      ok: true,
      value: { number: '11010519491231002X', region: '110105', birthDate: '1949-12-31', sex: 'F' },
    });
  });

  it('parses randomly generated fictional numbers', () => {
    const randomInt = makeRandom(2024);
    for (let i = 0; i < 2000; i++) {
      const g = generateValid(randomInt);
      const result = parseResidentId(g.number, { today: TODAY });
      expect(result).toEqual({
        ok: true,
        value: {
          number: g.number,
          region: g.region,
          birthDate: g.birthDate,
          sex: Number(g.number[16]) % 2 === 1 ? 'M' : 'F',
        },
      });
    }
  });

  it('derives sex from the parity of the seventeenth digit', () => {
    for (let d = 0; d <= 9; d++) {
      const result = parseResidentId(build('320102', '19850704', `12${d}`), { today: TODAY });
      expect(result.ok && result.value.sex).toBe(d % 2 === 1 ? 'M' : 'F');
    }
  });

  it('accepts every assigned province-level code, including the 81-83 residence permits', () => {
    for (const province of PROVINCES) {
      expect(errorCode(build(`${province}0101`, '19900101'))).toBe('ok');
    }
    for (const permit of ['810000', '820000', '830000']) {
      const result = parseResidentId(build(permit, '19900101'), { today: TODAY });
      expect(result.ok && result.value.region).toBe(permit);
    }
  });

  it('uses the current date when no "today" is given', () => {
    expect(parseResidentId(build('110105', '19900101')).ok).toBe(true);
    const noOption = parseResidentId(build('110105', '29990101'));
    expect(noOption.ok ? 'ok' : noOption.error.code).toBe('date');
  });
});

describe('parseResidentId: forgiving input', () => {
  const canonical = '11010519491231002X';

  it.each([
    ['spaces', '110105 19491231 002X'],
    ['hyphens', '110105-19491231-002X'],
    ['surrounding whitespace and tabs', '  \t11010519491231002X\n'],
    ['lower-case x', '11010519491231002x'],
    ['full-width digits and X', '１１０１０５１９４９１２３１００２Ｘ'],
    ['full-width lower-case x', '１１０１０５１９４９１２３１００２ｘ'],
    ['ideographic spaces and full-width hyphens', '１１０１０５　１９４９１２３１－００２Ｘ'],
    ['mixed separators', '1101-05 1949 1231-002 x'],
  ])('accepts %s', (_label, input) => {
    const result = parseResidentId(input, { today: TODAY });
    expect(result.ok && result.value.number).toBe(canonical);
  });
});

describe('parseResidentId: legacy 15-digit numbers', () => {
  it('converts to the 18-character form with century 19 and a computed check', () => {
    // The 15-digit form of the GB 11643 sample.
    expect(parseResidentId('110105491231002', { today: TODAY })).toEqual({
      ok: true,
      value: { number: '11010519491231002X', region: '110105', birthDate: '1949-12-31', sex: 'F' },
    });
  });

  it('uses century 18 for sequence codes 996-999 only', () => {
    for (let seq = 990; seq <= 999; seq++) {
      const result = parseResidentId(`320102800101${seq}`, { today: TODAY });
      const century = seq >= 996 ? '18' : '19';
      expect(result).toEqual({
        ok: true,
        value: {
          number: withCheck(`320102${century}800101${seq}`),
          region: '320102',
          birthDate: `${century}80-01-01`,
          sex: seq % 2 === 1 ? 'M' : 'F',
        },
      });
    }
  });

  it('returns numbers that parse again to themselves, the converted 1800s ones included', () => {
    for (let seq = 990; seq <= 999; seq++) {
      const first = parseResidentId(`320102800101${seq}`, { today: TODAY });
      if (!first.ok) throw new Error('the legacy number did not parse');
      expect(parseResidentId(first.value.number, { today: TODAY })).toEqual(first);
    }
    // An 18-digit number of the 1800s with an ordinary sequence is still refused.
    expect(errorCode(withCheck('32010218800101123'))).toBe('date');
  });

  it('accepts separators and full-width digits in legacy numbers too', () => {
    const result = parseResidentId('１１０１０５ ４９１２３１-００２', { today: TODAY });
    expect(result.ok && result.value.number).toBe('11010519491231002X');
  });

  it('rejects an X in a legacy number as a charset error', () => {
    expect(errorCode('11010549123100X')).toBe('charset');
  });

  it('validates the region and date of legacy numbers', () => {
    expect(errorCode('100105491231002')).toBe('region');
    expect(errorCode('110105490230002')).toBe('date');
    expect(errorCode('110105491301002')).toBe('date');
  });
});

describe('parseResidentId: birth dates', () => {
  it('accepts 29 February in leap years', () => {
    for (const year of ['1904', '1996', '2000', '2024']) {
      const result = parseResidentId(build('110105', `${year}0229`), { today: TODAY });
      expect(result.ok && result.value.birthDate).toBe(`${year}-02-29`);
    }
  });

  it('rejects 29 February in non-leap years, including century years', () => {
    for (const year of ['1900', '1999', '2023']) {
      expect(errorCode(build('110105', `${year}0229`))).toBe('date');
    }
  });

  it.each([
    ['month 13', '19901301'],
    ['month 00', '19900001'],
    ['day 00', '19900100'],
    ['day 32', '19900132'],
    ['31 April', '19900431'],
    ['30 February', '19900230'],
  ])('rejects %s', (_label, date) => {
    expect(errorCode(build('110105', date))).toBe('date');
  });

  it('accepts the last day of each month', () => {
    const lastDays = ['31', '28', '31', '30', '31', '30', '31', '31', '30', '31', '30', '31'];
    lastDays.forEach((day, i) => {
      const mm = String(i + 1).padStart(2, '0');
      expect(errorCode(build('110105', `1991${mm}${day}`))).toBe('ok');
    });
  });

  it('accepts today but rejects dates after it', () => {
    expect(errorCode(build('110105', '20240615'))).toBe('ok');
    expect(errorCode(build('110105', '20240616'))).toBe('date');
    expect(errorCode(build('110105', '20240701'))).toBe('date');
    expect(errorCode(build('110105', '20250101'))).toBe('date');
    // The same number becomes valid once that day arrives.
    expect(errorCode(build('110105', '20240616'), new Date(2024, 5, 16))).toBe('ok');
  });

  it('uses the calendar date of "today", not its time of day', () => {
    expect(errorCode(build('110105', '20240615'), new Date(2024, 5, 15, 0, 0, 1))).toBe('ok');
    expect(errorCode(build('110105', '20240616'), new Date(2024, 5, 15, 23, 59, 59))).toBe('date');
  });

  it('rejects 18-digit numbers born before 1900-01-01', () => {
    expect(errorCode(build('110105', '19000101'))).toBe('ok');
    expect(errorCode(build('110105', '18991231'))).toBe('date');
    expect(errorCode(build('110105', '00010101'))).toBe('date');
  });

  it('rejects the second published sample, which is correctly checked but born in 1880', () => {
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
    expect(errorCode('440524188001010014')).toBe('date');
  });
});

describe('parseResidentId: errors', () => {
  it.each(['10', '16', '72', '84', '90', '00', '99'])('rejects unassigned province code %s', (province) => {
    expect(errorCode(build(`${province}0105`, '19491231'))).toBe('region');
  });

  it('accepts exactly the assigned province codes among 00-99', () => {
    for (let code = 0; code <= 99; code++) {
      const province = String(code).padStart(2, '0');
      const expected = isAssignedProvince(code) ? 'ok' : 'region';
      expect(errorCode(build(`${province}0105`, '19491231'))).toBe(expected);
    }
  });

  it.each([
    ['a letter other than X', '1101051949123100A'],
    ['X not in last place', '1101051949X231002X'],
    ['two Xs', '11010519491231002XX'],
    ['a symbol', '11010519491231002#'],
    ['a leading X', 'X1010519491231002'],
    ['a letter only', 'abc'],
  ])('reports charset for %s', (_label, input) => {
    expect(errorCode(input)).toBe('charset');
  });

  it.each([
    ['empty input', ''],
    ['only separators', ' - '],
    ['seventeen digits', '11010519491231002'],
    ['sixteen digits', '1101051949123100'],
    ['nineteen characters', '110105194912310021X'],
    ['a short number ending in X', '1234X'],
  ])('reports length for %s', (_label, input) => {
    expect(errorCode(input)).toBe('length');
  });

  it('reports checksum when only the check character is wrong', () => {
    for (const wrong of ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) {
      expect(errorCode(`11010519491231002${wrong}`)).toBe('checksum');
    }
  });

  it('checks in the order charset, length, region, date, checksum', () => {
    // Each input also has the faults checked after the one reported.
    expect(errorCode('1001051949023A')).toBe('charset');
    expect(errorCode('1001051949023')).toBe('length');
    expect(errorCode('100105194902300020')).toBe('region');
    expect(errorCode('110105194902300020')).toBe('date');
    const good = withCheck('11010519490228002');
    expect(errorCode(good.slice(0, 17) + (good.endsWith('0') ? '1' : '0'))).toBe('checksum');
  });

  it('never puts the number or any digit into an error message', () => {
    const inputs = [
      '1101051949123100A',
      '1101051949123100',
      build('900105', '19491231'),
      build('110105', '19490230'),
      build('110105', '20990101'),
      build('110105', '18991231'),
      '110105194912310021',
      '１１０１０５１９４９１２３１００２１',
      '11010549123100X',
    ];
    const codes = new Set<string>();
    for (const input of inputs) {
      const result = parseResidentId(input, { today: TODAY });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      codes.add(result.error.code);
      expect(result.error.message.length).toBeGreaterThan(20);
      expect(result.error.message).not.toMatch(/[0-9\uFF10-\uFF19]/);
      expect(result.error.message).not.toContain(input);
    }
    expect([...codes].sort()).toEqual(['charset', 'checksum', 'date', 'length', 'region']);
  });
});

describe('parseResidentId: error detection property', () => {
  const CHARS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'];

  it('never accepts a single-character substitution of a valid number', () => {
    const randomInt = makeRandom(11643);
    let checked = 0;
    for (let n = 0; n < 3000; n++) {
      const { number } = generateValid(randomInt);
      expect(errorCode(number)).toBe('ok');
      for (let pos = 0; pos < 18; pos++) {
        for (const c of CHARS) {
          if (c === number[pos]) continue;
          const altered = number.slice(0, pos) + c + number.slice(pos + 1);
          const code = errorCode(altered);
          if (code === 'ok') throw new Error(`substitution at position ${pos} accepted`);
          // Only the check character may be X, so a digit-for-check swap must be a checksum failure.
          if (pos === 17) expect(code).toBe('checksum');
          checked++;
        }
      }
    }
    expect(checked).toBe(3000 * (17 * 10 + 10));
  });

  it('never accepts a transposition of two adjacent different characters', () => {
    const randomInt = makeRandom(7064);
    for (let n = 0; n < 3000; n++) {
      const { number } = generateValid(randomInt);
      for (let pos = 0; pos < 17; pos++) {
        const a = number[pos] ?? '';
        const b = number[pos + 1] ?? '';
        if (a === b) continue;
        const swapped = number.slice(0, pos) + b + a + number.slice(pos + 2);
        if (errorCode(swapped) === 'ok') throw new Error(`transposition at position ${pos} accepted`);
      }
    }
  });
});

describe('maskResidentId', () => {
  it('keeps the first and last four characters of an 18-character number', () => {
    const masked = maskResidentId('11010519491231002X');
    expect(masked).toBe('1101**********002X');
  });

  it('masks every middle character of generated numbers', () => {
    const randomInt = makeRandom(99);
    for (let i = 0; i < 200; i++) {
      const { number } = generateValid(randomInt);
      const masked = maskResidentId(number);
      expect(masked).toHaveLength(number.length);
      expect(masked.slice(0, 4)).toBe(number.slice(0, 4));
      expect(masked.slice(-4)).toBe(number.slice(-4));
      expect(masked.slice(4, -4)).toMatch(/^\*{10}$/);
      // The birth date is the most sensitive part and must be hidden.
      expect(masked).not.toContain(number.slice(6, 14));
    }
  });

  it('masks a legacy 15-digit number in the same way', () => {
    expect(maskResidentId('110105491231002')).toBe('1101*******1002');
  });

  it('hides everything when the input is too short to keep both ends', () => {
    expect(maskResidentId('12345678')).toBe('********');
    expect(maskResidentId('123')).toBe('***');
    expect(maskResidentId('')).toBe('');
    expect(maskResidentId('123456789')).toBe('1234*6789');
  });
});
