import { z } from 'zod';

/**
 * What the kiosk's devices use up: receipt paper (slips), A4 paper (sheets) and the permit
 * printer's ribbon (endorsements). Counted by the kiosk on every print, refilled by staff.
 * No blank card stock: an endorsement is printed onto the resident's own permit.
 */
export const SUPPLIES = ['receiptPaper', 'a4Paper', 'permitRibbon'] as const;
export type SupplyName = (typeof SUPPLIES)[number];

export const supplySchema = z.object({
  supply: z.enum(SUPPLIES),
  device: z.enum(['receiptPrinter', 'documentPrinter', 'permitPrinter']),
  unit: z.enum(['slips', 'sheets', 'prints']),
  capacity: z.number().int().positive(),
  level: z.number().int().nonnegative(),
  /** At or below this the supply is low: staff are told. */
  lowAt: z.number().int().nonnegative(),
  /** At or below this it is out: the services that need it are unavailable. */
  outAt: z.number().int().nonnegative(),
  state: z.enum(['ok', 'low', 'out']),
  lastRefill: z.object({ by: z.string(), amount: z.number().int(), at: z.number() }).nullable(),
});
export type Supply = z.infer<typeof supplySchema>;
