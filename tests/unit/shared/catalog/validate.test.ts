import { describe, expect, it } from 'vitest';
import { catalog, findService, noCriminalRecord } from '../../../../shared/catalog/services';
import type { Question } from '../../../../shared/catalog/types';
import { validateAnswer } from '../../../../shared/catalog/validate';

const q = (id: string): Question => {
  const found = noCriminalRecord.questions.find((x) => x.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
};

describe('validateAnswer', () => {
  it('phone: forgives spaces, hyphens, brackets and full-width digits', () => {
    expect(validateAnswer(q('phone'), { text: '139 0000-0000' })).toEqual({ ok: true, value: { text: '13900000000' } });
    expect(validateAnswer(q('phone'), { text: '（139）００００００００' })).toEqual({ ok: true, value: { text: '13900000000' } });
  });

  it.each([
    ['', 'required'],
    ['1390000000', 'phoneFormat'],
    ['139000000001', 'phoneFormat'],
    ['12900000000', 'phoneFormat'],
    ['1390000000a', 'phoneFormat'],
  ])('phone %j -> %s', (text, code) => {
    expect(validateAnswer(q('phone'), { text })).toEqual({ ok: false, code });
  });

  it('text: trims, folds white space and control characters, limits length by characters', () => {
    expect(validateAnswer(q('destination'), { text: '  加拿大\t多伦多\n ' })).toEqual({ ok: true, value: { text: '加拿大 多伦多' } });
    expect(validateAnswer(q('destination'), { text: '   ' })).toEqual({ ok: false, code: 'required' });
    expect(validateAnswer(q('destination'), { text: '国'.repeat(60) }).ok).toBe(true);
    expect(validateAnswer(q('destination'), { text: '国'.repeat(61) })).toEqual({ ok: false, code: 'tooLong' });
  });

  it('choice: only listed options; "other" needs its text; stray text is dropped', () => {
    expect(validateAnswer(q('purpose'), { choice: 'job', text: 'ignored' })).toEqual({ ok: true, value: { choice: 'job' } });
    expect(validateAnswer(q('purpose'), { choice: 'other', text: ' 领养 ' })).toEqual({ ok: true, value: { choice: 'other', text: '领养' } });
    expect(validateAnswer(q('purpose'), { choice: 'other' })).toEqual({ ok: false, code: 'required' });
    expect(validateAnswer(q('purpose'), { choice: 'other', text: 'x'.repeat(51) })).toEqual({ ok: false, code: 'tooLong' });
    expect(validateAnswer(q('purpose'), {})).toEqual({ ok: false, code: 'required' });
    expect(validateAnswer(q('purpose'), { choice: 'collect' })).toEqual({ ok: false, code: 'invalidOption' });
  });
});

describe('catalog', () => {
  it('has unique service ids and unique question ids per service, and finds them', () => {
    expect(new Set(catalog.map((s) => s.id)).size).toBe(catalog.length);
    for (const s of catalog) {
      expect(new Set(s.questions.map((x) => x.id)).size).toBe(s.questions.length);
      expect(findService(s.id)).toBe(s);
      for (const id of s.slipAnswers) expect(s.questions.some((x) => x.id === id)).toBe(true);
    }
    expect(findService('nope')).toBeUndefined();
  });
});
