import type { StatusPatch } from '../status-tracker';
import type { Gat467Error } from './errors';

/** What operators read in errors and logs. */
export const STATUS_MESSAGE = {
  closed: 'The link to the card reader is closed.',
} as const;

/** Operator-facing reasons for a reader that is not online; never card data. */
export const STATUS_DETAIL = {
  // Codes, translated on the staff screen (staff.detail.*).
  unchecked: 'notCheckedYet',
  timeOut: 'noAnswer',
  closed: 'linkClosed',
  ioError: 'ioError',
  garbled: 'garbledReply',
  sam: 'samFault',
} as const;

/** The device state a failed command implies: how the link failed, not what the card did. */
export function statusAfterFailure(failure: Gat467Error): StatusPatch {
  switch (failure.code) {
    case 'timeOut':
      return { device: 'offline', detail: STATUS_DETAIL.timeOut };
    case 'closed':
      return { device: 'offline', detail: STATUS_DETAIL.closed };
    case 'ioError':
      return { device: 'hardwareError', detail: STATUS_DETAIL.ioError };
    case 'garbled':
      return { device: 'hardwareError', detail: STATUS_DETAIL.garbled };
    default:
      // Any status answer proves the link works; what it means is for the caller.
      return { device: 'online', detail: undefined };
  }
}
