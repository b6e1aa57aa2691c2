import type { Question } from '../../../../shared/catalog/types';
import type { ScreenOf } from '../../../../shared/contract';

/** A question screen as the host sends it, first of three, nothing answered yet. */
export function questionScreen(question: Question, more: Partial<ScreenOf<'question'>> = {}): ScreenOf<'question'> {
  return { name: 'question', stepId: 'details', question, index: 0, total: 3, answer: null, error: null, returnToCheck: false, items: null, ...more };
}
