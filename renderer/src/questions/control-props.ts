import type { ComponentType } from 'react';
import type { AnswerValue, Question, QuestionKind } from '../../../shared/catalog/types';
import type { Lang } from '../../../shared/contract';
import type { QuestionView } from '../../../shared/steps/questions/questions.step';

/** A question of one kind. */
export type QuestionOf<K extends QuestionKind> = Extract<Question, { kind: K }>;

/** What the control of one question kind gets from the question screen. */
export interface ControlProps<K extends QuestionKind> {
  question: QuestionOf<K>;
  /** The question in words: the screen's heading, repeated as the field's (hidden) label or legend. */
  label: string;
  /** The element the error summary's link moves focus to. */
  fieldId: string;
  /** The hint and, when there is one, the error message. */
  describedBy: string;
  invalid: boolean;
  draft: AnswerValue;
  onDraft: (value: AnswerValue) => void;
  lang: Lang;
  /** A pick question's items. */
  items: QuestionView['items'];
}

/** One control per question kind; a kind without one fails the type check. */
export type ControlTable = { [K in QuestionKind]: ComponentType<ControlProps<K>> };
