import { assertNever } from '../util/assert-never';
import type { AnswerValue, Question } from './types';

export type AnswerErrorCode = 'required' | 'invalidOption' | 'tooLong' | 'phoneFormat';

export type AnswerCheck = { ok: true; value: AnswerValue } | { ok: false; code: AnswerErrorCode };

const OTHER_TEXT_MAX = 50;

// Residents type on a touch keypad or paste; forgive spacing and full-width digits.
function normaliseDigits(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-()（）]/g, '');
}

function tidyText(input: string): string {
  return input.replace(/\p{Cc}/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** Checks and normalises one answer against its question; the code names what to fix. */
export function validateAnswer(question: Question, raw: AnswerValue): AnswerCheck {
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
    default:
      return assertNever(question);
  }
}

