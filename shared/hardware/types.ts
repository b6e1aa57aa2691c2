/**
 * Device status model shared by every hardware adapter, modelled on XFS4IoT so
 * that drivers, simulators and the renderer speak the same vocabulary.
 */

/** Overall state of a device as the host last saw it. */
export type DeviceState = 'online' | 'offline' | 'noDevice' | 'hardwareError' | 'userError' | 'busy';

/** Paper supply state of a printer. */
export type PaperState = 'full' | 'low' | 'out' | 'jammed';

/** How a device command ended. */
export type CompletionCode =
  | 'success'
  | 'canceled'
  | 'timeOut'
  | 'hardwareError'
  | 'userError'
  | 'deviceNotReady';

/** Result of a device command; `message` is for operators and never carries personal data. */
export interface Completion<T = undefined> {
  code: CompletionCode;
  message: string;
  value?: T;
}

/** Media in a device (a card in the reader, a permit in the card printer). */
export type MediaState = 'present' | 'notPresent' | 'jammed' | 'retracted';

/** Ink, ribbon or card-stock supply. */
export type SupplyState = 'full' | 'low' | 'out';

/** Snapshot of a device's status; supply fields are absent for devices without them. */
export interface DeviceStatus {
  device: DeviceState;
  paper?: PaperState;
  media?: MediaState;
  ink?: SupplyState;
  /** Why the device is not online, for staff; an operator's words, never personal data. */
  detail?: string;
}

/** A device of any class: it reports status and tells listeners when it changes. */
export interface Device {
  /** Which adapter this is: 'sim', 'gat467-serial', 'escpos-tcp', … */
  readonly kind: string;
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): () => void;
}

/** True when the device can take a job now: online, and paper (if reported) is neither out nor jammed. */
export function isReady(status: DeviceStatus): boolean {
  return (
    status.device === 'online' &&
    status.paper !== 'out' &&
    status.paper !== 'jammed' &&
    status.media !== 'jammed' &&
    status.ink !== 'out'
  );
}
