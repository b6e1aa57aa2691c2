import { z } from 'zod';
import { canonicalUid } from '../hardware/staff-card-reader';

/** What a staff member may do: restock and look after devices, review submissions, run the kiosk. */
export const STAFF_ROLES = ['restocker', 'reviewer', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Staff numbers are 4 to 12 digits; PINs 6 to 12 digits, typed on the keypad. */
export const staffNumberSchema = z.string().regex(/^\d{4,12}$/, 'A staff number is 4 to 12 digits');
export const pinSchema = z.string().regex(/^\d{6,12}$/, 'A PIN is 6 to 12 digits');
/** A staff card's UID as readers print it: 4, 7 or 10 bytes in hex (separators allowed), or 10 decimal digits. */
export const cardUidSchema = z
  .string()
  .max(32)
  .refine((uid) => canonicalUid(uid) !== null, 'A card UID is 8, 14 or 20 hexadecimal digits, or 10 decimal digits');

export const staffSessionSchema = z.object({
  staffNumber: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
  /** When the session ends unless staff touch something before (ms since the epoch). */
  idleEndsAt: z.number(),
});
export type StaffSession = z.infer<typeof staffSessionSchema>;

/** Why a sign-in was refused: a code the screen translates. */
export const SIGN_IN_REFUSALS = ['wrongCredentials', 'locked', 'residentSession', 'noCard', 'noStaffYet', 'setupCodeWrong', 'setupCodeMissing', 'staffExist', 'weakPin', 'tooManyAttempts'] as const;
export type SignInRefusal = (typeof SIGN_IN_REFUSALS)[number];

export const signInResultSchema = z.discriminatedUnion('signedIn', [
  z.object({ signedIn: z.literal(true), session: staffSessionSchema }),
  z.object({
    signedIn: z.literal(false),
    reason: z.enum(SIGN_IN_REFUSALS),
    /** Wrong PINs left before the lock, for a known staff member. */
    attemptsLeft: z.number().int().nullable(),
    /** Until when the staff member is locked out (locked), or sign-in by staff number is paused (tooManyAttempts). */
    lockedUntil: z.number().nullable(),
  }),
]);
export type SignInResult = z.infer<typeof signInResultSchema>;

/** What the hidden way in shows: the set-up form on a new kiosk, the card's PIN pad, or number + PIN. */
export const staffDoorSchema = z.object({
  hasStaff: z.boolean(),
  /** A staff card lies on the reader: only its PIN is asked. */
  cardPresented: z.boolean(),
  session: staffSessionSchema.nullable(),
});

/** Pushed when a staff session starts or ends, and when a staff card is presented. */
export const staffEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('signedIn'), session: staffSessionSchema }),
  z.object({ kind: z.literal('ended'), reason: z.enum(['signedOut', 'idle', 'residentCard', 'residentActivity']) }),
  z.object({ kind: z.literal('cardPresented') }),
]);
export type StaffEvent = z.infer<typeof staffEventSchema>;

export const staffMemberSchema = z.object({
  staffNumber: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
  hasCard: z.boolean(),
  locked: z.boolean(),
  createdAt: z.number(),
});
