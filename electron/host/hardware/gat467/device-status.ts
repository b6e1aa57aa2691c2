import type { DeviceState, DeviceStatus, MediaState } from '../../../../shared/hardware/types';
import type { Gat467Error } from './errors';

/** Operator-facing reasons for a reader that is not online; never card data. */
/** What operators read in errors and logs. */
export const STATUS_MESSAGE = {
  closed: 'The link to the card reader is closed.',
} as const;

export const STATUS_DETAIL = {
  // Codes, translated on the staff screen (staff.detail.*).
  unchecked: 'notCheckedYet',
  timeOut: 'noAnswer',
  closed: 'linkClosed',
  ioError: 'ioError',
  garbled: 'garbledReply',
  sam: 'samFault',
} as const;

/** A change to the reader's status; `detail: undefined` clears the detail. */
export interface StatusPatch {
  device?: DeviceState;
  media?: MediaState;
  detail?: string | undefined;
}

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

/** Holds a device status and tells listeners when it really changes. */
export class StatusTracker {
  private current: DeviceStatus;
  private readonly listeners = new Set<(status: DeviceStatus) => void>();

  constructor(initial: DeviceStatus) {
    this.current = { ...initial };
  }

  /** A copy of the current status. */
  get(): DeviceStatus {
    return { ...this.current };
  }

  /** Adds a listener; returns the function that removes it. */
  listen(listener: (status: DeviceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies a patch and notifies listeners if anything changed. */
  update(patch: StatusPatch): void {
    const next: DeviceStatus = { ...this.current, ...patch };
    if (next.detail === undefined) delete next.detail;
    if (next.device === this.current.device && next.media === this.current.media && next.detail === this.current.detail) return;
    this.current = next;
    for (const listener of [...this.listeners]) {
      try {
        listener({ ...next });
      } catch {
        // A faulty listener must not stop the reader polling for the resident's card.
      }
    }
  }
}
