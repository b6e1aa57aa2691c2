import { z } from 'zod';
import { answerValueSchema, questionSchema } from '../../catalog/questions';
import type { ServiceEntry } from '../../catalog/catalog-schema';
import { maskResidentId } from '../../domain/resident-id';
import { IDENTITY_METHODS, type SessionData } from '../../flows/session';
import { applies, pickView, questionViewSchema } from '../questions/questions.step';

const catalogId = z.string().regex(/^[a-z][A-Za-z0-9]{0,47}$/);

/** Check your answers: every answer and photo with a Change link, the applicant and the fee. */
export const checkStepSchema = z.object({ kind: z.literal('check'), id: catalogId }).strict();
export type CheckStep = z.infer<typeof checkStepSchema>;

export const checkViewSchema = z.object({
  name: z.literal('check'),
  stepId: z.string(),
  applicant: z.object({ name: z.string(), numberMasked: z.string(), method: z.enum(IDENTITY_METHODS) }).nullable(),
  rows: z.array(
    z.discriminatedUnion('kind', [
      // A pick answer carries the items picked, so the page can show what is paid for.
      z.object({ kind: z.literal('answer'), question: questionSchema, value: answerValueSchema, picked: questionViewSchema.shape.items }),
      z.object({ kind: z.literal('photo'), stepId: z.string(), photo: z.string().nullable() }),
    ]),
  ),
  /** What the pay step after this one will ask, in fen; 0 when there is nothing to pay. */
  feeFen: z.number().int(),
});
export type CheckView = z.infer<typeof checkViewSchema>;

/** The check page's rows: the answers that apply, in order, and the photo, each with its Change target. */
export function checkView(step: CheckStep, entry: ServiceEntry, session: SessionData, feeFen: number): CheckView {
  const rows: CheckView['rows'] = [];
  for (const s of entry.steps) {
    if (s.kind === 'questions') {
      for (const question of s.questions) {
        const value = session.answers[question.id];
        if (!value || !applies(question, session.answers)) continue;
        const picks = new Set(value.picks ?? []);
        rows.push({ kind: 'answer', question, value, picked: question.kind === 'pick' ? (pickView(question, session) ?? []).filter((i) => picks.has(i.id)) : null });
      }
    } else if (s.kind === 'photo') rows.push({ kind: 'photo', stepId: s.id, photo: session.photo });
    if (s.id === step.id) break;
  }
  const identity = session.identity;
  return {
    name: 'check',
    stepId: step.id,
    applicant: identity ? { name: identity.name, numberMasked: maskResidentId(identity.document.number), method: identity.method } : null,
    rows,
    feeFen,
  };
}
