import { InvalidRequestError } from '../errors';
import { canonicalUid, type StaffCardReader } from '../../../shared/hardware/staff-card-reader';
import type { DeviceStatus } from '../../../shared/hardware/types';
import { StatusTracker } from './status-tracker';

/** The staff card reader simulator: a person (or a test) holds a card with a given UID to it. */
export class SimStaffCardReader implements StaffCardReader {
  readonly kind = 'sim';
  private readonly tracker = new StatusTracker({ device: 'online' });
  private readonly listeners = new Set<(uid: string) => void>();

  status(): DeviceStatus {
    return this.tracker.get();
  }

  onStatus(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.listen(listener);
  }

  onCard(listener: (uid: string) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** A card with this UID is held to the reader; throws for text that is not a UID. */
  present(uid: string): void {
    const canonical = canonicalUid(uid);
    if (!canonical) throw new InvalidRequestError('A card UID is 8, 14 or 20 hexadecimal digits, or 10 decimal digits.');
    for (const listener of [...this.listeners]) listener(canonical);
  }
}
