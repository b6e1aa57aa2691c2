import type { HeadsetJack } from '../../../shared/hardware/headset';
import type { DeviceStatus } from '../../../shared/hardware/types';
import { StatusTracker, warnListenerError } from './status-tracker';

/** The headphone socket simulator: a person (or a test) plugs a headset in or pulls it out. */
export class SimHeadset implements HeadsetJack {
  readonly kind = 'sim';
  private readonly tracker = new StatusTracker({ device: 'online', media: 'notPresent' }, warnListenerError('Headset socket'));

  status(): DeviceStatus {
    return this.tracker.get();
  }

  onStatus(listener: (s: DeviceStatus) => void): () => void {
    return this.tracker.listen(listener);
  }

  /** A headset plugged in (true) or pulled out (false). */
  setPlugged(plugged: boolean): void {
    this.tracker.update({ media: plugged ? 'present' : 'notPresent' });
  }

  plugged(): boolean {
    return this.status().media === 'present';
  }
}
