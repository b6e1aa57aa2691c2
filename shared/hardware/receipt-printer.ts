import type { Completion, DeviceStatus } from './types';

/** A receipt (slip) printer; the job is an already-built printer byte stream. */
export interface ReceiptPrinter {
  /** Adapter name, e.g. 'sim' or 'escpos-serial', for logs and the diagnostics screen. */
  readonly kind: string;
  /** Current status snapshot. */
  status(): DeviceStatus;
  /** Subscribes to status changes; returns a function that unsubscribes. */
  onStatus(listener: (s: DeviceStatus) => void): () => void;
  /** Prints one job; resolves with a completion code rather than rejecting on device faults. */
  print(job: Uint8Array): Promise<Completion>;
}
