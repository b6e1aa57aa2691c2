/** Which zone layout a document uses. The `CN-` formats are the Chinese permits (see layouts.ts). */
export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRV-A' | 'MRV-B' | 'CN-CS' | 'CN-CD' | 'CN-CR' | 'CN-CT';

/** Sex as printed; `X` also stands for the filler `<` (unspecified) and for zones that carry no sex. */
export type MrzSex = 'M' | 'F' | 'X';

/** The fields read from a valid zone. */
export interface MrzData {
  format: MrzFormat;
  /** `P`, `I`, `ID`, `V`, `CS`, … with fillers removed. */
  documentCode: string;
  /** Three-letter code, or `D` for Germany; `CHN` where the zone carries none (CS, CD). */
  issuingState: string;
  /** Empty where the zone carries no name (CS, CD). */
  surname: string;
  givenNames: string;
  documentNumber: string;
  nationality: string;
  /** `YYMMDD` as printed; day or month may be `<<` where unknown. */
  birthDate: string;
  sex: MrzSex;
  /** `YYMMDD` as printed. */
  expiryDate: string;
  /** Optional data without leading or trailing fillers; TD1's two fields joined by a space. */
  optionalData: string;
}

/** Why a zone was refused. */
export type MrzErrorCode = 'format' | 'charset' | 'checkDigit' | 'date' | 'state' | 'sex' | 'name';

/** Where the problem is: a line, a field, or the zone as a whole. */
export type MrzErrorField =
  | 'zone'
  | 'line1'
  | 'line2'
  | 'line3'
  | 'documentCode'
  | 'issuingState'
  | 'nationality'
  | 'documentNumber'
  | 'birthDate'
  | 'expiryDate'
  | 'optionalData'
  | 'composite'
  | 'sex'
  | 'name';

/** A refusal; `message` is for the resident or staff and never quotes the zone. */
export interface MrzError {
  code: MrzErrorCode;
  field: MrzErrorField;
  message: string;
}

export type MrzResult = { ok: true; value: MrzData } | { ok: false; error: MrzError };
