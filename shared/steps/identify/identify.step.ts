import { z } from 'zod';
import { IDENTITY_METHODS, localDate, ageOn, type Identity, type IdentityMethod } from '../../flows/session';
import { parseResidentId } from '../../domain/resident-id';

/** Who the service needs: which documents prove it, and whether an expired one will do. */
export const identifyStepSchema = z
  .object({
    kind: z.literal('identify'),
    id: z.string().regex(/^[a-z][A-Za-z0-9]{0,47}$/),
    methods: z.array(z.enum(IDENTITY_METHODS)).min(1),
    /** A renewal takes the very card that has run out. */
    acceptExpired: z.boolean().optional(),
  })
  .strict();
export type IdentifyStep = z.infer<typeof identifyStepSchema>;

/** Why what was presented cannot be used; each has its own sentence on screen. */
export const IDENTIFY_ERRORS = [
  'unreadable',
  'invalidNumber',
  'expired',
  'readerUnavailable',
  'wrongDocument',
  'notFound',
  'wrongCode',
  'tooManyAttempts',
  'platformUnavailable',
] as const;
export type IdentifyError = (typeof IDENTIFY_ERRORS)[number];

/** Where identification stands: choosing a document, presenting it, or typing a number and a code. */
export type IdentifyPhase = 'choose' | 'present' | 'otpNumber' | 'otpCode' | 'failed';

export interface IdentifyLocal {
  kind: 'identify';
  method: IdentityMethod | null;
  error: IdentifyError | null;
  /** What was read, for the moment it is checked; never kept past this step. */
  identity?: Identity | null;
  /** The ID number typed for a one-time code, and the masked phone it was sent to. */
  otp: { idNumber: string | null; phoneMasked: string | null; attempts: number; error: 'idNumberFormat' | 'codeFormat' | null; code: string | null };
}

export const identifyViewSchema = z.object({
  name: z.literal('identify'),
  phase: z.enum(['choose', 'present', 'otpNumber', 'otpCode', 'failed']),
  methods: z.array(z.enum(IDENTITY_METHODS)),
  method: z.enum(IDENTITY_METHODS).nullable(),
  error: z.enum(IDENTIFY_ERRORS).nullable(),
  /** A typing mistake on the number or code screen. */
  inputError: z.enum(['idNumberFormat', 'codeFormat']).nullable(),
  phoneMasked: z.string().nullable(),
  /** True while the kiosk works (reading, sending or checking a code): controls wait. */
  busy: z.boolean(),
  /** Wrong one-time codes the resident may still type in this session. */
  codesLeft: z.number().int().min(0),
});
export type IdentifyView = z.infer<typeof identifyViewSchema>;

/** The identify step's events from the resident's screen. */
export const identifyEventSchemas = [
  z.object({ type: z.literal('IDENTIFY_WITH'), method: z.enum(IDENTITY_METHODS) }).strict(),
  z.object({ type: z.literal('OTP_ID_NUMBER'), idNumber: z.string().max(30) }).strict(),
  z.object({ type: z.literal('OTP_CODE'), code: z.string().max(12) }).strict(),
] as const;

/** A fresh identify step: straight to presenting when there is only one way. */
export function initialIdentify(step: IdentifyStep): IdentifyLocal {
  return { kind: 'identify', method: step.methods.length === 1 ? (step.methods[0] ?? null) : null, error: null, otp: { idNumber: null, phoneMasked: null, attempts: 0, error: null, code: null } };
}

/** Why an identity that was read cannot be used for this step, or null when it can. */
export function identityProblem(identity: Identity, step: IdentifyStep, now: Date): IdentifyError | null {
  if (identity.method === 'idCard' && (identity.idNumber === null || !parseResidentId(identity.idNumber).ok)) return 'invalidNumber';
  const validTo = identity.document.validTo;
  if (!step.acceptExpired && validTo !== null && validTo !== 'permanent' && validTo < localDate(now)) return 'expired';
  if (Number.isNaN(ageOn(identity.birthDate, localDate(now)))) return 'unreadable';
  return null;
}

/** The document a reading method asks the MRZ reader for, or null for the card reader and the code. */
export function documentCodeOf(method: IdentityMethod): 'CS' | 'CD' | 'P' | null {
  if (method === 'hkMacaoPermit') return 'CS';
  if (method === 'taiwanPermit') return 'CD';
  if (method === 'passport') return 'P';
  return null;
}

/** A typed ID number, normalised, or null when it is not a valid one. */
export function typedIdNumber(input: string): string | null {
  const parsed = parseResidentId(input);
  return parsed.ok ? parsed.value.number : null;
}

/** The six digits of a one-time code, forgiving spaces and full-width digits; null when it is not one. */
export function normaliseCode(input: string): string | null {
  const digits = input.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** How many wrong codes end the attempt: the resident is sent to a counter. */
export const MAX_CODE_ATTEMPTS = 3;

/** The identify screen for the sub-state the part is in. */
export function identifyView(step: IdentifyStep, local: IdentifyLocal, sub: string | null, codeFailures = 0): IdentifyView {
  const phase: IdentifyPhase =
    sub === 'choose' ? 'choose' : sub === 'otpNumber' || sub === 'otpSending' ? 'otpNumber' : sub === 'otpCode' || sub === 'otpVerifying' ? 'otpCode' : sub === 'failed' ? 'failed' : 'present';
  return {
    name: 'identify',
    phase,
    methods: step.methods,
    method: local.method,
    error: local.error,
    inputError: local.otp.error,
    phoneMasked: local.otp.phoneMasked,
    busy: sub === 'otpSending' || sub === 'otpVerifying',
    codesLeft: Math.max(0, MAX_CODE_ATTEMPTS - codeFailures),
  };
}
