import { CardReadError } from '../../../../shared/hardware/id-card-reader';
import type { CompletionCode } from '../../../../shared/hardware/types';
import { TransportError } from '../transport/byte-transport';
import { FrameError, SW3 } from './frame';

/** Why a GA/T 467 command or card read failed. */
export type Gat467ErrorCode =
  | 'timeOut'
  | 'closed'
  | 'ioError'
  | 'garbled'
  | 'status'
  | 'noCard'
  | 'selectFailed'
  | 'readFailed'
  | 'badCardData';

/** A failure talking to the SAM; the message is for staff and never holds card data. */
export class Gat467Error extends Error {
  override readonly name = 'Gat467Error';

  constructor(
    readonly code: Gat467ErrorCode,
    message: string,
    /** The SAM's SW3 byte, for `status` errors. */
    readonly sw3?: number,
  ) {
    super(message);
  }
}

/** Wraps anything thrown below the driver into a Gat467Error, keeping its code where it has one. */
export function toGat467Error(error: unknown): Gat467Error {
  if (error instanceof Gat467Error) return error;
  if (error instanceof TransportError) {
    const code = error.code === 'timeOut' ? 'timeOut' : error.code === 'closed' ? 'closed' : 'ioError';
    return new Gat467Error(code, error.message);
  }
  if (error instanceof FrameError) {
    if (error.code === 'status') {
      if (error.sw3 === SW3.checksumError) return new Gat467Error('garbled', 'The card reader received a garbled command.', error.sw3);
      return new Gat467Error('status', error.message, error.sw3);
    }
    return new Gat467Error('garbled', error.message);
  }
  return new Gat467Error('ioError', 'Unexpected failure talking to the card reader.');
}

/**
 * The error the flow sees. `readerUnavailable` when the reader itself failed (polls kept
 * failing, the link closed): the resident should use another kiosk; otherwise the card.
 */
export function cardReadError(failure: Gat467Error, readerFault: boolean, cause?: Error): CardReadError {
  const unavailable = readerFault || failure.code === 'closed' || failure.code === 'ioError';
  const message = unavailable
    ? 'The ID card reader is not available.'
    : failure.code === 'noCard' || failure.code === 'readFailed' || failure.code === 'selectFailed'
      ? 'The card was taken away before it could be read. Please place it on the reader again.'
      : failure.code === 'badCardData'
        ? 'The card on the reader could not be read as a resident ID card.'
        : 'The card could not be read. Please place it on the reader again.';
  const error = new CardReadError(message, unavailable ? 'readerUnavailable' : 'unreadable');
  // CardReadError takes no options, so the typed failure is attached as the standard cause.
  error.cause = cause ?? failure;
  return error;
}

/** The completion code of a failed SAM command. */
export function completionCode(failure: Gat467Error): CompletionCode {
  if (failure.code === 'timeOut') return 'timeOut';
  if (failure.code === 'closed') return 'deviceNotReady';
  return 'hardwareError';
}
