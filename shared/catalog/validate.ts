import { parsePlate } from '../domain/plate';
import { isCountryCode } from '../domain/countries';
import { assertNever } from '../util/assert-never';
import type { AnswerValue, Question } from './questions';

/** Why an answer cannot be taken; each code has its own sentence saying how to fix it. */
export const ANSWER_ERROR_CODES = ['required', 'invalidOption', 'tooLong', 'phoneFormat', 'digitsFormat', 'dateFormat', 'datePast', 'dateFuture', 'plateFormat', 'countryUnknown', 'pickNone'] as const;
export type AnswerErrorCode = (typeof ANSWER_ERROR_CODES)[number];

export type AnswerCheck = { ok: true; value: AnswerValue } | { ok: false; code: AnswerErrorCode };

/** What some checks need besides the answer: today, and the ids a pick question may take. */
export interface AnswerContext {
  /** YYYY-MM-DD. */
  today: string;
  pickable: readonly string[];
}

const OTHER_TEXT_MAX = 50;

function halfWidthDigits(input: string): string {
  return input.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

// Residents type on a touch keypad or paste; forgive spacing and full-width digits.
function normaliseDigits(input: string): string {
  return halfWidthDigits(input).replace(/[\s\-()（）]/g, '');
}

function tidyText(input: string): string {
  return input.replace(/\p{Cc}/gu, ' ').replace(/\s+/g, ' ').trim();
}

function validDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

/** Checks and normalises one answer against its question; the code names what to fix. */
export function validateAnswer(question: Question, raw: AnswerValue, ctx: AnswerContext): AnswerCheck {
  switch (question.kind) {
    case 'choice': {
      if (!raw.choice) return { ok: false, code: 'required' };
      const option = question.options.find((o) => o.id === raw.choice);
      if (!option) return { ok: false, code: 'invalidOption' };
      if (!option.withText) return { ok: true, value: { choice: option.id } };
      const text = tidyText(raw.text ?? '');
      if (!text) return { ok: false, code: 'required' };
      if ([...text].length > OTHER_TEXT_MAX) return { ok: false, code: 'tooLong' };
      return { ok: true, value: { choice: option.id, text } };
    }
    case 'text': {
      const text = tidyText(raw.text ?? '');
      if (!text) return { ok: false, code: 'required' };
      if ([...text].length > question.maxLength) return { ok: false, code: 'tooLong' };
      return { ok: true, value: { text } };
    }
    case 'phone': {
      const digits = normaliseDigits(raw.text ?? '');
      if (!digits) return { ok: false, code: 'required' };
      if (!/^1[3-9]\d{9}$/.test(digits)) return { ok: false, code: 'phoneFormat' };
      return { ok: true, value: { text: digits } };
    }
    case 'digits': {
      const digits = normaliseDigits(raw.text ?? '');
      if (!digits) return { ok: false, code: 'required' };
      if (!/^\d+$/.test(digits) || digits.length < question.minLength || digits.length > question.maxLength) return { ok: false, code: 'digitsFormat' };
      return { ok: true, value: { text: digits } };
    }
    case 'date': {
      // Not normaliseDigits: it drops the hyphens of 2026-06-01.
      const text = halfWidthDigits(raw.text ?? '').replace(/\s/g, '').replace(/[./年月]/g, '-').replace(/日$/, '');
      if (!text) return { ok: false, code: 'required' };
      const padded = text.replace(/^(\d{4})-(\d{1,2})-(\d{1,2})$/, (_, y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
      if (!validDate(padded)) return { ok: false, code: 'dateFormat' };
      if (question.range === 'past' && padded > ctx.today) return { ok: false, code: 'datePast' };
      if (question.range === 'future' && padded < ctx.today) return { ok: false, code: 'dateFuture' };
      return { ok: true, value: { text: padded } };
    }
    case 'plate': {
      if (!tidyText(raw.text ?? '')) return { ok: false, code: 'required' };
      const plate = parsePlate(raw.text ?? '');
      return plate.ok ? { ok: true, value: { text: plate.value.plate } } : { ok: false, code: 'plateFormat' };
    }
    case 'country': {
      if (!raw.choice) return { ok: false, code: 'required' };
      return isCountryCode(raw.choice) ? { ok: true, value: { choice: raw.choice } } : { ok: false, code: 'countryUnknown' };
    }
    case 'pick': {
      const picks = [...new Set(raw.picks ?? [])];
      if (picks.length < question.min) return { ok: false, code: 'pickNone' };
      if (picks.some((p) => !ctx.pickable.includes(p))) return { ok: false, code: 'invalidOption' };
      return { ok: true, value: { picks: ctx.pickable.filter((p) => picks.includes(p)) } };
    }
    default:
      return assertNever(question);
  }
}
