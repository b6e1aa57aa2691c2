import type { Completion, Device } from './types';

/** What is printed onto the rewritable area of a travel permit card: an endorsement. */
export interface EndorsementPrint {
  permitNumber: string;
  /** e.g. 'G' (group), 'L' (individual), 'Q' (family visit) for Hong Kong / Macao. */
  endorsementType: string;
  destination: 'HKG' | 'MAC' | 'TWN';
  validUntil: string;
  entries: number;
}

/**
 * The card printer that rewrites the endorsement area of an Exit-Entry Permit. No public
 * protocol exists for these printers (each vendor ships an SDK under licence), so only the
 * interface and a simulator live here; a vendor adapter implements this.
 */
export interface PermitPrinter extends Device {
  /** Prints onto the permit card in the printer's slot; the card must be present. */
  printEndorsement(print: EndorsementPrint): Promise<Completion>;
  /** Hands the card back to the resident. */
  eject(): Promise<Completion>;
}
