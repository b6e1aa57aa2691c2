import { createHash } from 'node:crypto';
import { z } from 'zod';

/** One submission as posted to the platform (the protocol is described in uplink.ts). */
export interface WireSubmission {
  reference: string;
  idempotencyKey: string;
  serviceId: string;
  lang: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  /** The applicant and answers, as the resident confirmed them. */
  payload: unknown;
}

/** One audit entry as the platform gets it: codes and references only, never personal data. */
export interface WireAuditEntry {
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject: string | null;
  detail: Record<string, string | number | boolean | null>;
  prevHash: string;
  hash: string;
  keyId: string | null;
}

/** The kiosk's audit log as it stands, and the entries the platform has not acknowledged yet. */
export interface WireAudit {
  head: { count: number; hash: string };
  entries: WireAuditEntry[];
}

/** The body of `POST {url}/submissions`. */
export interface SubmitRequestBody {
  kioskId: string;
  submissions: WireSubmission[];
  audit: WireAudit;
}

// Reasons are codes the kiosk translates; free text from outside could carry anything into logs.
const REASON_CODE = /^[A-Za-z0-9_.:-]{1,64}$/;

/** A reason that is not a short code is replaced, so nothing unchecked reaches logs or the audit log. */
export function safeReason(reason: string | undefined): string | null {
  if (reason === undefined) return null;
  return REASON_CODE.test(reason) ? reason : 'unspecified';
}

/**
 * What the platform made of the audit part: the entries it holds, up to which position, or the
 * problem it found (the log is shorter than before, an entry it holds has changed, or entries
 * do not follow on from what it holds).
 */
export const auditAnswerSchema = z.union([
  z.object({ acceptedThrough: z.number().int().min(0) }).strict(),
  z.object({ problem: z.enum(['regressed', 'forked', 'gap']), at: z.number().int().min(0) }).strict(),
]);

/** The platform's answer to a submit: one result per submission it saw. */
export const submitResponseSchema = z.object({
  results: z.array(
    z.object({
      reference: z.string(),
      status: z.enum(['stored', 'duplicate', 'invalid']),
      reason: z.string().optional(),
    }),
  ),
  audit: auditAnswerSchema.optional(),
});

/** The platform's answer to a status query; references it does not know are left out. */
export const statusResponseSchema = z.object({
  statuses: z.array(
    z.object({
      reference: z.string(),
      state: z.enum(['received', 'accepted', 'rejected']),
      reason: z.string().optional(),
      certificateReady: z.boolean().optional(),
    }),
  ),
});

/** The platform's answer to a batch of review decisions: the ids it keeps. */
export const reviewsResponseSchema = z.object({ stored: z.array(z.number().int()) });

/** A parsed submit answer. */
export type SubmitResponse = z.infer<typeof submitResponseSchema>;
/** A parsed status answer. */
export type StatusResponse = z.infer<typeof statusResponseSchema>;

/**
 * The Idempotency-Key header of a request: the submission's own key for a single one, and
 * for a batch a key derived from its items, so the same batch sent again carries the same key.
 */
export function requestIdempotencyKey(itemKeys: readonly string[]): string {
  if (itemKeys.length === 1 && itemKeys[0] !== undefined) return itemKeys[0];
  const digest = createHash('sha256').update([...itemKeys].sort().join('\n')).digest('hex');
  return `batch-${digest.slice(0, 32)}`;
}

/** Parses a JSON body against a schema; undefined when it is not JSON or does not match. */
export function parseBody<T>(schema: z.ZodType<T>, body: string): T | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
