import { z } from 'zod';
import { conditionSchema } from '../../catalog/questions';
import { ageOn, localDate, readPath, type SessionData } from '../../flows/session';
import { pickItems } from '../lookup/lookup-kinds';

const catalogId = z.string().regex(/^[a-z][A-Za-z0-9]{0,47}$/);
const scalar = z.union([z.string().max(64), z.number(), z.boolean()]);

/** Facts computed from the identity; every other fact is a session path (`lookups.<step>.<field>`, `answers.<id>`). */
export const IDENTITY_FACTS = ['identity.age', 'identity.documentExpired', 'identity.daysToExpiry', 'identity.hasIdNumber'] as const;

/** One rule: the resident may go on only when `fact` `op` `value` holds; otherwise the screen says why and what to do instead. */
export const ruleSchema = z
  .object({
    id: catalogId,
    /** The rule applies only when an earlier answer is (not) one of these choices. */
    when: conditionSchema.optional(),
    fact: z.string().regex(/^(identity|answers|lookups)(\.[A-Za-z0-9_]+)+$/),
    op: z.enum(['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn']),
    value: z.union([scalar, z.array(scalar).min(1)]),
  })
  .strict();
export type EligibilityRule = z.infer<typeof ruleSchema>;

/** Rules over the card and platform data, each refusal explained. */
export const eligibilityStepSchema = z.object({ kind: z.literal('eligibility'), id: catalogId, rules: z.array(ruleSchema).min(1) }).strict();
export type EligibilityStep = z.infer<typeof eligibilityStepSchema>;

export interface EligibilityLocal {
  kind: 'eligibility';
  refusedBy: string | null;
}

export const refusedViewSchema = z.object({ name: z.literal('refused'), stepId: z.string(), ruleId: z.string() });
export type RefusedView = z.infer<typeof refusedViewSchema>;

/** The value of a fact for this session on this day; undefined when the session does not have it. */
export function readFact(session: SessionData, fact: string, now: Date): unknown {
  const identity = session.identity;
  const today = localDate(now);
  switch (fact) {
    case 'identity.age':
      return identity ? ageOn(identity.birthDate, today) : undefined;
    case 'identity.documentExpired': {
      const validTo = identity?.document.validTo;
      return validTo === undefined || validTo === null ? undefined : validTo !== 'permanent' && validTo < today;
    }
    case 'identity.daysToExpiry': {
      const validTo = identity?.document.validTo;
      if (!validTo) return undefined;
      if (validTo === 'permanent') return Number.POSITIVE_INFINITY;
      return Math.round((Date.parse(`${validTo}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
    }
    case 'identity.hasIdNumber':
      return identity ? identity.idNumber !== null : undefined;
    default: {
      // lookups.<step>.pickableCount: how many of its items the resident could pick (fines to pay).
      const pickable = /^lookups\.([A-Za-z0-9_]+)\.pickableCount$/.exec(fact);
      if (pickable) return session.lookups[pickable[1] ?? ''] ? pickItems(session.lookups[pickable[1] ?? '']).length : undefined;
      return readPath(session, fact);
    }
  }
}

function holds(actual: unknown, op: EligibilityRule['op'], expected: EligibilityRule['value']): boolean {
  if (actual === undefined) return false;
  const list = Array.isArray(expected) ? expected : [expected];
  switch (op) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'in':
      return list.includes(actual as never);
    case 'notIn':
      return !list.includes(actual as never);
    case 'lt':
      return typeof actual === 'number' && typeof expected === 'number' && actual < expected;
    case 'lte':
      return typeof actual === 'number' && typeof expected === 'number' && actual <= expected;
    case 'gt':
      return typeof actual === 'number' && typeof expected === 'number' && actual > expected;
    case 'gte':
      return typeof actual === 'number' && typeof expected === 'number' && actual >= expected;
  }
}

function conditionHolds(when: NonNullable<EligibilityRule['when']>, session: SessionData): boolean {
  const choice = session.answers[when.question]?.choice;
  if (when.is) return choice !== undefined && when.is.includes(choice);
  return choice === undefined || !(when.isNot ?? []).includes(choice);
}

/** The first rule the session does not meet, or null when it meets them all. */
export function firstRefusal(step: EligibilityStep, session: SessionData, now: Date): string | null {
  for (const rule of step.rules) {
    if (rule.when && !conditionHolds(rule.when, session)) continue;
    if (!holds(readFact(session, rule.fact, now), rule.op, rule.value)) return rule.id;
  }
  return null;
}
