import { z } from 'zod';

/** What the ID card reader delivers, already decoded. Personal data: never log it. */
export const identityCardSchema = z.object({
  name: z.string(),
  sex: z.enum(['M', 'F']),
  /** GB 3304 ethnicity code, two digits. */
  ethnicity: z.string(),
  birthDate: z.string(),
  address: z.string(),
  idNumber: z.string(),
  authority: z.string(),
  validFrom: z.string(),
  /** `YYYY-MM-DD`, or `permanent` for cards marked 长期. */
  validTo: z.string(),
});
export type IdentityCard = z.infer<typeof identityCardSchema>;

/** The value a resident gives for one question: a choice, a text, or several picked items. */
export const answerValueSchema = z
  .object({
    choice: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
    text: z.string().max(200).optional(),
    picks: z.array(z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/)).max(50).optional(),
  })
  .strict();
export type AnswerValue = z.infer<typeof answerValueSchema>;

/** Ids in the catalog: question, step and option ids are i18n key parts, so they are plain words. */
export const catalogId = z.string().regex(/^[a-z][A-Za-z0-9]{0,47}$/);
const optionId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/);

/** Where a value comes from in the session: a card field, an earlier answer, a lookup result. */
export const sourcePath = z.string().regex(/^(identity|answers|lookups)(\.[A-Za-z0-9_]+)+$/);

/** Shows a question only when an earlier answer is (or is not) one of these choices. */
export const conditionSchema = z
  .object({ question: catalogId, is: z.array(optionId).min(1).optional(), isNot: z.array(optionId).min(1).optional() })
  .strict()
  .refine((c) => (c.is === undefined) !== (c.isNot === undefined), { message: 'a condition says is or isNot' });
export type Condition = z.infer<typeof conditionSchema>;

const base = {
  id: catalogId,
  /** Answered before the resident does, from the card or the platform (they can change it). */
  prefill: sourcePath.optional(),
  when: conditionSchema.optional(),
  /** Printed on the slip. */
  onSlip: z.boolean().optional(),
};

/** The kinds of question, each with its own screen control and its own check. */
export const QUESTION_KINDS = ['choice', 'text', 'digits', 'phone', 'date', 'plate', 'country', 'pick'] as const;

export const questionSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('choice'), options: z.array(z.object({ id: optionId, withText: z.boolean().optional() }).strict()).min(2) }).strict(),
  z.object({ ...base, kind: z.literal('text'), maxLength: z.number().int().min(1).max(200) }).strict(),
  // Digits typed on the keypad: a licence number, a count, a verification code.
  z.object({ ...base, kind: z.literal('digits'), minLength: z.number().int().min(1).max(30), maxLength: z.number().int().min(1).max(30) }).strict(),
  z.object({ ...base, kind: z.literal('phone') }).strict(),
  // A date: `past` for a date of birth or an event, `future` for an appointment or a trip.
  z.object({ ...base, kind: z.literal('date'), range: z.enum(['past', 'future']) }).strict(),
  z.object({ ...base, kind: z.literal('plate') }).strict(),
  // A country or region from the list the kiosk knows (ISO 3166 alpha-2, plus HK, MO, TW).
  z.object({ ...base, kind: z.literal('country') }).strict(),
  // Items of an earlier lookup the resident picks, e.g. which traffic fines to pay.
  z.object({ ...base, kind: z.literal('pick'), from: catalogId, min: z.number().int().min(1).default(1) }).strict(),
]);
export type Question = z.output<typeof questionSchema>;
export type QuestionKind = Question['kind'];
