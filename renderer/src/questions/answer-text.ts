import { useTranslation } from 'react-i18next';
import type { AnswerValue, Question } from '../../../shared/catalog/types';
import type { Lang } from '../../../shared/contract';
import { assertNever } from '../../../shared/util/assert-never';
import { formatDay } from '../format';
import { countryName } from './country-names';

/** An answer as the check page shows it, in the resident's language. */
export function useAnswerText(lang: Lang) {
  const { t } = useTranslation();
  return (question: Question, answer: AnswerValue): string => {
    switch (question.kind) {
      case 'choice': {
        const option = t(`questions.${question.id}.options.${answer.choice ?? ''}`);
        return answer.text ? t('check.otherAnswer', { option, text: answer.text }) : option;
      }
      case 'country':
        return answer.choice ? countryName(answer.choice, lang, t) : '';
      case 'date':
        return formatDay(answer.text ?? '', lang);
      case 'pick':
        return t('check.picked', { count: answer.picks?.length ?? 0 });
      case 'text':
      case 'digits':
      case 'phone':
      case 'plate':
        return answer.text ?? '';
      default:
        return assertNever(question);
    }
  };
}

/**
 * Whether an answer is the resident's own detail (what they typed: names, numbers, dates,
 * addresses, plates), spoken only into a headset. Options chosen from a list are not.
 */
export function isPersonal(question: Question, answer?: AnswerValue): boolean {
  switch (question.kind) {
    case 'choice':
      return Boolean(answer?.text);
    case 'country':
    case 'pick':
      return false;
    case 'date':
    case 'text':
    case 'digits':
    case 'phone':
    case 'plate':
      return true;
    default:
      return assertNever(question);
  }
}
