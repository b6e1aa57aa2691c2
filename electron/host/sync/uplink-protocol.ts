import { createHash } from 'node:crypto';
import { z } from 'zod';
import { devicesSchema, deviceStatusSchema } from '../../../shared/contract/schemas';
import { kioskSettingsSchema, noticesSchema } from '../../../shared/contract/settings';
import { supplySchema } from '../../../shared/contract/supplies';
import { isKioskCode } from '../../../shared/domain/reference';

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
const REASON_CODE = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;
/** Five digits in a row: an ID, phone or licence number, never part of a reason code. */
const DIGIT_RUN = /\d{5}/;

/**
 * A reason that is not a short code is replaced, so nothing unchecked reaches logs or the audit
 * log: a code starts with a letter and has no run of five digits (a bare ID number is no code).
 */
export function safeReason(reason: string | undefined): string | null {
  if (reason === undefined) return null;
  return REASON_CODE.test(reason) && !DIGIT_RUN.test(reason) ? reason : 'unspecified';
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

/**
 * A code the heartbeat may carry (an event name, an error code): it starts with a letter and has
 * no run of five digits, so no ID number, phone number or reference fits in one.
 */
export const HEARTBEAT_CODE = /^(?!.*\d{5})[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

const code = z.string().regex(HEARTBEAT_CODE);
const count = z.number().int().min(0);

/**
 * Why a heartbeat was made: the kiosk (re)started, the period came round, or something needs
 * someone. One that replaced a heartbeat never sent carries the more urgent reason of the two.
 */
export const HEARTBEAT_REASONS = ['start', 'period', 'alert'] as const;

/**
 * The body of `POST {url}/kiosk-status`: the kiosk's health, made every period and at once on an
 * alert. State codes, levels, counts and codes only: device `detail` (an operator's words) is
 * left out, and nothing in it comes from a resident.
 */
export const heartbeatSchema = z
  .object({
    kioskId: z.string().refine(isKioskCode),
    /** When the kiosk made it (ISO 8601, UTC): the platform measures its delay from here. */
    at: z.iso.datetime(),
    reason: z.enum(HEARTBEAT_REASONS),
    /** When this run of the kiosk started; with `seq` it names the heartbeat. */
    startedAt: z.iso.datetime(),
    /** Rises by one per heartbeat made in this run; a gap is heartbeats replaced by newer ones before they were sent. */
    seq: z.number().int().min(1),
    uptimeS: count,
    version: z.string().regex(/^[0-9A-Za-z.+-]{1,40}$/),
    devices: z.partialRecord(devicesSchema.keyof(), deviceStatusSchema.omit({ detail: true }).strict()),
    supplies: z.array(supplySchema.pick({ supply: true, state: true, level: true, capacity: true }).strict()).max(16),
    /** Residents' "Call an officer" requests: how many are open, when the newest was made; absent without a help desk. */
    help: z.object({ open: count, lastAt: z.iso.datetime().nullable() }).strict().optional(),
    /** The outbox by state: how many submissions wait, are on their way, are done or failed. */
    outbox: z.object({ queued: count, sending: count, sent: count, accepted: count, rejected: count, failed: count }).strict(),
    /** The configuration version the kiosk runs (0: none from the platform yet); absent without remote configuration. */
    config: z.object({ version: count }).strict().optional(),
    /** The latest warnings and errors the kiosk logged, newest first: the event, its code, how often, when last. */
    errors: z.array(z.object({ event: code, code: code.nullable(), count: z.number().int().min(1), lastAt: z.iso.datetime() }).strict()).max(10),
  })
  .strict();

/** A heartbeat as sent. */
export type Heartbeat = z.infer<typeof heartbeatSchema>;

/** The Idempotency-Key of a heartbeat: the same heartbeat sent again carries the same key. */
export function heartbeatKey(hb: Pick<Heartbeat, 'startedAt' | 'seq'>): string {
  return `heartbeat-${Date.parse(hb.startedAt)}-${hb.seq}`;
}

/**
 * The body of `GET {url}/kiosk-config` (200): the configuration the platform wants this kiosk to
 * run. `version` only ever rises; `settings` names the admin settings the platform sets (those it
 * leaves out stay as they are); `notices` replaces the welcome screen's notices whole.
 */
export const kioskConfigSchema = z
  .object({
    version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    settings: kioskSettingsSchema.partial().strict(),
    notices: noticesSchema,
  })
  .strict();

/** A configuration as the platform serves it. */
export type KioskConfig = z.infer<typeof kioskConfigSchema>;

/** The ETag (and If-None-Match) of a configuration version. */
export function configEtag(version: number): string {
  return `"${version}"`;
}

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
