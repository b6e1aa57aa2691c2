import type { Device } from './types';

/**
 * The contactless reader station staff hold their staff card to (a MIFARE or other ISO 14443
 * card): it reports each card's UID. The UID names a card, not a person; it is hashed before
 * it is compared or stored, and never logged.
 */
export interface StaffCardReader extends Device {
  /** Each card brought to the reader, as a canonical UID (upper-case hex); returns the unsubscribe function. */
  onCard(listener: (uid: string) => void): () => void;
}

/**
 * A UID as readers print it, in canonical form (upper-case hex, no separators), or null when
 * the text is not a UID: 4, 7 or 10 bytes in hex (`04:A2:24:B2:C1:F3:80`, `04a224b2`), or the
 * ten-digit decimal many readers print for a 4-byte UID (`0012345678`).
 */
export function canonicalUid(text: string): string | null {
  const trimmed = text.trim();
  if (/^\d{10}$/.test(trimmed)) {
    const value = Number(trimmed);
    return value <= 0xffff_ffff ? value.toString(16).toUpperCase().padStart(8, '0') : null;
  }
  const hex = trimmed.replace(/[\s:-]/g, '');
  if (!/^[0-9A-Fa-f]+$/.test(hex) || ![8, 14, 20].includes(hex.length)) return null;
  return hex.toUpperCase();
}
