import type { IdentityCard } from '../../../../shared/catalog/types';
import { isEthnicityCode } from '../../../../shared/domain/ethnicity';
import { parseResidentId } from '../../../../shared/domain/resident-id';

/**
 * The 256-byte text block of a resident ID card: fixed-width UCS-2 little-endian fields,
 * padded with spaces. Everything decoded here is personal data, so no error message, code
 * or property ever carries a field's value.
 */

/** A field of the text block. */
export type TextField =
  | 'name'
  | 'sex'
  | 'ethnicity'
  | 'birthDate'
  | 'address'
  | 'idNumber'
  | 'authority'
  | 'validFrom'
  | 'validTo'
  | 'reserved';

/** Byte offset and width of each field, in card order. */
export const TEXT_BLOCK_LAYOUT: Readonly<Record<TextField, { offset: number; bytes: number }>> = {
  name: { offset: 0, bytes: 30 },
  sex: { offset: 30, bytes: 2 },
  ethnicity: { offset: 32, bytes: 4 },
  birthDate: { offset: 36, bytes: 16 },
  address: { offset: 52, bytes: 70 },
  idNumber: { offset: 122, bytes: 36 },
  authority: { offset: 158, bytes: 30 },
  validFrom: { offset: 188, bytes: 16 },
  validTo: { offset: 204, bytes: 16 },
  reserved: { offset: 220, bytes: 36 },
};

const BLOCK_LENGTH = 256;
const PERMANENT = '长期';
/**
 * Byte offset of the card-type letter that newer cards keep in the reserved area: 'J' for
 * residence permits of Hong Kong, Macao and Taiwan residents, 'I' for foreigners' permanent
 * residence cards. Resident ID cards leave it blank.
 */
const CARD_TYPE_OFFSET = 248;

/** Why a text block was refused. */
export type TextBlockErrorCode =
  | 'badLength'
  | 'badText'
  | 'badSex'
  | 'badEthnicity'
  | 'badDate'
  | 'badIdNumber'
  | 'fieldTooLong'
  | 'unsupportedCard';

/** A text block that does not hold a valid resident ID card; names the field, never its value. */
export class TextBlockError extends Error {
  override readonly name = 'TextBlockError';

  constructor(
    readonly code: TextBlockErrorCode,
    readonly field: TextField | undefined,
    message: string,
  ) {
    super(message);
  }
}

const FIELD_LABELS: Readonly<Record<TextField, string>> = {
  name: 'name',
  sex: 'sex',
  ethnicity: 'ethnicity',
  birthDate: 'birth date',
  address: 'address',
  idNumber: 'ID number',
  authority: 'issuing authority',
  validFrom: 'valid-from date',
  validTo: 'valid-to date',
  reserved: 'reserved area',
};

/** Options of {@link decodeTextBlock}. */
export interface DecodeTextBlockOptions {
  /** The current date, for the ID number's birth-date check. Defaults to now. */
  today?: Date;
}

/** Decodes and validates the text block of a resident ID card. */
export function decodeTextBlock(block: Uint8Array, options: DecodeTextBlockOptions = {}): IdentityCard {
  if (block.length !== BLOCK_LENGTH) {
    throw new TextBlockError('badLength', undefined, 'The card text block does not have the expected size.');
  }
  const cardType = String.fromCharCode((block[CARD_TYPE_OFFSET] ?? 0) | ((block[CARD_TYPE_OFFSET + 1] ?? 0) << 8));
  if (cardType === 'I' || cardType === 'J') {
    throw new TextBlockError('unsupportedCard', 'reserved', 'The card is a residence permit or foreigner card, not a resident ID card.');
  }

  const sexCode = field(block, 'sex');
  if (sexCode !== '1' && sexCode !== '2') throw fieldError('badSex', 'sex', 'is not a known sex code');

  const ethnicity = field(block, 'ethnicity');
  if (!/^\d{2}$/.test(ethnicity) || !isEthnicityCode(ethnicity)) {
    throw fieldError('badEthnicity', 'ethnicity', 'is not a known ethnicity code');
  }

  const idText = field(block, 'idNumber');
  const parsed = parseResidentId(idText, options.today ? { today: options.today } : {});
  // The chip holds the canonical 18 characters; anything the parser had to repair is corruption.
  if (!parsed.ok || idText.length !== 18 || parsed.value.number !== idText) {
    throw fieldError('badIdNumber', 'idNumber', 'is not a valid resident ID number');
  }

  const validFrom = cardDate(block, 'validFrom');
  const validToText = field(block, 'validTo');
  const validTo = validToText === PERMANENT ? 'permanent' : cardDate(block, 'validTo');
  if (validTo !== 'permanent' && validTo < validFrom) {
    throw fieldError('badDate', 'validTo', 'is before the valid-from date');
  }

  return {
    name: textField(block, 'name'),
    sex: sexCode === '1' ? 'M' : 'F',
    ethnicity,
    birthDate: cardDate(block, 'birthDate'),
    address: textField(block, 'address'),
    idNumber: parsed.value.number,
    authority: textField(block, 'authority'),
    validFrom,
    validTo,
  };
}

/** Encodes a card into a text block, for tests and simulators; throws when a field does not fit. */
export function encodeTextBlock(card: IdentityCard): Uint8Array {
  const block = new Uint8Array(BLOCK_LENGTH);
  put(block, 'name', card.name);
  put(block, 'sex', card.sex === 'M' ? '1' : '2');
  put(block, 'ethnicity', card.ethnicity);
  put(block, 'birthDate', compactDate(card.birthDate, 'birthDate'));
  put(block, 'address', card.address);
  put(block, 'idNumber', card.idNumber);
  put(block, 'authority', card.authority);
  put(block, 'validFrom', compactDate(card.validFrom, 'validFrom'));
  put(block, 'validTo', card.validTo === 'permanent' ? PERMANENT : compactDate(card.validTo, 'validTo'));
  put(block, 'reserved', '');
  return block;
}

/** Writes `text` into a field as UCS-2 little-endian, padded with spaces. */
export function putTextField(block: Uint8Array, name: TextField, text: string): void {
  put(block, name, text);
}

function put(block: Uint8Array, name: TextField, text: string): void {
  const { offset, bytes } = TEXT_BLOCK_LAYOUT[name];
  if (text.length * 2 > bytes) throw fieldError('fieldTooLong', name, 'does not fit on the card');
  for (let i = 0; i < bytes / 2; i++) {
    const unit = i < text.length ? text.charCodeAt(i) : 0x20;
    block[offset + i * 2] = unit & 0xff;
    block[offset + i * 2 + 1] = unit >> 8;
  }
}

const UTF16 = new TextDecoder('utf-16le', { fatal: false });

/** A field's text without its padding (spaces, and NULs that some readers leave). */
function field(block: Uint8Array, name: TextField): string {
  const { offset, bytes } = TEXT_BLOCK_LAYOUT[name];
  return UTF16.decode(block.subarray(offset, offset + bytes)).replace(/[\s\0]+$/u, '').replace(/^[\s\0]+/u, '');
}

// Control characters and unpaired surrogates mean a garbled field, never real card text.
const BAD_TEXT = /[\p{Cc}\uFFFD]/u;

function textField(block: Uint8Array, name: TextField): string {
  const text = field(block, name);
  if (text.length === 0 || BAD_TEXT.test(text)) throw fieldError('badText', name, 'is empty or unreadable');
  return text;
}

function cardDate(block: Uint8Array, name: TextField): string {
  const text = field(block, name);
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw fieldError('badDate', name, 'is not a valid date');
  }
  return `${match[1]}-${match[2]}-${match[3]}`;
}

function compactDate(date: string, name: TextField): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw fieldError('badDate', name, 'is not a valid date');
  }
  return `${match[1]}${match[2]}${match[3]}`;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1800 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

function fieldError(code: TextBlockErrorCode, name: TextField, problem: string): TextBlockError {
  return new TextBlockError(code, name, `The ${FIELD_LABELS[name]} field on the card ${problem}.`);
}
