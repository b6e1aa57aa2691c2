import { parseMrz } from '../../../shared/domain/mrz';
import type { DocumentReader, DocumentReadResult } from '../../../shared/hardware/document-reader';
import type { DeviceState, DeviceStatus } from '../../../shared/hardware/types';
import { StatusTracker, warnListenerError } from './status-tracker';

/** Faults the simulator can inject into the next presented document. */
export type SimDocumentFault = 'timeOut' | 'garbled';

// What a dirty window or a bent page does to OCR: characters the reader could not place.
const GARBLE_EVERY = 7;
const GARBLE_CHAR = '#';

/**
 * Document reader simulator: a person (or a test) presents a zone as text and it is parsed and
 * delivered as a real reader would deliver it. Faults: 'timeOut' swallows the next document
 * (the reader never finished reading it), 'garbled' delivers it with unreadable characters.
 */
export class SimDocumentReader implements DocumentReader {
  readonly kind = 'sim';
  private readonly tracker = new StatusTracker({ device: 'online', media: 'notPresent' }, warnListenerError('Document reader'));
  private readonly documentListeners = new Set<(result: DocumentReadResult) => void>();
  private armed: SimDocumentFault | undefined;
  private delivered = 0;

  /** Current status; a copy, so callers cannot change the simulator behind its back. */
  status(): DeviceStatus {
    return this.tracker.get();
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.listen(listener);
  }

  /** Subscribes to documents; returns the unsubscribe function. */
  onDocument(listener: (result: DocumentReadResult) => void): () => void {
    this.documentListeners.add(listener);
    return () => {
      this.documentListeners.delete(listener);
    };
  }

  /** Sets the simulated device state; a reader that is not online reads nothing. */
  setDevice(state: DeviceState): void {
    this.tracker.update({ device: state });
  }

  /** Makes the next document presented to an online reader fail in the given way. */
  failNext(fault: SimDocumentFault): void {
    this.armed = fault;
  }

  /** Number of documents delivered to listeners so far. */
  deliveredCount(): number {
    return this.delivered;
  }

  /**
   * Presents a document whose zone is `mrzText` (lines separated by newlines). Returns whether
   * a result was delivered: false when the reader is not online or a timeout was injected.
   */
  present(mrzText: string): boolean {
    if (this.tracker.get().device !== 'online') return false;
    const fault = this.armed;
    this.armed = undefined;
    this.tracker.update({ media: 'present' });
    try {
      if (fault === 'timeOut') return false;
      const text = fault === 'garbled' ? garble(mrzText) : mrzText;
      this.delivered += 1;
      notify(this.documentListeners, parseMrz(text));
      return true;
    } finally {
      this.tracker.update({ media: 'notPresent' });
    }
  }
}

function garble(text: string): string {
  let index = 0;
  return text.replace(/[^\r\n]/g, (c) => (index++ % GARBLE_EVERY === GARBLE_EVERY - 1 ? GARBLE_CHAR : c));
}

function notify<T>(listeners: ReadonlySet<(value: T) => void>, value: T): void {
  const errors: unknown[] = [];
  // Copy first: a listener may unsubscribe while we iterate.
  for (const listener of [...listeners]) {
    try {
      listener(value);
    } catch (error) {
      errors.push(error);
    }
  }
  // One faulty listener must not starve the others, but its error still surfaces.
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, 'Document reader listeners failed');
}
