import { z } from 'zod';
import { answerValueSchema, questionSchema, type AnswerValue, type Question } from '../../catalog/questions';
import { readPath, type SessionData } from '../../flows/session';
import { lookupDataSchemas, pickItems } from '../lookup/lookup-kinds';

const catalogId = z.string().regex(/^[a-z][A-Za-z0-9]{0,47}$/);

/** One question per screen, in order; some shown only when an earlier answer calls for them. */
export const questionsStepSchema = z.object({ kind: z.literal('questions'), id: catalogId, questions: z.array(questionSchema).min(1) }).strict();
export type QuestionsStep = z.infer<typeof questionsStepSchema>;

export interface QuestionsLocal {
  kind: 'questions';
  index: number;
  error: { questionId: string; code: string } | null;
}

const fineItem = lookupDataSchemas.fines.shape.items.element;

export const questionViewSchema = z.object({
  name: z.literal('question'),
  stepId: z.string(),
  question: questionSchema,
  /** Position among the questions this resident sees (conditional ones left out). */
  index: z.number().int(),
  total: z.number().int(),
  answer: answerValueSchema.nullable(),
  error: z.string().nullable(),
  returnToCheck: z.boolean(),
  /** For a pick question: the items to choose from (traffic fines and the like). */
  items: z.array(fineItem).nullable(),
});
export type QuestionView = z.infer<typeof questionViewSchema>;

/** True when the question applies to this resident, given the answers so far. */
export function applies(question: Question, answers: Record<string, AnswerValue>): boolean {
  if (!question.when) return true;
  const choice = answers[question.when.question]?.choice;
  if (question.when.is) return choice !== undefined && question.when.is.includes(choice);
  return choice === undefined || !(question.when.isNot ?? []).includes(choice);
}

/** The index of the next question that applies after `from` (or at it, with `inclusive`), or -1. */
export function nextApplicable(step: QuestionsStep, answers: Record<string, AnswerValue>, from: number, direction: 1 | -1 = 1): number {
  for (let i = from; i >= 0 && i < step.questions.length; i += direction) {
    const q = step.questions[i];
    if (q && applies(q, answers)) return i;
  }
  return -1;
}

/** Answers with the question at `index` prefilled from the card or the platform, unless already answered. */
export function prefilled(step: QuestionsStep, index: number, session: SessionData): Record<string, AnswerValue> {
  const question = step.questions[index];
  if (!question?.prefill || session.answers[question.id]) return session.answers;
  const value = readPath(session, question.prefill);
  if (typeof value !== 'string' || value === '') return session.answers;
  return { ...session.answers, [question.id]: question.kind === 'choice' ? { choice: value } : { text: value } };
}

/** The ids a pick question may take: the payable items of its lookup. */
export function pickableIds(question: Question, session: SessionData): string[] {
  return question.kind === 'pick' ? pickItems(session.lookups[question.from]).map((i) => i.id) : [];
}

/** The items a pick question shows. */
export function pickView(question: Question, session: SessionData): QuestionView['items'] {
  if (question.kind !== 'pick') return null;
  const found = session.lookups[question.from];
  return found?.kind === 'fines' ? found.data.items : [];
}

/** The question screen: the question, where it stands among those that apply, the answer so far. */
export function questionView(step: QuestionsStep, local: QuestionsLocal, session: SessionData, returnToCheck: boolean): QuestionView | null {
  const question = step.questions[local.index];
  if (!question) return null;
  const shown = step.questions.filter((q) => applies(q, session.answers));
  return {
    name: 'question',
    stepId: step.id,
    question,
    index: Math.max(0, shown.indexOf(question)),
    total: shown.length,
    answer: session.answers[question.id] ?? null,
    error: local.error?.questionId === question.id ? local.error.code : null,
    returnToCheck,
    items: pickView(question, session),
  };
}
