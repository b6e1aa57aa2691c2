import { z } from 'zod';

const catalogId = z.string().regex(/^[a-z][A-Za-z0-9]{0,47}$/);

/** The A4 documents the kiosk prints, each with a document number and a verification QR code. */
export const DOCUMENT_KINDS = ['householdCertificate', 'drivingRecord', 'fineReceipt'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** What a print step prints: the slip with the reference, an A4 document, or an endorsement onto the permit card. */
export const printStepSchema = z.discriminatedUnion('output', [
  z.object({ kind: z.literal('print'), id: catalogId, output: z.literal('slip'), answers: z.array(catalogId), bring: z.array(catalogId).optional() }).strict(),
  z.object({ kind: z.literal('print'), id: catalogId, output: z.literal('a4'), document: z.enum(DOCUMENT_KINDS) }).strict(),
  z.object({ kind: z.literal('print'), id: catalogId, output: z.literal('permitEndorsement') }).strict(),
]);
export type PrintStep = z.infer<typeof printStepSchema>;

export const PRINT_STATUSES = ['printing', 'printed', 'failed', 'later'] as const;

export interface PrintLocal {
  kind: 'print';
  status: (typeof PRINT_STATUSES)[number];
}

export const printViewSchemas = [
  // The slip: the confirmation panel with the reference, what happens next, and how printing went.
  z.object({
    name: z.literal('confirmation'),
    stepId: z.string(),
    reference: z.string(),
    status: z.enum(PRINT_STATUSES),
    paidFen: z.number().int().nullable(),
    review: z.boolean(),
    bring: z.array(z.string()),
    /** How the service's other prints went (an endorsement to print later, a document that failed). */
    others: z.array(z.object({ output: z.enum(['a4', 'permitEndorsement']), status: z.enum(['printed', 'later', 'failed']) })),
  }),
  // An A4 document or an endorsement onto the permit card.
  z.object({
    name: z.literal('printing'),
    stepId: z.string(),
    output: z.enum(['a4', 'permitEndorsement']),
    document: z.enum(DOCUMENT_KINDS).nullable(),
    reference: z.string(),
    status: z.enum(PRINT_STATUSES),
  }),
] as const;
