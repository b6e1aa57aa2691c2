import type { LookupData, LookupFailure, LookupKind } from '../../../shared/steps/lookup/lookup-kinds';

/** Who a one-time code proved the resident to be, as the platform has them on file. */
export interface CodeHolder {
  name: string;
  sex: 'M' | 'F';
  /** YYYY-MM-DD. */
  birthDate: string;
}

/**
 * Data only the police platform has, and the one-time codes it sends to the phone it has on
 * file: over HTTPS to the platform, from the simulator's fictional data set, or, with neither,
 * not configured. Every failure is a StepError with a code the resident's screen explains.
 */
export interface Platform {
  readonly kind: 'remote' | 'sim' | 'none';
  /** Checked data of that kind; rejects with StepError<LookupFailure>. */
  lookup(kind: LookupKind, params: Record<string, string>, signal: AbortSignal): Promise<LookupData>;
  /** Sends a code to the phone on file; rejects with StepError<'notFound' | 'platformUnavailable'>. */
  sendCode(idNumber: string, signal: AbortSignal): Promise<{ phoneMasked: string }>;
  /** Checks a code; rejects with StepError<'wrongCode' | 'notFound' | 'platformUnavailable'>. */
  verifyCode(idNumber: string, code: string, signal: AbortSignal): Promise<CodeHolder>;
  /**
   * The photo on file for this document (JPEG), for the 1:1 face check when the document's own
   * photo cannot be read (a permit read by its zone, an identity proved by a code); null when the
   * platform has none. Rejects with StepError<'platformUnavailable'>. Personal data: never log it.
   */
  referencePhoto(document: { type: string; number: string }, signal: AbortSignal): Promise<Uint8Array | null>;
  /** Drops pooled connections. */
  close?(): void;
}

export type { LookupFailure };
