import { z } from 'zod';

/**
 * Data only the platform has, by kind: what the kiosk sends (`params`, from the session) and
 * what it gets back (`data`, checked with these schemas before anything uses it). The wire
 * protocol is `POST {platform}/lookups/{kind}` (electron/host/platform/platform.remote.ts).
 */
export const LOOKUP_KINDS = ['fines', 'endorsements', 'licence', 'household', 'vehicle', 'applications', 'drivingRecord', 'residencePermit'] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

const code = z.string().regex(/^[A-Za-z0-9_.-]{1,48}$/);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const fen = z.number().int().min(0).max(100_000_000);

/** One item a resident can pick from a list (a fine to pay). */
export const pickItemSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), amountFen: fen });

export const lookupDataSchemas = {
  /** Traffic violations of a vehicle not yet dealt with. */
  fines: z.object({
    plate: z.string().max(12),
    items: z
      .array(
        pickItemSchema.extend({
          date: day,
          /** Where, as the platform words it (a road and a district, never a person). */
          place: z.string().max(60),
          /** The offence, as a code the kiosk translates (GB/T 16706-style action code). */
          offence: code,
          points: z.number().int().min(0).max(12),
          /** False when it must be dealt with at a counter (points, a court). */
          payable: z.boolean(),
        }),
      )
      .max(50),
  }),
  /** What endorsements a Hong Kong / Macao or Taiwan permit may get now. */
  endorsements: z.object({
    eligible: z.boolean(),
    /** Why not, as a code, when not eligible. */
    refusal: code.nullable(),
    /** Endorsements of each type still allowed this year (group visits have no limit: null). */
    allowed: z.array(z.enum(['individual', 'group', 'family', 'business'])),
    remainingIndividual: z.number().int().min(0).max(99).nullable(),
    permitValidTo: day,
  }),
  /** The resident's driving licence. */
  licence: z.object({
    licenceClass: z.string().max(6),
    validTo: day,
    points: z.number().int().min(0).max(12),
    status: z.enum(['valid', 'expired', 'suspended', 'revoked']),
    /** Renewal is possible from 90 days before expiry up to a year after. */
    renewable: z.boolean(),
  }),
  /** The household register entry, for a certificate. */
  household: z.object({
    householdNumber: z.string().max(20),
    address: z.string().max(120),
    relation: code,
    registeredSince: day,
  }),
  /** A vehicle registered to the resident. */
  vehicle: z.object({
    plate: z.string().max(12),
    vehicleType: code,
    registeredOn: day,
    inspectionDue: day,
    ownerMatches: z.boolean(),
    /** Six-year-old or younger small passenger cars with no unresolved accident may get the exempt mark. */
    exemptEligible: z.boolean(),
    refusal: code.nullable(),
  }),
  /** Entry-exit applications in progress, and endorsements left on the permit. */
  applications: z.object({
    items: z
      .array(
        z.object({
          id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
          kind: code,
          state: z.enum(['received', 'processing', 'approved', 'rejected', 'ready']),
          updatedOn: day,
        }),
      )
      .max(20),
    endorsementsRemaining: z.number().int().min(0).max(99).nullable(),
  }),
  /** A driver's record for a certificate: points, violations and accidents in a period. */
  drivingRecord: z.object({
    licenceClass: z.string().max(6),
    firstIssued: day,
    points: z.number().int().min(0).max(12),
    violations: z.number().int().min(0).max(999),
    accidents: z.number().int().min(0).max(999),
    periodFrom: day,
    periodTo: day,
  }),
  /** A residence permit and its yearly endorsement. */
  residencePermit: z.object({
    hasPermit: z.boolean(),
    validTo: day.nullable(),
    endorsedUntil: day.nullable(),
    endorsementDue: z.boolean(),
    residentSince: day.nullable(),
  }),
} as const satisfies Record<LookupKind, z.ZodType>;

/** Any lookup's data, tagged with its kind: what the screens and the session carry. */
export const lookupDataSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fines'), data: lookupDataSchemas.fines }),
  z.object({ kind: z.literal('endorsements'), data: lookupDataSchemas.endorsements }),
  z.object({ kind: z.literal('licence'), data: lookupDataSchemas.licence }),
  z.object({ kind: z.literal('household'), data: lookupDataSchemas.household }),
  z.object({ kind: z.literal('vehicle'), data: lookupDataSchemas.vehicle }),
  z.object({ kind: z.literal('applications'), data: lookupDataSchemas.applications }),
  z.object({ kind: z.literal('drivingRecord'), data: lookupDataSchemas.drivingRecord }),
  z.object({ kind: z.literal('residencePermit'), data: lookupDataSchemas.residencePermit }),
]);

/** What a lookup of one kind returns. */
export type LookupDataOf<K extends LookupKind> = z.infer<(typeof lookupDataSchemas)[K]>;
/** What any lookup returns, tagged with its kind. */
export type LookupData = { [K in LookupKind]: { kind: K; data: LookupDataOf<K> } }[LookupKind];

/** The parameters each kind is asked with. */
export const LOOKUP_PARAMS: Record<LookupKind, readonly string[]> = {
  fines: ['plate', 'idNumber'],
  endorsements: ['permitNumber'],
  licence: ['idNumber'],
  household: ['idNumber'],
  vehicle: ['plate', 'idNumber'],
  applications: ['idNumber'],
  drivingRecord: ['idNumber'],
  residencePermit: ['idNumber'],
};

/** Why a lookup gave nothing to go on: the service cannot be done now, and the screen says why. */
export const LOOKUP_FAILURES = ['offline', 'unavailable', 'notFound', 'notConfigured', 'refused'] as const;
export type LookupFailure = (typeof LOOKUP_FAILURES)[number];

/** The items of a lookup a resident can pick from (only lists of pickable things have any). */
export function pickItems(data: LookupData | undefined): { id: string; amountFen: number }[] {
  if (data?.kind === 'fines') return data.data.items.filter((i) => i.payable);
  return [];
}
