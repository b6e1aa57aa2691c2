import { describe, expect, it } from 'vitest';
import type { Question } from '../../../../shared/catalog/questions';
import { validateAnswer, type AnswerContext } from '../../../../shared/catalog/validate';

const CTX: AnswerContext = { today: '2026-06-01', pickable: ['f1', 'f2', 'f3'] };

const PURPOSE: Question = { id: 'purpose', kind: 'choice', options: [{ id: 'job' }, { id: 'study' }, { id: 'other', withText: true }] };
const DESTINATION: Question = { id: 'destination', kind: 'text', maxLength: 60 };
const PHONE: Question = { id: 'phone', kind: 'phone' };
const LICENCE: Question = { id: 'licenceNumber', kind: 'digits', minLength: 4, maxLength: 6 };
const BIRTH: Question = { id: 'birthDate', kind: 'date', range: 'past' };
const TRIP: Question = { id: 'tripDate', kind: 'date', range: 'future' };
const PLATE: Question = { id: 'plate', kind: 'plate' };
const COUNTRY: Question = { id: 'country', kind: 'country' };
const FINES: Question = { id: 'fines', kind: 'pick', from: 'fines', min: 1 };
const TWO_FINES: Question = { id: 'fines', kind: 'pick', from: 'fines', min: 2 };

describe('validateAnswer: phone', () => {
  it('forgives spaces, hyphens, brackets and full-width digits', () => {
    expect(validateAnswer(PHONE, { text: '139 0000-0000' }, CTX)).toEqual({ ok: true, value: { text: '13900000000' } });
    expect(validateAnswer(PHONE, { text: '（139）００００００００' }, CTX)).toEqual({ ok: true, value: { text: '13900000000' } });
  });

  it.each([
    ['', 'required'],
    ['1390000000', 'phoneFormat'],
    ['139000000001', 'phoneFormat'],
    ['12900000000', 'phoneFormat'],
    ['1390000000a', 'phoneFormat'],
  ])('%j -> %s', (text, code) => {
    expect(validateAnswer(PHONE, { text }, CTX)).toEqual({ ok: false, code });
  });
});

describe('validateAnswer: text and choice', () => {
  it('text: trims, folds white space and control characters, limits length by characters', () => {
    expect(validateAnswer(DESTINATION, { text: '  加拿大\t多伦多\n ' }, CTX)).toEqual({ ok: true, value: { text: '加拿大 多伦多' } });
    expect(validateAnswer(DESTINATION, { text: '   ' }, CTX)).toEqual({ ok: false, code: 'required' });
    expect(validateAnswer(DESTINATION, {}, CTX)).toEqual({ ok: false, code: 'required' });
    expect(validateAnswer(DESTINATION, { text: '国'.repeat(60) }, CTX).ok).toBe(true);
    expect(validateAnswer(DESTINATION, { text: '国'.repeat(61) }, CTX)).toEqual({ ok: false, code: 'tooLong' });
  });

  it('choice: only listed options; "other" needs its text; stray text is dropped', () => {
    expect(validateAnswer(PURPOSE, { choice: 'job', text: 'ignored' }, CTX)).toEqual({ ok: true, value: { choice: 'job' } });
    expect(validateAnswer(PURPOSE, { choice: 'other', text: ' 领养 ' }, CTX)).toEqual({ ok: true, value: { choice: 'other', text: '领养' } });
    expect(validateAnswer(PURPOSE, { choice: 'other' }, CTX)).toEqual({ ok: false, code: 'required' });
    expect(validateAnswer(PURPOSE, { choice: 'other', text: 'x'.repeat(50) }, CTX).ok).toBe(true);
    expect(validateAnswer(PURPOSE, { choice: 'other', text: 'x'.repeat(51) }, CTX)).toEqual({ ok: false, code: 'tooLong' });
    expect(validateAnswer(PURPOSE, {}, CTX)).toEqual({ ok: false, code: 'required' });
    expect(validateAnswer(PURPOSE, { choice: 'collect' }, CTX)).toEqual({ ok: false, code: 'invalidOption' });
  });
});

describe('validateAnswer: digits', () => {
  it('takes digits within the lengths, forgiving spaces and full-width digits', () => {
    expect(validateAnswer(LICENCE, { text: '12 34' }, CTX)).toEqual({ ok: true, value: { text: '1234' } });
    expect(validateAnswer(LICENCE, { text: '１２３４５６' }, CTX)).toEqual({ ok: true, value: { text: '123456' } });
  });

  it.each([
    [undefined, 'required'],
    ['', 'required'],
    ['123', 'digitsFormat'],
    ['1234567', 'digitsFormat'],
    ['12a4', 'digitsFormat'],
  ])('%j -> %s', (text, code) => {
    expect(validateAnswer(LICENCE, { text }, CTX)).toEqual({ ok: false, code });
  });
});

describe('validateAnswer: dates, against today', () => {
  it.each([
    ['2026-06-01', '2026-06-01'],
    ['1980-03-05', '1980-03-05'],
    ['1980-3-5', '1980-03-05'],
    ['1980/3/5', '1980-03-05'],
    ['1980.03.05', '1980-03-05'],
    ['1980年3月5日', '1980-03-05'],
    ['１９８０-０３-０５', '1980-03-05'],
    [' 1980-03-05 ', '1980-03-05'],
  ])('a past date %j is %s', (text, value) => {
    expect(validateAnswer(BIRTH, { text }, CTX)).toEqual({ ok: true, value: { text: value } });
  });

  it.each([
    ['', 'required'],
    ['yesterday', 'dateFormat'],
    ['2026-02-30', 'dateFormat'],
    ['2026-13-01', 'dateFormat'],
    ['20260601', 'dateFormat'],
    ['2026-06-02', 'datePast'],
  ])('a past date %j -> %s', (text, code) => {
    expect(validateAnswer(BIRTH, { text }, CTX)).toEqual({ ok: false, code });
  });

  it('a future date may be today or later, never earlier', () => {
    expect(validateAnswer(TRIP, { text: '2026-06-01' }, CTX)).toEqual({ ok: true, value: { text: '2026-06-01' } });
    expect(validateAnswer(TRIP, { text: '2027-01-31' }, CTX)).toEqual({ ok: true, value: { text: '2027-01-31' } });
    expect(validateAnswer(TRIP, { text: '2026-05-31' }, CTX)).toEqual({ ok: false, code: 'dateFuture' });
    expect(validateAnswer(TRIP, { text: '2026-05-31' }, { ...CTX, today: '2026-05-31' }).ok).toBe(true);
  });
});

describe('validateAnswer: plate and country', () => {
  it('a plate is read by parsePlate and stored in its canonical form', () => {
    expect(validateAnswer(PLATE, { text: '京a 12345' }, CTX)).toEqual({ ok: true, value: { text: '京A12345' } });
    expect(validateAnswer(PLATE, { text: '粤BD12345' }, CTX)).toEqual({ ok: true, value: { text: '粤BD12345' } });
    expect(validateAnswer(PLATE, { text: ' ' }, CTX)).toEqual({ ok: false, code: 'required' });
    expect(validateAnswer(PLATE, { text: 'ABC123' }, CTX)).toEqual({ ok: false, code: 'plateFormat' });
    expect(validateAnswer(PLATE, { text: '京I12345' }, CTX)).toEqual({ ok: false, code: 'plateFormat' });
  });

  it('a country is one of the codes the kiosk offers', () => {
    expect(validateAnswer(COUNTRY, { choice: 'CA' }, CTX)).toEqual({ ok: true, value: { choice: 'CA' } });
    expect(validateAnswer(COUNTRY, { choice: 'HK', text: 'dropped' }, CTX)).toEqual({ ok: true, value: { choice: 'HK' } });
    expect(validateAnswer(COUNTRY, {}, CTX)).toEqual({ ok: false, code: 'required' });
    expect(validateAnswer(COUNTRY, { choice: 'XX' }, CTX)).toEqual({ ok: false, code: 'countryUnknown' });
    expect(validateAnswer(COUNTRY, { choice: 'ca' }, CTX)).toEqual({ ok: false, code: 'countryUnknown' });
  });
});

describe('validateAnswer: pick', () => {
  it('keeps the picks in the order of the list, once each', () => {
    expect(validateAnswer(FINES, { picks: ['f3', 'f1', 'f3'] }, CTX)).toEqual({ ok: true, value: { picks: ['f1', 'f3'] } });
  });

  it('needs at least `min` picks, all of them on the list', () => {
    expect(validateAnswer(FINES, {}, CTX)).toEqual({ ok: false, code: 'pickNone' });
    expect(validateAnswer(FINES, { picks: [] }, CTX)).toEqual({ ok: false, code: 'pickNone' });
    expect(validateAnswer(TWO_FINES, { picks: ['f1', 'f1'] }, CTX)).toEqual({ ok: false, code: 'pickNone' });
    expect(validateAnswer(TWO_FINES, { picks: ['f1', 'f2'] }, CTX).ok).toBe(true);
    expect(validateAnswer(FINES, { picks: ['f1', 'f9'] }, CTX)).toEqual({ ok: false, code: 'invalidOption' });
    expect(validateAnswer(FINES, { picks: ['f1'] }, { ...CTX, pickable: [] })).toEqual({ ok: false, code: 'invalidOption' });
  });
});
