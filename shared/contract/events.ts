import { z } from 'zod';
import { answerValueSchema } from '../catalog/questions';
import { identifyEventSchemas } from '../steps/identify/identify.step';
import { ratingEventSchemas } from '../steps/rating/rating.step';
import { langSchema } from './lang';

const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** Events a resident's screen may send to the flow: the common ones and each step kind's own. */
export const flowEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('SET_LANG'), lang: langSchema }).strict(),
  z.object({ type: z.literal('SELECT_SERVICE'), serviceId: idSchema }).strict(),
  z.object({ type: z.literal('CONTINUE') }).strict(),
  z.object({ type: z.literal('BACK') }).strict(),
  z.object({ type: z.literal('CANCEL') }).strict(),
  z.object({ type: z.literal('ANSWER'), questionId: idSchema, value: answerValueSchema }).strict(),
  // A Change link on the check page: an answer's question id, or a photo step's id.
  z.object({ type: z.literal('CHANGE'), item: idSchema }).strict(),
  z.object({ type: z.literal('SUBMIT') }).strict(),
  z.object({ type: z.literal('RETRY') }).strict(),
  z.object({ type: z.literal('FINISH') }).strict(),
  z.object({ type: z.literal('ACTIVITY') }).strict(),
  z.object({ type: z.literal('MORE_TIME') }).strict(),
  z.object({ type: z.literal('LOOKUP') }).strict(),
  z.object({ type: z.literal('LOOKUP_SUBMIT'), reference: z.string().max(40) }).strict(),
  z.object({ type: z.literal('REPRINT') }).strict(),
  // The photo itself never travels in an event: the host takes the one it checked last.
  z.object({ type: z.literal('PHOTO_ACCEPT') }).strict(),
  ...identifyEventSchemas,
  ...ratingEventSchemas,
]);
export type FlowEvent = z.infer<typeof flowEventSchema>;
