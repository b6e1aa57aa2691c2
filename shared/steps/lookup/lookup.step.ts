import { z } from 'zod';
import { readPath, type SessionData } from '../../flows/session';
import { LOOKUP_FAILURES, LOOKUP_KINDS, LOOKUP_PARAMS, lookupDataSchema, type LookupFailure } from './lookup-kinds';

const catalogId = z.string().regex(/^[a-z][A-Za-z0-9]{0,47}$/);

/** Data only the platform has, asked for with values from the session. */
export const lookupStepSchema = z
  .object({
    kind: z.literal('lookup'),
    id: catalogId,
    lookup: z.enum(LOOKUP_KINDS),
    /** Each parameter of the lookup kind, and the session path that gives it. */
    params: z.record(z.string(), z.string().regex(/^(identity|answers|lookups)(\.[A-Za-z0-9_]+)+$/)),
    /** Shows the resident what the platform said (a status query), with Continue. */
    show: z.boolean().optional(),
  })
  .strict()
  .superRefine((step, ctx) => {
    const wanted = LOOKUP_PARAMS[step.lookup];
    for (const name of Object.keys(step.params)) {
      if (!wanted.includes(name)) ctx.addIssue({ code: 'custom', message: `the ${step.lookup} lookup takes no parameter ${name}`, path: ['params', name] });
    }
  });
export type LookupStep = z.infer<typeof lookupStepSchema>;

export interface LookupLocal {
  kind: 'lookup';
  failure: LookupFailure | null;
}

export const lookupViewSchemas = [
  z.object({ name: z.literal('lookingUp'), stepId: z.string(), lookup: z.enum(LOOKUP_KINDS) }),
  z.object({ name: z.literal('lookupFailed'), stepId: z.string(), lookup: z.enum(LOOKUP_KINDS), failure: z.enum(LOOKUP_FAILURES) }),
  // What the platform said, for a step that shows it: the data of its kind, as checked.
  z.object({ name: z.literal('lookupShown'), stepId: z.string(), found: lookupDataSchema }),
] as const;

/** The lookup's parameters from the session; a missing value is left out (the platform says notFound). */
export function lookupParams(step: LookupStep, session: SessionData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, path] of Object.entries(step.params)) {
    const value = readPath(session, path);
    if (typeof value === 'string' && value !== '') out[name] = value;
  }
  return out;
}
