import { describe, it, expect } from 'vitest';
import type { IdentityCard } from '../../../../../../shared/catalog/types';
import {
  decodeTextBlock,
  encodeTextBlock,
  putTextField,
  TextBlockError,
  type TextBlockErrorCode,
  type TextField,
} from '../../../../../../electron/host/hardware/gat467/text-block';

// Fictional people; the ID numbers carry valid GB 11643 check characters.
const CARD: IdentityCard = {
  name: '张伟明',
  sex: 'M',
  ethnicity: '01',
  birthDate: '1980-03-15',
  address: '北京市朝阳区示例路1号院2号楼301室',
  idNumber: '110105198003150012',
  authority: '北京市公安局朝阳分局',
  validFrom: '2015-03-01',
  validTo: '2035-03-01',
};

const PERMANENT_CARD: IdentityCard = {
  name: '艾力·买买提',
  sex: 'F',
  ethnicity: '05',
  birthDate: '1955-07-22',
  address: '上海市浦东新区虚构街88弄3号',
  idNumber: '310115195507220025',
  authority: '上海市公安局浦东分局',
  validFrom: '2010-05-10',
  validTo: 'permanent',
};

const TODAY = new Date(2024, 5, 15);

// The layout as the specification lists it: field, width in bytes. Offsets are summed here
// rather than taken from the module.
const SPEC: ReadonlyArray<[TextField, number]> = [
  ['name', 30],
  ['sex', 2],
  ['ethnicity', 4],
  ['birthDate', 16],
  ['address', 70],
  ['idNumber', 36],
  ['authority', 30],
  ['validFrom', 16],
  ['validTo', 16],
  ['reserved', 36],
];

function ucs2Padded(text: string, bytes: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes / 2; i++) {
    const unit = i < text.length ? text.charCodeAt(i) : 0x20;
    out.push(unit & 0xff, unit >> 8);
  }
  return out;
}

function blockBySpec(values: Record<TextField, string>): number[] {
  return SPEC.flatMap(([field, bytes]) => ucs2Padded(values[field], bytes));
}

function decode(block: Uint8Array): IdentityCard {
  return decodeTextBlock(block, { today: TODAY });
}

function withField(card: IdentityCard, field: TextField, raw: string): Uint8Array {
  const block = encodeTextBlock(card);
  putTextField(block, field, raw);
  return block;
}

/** Every way a value of the card could show up in text: as is, and dates without dashes. */
function sensitiveStrings(card: IdentityCard): string[] {
  const values = [card.name, card.address, card.idNumber, card.authority, card.birthDate, card.validFrom, card.validTo];
  const dates = [card.birthDate, card.validFrom, card.validTo].map((d) => d.replace(/-/g, ''));
  // Fragments too: the ID number's birth-date part and its last four characters.
  return [...values, ...dates, card.idNumber.slice(6, 14), card.idNumber.slice(-4)].filter((s) => s.length >= 3);
}

function expectTextBlockError(block: Uint8Array, code: TextBlockErrorCode, field: TextField | undefined, hidden: string[]): void {
  let caught: unknown;
  try {
    decode(block);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(TextBlockError);
  const error = caught as TextBlockError;
  expect(error.code).toBe(code);
  expect(error.field).toBe(field);
  const everything = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`;
  for (const secret of [...hidden, ...sensitiveStrings(CARD)]) {
    expect(everything).not.toContain(secret);
  }
}

describe('encodeTextBlock', () => {
  it('lays fields out as the specification says: UCS-2 little-endian, space-padded', () => {
    const expected = blockBySpec({
      name: '张伟明',
      sex: '1',
      ethnicity: '01',
      birthDate: '19800315',
      address: CARD.address,
      idNumber: CARD.idNumber,
      authority: CARD.authority,
      validFrom: '20150301',
      validTo: '20350301',
      reserved: '',
    });
    expect(expected).toHaveLength(256);
    expect(Array.from(encodeTextBlock(CARD))).toEqual(expected);
  });

  it('writes 长期 for a permanent card and 2 for female', () => {
    const block = encodeTextBlock(PERMANENT_CARD);
    expect(Array.from(block.subarray(204, 208))).toEqual([0x7f, 0x95, 0x1f, 0x67]);
    expect(Array.from(block.subarray(208, 220))).toEqual(ucs2Padded('', 12));
    expect(Array.from(block.subarray(30, 32))).toEqual([0x32, 0x00]);
  });

  it('refuses a value wider than its field', () => {
    expect(() => encodeTextBlock({ ...CARD, name: '一二三四五六七八九十一二三四五六' })).toThrow(TextBlockError);
    expect(() => encodeTextBlock({ ...CARD, address: '址'.repeat(36) })).toThrow(TextBlockError);
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => encodeTextBlock({ ...CARD, validFrom: '2015/03/01' })).toThrow(TextBlockError);
  });
});

describe('decodeTextBlock', () => {
  it('round-trips a card', () => {
    expect(decode(encodeTextBlock(CARD))).toEqual(CARD);
  });

  it('round-trips a permanent card with a middle dot in the name', () => {
    expect(decode(encodeTextBlock(PERMANENT_CARD))).toEqual(PERMANENT_CARD);
  });

  it('decodes a block built from the specification alone', () => {
    const block = Uint8Array.from(
      blockBySpec({
        name: '刘芳',
        sex: '2',
        ethnicity: '11',
        birthDate: '19680203',
        address: '四川省成都市武侯区样例巷6号',
        idNumber: '51010719680203004X',
        authority: '成都市公安局武侯区分局',
        validFrom: '20100630',
        validTo: '长期',
        reserved: '',
      }),
    );
    expect(decode(block)).toEqual({
      name: '刘芳',
      sex: 'F',
      ethnicity: '11',
      birthDate: '1968-02-03',
      address: '四川省成都市武侯区样例巷6号',
      idNumber: '51010719680203004X',
      authority: '成都市公安局武侯区分局',
      validFrom: '2010-06-30',
      validTo: 'permanent',
    });
  });

  it('keeps a name that fills its field and trims NUL padding that some readers leave', () => {
    const full = '欧阳示例示例示例示例示例示例示';
    expect(full).toHaveLength(15);
    expect(decode(encodeTextBlock({ ...CARD, name: full })).name).toBe(full);
    const block = encodeTextBlock(CARD);
    block.fill(0, 6, 30);
    expect(decode(block).name).toBe('张伟明');
  });

  it('refuses a block of the wrong size', () => {
    expectTextBlockError(encodeTextBlock(CARD).subarray(0, 255), 'badLength', undefined, []);
  });

  it.each(['0', '9', 'M', ''])('refuses sex code %j', (code) => {
    expectTextBlockError(withField(CARD, 'sex', code), 'badSex', 'sex', []);
  });

  it.each(['00', '57', '99', '1', 'AB'])('refuses ethnicity code %j', (code) => {
    expectTextBlockError(withField(CARD, 'ethnicity', code), 'badEthnicity', 'ethnicity', []);
  });

  it.each([
    ['birthDate', '19800230'],
    ['birthDate', '19801315'],
    ['birthDate', '1980031'],
    ['birthDate', '1980-315'],
    ['birthDate', '00000000'],
    ['validFrom', '2015030A'],
    ['validTo', '长久'],
    ['validTo', ''],
  ] as const)('refuses %s %j', (field, raw) => {
    expectTextBlockError(withField(CARD, field, raw), 'badDate', field, raw.length >= 3 ? [raw] : []);
  });

  it('refuses a validity that ends before it starts', () => {
    expectTextBlockError(encodeTextBlock({ ...CARD, validTo: '2014-03-01' }), 'badDate', 'validTo', []);
  });

  it.each([
    ['a wrong check character', '110105198003150013'],
    ['an impossible birth date', '110105198002300012'],
    ['an unknown province', '990105198003150012'],
    ['a short number', '11010519800315001'],
    ['a legacy fifteen-digit number', '110105800315001'],
    ['a lower-case x', '51010719680203004x'],
    ['letters', '11010519800315ABCD'],
  ])('refuses an ID number with %s', (_, raw) => {
    expectTextBlockError(withField(CARD, 'idNumber', raw), 'badIdNumber', 'idNumber', [raw]);
  });

  it('checks the ID number against the given date', () => {
    const block = encodeTextBlock(CARD);
    expect(() => decodeTextBlock(block, { today: new Date(1979, 0, 1) })).toThrow(TextBlockError);
    expect(decodeTextBlock(block, { today: TODAY }).idNumber).toBe(CARD.idNumber);
  });

  it.each(['name', 'address', 'authority'] as const)('refuses an empty or garbled %s', (field) => {
    expectTextBlockError(withField(CARD, field, ''), 'badText', field, []);
    expectTextBlockError(withField(CARD, field, '示例\u0007路'), 'badText', field, ['示例\u0007路']);
  });

  it('refuses an unpaired surrogate as garbled text', () => {
    expectTextBlockError(withField(CARD, 'name', '张\ud800'), 'badText', 'name', []);
  });

  it.each(['J', 'I'])('refuses a card marked %s in the reserved area, which is not a resident ID card', (letter) => {
    const block = encodeTextBlock(CARD);
    block[248] = letter.charCodeAt(0);
    block[249] = 0;
    expectTextBlockError(block, 'unsupportedCard', 'reserved', []);
  });
});
