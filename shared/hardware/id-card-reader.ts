import type { IdentityCard } from '../catalog/types';
import type { DeviceStatus } from './types';

/** The card could not be read: pulled away, damaged, or not a resident ID card. */
export class CardReadError extends Error {
  override readonly name = 'CardReadError';
  constructor(
    message: string,
    /** unreadable: the card (try again); readerUnavailable: the reader itself (use another kiosk). */
    readonly code: 'unreadable' | 'readerUnavailable' = 'unreadable',
  ) {
    super(message);
  }
}

export interface ReadCardOptions {
  /**
   * A card lying on the reader now is not read, only one placed from now on: staff mode's
   * watch for residents must not take a card staff left there for their own test. (The GA/T
   * 467 driver then reads that card for nobody until it has been taken away; the simulator
   * still gives it to a read that waits for any card.)
   */
  newPlacementOnly?: boolean;
}

/** A resident ID card reader (GA/T 467 SAM module, or its simulator). */
export interface IdCardReader {
  readonly kind: string;
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): () => void;
  /**
   * Resolves with the next card placed on the reader (one read per placement:
   * a card left on the reader by the previous resident is not read again).
   * Rejects with CardReadError, or with the signal's reason when aborted.
   */
  readCard(signal: AbortSignal, options?: ReadCardOptions): Promise<IdentityCard>;
  /**
   * Like readCard, with the card's photo decoded (JPEG or BMP) where the reader can: the GA/T 467
   * driver with the vendor's licensed decoder, the simulator for residents that have one. No
   * photo is not an error: the face step then offers its alternative. Personal data: never log it.
   */
  readCardWithPhoto?(signal: AbortSignal): Promise<{ card: IdentityCard; photo?: Uint8Array }>;
}
