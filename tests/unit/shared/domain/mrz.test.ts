import { describe, expect, it } from 'vitest';
import {
  isKnownState,
  mrzCheckDigit,
  parseMrz,
  type MrzData,
  type MrzErrorCode,
  type MrzErrorField,
} from '../../../../shared/domain/mrz';
import { isoStates } from '../../../../shared/domain/mrz/states';
import {
  cd,
  ERIKSSON,
  mrvA,
  mrvB,
  permitLine,
  td1,
  td2,
  td3,
  type ZoneData,
} from '../../../fixtures/mrz-build';

const zone = (lines: readonly string[]): string => lines.join('\n');

function parsed(text: string): MrzData {
  const result = parseMrz(text);
  if (!result.ok) throw new Error(`expected a valid zone, got ${result.error.code} on ${result.error.field}`);
  return result.value;
}

/** Asserts the refusal and that its message quotes nothing of the zone. */
function expectError(text: string, code: MrzErrorCode, field: MrzErrorField): void {
  const result = parseMrz(text);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toMatchObject({ code, field });
  expect(result.error.message.length).toBeGreaterThan(10);
  // No run of zone characters long enough to be a name, number or date.
  expect(result.error.message).not.toMatch(/[A-Z0-9<]{5,}/);
}

/** Replaces one character (0-based line and column). */
function replaceAt(lines: readonly string[], line: number, column: number, c: string): string {
  return lines.map((l, i) => (i === line ? l.slice(0, column) + c + l.slice(column + 1) : l)).join('\n');
}

/** A different digit for a check position. */
const otherDigit = (d: string): string => String((Number(d) + 1) % 10);

const ID: ZoneData = { ...ERIKSSON, code: 'I<', number: 'D23145890', optional: '', optional2: '' };
const VISA: ZoneData = {
  ...ERIKSSON,
  code: 'V<',
  number: 'L8988901C',
  nationality: 'XXX',
  birth: '400907',
  expiry: '961210',
  optional: '',
};

describe('mrzCheckDigit', () => {
  it('gives the check digits printed on the ICAO specimen passport', () => {
    // Digits as printed in Doc 9303 Part 4's specimen zone, not computed by anything here.
    expect(mrzCheckDigit('L898902C3')).toBe(6);
    expect(mrzCheckDigit('740812')).toBe(2);
    expect(mrzCheckDigit('120415')).toBe(9);
    expect(mrzCheckDigit('ZE184226B<<<<<')).toBe(1);
    expect(mrzCheckDigit('L898902C3674081221204159ZE184226B<<<<<1')).toBe(0);
  });

  it('agrees with the independent implementation on random strings', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<';
    let seed = 7;
    for (let n = 0; n < 2000; n++) {
      let s = '';
      const length = 1 + (n % 40);
      for (let i = 0; i < length; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        s += alphabet[seed % alphabet.length];
      }
      expect(String(mrzCheckDigit(s))).toBe(cd(s));
    }
  });

  it('refuses characters outside the MRZ alphabet', () => {
    expect(() => mrzCheckDigit('ab')).toThrow(RangeError);
  });
});

describe('parseMrz: ICAO formats', () => {
  it('reads the TD3 specimen passport', () => {
    const lines = td3(ERIKSSON);
    // The builder must reproduce the zone printed in Doc 9303 Part 4.
    expect(lines).toEqual(['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10']);
    expect(parsed(zone(lines))).toEqual({
      format: 'TD3',
      documentCode: 'P',
      issuingState: 'UTO',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      documentNumber: 'L898902C3',
      nationality: 'UTO',
      birthDate: '740812',
      sex: 'F',
      expiryDate: '120415',
      optionalData: 'ZE184226B',
    });
  });

  it('reads the TD1 specimen identity card', () => {
    const lines = td1(ID);
    expect(lines).toEqual(['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<']);
    expect(parsed(zone(lines))).toMatchObject({ format: 'TD1', documentCode: 'I', documentNumber: 'D23145890', optionalData: '' });
  });

  it('joins the two TD1 optional fields with a space', () => {
    const value = parsed(zone(td1({ ...ID, optional: 'AB12', optional2: 'CD<34' })));
    expect(value.optionalData).toBe('AB12 CD<34');
    expect(parsed(zone(td1({ ...ID, optional2: 'X9' }))).optionalData).toBe('X9');
  });

  it('reads the TD2 specimen identity card', () => {
    const lines = td2(ID);
    expect(lines).toEqual(['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6']);
    expect(parsed(zone(lines))).toMatchObject({ format: 'TD2', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', sex: 'F' });
  });

  it('reads MRV-A and MRV-B visas, which have no composite check digit', () => {
    const a = mrvA({ ...VISA, optional: 'ZE184226B' });
    expect(parsed(zone(a))).toMatchObject({
      format: 'MRV-A',
      documentCode: 'V',
      documentNumber: 'L8988901C',
      nationality: 'XXX',
      birthDate: '400907',
      expiryDate: '961210',
      optionalData: 'ZE184226B',
    });
    const b = mrvB({ ...VISA, optional: '12' });
    expect(parsed(zone(b))).toMatchObject({ format: 'MRV-B', optionalData: '12', surname: 'ERIKSSON' });
    // The optional data of a visa has no check digit: changing it changes the value only.
    expect(parsed(replaceAt(a, 1, 40, 'Q')).optionalData).toBe('ZE184226B<<<Q');
    // A TD3 zone with the same change is refused, because its composite covers that position.
    expectError(replaceAt(td3(ERIKSSON), 1, 40, 'Q'), 'checkDigit', 'optionalData');
  });

  it('accepts an unused TD3 personal number with < or 0 as its check digit, but no other', () => {
    const empty = td3({ ...ERIKSSON, optional: '' });
    expect(empty[1]![42]).toBe('<');
    expect(parsed(zone(empty)).optionalData).toBe('');
    const zero = replaceAt(empty, 1, 42, '0');
    // The composite covers position 43 too; '<' and '0' are both worth zero so it still holds.
    expect(parsed(zero).optionalData).toBe('');
    expectError(replaceAt(empty, 1, 42, '3'), 'checkDigit', 'optionalData');
    // '<' is only allowed when the field is empty.
    expectError(replaceAt(td3(ERIKSSON), 1, 42, '<'), 'checkDigit', 'optionalData');
  });

  it("reads sex M, F, X and '<' (unspecified, reported as X)", () => {
    expect(parsed(zone(td3({ ...ERIKSSON, sex: 'M' }))).sex).toBe('M');
    expect(parsed(zone(td3({ ...ERIKSSON, sex: 'X' }))).sex).toBe('X');
    expect(parsed(zone(td3({ ...ERIKSSON, sex: '<' }))).sex).toBe('X');
  });

  it('accepts Germany as D<< and the specimen state UTO', () => {
    const german = parsed(zone(td3({ ...ERIKSSON, state: 'D<<', nationality: 'D<<' })));
    expect(german).toMatchObject({ issuingState: 'D', nationality: 'D' });
    expect(parsed(zone(td1({ ...ID, state: 'DEU', nationality: 'D<<' })))).toMatchObject({ issuingState: 'DEU', nationality: 'D' });
    expect(parsed(zone(td3(ERIKSSON))).issuingState).toBe('UTO');
    for (const code of ['GBN', 'UNO', 'XXA', 'XXB', 'XXC', 'XXX', 'EUE', 'XPO', 'XOM', 'XCC', 'RKS']) {
      expect(parsed(zone(td3({ ...ERIKSSON, nationality: code }))).nationality).toBe(code);
    }
  });

  it('splits names at << and turns single fillers into spaces', () => {
    const value = parsed(zone(td3({ ...ERIKSSON, surname: 'DE LA CRUZ', given: 'MARIA  ISABEL' })));
    expect(value).toMatchObject({ surname: 'DE LA CRUZ', givenNames: 'MARIA ISABEL' });
    const single = parsed(zone(td3({ ...ERIKSSON, surname: 'ERIKSSON', given: '' })));
    expect(single).toMatchObject({ surname: 'ERIKSSON', givenNames: '' });
  });

  it('accepts a date of birth whose day, or month and day, are unknown', () => {
    expect(parsed(zone(td3({ ...ERIKSSON, birth: '7408<<' }))).birthDate).toBe('7408<<');
    expect(parsed(zone(td3({ ...ERIKSSON, birth: '74<<<<' }))).birthDate).toBe('74<<<<');
    expectError(zone(td3({ ...ERIKSSON, birth: '7413<<' })), 'date', 'birthDate');
    expectError(zone(td3({ ...ERIKSSON, expiry: '1204<<' })), 'date', 'expiryDate');
  });

  it('accepts 29 February only in years divisible by four', () => {
    expect(parsed(zone(td3({ ...ERIKSSON, birth: '000229' }))).birthDate).toBe('000229');
    expect(parsed(zone(td3({ ...ERIKSSON, expiry: '280229' }))).expiryDate).toBe('280229');
    expectError(zone(td3({ ...ERIKSSON, birth: '990229' })), 'date', 'birthDate');
    expectError(zone(td3({ ...ERIKSSON, expiry: '270229' })), 'date', 'expiryDate');
  });
});

describe('parseMrz: long document numbers (TD1, TD2)', () => {
  it('reads a TD1 number that continues in the optional data', () => {
    const lines = td1({ ...ID, number: 'D23145890123', optional: 'AB' });
    expect(lines[0]).toBe(`I<UTOD23145890<123${cd('D23145890123')}<AB<<<<<<<<`);
    expect(parsed(zone(lines))).toMatchObject({ documentNumber: 'D23145890123', optionalData: 'AB' });
  });

  it('reads the same in TD2', () => {
    const lines = td2({ ...ID, number: 'D2314589012' });
    expect(parsed(zone(lines))).toMatchObject({ format: 'TD2', documentNumber: 'D2314589012', optionalData: '' });
  });

  it('refuses a continuation whose check digit is wrong, or a < with nothing after it', () => {
    const lines = td1({ ...ID, number: 'D23145890123' });
    const digit = lines[0]![18]!;
    // Keep the composite right so only the number's own check digit is wrong.
    const bad = [lines[0]!.slice(0, 18) + otherDigit(digit) + lines[0]!.slice(19), lines[1]!, lines[2]!];
    const fixed = [bad[0]!, bad[1]!.slice(0, 29) + cd(bad[0]!.slice(5) + bad[1]!.slice(0, 7) + bad[1]!.slice(8, 15) + bad[1]!.slice(18, 29)), bad[2]!];
    expectError(zone(fixed), 'checkDigit', 'documentNumber');

    const nothing = td1(ID);
    expectError(replaceAt(nothing, 0, 14, '<'), 'checkDigit', 'documentNumber');
  });
});

describe('parseMrz: Chinese permits (layout assumed, see mrz/layouts.ts)', () => {
  it('reads the one-line Exit-Entry Permit for Hong Kong and Macao (CS)', () => {
    const [line] = permitLine('CS', 'C01234567', '300521', '900101');
    expect(line).toHaveLength(30);
    expect(parsed(line!)).toEqual({
      format: 'CN-CS',
      documentCode: 'CS',
      issuingState: 'CHN',
      surname: '',
      givenNames: '',
      documentNumber: 'C01234567',
      nationality: 'CHN',
      birthDate: '900101',
      sex: 'X',
      expiryDate: '300521',
      optionalData: '',
    });
  });

  it('reads the one-line Exit-Entry Permit for Taiwan (CD)', () => {
    const [line] = permitLine('CD', 'L01234567', '271130', '851224');
    expect(parsed(line!)).toMatchObject({ format: 'CN-CD', documentNumber: 'L01234567', expiryDate: '271130', birthDate: '851224' });
  });

  it('checks each field of the one-line permits', () => {
    const [line] = permitLine('CS', 'C01234567', '300521', '900101');
    const lines = [line!];
    expectError(replaceAt(lines, 0, 11, otherDigit(line![11]!)), 'checkDigit', 'documentNumber');
    expectError(replaceAt(lines, 0, 19, otherDigit(line![19]!)), 'checkDigit', 'expiryDate');
    expectError(replaceAt(lines, 0, 27, otherDigit(line![27]!)), 'checkDigit', 'birthDate');
    expectError(replaceAt(lines, 0, 29, otherDigit(line![29]!)), 'checkDigit', 'composite');
    expectError(permitLine('CS', 'C01234567', '301321', '900101')[0]!, 'date', 'expiryDate');
    // Two-character codes other than CS and CD are not a one-line zone this kiosk knows.
    expectError('CX' + line!.slice(2), 'format', 'documentCode');
  });

  it('reads the three-line Mainland Travel Permits for Hong Kong and Macao (CR) and Taiwan (CT) residents', () => {
    const resident: ZoneData = { ...ID, code: 'CR', state: 'CHN', nationality: 'CHN', surname: 'CESHI', given: 'YANGBEN', number: 'H01234567', optional: '00', sex: 'M' };
    expect(parsed(zone(td1(resident)))).toEqual({
      format: 'CN-CR',
      documentCode: 'CR',
      issuingState: 'CHN',
      surname: 'CESHI',
      givenNames: 'YANGBEN',
      documentNumber: 'H01234567',
      nationality: 'CHN',
      birthDate: '740812',
      sex: 'M',
      expiryDate: '120415',
      optionalData: '00',
    });
    const taiwan = parsed(zone(td1({ ...resident, code: 'CT', number: '01234567', optional: '01' })));
    expect(taiwan).toMatchObject({ format: 'CN-CT', documentNumber: '01234567', optionalData: '01' });
    expectError(replaceAt(td1(resident), 1, 29, otherDigit(td1(resident)[1]![29]!)), 'checkDigit', 'composite');
  });
});

describe('parseMrz: input handling', () => {
  const passport = td3(ERIKSSON);

  it('accepts CRLF, CR, trailing spaces and a final line end', () => {
    const expected = parsed(zone(passport));
    expect(parsed(passport.join('\r\n'))).toEqual(expected);
    expect(parsed(passport.join('\r'))).toEqual(expected);
    expect(parsed(`${passport[0]}   \n${passport[1]} \n`)).toEqual(expected);
    expect(parsed(`${passport.join('\r\n')}\r\n`)).toEqual(expected);
  });

  it('trims nothing else: a leading space or a tab is an illegal character', () => {
    expectError(` ${passport[0]}\n${passport[1]}`, 'charset', 'line1');
    expectError(`${passport[0]}\n${passport[1]}\t`, 'charset', 'line2');
  });

  it('rejects lower case, naming the line', () => {
    expectError(`${passport[0]}\n${passport[1]!.toLowerCase()}`, 'charset', 'line2');
    expectError(zone(td1(ID)).replace('ERIKSSON', 'Eriksson'), 'charset', 'line3');
  });

  it('rejects characters outside A-Z 0-9 <', () => {
    for (const c of ['-', ' ', '«', '中', '\u0000', '０']) {
      expectError(replaceAt(passport, 0, 10, c), 'charset', 'line1');
    }
  });

  it('rejects wrong line counts and lengths', () => {
    expectError('', 'format', 'zone');
    expectError('\n\n', 'format', 'zone');
    expectError(zone([...td1(ID), td1(ID)[0]!]), 'format', 'zone');
    expectError(passport[0]!, 'format', 'line1');
    expectError(`${passport[0]}\n${passport[1]!.slice(1)}`, 'format', 'line2');
    expectError(`${passport[0]!.slice(1)}\n${passport[1]}`, 'format', 'line1');
    expectError(zone([...td2(ID), td2(ID)[0]!]), 'format', 'line1');
    // A blank line in the middle makes the count wrong rather than being skipped.
    expectError(`${passport[0]}\n\n${passport[1]}`, 'format', 'line1');
  });

  it('rejects document codes that do not fit the size of the zone', () => {
    expectError(zone(td3({ ...ERIKSSON, code: 'I<' })), 'format', 'documentCode');
    expectError(zone(td1({ ...ID, code: 'P<' })), 'format', 'documentCode');
    expectError(zone(td2({ ...ID, code: 'IV' })), 'format', 'documentCode');
  });
});

describe('parseMrz: every error code names its field', () => {
  const passport = td3(ERIKSSON);
  const card = td1(ID);

  it('checkDigit: document number, birth, expiry, optional data, composite', () => {
    expectError(replaceAt(passport, 1, 9, '7'), 'checkDigit', 'documentNumber');
    expectError(replaceAt(passport, 1, 19, '3'), 'checkDigit', 'birthDate');
    expectError(replaceAt(passport, 1, 27, '0'), 'checkDigit', 'expiryDate');
    expectError(replaceAt(passport, 1, 42, '2'), 'checkDigit', 'optionalData');
    expectError(replaceAt(passport, 1, 43, '1'), 'checkDigit', 'composite');
    expectError(replaceAt(card, 0, 14, '8'), 'checkDigit', 'documentNumber');
    expectError(replaceAt(card, 0, 20, 'B'), 'checkDigit', 'composite');
    expectError(replaceAt(card, 1, 29, '7'), 'checkDigit', 'composite');
    // A letter where a check digit belongs.
    expectError(replaceAt(passport, 1, 19, 'B'), 'checkDigit', 'birthDate');
  });

  it('date: a month 13 or a 31 April, with correct check digits', () => {
    expectError(zone(td3({ ...ERIKSSON, birth: '741312' })), 'date', 'birthDate');
    expectError(zone(td3({ ...ERIKSSON, expiry: '120431' })), 'date', 'expiryDate');
    expectError(zone(td1({ ...ID, birth: '740800' })), 'date', 'birthDate');
  });

  it('state: codes not in Doc 9303, issuing state before nationality', () => {
    expectError(zone(td3({ ...ERIKSSON, state: 'ZIM' })), 'state', 'issuingState');
    expectError(zone(td3({ ...ERIKSSON, nationality: 'ZZZ' })), 'state', 'nationality');
    expectError(zone(td1({ ...ID, nationality: 'D<D' })), 'state', 'nationality');
    expectError(zone(td2({ ...ID, state: 'GB<' })), 'state', 'issuingState');
  });

  it('sex: anything but M, F, X or <', () => {
    expectError(zone(td3({ ...ERIKSSON, sex: 'W' })), 'sex', 'sex');
    expectError(zone(mrvB({ ...VISA, sex: '1' })), 'sex', 'sex');
  });

  it('name: digits, or nothing at all', () => {
    expectError(zone(td3({ ...ERIKSSON, surname: 'ER1KSSON' })), 'name', 'name');
    expectError(zone(td1({ ...ID, surname: '', given: '' })), 'name', 'name');
  });

  it('format: an empty document number', () => {
    expectError(zone(td3({ ...ERIKSSON, number: '' })), 'format', 'documentNumber');
  });
});

describe('states', () => {
  it('has all 249 ISO 3166-1 codes plus the Doc 9303 codes, and no ZIM', () => {
    expect(new Set(isoStates()).size).toBe(249);
    for (const code of ['D', 'UTO', 'GBD', 'GBN', 'GBO', 'GBP', 'GBS', 'UNO', 'UNA', 'UNK', 'XOM', 'XPO', 'XCC', 'XXA', 'XXB', 'XXC', 'XXX', 'EUE', 'RKS']) {
      expect(isKnownState(code)).toBe(true);
    }
    for (const code of ['ZIM', 'DEU<', 'D<<', 'UK', 'GER', 'ANT', 'YUG', '']) {
      expect(isKnownState(code)).toBe(false);
    }
  });
});
