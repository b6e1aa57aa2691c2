import { checkDigitMatches } from './check-digit';
import { take, type ImpliedState, type MrzLayout, type Span } from './layouts';
import { isKnownState } from './states';
import type { MrzError, MrzErrorCode, MrzErrorField, MrzResult, MrzSex } from './types';

// Messages name fields and lines but never quote the zone: it holds personal data.
const RESCAN = 'The zone was probably misread; please scan the document again.';

type CheckedField = 'documentNumber' | 'birthDate' | 'expiryDate' | 'optionalData' | 'composite';

const CHECK_LABEL: Readonly<Record<CheckedField, string>> = {
  documentNumber: 'document number',
  birthDate: 'date of birth',
  expiryDate: 'date of expiry',
  optionalData: 'optional data',
  composite: 'composite check digit',
};

/** Builds the refusal for `field`. */
export function fail(code: MrzErrorCode, field: MrzErrorField, message: string): { ok: false; error: MrzError } {
  return { ok: false, error: { code, field, message } };
}

function checkFailed(field: CheckedField): { ok: false; error: MrzError } {
  const what = field === 'composite' ? 'The composite check digit' : `The check digit of the ${CHECK_LABEL[field]}`;
  return fail('checkDigit', field, `${what} does not match. ${RESCAN}`);
}

function stripFillers(text: string): string {
  return text.replace(/^<+|<+$/g, '');
}

function stripTrailingFillers(text: string): string {
  return text.replace(/<+$/, '');
}

/** The document number and, when it ran on into the optional data, how much of that it used. */
type NumberRead = { ok: true; number: string; consumed: number } | { ok: false };

function readDocumentNumber(lines: readonly string[], layout: MrzLayout): NumberRead {
  const spec = layout.documentNumber;
  const field = take(lines, spec.value);
  const check = take(lines, spec.check);
  if (check === '<' && spec.continuesIn) {
    // Doc 9303 Parts 5 and 6: a number over nine characters fills the field, puts `<` where its
    // check digit would be and continues in the optional data, followed by its check digit.
    const rest = take(lines, spec.continuesIn);
    const filler = rest.indexOf('<');
    const tail = filler === -1 ? rest : rest.slice(0, filler);
    if (field.includes('<') || tail.length < 2) return { ok: false };
    const number = field + tail.slice(0, -1);
    if (!checkDigitMatches(number, tail.slice(-1))) return { ok: false };
    return { ok: true, number, consumed: tail.length };
  }
  if (!checkDigitMatches(field, check)) return { ok: false };
  return { ok: true, number: stripTrailingFillers(field), consumed: 0 };
}

function daysInMonth(yy: number, month: number): number {
  // YY alone cannot tell 1900 from 2000; 2000 was a leap year, so every multiple of four may be one.
  if (month === 2) return yy % 4 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isValidDate(yymmdd: string, allowUnknown: boolean): boolean {
  // Doc 9303 Part 3: an unknown day, or month and day, of birth is printed as fillers.
  if (allowUnknown && /^(\d\d<<<<|\d{4}<<|<{6})$/.test(yymmdd)) {
    return yymmdd.slice(2, 4) === '<<' || validMonth(Number(yymmdd.slice(2, 4)));
  }
  if (!/^\d{6}$/.test(yymmdd)) return false;
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  return validMonth(month) && day >= 1 && day <= daysInMonth(yy, month);
}

function validMonth(month: number): boolean {
  return month >= 1 && month <= 12;
}

function readState(lines: readonly string[], spec: Span | ImpliedState): string | null {
  if ('implied' in spec) return spec.implied;
  // Only trailing fillers are padding (Germany's `D<<`); `<` anywhere else makes no code.
  const code = stripTrailingFillers(take(lines, spec));
  return code.includes('<') || !isKnownState(code) ? null : code;
}

function readSex(lines: readonly string[], spec: Span | null): MrzSex | null {
  if (!spec) return 'X';
  const raw = take(lines, spec);
  if (raw === 'M' || raw === 'F') return raw;
  if (raw === 'X' || raw === '<') return 'X';
  return null;
}

function readName(lines: readonly string[], spec: Span | null): { surname: string; givenNames: string } | null {
  if (!spec) return { surname: '', givenNames: '' };
  const raw = take(lines, spec);
  // Names are letters only; a digit here is an OCR slip no check digit would catch.
  if (/[0-9]/.test(raw) || stripFillers(raw) === '') return null;
  const split = raw.indexOf('<<');
  const words = (part: string): string => part.replace(/</g, ' ').trim().replace(/ {2,}/g, ' ');
  if (split === -1) return { surname: words(raw), givenNames: '' };
  return { surname: words(raw.slice(0, split)), givenNames: words(raw.slice(split + 2)) };
}

function readOptionalData(lines: readonly string[], layout: MrzLayout, consumed: number): string {
  const continued = layout.documentNumber.continuesIn;
  return layout.optionalData
    .map((span) => {
      const text = take(lines, span);
      // The part of the field a long document number used is not optional data.
      const sameField = continued?.line === span.line && continued.from === span.from;
      return stripFillers(sameField ? text.slice(consumed) : text);
    })
    .filter((part) => part !== '')
    .join(' ');
}

/**
 * Reads and validates a zone whose shape and document code already matched `layout`.
 * Order, so the reported code is predictable: check digits (number, birth, expiry, optional,
 * composite), dates, states, sex, name.
 */
export function readLayout(lines: readonly string[], layout: MrzLayout): MrzResult {
  const number = readDocumentNumber(lines, layout);
  if (!number.ok) return checkFailed('documentNumber');
  for (const field of ['birthDate', 'expiryDate'] as const) {
    const spec = layout[field];
    if (!checkDigitMatches(take(lines, spec.value), take(lines, spec.check))) return checkFailed(field);
  }
  if (layout.optionalDataCheck) {
    const personal = take(lines, layout.optionalDataCheck.value);
    const check = take(lines, layout.optionalDataCheck.check);
    // Doc 9303 Part 4: an unused personal-number field may carry `<` instead of 0 as its check digit.
    const unused = stripFillers(personal) === '' && check === '<';
    if (!unused && !checkDigitMatches(personal, check)) return checkFailed('optionalData');
  }
  if (layout.composite) {
    const covered = layout.composite.over.map((span) => take(lines, span)).join('');
    if (!checkDigitMatches(covered, take(lines, layout.composite.check))) return checkFailed('composite');
  }

  const birthDate = take(lines, layout.birthDate.value);
  if (!isValidDate(birthDate, true)) {
    return fail('date', 'birthDate', `The date of birth is not a real calendar date. ${RESCAN}`);
  }
  const expiryDate = take(lines, layout.expiryDate.value);
  if (!isValidDate(expiryDate, false)) {
    return fail('date', 'expiryDate', `The date of expiry is not a real calendar date. ${RESCAN}`);
  }

  const issuingState = readState(lines, layout.issuingState);
  if (issuingState === null) {
    return fail('state', 'issuingState', `The issuing state is not a code listed in ICAO Doc 9303. ${RESCAN}`);
  }
  const nationality = readState(lines, layout.nationality);
  if (nationality === null) {
    return fail('state', 'nationality', `The nationality is not a code listed in ICAO Doc 9303. ${RESCAN}`);
  }

  const sex = readSex(lines, layout.sex);
  if (sex === null) return fail('sex', 'sex', `The sex field must be M, F, X or <. ${RESCAN}`);

  const name = readName(lines, layout.name);
  if (name === null) {
    return fail('name', 'name', `The name field is empty or contains digits. ${RESCAN}`);
  }
  if (number.number === '') {
    return fail('format', 'documentNumber', `The document number is empty. ${RESCAN}`);
  }

  return {
    ok: true,
    value: {
      format: layout.format,
      documentCode: stripFillers(take(lines, { line: 1, from: 1, to: 2 })),
      issuingState,
      surname: name.surname,
      givenNames: name.givenNames,
      documentNumber: number.number,
      nationality,
      birthDate,
      sex,
      expiryDate,
      optionalData: readOptionalData(lines, layout, number.consumed),
    },
  };
}
