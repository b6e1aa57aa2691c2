import { parse as oracleParse, states as oracleStates } from 'mrz';
import { describe, expect, it } from 'vitest';
import { parseMrz, type MrzData } from '../../../../shared/domain/mrz';
import { isoStates, knownStates } from '../../../../shared/domain/mrz/states';
import { ERIKSSON, pad, td1, td2, td3, type ZoneData } from '../../../fixtures/mrz-build';

// The mrz package (ICAO TD1, TD2, TD3 only) as a second opinion on the formats it knows.

const zone = (lines: readonly string[]): string => lines.join('\n');

function parsed(text: string): MrzData {
  const result = parseMrz(text);
  if (!result.ok) throw new Error(`expected a valid zone, got ${result.error.code} on ${result.error.field}`);
  return result.value;
}

function replaceAt(lines: readonly string[], line: number, column: number, c: string): string {
  return lines.map((l, i) => (i === line ? l.slice(0, column) + c + l.slice(column + 1) : l)).join('\n');
}

const otherDigit = (d: string): string => String((Number(d) + 1) % 10);

const ID: ZoneData = { ...ERIKSSON, code: 'I<', number: 'D23145890', optional: '', optional2: '' };

describe('state list', () => {
  it('differs from the mrz package list only where chosen', () => {
    const ours = new Set(knownStates());
    const theirs = new Set(Object.keys(oracleStates));
    // ISO part identical; the package keeps historical ANT and NTZ and the unofficial XXK,
    // lacks the specimen UTO and XMP.
    expect(isoStates().filter((c) => !theirs.has(c))).toEqual([]);
    expect([...theirs].filter((c) => !ours.has(c)).sort()).toEqual(['ANT', 'NTZ', 'XXK']);
    expect([...ours].filter((c) => !theirs.has(c)).sort()).toEqual(['UTO', 'XMP']);
  });
});

describe('ICAO specimens', () => {
  it.each([
    ['TD1', td1(ID)],
    ['TD2', td2(ID)],
    ['TD3', td3(ERIKSSON)],
  ])('%s reads the same, the package only missing the specimen state UTO', (_format, lines) => {
    const theirs = oracleParse(lines);
    const ours = parsed(zone(lines));
    expect(theirs.details.filter((d) => !d.valid).map((d) => d.field)).toEqual(['issuingState', 'nationality']);
    expect(ours.documentNumber).toBe(theirs.documentNumber);
    expect([ours.surname, ours.givenNames]).toEqual([theirs.fields.lastName, theirs.fields.firstName]);
    expect([ours.birthDate, ours.expiryDate]).toEqual([theirs.fields.birthDate, theirs.fields.expirationDate]);
  });
});

describe('long document number', () => {
  it('agrees with the mrz package on the long number', () => {
    const lines = td1({ ...ID, state: 'SWE', nationality: 'SWE', number: 'D23145890123' });
    const oracle = oracleParse(lines);
    expect(oracle.valid).toBe(true);
    expect(parsed(zone(lines)).documentNumber).toBe(oracle.documentNumber);
  });
});

describe('cross-check with the mrz package (TD1, TD2, TD3)', () => {
  // The package knows no UTO and no sex X, so the random documents use real states and M/F/<.
  const states = isoStates();
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const alnum = `0123456789${letters}`;
  let seed = 20240601;
  const next = (n: number): number => {
    seed = (seed ^ (seed << 13)) >>> 0;
    seed = (seed ^ (seed >>> 17)) >>> 0;
    seed = (seed ^ (seed << 5)) >>> 0;
    return seed % n;
  };
  const word = (chars: string, min: number, max: number): string =>
    Array.from({ length: min + next(max - min + 1) }, () => chars[next(chars.length)]).join('');
  const date = (): string =>
    String(next(100)).padStart(2, '0') + String(1 + next(12)).padStart(2, '0') + String(1 + next(28)).padStart(2, '0');
  const randomData = (code: string): ZoneData => ({
    code,
    state: states[next(states.length)]!,
    nationality: states[next(states.length)]!,
    surname: word(letters, 2, 10),
    given: `${word(letters, 2, 6)} ${word(letters, 2, 6)}`,
    number: word(alnum, 5, 9),
    birth: date(),
    expiry: date(),
    sex: 'MF<'[next(3)]!,
    optional: word(alnum, 0, 7),
    optional2: word(alnum, 0, 8),
  });
  const sexOf = { male: 'M', female: 'F', nonspecified: 'X' } as const;
  const builders = [
    ['TD1', (d: ZoneData) => td1({ ...d, code: 'I<' })],
    // Not 'ID': the package reads IDFRA… as France's old national card, which is not ICAO TD2.
    ['TD2', (d: ZoneData) => td2({ ...d, code: 'I<' })],
    ['TD3', (d: ZoneData) => td3({ ...d, code: 'P<' })],
  ] as const;

  it.each(builders)('agrees on 300 random valid %s zones', (format, build) => {
    for (let n = 0; n < 300; n++) {
      const lines = build(randomData('P<'));
      const ours = parsed(zone(lines));
      const theirs = oracleParse(lines);
      expect(theirs.valid).toBe(true);
      expect(ours.format).toBe(format);
      expect(ours.documentNumber).toBe(theirs.documentNumber);
      expect(ours.birthDate).toBe(theirs.fields.birthDate);
      expect(ours.expiryDate).toBe(theirs.fields.expirationDate);
      expect(ours.issuingState).toBe(theirs.fields.issuingState);
      expect(ours.nationality).toBe(theirs.fields.nationality);
      expect(ours.surname).toBe(theirs.fields.lastName);
      expect(ours.givenNames).toBe(theirs.fields.firstName);
      expect(ours.sex).toBe(sexOf[theirs.fields.sex as keyof typeof sexOf]);
    }
  });

  it.each(builders)('both refuse %s zones with a broken check digit', (_format, build) => {
    for (let n = 0; n < 100; n++) {
      const lines = build(randomData('P<'));
      const last = lines[1]!.length - 1;
      const broken = replaceAt(lines, 1, last, otherDigit(lines[1]![last]!)).split('\n');
      expect(parseMrz(zone(broken))).toMatchObject({ ok: false, error: { code: 'checkDigit', field: 'composite' } });
      expect(oracleParse(broken).valid).toBe(false);
    }
  });

  it('pads the generated fields to the spec widths', () => {
    // Guards the generator itself: a short field would shift every position after it.
    expect(pad('AB', 4)).toBe('AB<<');
    expect(() => pad('ABCDE', 4)).toThrow();
  });
});
