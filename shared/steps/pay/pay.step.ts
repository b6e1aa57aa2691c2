import { z } from 'zod';
import { readPath, type SessionData } from '../../flows/session';
import { pickItems } from '../lookup/lookup-kinds';

const catalogId = z.string().regex(/^[a-z][A-Za-z0-9]{0,47}$/);
const fen = z.number().int().min(1).max(10_000_000);

/** How much, in fen (integers only): a fixed fee, a fee per unit chosen, or the items picked from a lookup. */
export const amountSchema = z.union([
  z.object({ fixedFen: fen }).strict(),
  z.object({ unitFen: fen, times: catalogId }).strict(),
  z.object({ picked: catalogId, from: catalogId }).strict(),
]);

/** A QR-code payment, recorded as paid before anything else happens. */
export const payStepSchema = z.object({ kind: z.literal('pay'), id: catalogId, amount: amountSchema }).strict();
export type PayStep = z.infer<typeof payStepSchema>;

export const PAYMENT_FAILURES = ['canceled', 'timedOut', 'unavailable', 'inDoubt'] as const;
export type PaymentFailure = (typeof PAYMENT_FAILURES)[number];

export interface PayLocal {
  kind: 'pay';
  attempt: number;
  amountFen: number;
  qrText: string | null;
  expiresAt: number | null;
  failure: PaymentFailure | null;
}

export const payViewSchemas = [
  z.object({ name: z.literal('payment'), stepId: z.string(), amountFen: z.number().int(), qrText: z.string().nullable(), expiresAt: z.number().nullable() }),
  z.object({ name: z.literal('paymentFailed'), stepId: z.string(), amountFen: z.number().int(), failure: z.enum(PAYMENT_FAILURES) }),
] as const;

/** The amount this step asks for the session, in fen; 0 when nothing is due. */
export function amountOf(step: PayStep, session: SessionData): number {
  const amount = step.amount;
  if ('fixedFen' in amount) return amount.fixedFen;
  if ('unitFen' in amount) {
    const times = Number(readPath(session, `answers.${amount.times}`));
    return Number.isSafeInteger(times) && times > 0 ? amount.unitFen * times : 0;
  }
  const picked = new Set(session.answers[amount.picked]?.picks ?? []);
  return pickItems(session.lookups[amount.from])
    .filter((item) => picked.has(item.id))
    .reduce((sum, item) => sum + item.amountFen, 0);
}

/** The order id of a payment attempt: stable per session and attempt, so a resumed flow asks about the same order. */
export function orderIdOf(sessionId: string, attempt: number): string {
  return `${sessionId}-${attempt}`;
}
