/**
 * One table per zone layout. Positions are 1-based and inclusive, line by line, exactly as
 * ICAO Doc 9303 prints them, so a table can be checked against the spec (or a real document)
 * by eye and corrected in one place.
 *
 * ICAO layouts (Doc 9303 Parts 4-7):
 *   TD3   2 x 44  L1 code 1-2, state 3-5, name 6-44
 *                 L2 number 1-9 (check 10), nationality 11-13, birth 14-19 (20), sex 21,
 *                    expiry 22-27 (28), personal number 29-42 (43), composite 44 over 1-10, 14-20, 22-43
 *   TD2   2 x 36  L1 code 1-2, state 3-5, name 6-36
 *                 L2 number 1-9 (10), nationality 11-13, birth 14-19 (20), sex 21, expiry 22-27 (28),
 *                    optional 29-35, composite 36 over 1-10, 14-20, 22-35
 *   TD1   3 x 30  L1 code 1-2, state 3-5, number 6-14 (15), optional 16-30
 *                 L2 birth 1-6 (7), sex 8, expiry 9-14 (15), nationality 16-18, optional 19-29,
 *                    composite 30 over L1 6-30 and L2 1-7, 9-15, 19-29
 *                 L3 name 1-30
 *   MRV-A 2 x 44  as TD3 line for line, but optional data 29-44 and no composite or optional check
 *   MRV-B 2 x 36  as TD2, but optional data 29-36 and no composite
 * In TD1 and TD2 a document number longer than nine characters puts `<` in its check-digit
 * position and continues at the start of the optional data, followed by its check digit.
 *
 * Chinese permits. NOT from a published spec: reconstructed from memory of the cards and from
 * how third-party readers slice them. Correct the tables below if a real card disagrees.
 *   CS  Exit-Entry Permit for Travelling to and from Hong Kong and Macao (往来港澳通行证, card)
 *   CD  Exit-Entry Permit for Travelling to and from Taiwan (往来台湾通行证, card)
 *       1 x 30  code 1-2, number 3-11 (check 12), filler 13, expiry 14-19 (check 20), filler 21,
 *               birth 22-27 (check 28), filler 29, composite 30 over 3-12, 14-20, 22-28.
 *               No state, nationality, name or sex in the zone: state and nationality are CHN.
 *   CR  Mainland Travel Permit for Hong Kong and Macao Residents (港澳居民来往内地通行证, card)
 *   CT  Mainland Travel Permit for Taiwan Residents (台湾居民来往大陆通行证, card)
 *       3 x 30  laid out as TD1 with document code CR / CT: state 3-5 (CHN), number 6-14 (15),
 *               optional 16-30 (the two-digit issue count is expected here), line 2 as TD1,
 *               name on line 3.
 */
import type { MrzFormat } from './types';

/** A run of characters: line and positions 1-based, `to` inclusive. */
export interface Span {
  readonly line: number;
  readonly from: number;
  readonly to: number;
}

/** A field followed by the check digit that covers it. */
export interface CheckedSpan {
  readonly value: Span;
  readonly check: Span;
}

/** A state that the zone does not print because the document type implies it. */
export interface ImpliedState {
  readonly implied: string;
}

/** Everything the parser needs to read one layout. */
export interface MrzLayout {
  readonly format: MrzFormat;
  readonly lines: number;
  readonly length: number;
  /** Matched against line 1 positions 1-2; the first layout of the right size that matches wins. */
  readonly documentCode: RegExp;
  readonly issuingState: Span | ImpliedState;
  readonly nationality: Span | ImpliedState;
  readonly name: Span | null;
  /** `continuesIn`: where a number longer than the field goes on (TD1, TD2). */
  readonly documentNumber: CheckedSpan & { readonly continuesIn?: Span };
  readonly birthDate: CheckedSpan;
  readonly expiryDate: CheckedSpan;
  readonly sex: Span | null;
  readonly optionalData: readonly Span[];
  /** TD3's personal number and its check digit, which may be `<` when the field holds only fillers. */
  readonly optionalDataCheck: CheckedSpan | null;
  readonly composite: { readonly check: Span; readonly over: readonly Span[] } | null;
}

const at = (line: number, from: number, to: number = from): Span => ({ line, from, to });

// TD1 and TD2 document codes: A, C or I first (Doc 9303 Parts 5, 6); V second is reserved for visas.
const ID_CARD_CODE = /^[ACI][A-UW-Z<]$/;

export const TD3: MrzLayout = {
  format: 'TD3',
  lines: 2,
  length: 44,
  documentCode: /^P[A-Z<]$/,
  issuingState: at(1, 3, 5),
  nationality: at(2, 11, 13),
  name: at(1, 6, 44),
  documentNumber: { value: at(2, 1, 9), check: at(2, 10) },
  birthDate: { value: at(2, 14, 19), check: at(2, 20) },
  sex: at(2, 21),
  expiryDate: { value: at(2, 22, 27), check: at(2, 28) },
  optionalData: [at(2, 29, 42)],
  optionalDataCheck: { value: at(2, 29, 42), check: at(2, 43) },
  composite: { check: at(2, 44), over: [at(2, 1, 10), at(2, 14, 20), at(2, 22, 43)] },
};

export const MRV_A: MrzLayout = {
  format: 'MRV-A',
  lines: 2,
  length: 44,
  documentCode: /^V[A-Z<]$/,
  issuingState: at(1, 3, 5),
  nationality: at(2, 11, 13),
  name: at(1, 6, 44),
  documentNumber: { value: at(2, 1, 9), check: at(2, 10) },
  birthDate: { value: at(2, 14, 19), check: at(2, 20) },
  sex: at(2, 21),
  expiryDate: { value: at(2, 22, 27), check: at(2, 28) },
  optionalData: [at(2, 29, 44)],
  optionalDataCheck: null,
  composite: null,
};

export const TD2: MrzLayout = {
  format: 'TD2',
  lines: 2,
  length: 36,
  documentCode: ID_CARD_CODE,
  issuingState: at(1, 3, 5),
  nationality: at(2, 11, 13),
  name: at(1, 6, 36),
  documentNumber: { value: at(2, 1, 9), check: at(2, 10), continuesIn: at(2, 29, 35) },
  birthDate: { value: at(2, 14, 19), check: at(2, 20) },
  sex: at(2, 21),
  expiryDate: { value: at(2, 22, 27), check: at(2, 28) },
  optionalData: [at(2, 29, 35)],
  optionalDataCheck: null,
  composite: { check: at(2, 36), over: [at(2, 1, 10), at(2, 14, 20), at(2, 22, 35)] },
};

export const MRV_B: MrzLayout = {
  format: 'MRV-B',
  lines: 2,
  length: 36,
  documentCode: /^V[A-Z<]$/,
  issuingState: at(1, 3, 5),
  nationality: at(2, 11, 13),
  name: at(1, 6, 36),
  documentNumber: { value: at(2, 1, 9), check: at(2, 10) },
  birthDate: { value: at(2, 14, 19), check: at(2, 20) },
  sex: at(2, 21),
  expiryDate: { value: at(2, 22, 27), check: at(2, 28) },
  optionalData: [at(2, 29, 36)],
  optionalDataCheck: null,
  composite: null,
};

export const TD1: MrzLayout = {
  format: 'TD1',
  lines: 3,
  length: 30,
  documentCode: ID_CARD_CODE,
  issuingState: at(1, 3, 5),
  nationality: at(2, 16, 18),
  name: at(3, 1, 30),
  documentNumber: { value: at(1, 6, 14), check: at(1, 15), continuesIn: at(1, 16, 30) },
  birthDate: { value: at(2, 1, 6), check: at(2, 7) },
  sex: at(2, 8),
  expiryDate: { value: at(2, 9, 14), check: at(2, 15) },
  optionalData: [at(1, 16, 30), at(2, 19, 29)],
  optionalDataCheck: null,
  composite: { check: at(2, 30), over: [at(1, 6, 30), at(2, 1, 7), at(2, 9, 15), at(2, 19, 29)] },
};

/** Mainland Travel Permit for Hong Kong and Macao Residents: assumed TD1 with code CR. */
export const CN_CR: MrzLayout = {
  format: 'CN-CR',
  lines: 3,
  length: 30,
  documentCode: /^CR$/,
  issuingState: at(1, 3, 5),
  nationality: at(2, 16, 18),
  name: at(3, 1, 30),
  documentNumber: { value: at(1, 6, 14), check: at(1, 15), continuesIn: at(1, 16, 30) },
  birthDate: { value: at(2, 1, 6), check: at(2, 7) },
  sex: at(2, 8),
  expiryDate: { value: at(2, 9, 14), check: at(2, 15) },
  optionalData: [at(1, 16, 30), at(2, 19, 29)],
  optionalDataCheck: null,
  composite: { check: at(2, 30), over: [at(1, 6, 30), at(2, 1, 7), at(2, 9, 15), at(2, 19, 29)] },
};

/** Mainland Travel Permit for Taiwan Residents: assumed TD1 with code CT. */
export const CN_CT: MrzLayout = {
  format: 'CN-CT',
  lines: 3,
  length: 30,
  documentCode: /^CT$/,
  issuingState: at(1, 3, 5),
  nationality: at(2, 16, 18),
  name: at(3, 1, 30),
  documentNumber: { value: at(1, 6, 14), check: at(1, 15), continuesIn: at(1, 16, 30) },
  birthDate: { value: at(2, 1, 6), check: at(2, 7) },
  sex: at(2, 8),
  expiryDate: { value: at(2, 9, 14), check: at(2, 15) },
  optionalData: [at(1, 16, 30), at(2, 19, 29)],
  optionalDataCheck: null,
  composite: { check: at(2, 30), over: [at(1, 6, 30), at(2, 1, 7), at(2, 9, 15), at(2, 19, 29)] },
};

/** Exit-Entry Permit for Hong Kong and Macao: one line, no name. */
export const CN_CS: MrzLayout = {
  format: 'CN-CS',
  lines: 1,
  length: 30,
  documentCode: /^CS$/,
  issuingState: { implied: 'CHN' },
  nationality: { implied: 'CHN' },
  name: null,
  documentNumber: { value: at(1, 3, 11), check: at(1, 12) },
  expiryDate: { value: at(1, 14, 19), check: at(1, 20) },
  birthDate: { value: at(1, 22, 27), check: at(1, 28) },
  sex: null,
  optionalData: [],
  optionalDataCheck: null,
  composite: { check: at(1, 30), over: [at(1, 3, 12), at(1, 14, 20), at(1, 22, 28)] },
};

/** Exit-Entry Permit for Taiwan: one line, no name. */
export const CN_CD: MrzLayout = {
  format: 'CN-CD',
  lines: 1,
  length: 30,
  documentCode: /^CD$/,
  issuingState: { implied: 'CHN' },
  nationality: { implied: 'CHN' },
  name: null,
  documentNumber: { value: at(1, 3, 11), check: at(1, 12) },
  expiryDate: { value: at(1, 14, 19), check: at(1, 20) },
  birthDate: { value: at(1, 22, 27), check: at(1, 28) },
  sex: null,
  optionalData: [],
  optionalDataCheck: null,
  composite: { check: at(1, 30), over: [at(1, 3, 12), at(1, 14, 20), at(1, 22, 28)] },
};

/** Tried in order: the Chinese permits come before TD1 because their codes also start with C. */
export const LAYOUTS: readonly MrzLayout[] = [TD3, MRV_A, TD2, MRV_B, CN_CR, CN_CT, TD1, CN_CS, CN_CD];

/** The characters a span covers. */
export function take(lines: readonly string[], span: Span): string {
  return (lines[span.line - 1] ?? '').slice(span.from - 1, span.to);
}
