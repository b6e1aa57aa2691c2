import { CardReadError, type IdCardReader, type ReadCardOptions } from '../../../shared/hardware/id-card-reader';
import type { DeviceState, DeviceStatus } from '../../../shared/hardware/types';
import type { IdentityCard } from '../../../shared/catalog/types';
import { InvalidRequestError } from '../errors';
import { simCardPhoto } from './sim-card-photos';
import { SIM_RESIDENTS, type SimResident } from './sim-residents';
import { StatusTracker, warnListenerError } from './status-tracker';

interface Waiter {
  /** A placement this read does not take (see ReadCardOptions.newPlacementOnly). */
  skip: { read: boolean } | null;
  /** A background watch for a newly placed card (staff mode), not someone waiting at the reader. */
  watch: boolean;
  resolve(read: { card: IdentityCard; photo?: Uint8Array }): void;
  reject(error: Error): void;
}

/** The ID card reader simulator: a person (or a test) presents one of the fictional residents. */
export class SimIdCardReader implements IdCardReader {
  readonly kind = 'sim';
  private placed: { resident: SimResident; read: boolean } | null = null;
  private waiters = new Set<Waiter>();
  private readonly tracker = new StatusTracker({ device: 'online', media: 'notPresent' }, warnListenerError('ID card reader'));
  private nextFault: 'cardPulled' | 'checksumError' | 'timeout' | undefined;

  status(): DeviceStatus {
    return this.tracker.get();
  }

  /** Simulates the reader going away (offline) or coming back; waiting reads fail while it is away. */
  setDevice(state: DeviceState): void {
    if (state === this.status().device) return;
    if (state !== 'online') {
      for (const waiter of this.waiters) waiter.reject(new CardReadError('The ID card reader is not available.', 'readerUnavailable'));
      this.waiters.clear();
    }
    this.tracker.update({ device: state });
  }

  /** The next card placed fails to read as a real reader would: pulled mid-read, a checksum error, or no answer. */
  failNextRead(fault: 'cardPulled' | 'checksumError' | 'timeout'): void {
    this.nextFault = fault;
  }

  onStatus(listener: (s: DeviceStatus) => void): () => void {
    return this.tracker.listen(listener);
  }

  /** The id of the resident whose card lies on the reader, or null. */
  presentId(): string | null {
    return this.placed?.resident.id ?? null;
  }

  /** Places a sample resident's card on the reader; throws for an unknown id. */
  present(residentId: string): void {
    const resident = SIM_RESIDENTS.find((r) => r.id === residentId);
    if (!resident) throw new InvalidRequestError('No sample resident has that id.');
    this.placed = { resident, read: false };
    this.tracker.update({ media: 'present' });
    this.deliver();
  }

  /** Takes the card off the reader. */
  remove(): void {
    this.placed = null;
    this.tracker.update({ media: 'notPresent' });
  }

  /** True while a read that takes any card waits for one (a resident's identify step, staff's card test). */
  waiting(): boolean {
    return [...this.waiters].some((w) => !w.watch);
  }

  /** True while a background watch waits for a newly placed card (ReadCardOptions.newPlacementOnly). */
  watching(): boolean {
    return [...this.waiters].some((w) => w.watch);
  }

  readCard(signal: AbortSignal, options: ReadCardOptions = {}): Promise<IdentityCard> {
    return this.read(signal, options).then((read) => read.card);
  }

  /** With the card's photo, for residents whose sample card has one (as a reader with a licensed decoder gives it). */
  readCardWithPhoto(signal: AbortSignal): Promise<{ card: IdentityCard; photo?: Uint8Array }> {
    return this.read(signal, {});
  }

  private read(signal: AbortSignal, options: ReadCardOptions): Promise<{ card: IdentityCard; photo?: Uint8Array }> {
    return new Promise((resolve, reject) => {
      if (this.status().device !== 'online') {
        reject(new CardReadError('The ID card reader is not available.', 'readerUnavailable'));
        return;
      }
      if (signal.aborted) {
        reject(signal.reason instanceof Error ? signal.reason : new Error('Card read aborted.'));
        return;
      }
      const waiter: Waiter = {
        // The card lying there now is not this read's; a read that waits for any card may still take it.
        skip: options.newPlacementOnly ? this.placed : null,
        watch: options.newPlacementOnly === true,
        resolve: (read) => {
          signal.removeEventListener('abort', onAbort);
          resolve(read);
        },
        reject: (error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      const onAbort = () => {
        this.waiters.delete(waiter);
        reject(signal.reason instanceof Error ? signal.reason : new Error('Card read aborted.'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
      this.deliver();
    });
  }

  private deliver(): void {
    const placed = this.placed;
    const takers = [...this.waiters].filter((w) => w.skip !== placed);
    if (!placed || placed.read || takers.length === 0 || this.status().device !== 'online') return;
    placed.read = true;
    for (const waiter of takers) this.waiters.delete(waiter);
    const fault = this.nextFault;
    this.nextFault = undefined;
    if (fault) {
      const message = { cardPulled: 'The card was taken away during the read.', checksumError: 'The reader answered with a bad checksum.', timeout: 'The reader did not answer in time.' }[fault];
      for (const waiter of takers) waiter.reject(new CardReadError(message));
      if (fault === 'cardPulled') this.remove();
      return;
    }
    const { card, face } = placed.resident;
    for (const waiter of takers) {
      if (card) waiter.resolve({ card: structuredClone(card), ...(face ? { photo: simCardPhoto(face) } : {}) });
      else waiter.reject(new CardReadError('The card on the reader could not be read.'));
    }
  }
}
