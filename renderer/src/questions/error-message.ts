import type { TFunction } from 'i18next';
import type { AnswerValue, Question } from '../../../shared/catalog/types';
import { ANSWER_ERROR_CODES } from '../../../shared/catalog/validate';

const KNOWN = new Set<string>(ANSWER_ERROR_CODES);

/** What is wrong with an answer and how to fix it, for the error summary and the field. */
export function errorMessage(t: TFunction, question: Question, code: string, draft: AnswerValue): string {
  if (!KNOWN.has(code)) return t('errors.invalid');
  if (code === 'required') {
    if (question.kind === 'choice') return draft.choice ? t('errors.requiredOther') : t('errors.requiredChoice');
    if (question.kind === 'country') return t('errors.requiredCountry');
    if (question.kind === 'date') return t('errors.requiredDate');
    return t('errors.required');
  }
  if (code === 'digitsFormat' && question.kind === 'digits') {
    return question.minLength === question.maxLength
      ? t('errors.digitsExact', { count: question.maxLength })
      : t('errors.digitsFormat', { min: question.minLength, max: question.maxLength });
  }
  if (code === 'pickNone' && question.kind === 'pick') return t('errors.pickNone', { min: question.min });
  return t(`errors.${code}`);
}
