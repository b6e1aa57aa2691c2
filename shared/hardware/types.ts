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

/** Snapshot of a device's status; supply fields are absent for devices without them. */
export interface DeviceStatus {
  device: DeviceState;
  paper?: PaperState;
  media?: 'present' | 'notPresent' | 'jammed' | 'retracted';
}

/** True when the device can take a job now: online, and paper (if reported) is neither out nor jammed. */
export function isReady(status: DeviceStatus): boolean {
  return status.device === 'online' && status.paper !== 'out' && status.paper !== 'jammed';
}
