import { describe, it, expect } from 'vitest';
import {
  parsePlate,
  PLATE_ERROR_CODES,
  PLATE_KINDS,
  type PlateErrorCode,
  type PlateKind,
} from '../../../../shared/domain/plate';
import { prng } from '../../../fixtures/prng';

// All plate numbers here are fictional, shaped like real ones.

// Written out from the spec rather than taken from the module.
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // no I, no O
const DIGITS = '0123456789';
const ENERGY = 'DABCEFGHJK';
const NOT_ENERGY = [...LETTERS].filter((c) => !ENERGY.includes(c)).join('');

const EXAMPLES: Record<PlateKind, readonly string[]> = {
  ordinary: ['京A12345', '沪B5K321', '粤BA1234', '浙AD1234', '渝C1234F', '鲁H51234', '川A12AB3', '新N00001', '藏AZ888Y'],
  'new-energy-small': ['粤BD12345', '京AF01234', '沪ADA1234', '豫AA12345', '苏AK12345', '浙AGB1234', '闽CE00001'],
  'new-energy-large': ['粤B12345D', '京A00001F', '鲁A54321A', '川A12345K', '黑B99999G'],
  trailer: ['沪A1234挂', '鲁HA123挂', '冀B0001挂', '晋KAB12挂'],
  coach: ['京A1234学', '粤BA234学', '苏E0001学'],
  police: ['京A0001警', '沪A1234警', '川AB123警', '宁A00A1警'],
  'hk-macao': ['粤Z1234港', '粤ZA123港', '粤Z0001澳', '粤ZF023澳'],
  embassy: ['使224001', '224001使', '使196013', '198001使'],
  consulate: ['沪A1234领', '粤A0012领', '川A0101领'],
};

const ALL_EXAMPLES = Object.values(EXAMPLES).flat();

type Parsed = { kind: PlateKind; plate: string } | { code: PlateErrorCode };

function parsed(input: string): Parsed {
  const result = parsePlate(input);
  return result.ok ? { kind: result.value.kind, plate: result.value.plate } : { code: result.error.code };
}

function codeOf(input: string): PlateErrorCode | 'ok' {
  const result = parsePlate(input);
  return result.ok ? 'ok' : result.error.code;
}

// An independent statement of the accepted shapes, as regular expressions.
const P = `[${PROVINCES}]`;
const L = `[${LETTERS}]`;
const S = `[${DIGITS}${LETTERS}]`;
const E = `[${ENERGY}]`;
const ORACLE: ReadonlyArray<readonly [PlateKind, RegExp]> = [
  ['ordinary', new RegExp(`^${P}${L}${S}{5}$`, 'u')],
  ['new-energy-small', new RegExp(`^${P}${L}${E}${S}\\d{4}$`, 'u')],
  ['new-energy-large', new RegExp(`^${P}${L}\\d{5}${E}$`, 'u')],
  ['trailer', new RegExp(`^${P}${L}${S}{4}挂$`, 'u')],
  ['coach', new RegExp(`^${P}${L}${S}{4}学$`, 'u')],
  ['police', new RegExp(`^${P}${L}${S}{4}警$`, 'u')],
  ['hk-macao', new RegExp(`^粤Z${S}{4}[港澳]$`, 'u')],
  ['embassy', /^(使\d{6}|\d{6}使)$/u],
  ['consulate', new RegExp(`^${P}${L}${S}{4}领$`, 'u')],
];

const TWO_LETTER_KINDS: ReadonlySet<PlateKind> = new Set(['ordinary', 'trailer', 'coach', 'police', 'hk-macao', 'consulate']);

function letterCount(serial: string): number {
  return [...serial].filter((c) => LETTERS.includes(c)).length;
}

/** The kind a canonical plate should have, or undefined when it should not parse. */
function expectedKind(plate: string): PlateKind | undefined {
  const match = ORACLE.find(([, re]) => re.test(plate));
  if (match === undefined) return undefined;
  const [kind] = match;
  // Ordinary and suffix serials carry at most two letters; the other shapes limit letters themselves.
  if (!TWO_LETTER_KINDS.has(kind)) return kind;
  const serial = [...plate].slice(2, kind === 'ordinary' ? undefined : -1).join('');
  return letterCount(serial) > 2 ? undefined : kind;
}

// A separate normaliser for the fuzz: the separators and foldings the spec lists.
function normaliseForOracle(input: string): string {
  let out = '';
  for (const c of input) {
    if (/[\s\-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D.\u00B7\u30FB\u2022\uFF0E\uFF65\u2027\u2219\u22C5]/u.test(c)) continue;
    const code = c.codePointAt(0) ?? 0;
    const ascii = code >= 0xff01 && code <= 0xff5e ? String.fromCodePoint(code - 0xfee0) : c;
    out += /[0-9A-Za-z]/.test(ascii) ? ascii.toUpperCase() : c;
  }
  return out;
}

function pick(random: () => number, chars: string): string {
  const list = [...chars];
  return list[Math.floor(random() * list.length)] ?? '';
}

function repeat(random: () => number, chars: string, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += pick(random, chars);
  return out;
}

/** A serial of `length` characters with at most two letters, at random positions. */
function plainSerial(random: () => number, length: number): string {
  const letters = Math.floor(random() * 3);
  const chars = [...repeat(random, DIGITS, length)];
  for (let i = 0; i < letters; i++) chars[Math.floor(random() * length)] = pick(random, LETTERS);
  return chars.join('');
}

function generate(random: () => number, kind: PlateKind): string {
  const head = pick(random, PROVINCES) + pick(random, LETTERS);
  switch (kind) {
    case 'ordinary':
      return head + plainSerial(random, 5);
    case 'new-energy-small':
      return head + pick(random, ENERGY) + pick(random, DIGITS + LETTERS) + repeat(random, DIGITS, 4);
    case 'new-energy-large':
      return head + repeat(random, DIGITS, 5) + pick(random, ENERGY);
    case 'trailer':
      return head + plainSerial(random, 4) + '挂';
    case 'coach':
      return head + plainSerial(random, 4) + '学';
    case 'police':
      return head + plainSerial(random, 4) + '警';
    case 'hk-macao':
      return '粤Z' + plainSerial(random, 4) + pick(random, '港澳');
    case 'embassy':
      return random() < 0.5 ? '使' + repeat(random, DIGITS, 6) : repeat(random, DIGITS, 6) + '使';
    case 'consulate':
      return head + plainSerial(random, 4) + '领';
  }
}

describe('parsePlate: every kind', () => {
  it('has examples for exactly the exported kinds', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...PLATE_KINDS].sort());
  });

  for (const kind of PLATE_KINDS) {
    it(`parses ${kind} plates`, () => {
      for (const plate of EXAMPLES[kind]) {
        expect(parsePlate(plate)).toEqual({ ok: true, value: { plate, kind } });
      }
    });
  }

  it('agrees with the independent statement of the rules on every example', () => {
    for (const kind of PLATE_KINDS) {
      for (const plate of EXAMPLES[kind]) expect(expectedKind(plate)).toBe(kind);
    }
  });

  it('accepts every province abbreviation and every authority letter but I and O', () => {
    for (const province of PROVINCES) {
      expect(parsed(`${province}A12345`)).toEqual({ kind: 'ordinary', plate: `${province}A12345` });
    }
    for (const letter of LETTERS) expect(codeOf(`京${letter}12345`)).toBe('ok');
  });

  it('keeps 使 where it was typed, as both older and newer embassy plates are on the road', () => {
    expect(parsed('使 224 001')).toEqual({ kind: 'embassy', plate: '使224001' });
    expect(parsed('224·001 使')).toEqual({ kind: 'embassy', plate: '224001使' });
  });
});

describe('parsePlate: new-energy plates', () => {
  it('tells small (energy letter first) from large (energy letter last)', () => {
    expect(parsed('粤BD12345')).toEqual({ kind: 'new-energy-small', plate: '粤BD12345' });
    expect(parsed('粤B12345D')).toEqual({ kind: 'new-energy-large', plate: '粤B12345D' });
    expect(parsed('京AF12345')).toEqual({ kind: 'new-energy-small', plate: '京AF12345' });
    expect(parsed('京A12345F')).toEqual({ kind: 'new-energy-large', plate: '京A12345F' });
  });

  it('does not take a seven-character plate whose serial starts with D or ends with F for new energy', () => {
    expect(parsed('浙AD1234')).toEqual({ kind: 'ordinary', plate: '浙AD1234' });
    expect(parsed('渝C1234F')).toEqual({ kind: 'ordinary', plate: '渝C1234F' });
  });

  it('accepts all ten energy letters in both places', () => {
    for (const e of ENERGY) {
      expect(codeOf(`粤B${e}12345`)).toBe('ok');
      expect(codeOf(`粤B${e}Z1234`)).toBe('ok');
      expect(codeOf(`粤B12345${e}`)).toBe('ok');
    }
  });

  it('rejects any other letter in the energy position', () => {
    for (const other of NOT_ENERGY) {
      expect(codeOf(`粤B${other}12345`)).toBe('serial');
      expect(codeOf(`粤B12345${other}`)).toBe('serial');
    }
  });

  it('requires four digits after the second serial character of a small plate', () => {
    expect(codeOf('粤BD1234A')).toBe('serial');
    expect(codeOf('粤BDA123B')).toBe('serial');
    expect(codeOf('粤BDAB123')).toBe('serial');
  });

  it('requires five digits before the energy letter of a large plate', () => {
    expect(codeOf('粤B1234AD')).toBe('serial');
    expect(codeOf('粤B1A345D')).toBe('serial');
    expect(codeOf('粤B123456')).toBe('serial');
  });
});

describe('parsePlate: forgiving input', () => {
  it.each([
    ['a middle dot', '京A·12345'],
    ['a katakana middle dot', '京A・12345'],
    ['a bullet', '京A•12345'],
    ['a full-width full stop', '京A．12345'],
    ['a half-width katakana middle dot', '京A･12345'],
    ['an ASCII full stop', '京A.12345'],
    ['spaces', '京 A 123 45'],
    ['an ideographic space', '京A\u300012345'],
    ['surrounding whitespace and tabs', '\t 京A12345 \n'],
    ['hyphens and dashes', '京A-123\u201345'],
    ['a full-width hyphen', '京A－12345'],
    ['lower case', '京a12345'],
    ['full-width letters and digits', '京Ａ１２３４５'],
    ['full-width lower case', '京ａ１２３４５'],
    ['everything at once', ' 京ａ · １２-3 45 '],
  ])('accepts %s', (_label, input) => {
    expect(parsed(input)).toEqual({ kind: 'ordinary', plate: '京A12345' });
  });

  it('applies the same forgiveness to every kind', () => {
    expect(parsed('粤b·d１２３４５')).toEqual({ kind: 'new-energy-small', plate: '粤BD12345' });
    expect(parsed('粤b 12345 d')).toEqual({ kind: 'new-energy-large', plate: '粤B12345D' });
    expect(parsed('沪a-1234-挂')).toEqual({ kind: 'trailer', plate: '沪A1234挂' });
    expect(parsed('粤z・ａ123 港')).toEqual({ kind: 'hk-macao', plate: '粤ZA123港' });
    expect(parsed('使 ２２４-００１')).toEqual({ kind: 'embassy', plate: '使224001' });
    expect(parsed('沪A•1234 领')).toEqual({ kind: 'consulate', plate: '沪A1234领' });
  });

  it('does not turn I or O into digits: a person must see what they typed', () => {
    expect(codeOf('京A1234O')).toBe('letterIO');
    expect(codeOf('京ai2345')).toBe('letterIO');
    expect(codeOf('京Ａ１２３４Ｏ')).toBe('letterIO');
  });
});

describe('parsePlate: errors', () => {
  const CASES: Record<PlateErrorCode, readonly string[]> = {
    empty: ['', '   ', ' · - ', '\t\n', '・•．'],
    charset: ['京A12$45', '京A12345!', '京A１２３４５？', '京A1234試', '$京A12345', '京A1234超', '京A12345\u0000', '京A123é5', '京A1234😀'],
    province: ['A12345', '12345', 'X京A12345', '台A12345', '滬A12345', '港A12345', '挂A1234', '军A12345', 'AB12345'],
    authority: ['京112345', '京京12345', '京挂1234', '粤港1234', '京使123'],
    letterIO: ['京AO1234', '京A1234I', '京OA1234', '京I12345', '粤BDO1234', '粤B1234OD', '沪A12O4挂', '使22400O', 'O22400使', '京A0I23警'],
    suffix: ['京A12挂34', '京A1234使', '粤A1234港', '京Z1234澳', '粤B1234澳', '京A挂1234', '使123使456', '使12345领', '123456使使', '京A1234挂学', '使京23456'],
    length: ['京', '京A', '京A1234', '京A123456789', '京A123挂', '京A12345警', '粤Z123港', '使12345', '1234567使', '使', '粤BD1234567'],
    serial: ['京AABC12', '京AA1B2C', '京ABCD12', '京AABC1挂', '京A京1234', '京A1234京5', '粤BX12345', '粤B12345X', '使22400A', 'A12345使'],
  };

  it('covers exactly the exported error codes', () => {
    expect(Object.keys(CASES).sort()).toEqual([...PLATE_ERROR_CODES].sort());
  });

  for (const code of PLATE_ERROR_CODES) {
    it(`reports ${code}`, () => {
      for (const input of CASES[code]) {
        expect({ input, code: codeOf(input) }).toEqual({ input, code });
      }
    });
  }

  it('rejects letters I and O in every serial position and in the authority position', () => {
    for (let pos = 1; pos < 7; pos++) {
      for (const bad of ['I', 'O']) {
        const plate = '京A12345'.slice(0, pos) + bad + '京A12345'.slice(pos + 1);
        expect(codeOf(plate)).toBe('letterIO');
      }
    }
  });

  it('allows up to two letters anywhere in an ordinary or suffix serial, but not three', () => {
    for (const serial of ['AB123', 'A123B', '1A2B3', '123AB', 'A1234', '1234Z']) {
      expect(codeOf(`京A${serial}`)).toBe('ok');
    }
    for (const serial of ['ABC12', 'A1B2C', '12XYZ', 'ABCDE']) expect(codeOf(`京A${serial}`)).toBe('serial');
    expect(codeOf('京AAB12警')).toBe('ok');
    expect(codeOf('京AABC1警')).toBe('serial');
  });

  it('names the position of an offending character, counted without separators', () => {
    const charset = parsePlate('京A 12$45');
    expect(!charset.ok && charset.error.message).toMatch(/^The fifth character/);
    const io = parsePlate('京·A O1234');
    expect(!io.ok && io.error.message).toMatch(/^The third character/);
    const far = parsePlate('京A12345678901$');
    expect(!far.ok && far.error.message).toMatch(/^A character after the tenth/);
  });

  it('checks in the order empty, charset, province, authority, letterIO, suffix, length, serial', () => {
    // Each input also has the faults checked after the one reported.
    expect(codeOf('X1O$')).toBe('charset');
    expect(codeOf('A1O挂')).toBe('province');
    expect(codeOf('京1O挂')).toBe('authority');
    expect(codeOf('京AO挂1')).toBe('letterIO');
    expect(codeOf('京A挂ABC')).toBe('suffix');
    expect(codeOf('京AABC警')).toBe('length');
    expect(codeOf('京AABC1警')).toBe('serial');
  });

  it('never puts the plate or any digit into an error message', () => {
    const seen = new Set<string>();
    for (const code of PLATE_ERROR_CODES) {
      for (const input of CASES[code]) {
        const result = parsePlate(input);
        expect(result.ok).toBe(false);
        if (result.ok) continue;
        seen.add(result.error.code);
        expect(result.error.message.length).toBeGreaterThan(30);
        expect(result.error.message).toMatch(/^[A-Z].*[.?]$/);
        expect(result.error.message).not.toMatch(/[0-9\uFF10-\uFF19]/);
        if (input.trim().length > 2) expect(result.error.message).not.toContain(input.trim());
      }
    }
    expect([...seen].sort()).toEqual([...PLATE_ERROR_CODES].sort());
  });
});

describe('parsePlate: idempotence', () => {
  const FORGIVING = ['京a·12345', '粤b d１２３４５', '粤B-12345-d', '沪A 1234 挂', '粤z・1234港', '224•001使', '使 196 013'];

  it('re-parses every plate it returns to the same value', () => {
    for (const input of [...ALL_EXAMPLES, ...FORGIVING]) {
      const first = parsePlate(input);
      expect(first.ok).toBe(true);
      if (!first.ok) continue;
      expect(parsePlate(first.value.plate)).toEqual(first);
    }
  });

  it('returns the canonical form unchanged for canonical input', () => {
    for (const plate of ALL_EXAMPLES) {
      const result = parsePlate(plate);
      expect(result.ok && result.value.plate).toBe(plate);
    }
  });
});

describe('parsePlate: seeded fuzz', () => {
  // Seeded so a failure reproduces; change the seed to explore further.
  const SEED = 0x3618;
  const ALPHABET = PROVINCES + LETTERS + 'IO' + DIGITS + '挂学警港澳使领' + 'abzio' + '０９ＡＺａｚ' + ' ·・•.-' + '台试超$é\u0000😀';

  // What a person might do to a plate while typing it.
  function typingNoise(random: () => number, plate: string): string {
    let out = '';
    for (const c of plate) {
      const r = random();
      if (r < 0.1) out += pick(random, ' ·・•.-');
      if (r < 0.2 && /[A-Z]/.test(c)) out += c.toLowerCase();
      else if (r < 0.3 && /[0-9A-Z]/.test(c)) out += String.fromCharCode(c.charCodeAt(0) + 0xfee0);
      else if (r < 0.33) out += pick(random, ALPHABET);
      else out += c;
    }
    return out;
  }

  it('never throws, and agrees with the independent rules on random strings from the plate alphabet', () => {
    const random = prng(SEED);
    const codes: ReadonlySet<string> = new Set(PLATE_ERROR_CODES);
    let accepted = 0;
    for (let n = 0; n < 20_000; n++) {
      // Half free-form strings, half generated plates typed carelessly, so both outcomes are common.
      let input: string;
      if (n % 2 === 0) {
        const length = Math.floor(random() * 11);
        const head = random() < 0.6 ? pick(random, PROVINCES) + pick(random, LETTERS) : '';
        input = head + repeat(random, ALPHABET, Math.max(0, length - head.length));
      } else {
        input = typingNoise(random, generate(random, PLATE_KINDS[n % PLATE_KINDS.length] ?? 'ordinary'));
      }
      const result = parsePlate(input);
      const canonical = normaliseForOracle(input);
      const expected = expectedKind(canonical);
      // Plain comparisons in the loop: twenty thousand expect() calls would dominate the run.
      if (result.ok) {
        accepted++;
        const again = parsePlate(result.value.plate);
        if (!again.ok || again.value.plate !== result.value.plate || again.value.kind !== result.value.kind) {
          throw new Error(`case ${n}: an accepted plate does not re-parse to itself`);
        }
        if (result.value.kind !== expected || result.value.plate !== canonical) {
          throw new Error(`case ${n}: accepted as ${result.value.kind}, the rules say ${expected ?? 'invalid'}`);
        }
      } else {
        if (!codes.has(result.error.code)) throw new Error(`case ${n}: unknown code ${result.error.code}`);
        if (expected !== undefined) throw new Error(`case ${n}: a valid ${expected} plate was rejected (${result.error.code})`);
      }
    }
    // Both sides of the comparison must be exercised for it to mean anything.
    expect(accepted).toBeGreaterThan(2000);
    expect(accepted).toBeLessThan(18_000);
  });

  it('accepts generated plates of every kind, and judges every single-character change as the rules do', () => {
    const random = prng(SEED + 1);
    const replacements = [...(PROVINCES.slice(0, 5) + LETTERS + 'IO' + DIGITS + '挂学警港澳使领$')];
    for (let n = 0; n < 2000; n++) {
      const kind = PLATE_KINDS[n % PLATE_KINDS.length] ?? 'ordinary';
      const plate = generate(random, kind);
      expect(parsed(plate)).toEqual({ kind, plate });
      const chars = [...plate];
      const pos = Math.floor(random() * chars.length);
      chars[pos] = pick(random, replacements.join(''));
      const mutated = chars.join('');
      const result = parsePlate(mutated);
      expect(result.ok ? result.value.kind : undefined).toBe(expectedKind(mutated));
      if (result.ok) expect(parsePlate(result.value.plate)).toEqual(result);
    }
  });
});
