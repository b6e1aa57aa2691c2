import type { Device, DeviceStatus } from '../../../shared/hardware/types';
import { StatusTracker, warnListenerError } from './status-tracker';

/**
 * Holds the live driver of one device and (re)connects it: a reader unplugged at night is
 * found again when it comes back, and until then the slot reports `noDevice` with the reason.
 */
export class DeviceSlot<T extends Device> implements Device {
  private device: T | undefined;
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** What the slot reports while no driver is connected. */
  private ownStatus: DeviceStatus = { device: 'noDevice', detail: 'connecting' };
  // What listeners last heard: the driver's statuses, or the slot's own when it could not connect.
  private readonly heard: StatusTracker;

  constructor(
    readonly kind: string,
    private readonly connect: () => Promise<T>,
    private readonly opts: { retryMs?: number; dispose?: (device: T) => Promise<void>; onError?: (error: unknown) => void } = {},
  ) {
    this.heard = new StatusTracker(this.ownStatus, warnListenerError(kind));
  }

  /** The connected driver, if any. */
  current(): T | undefined {
    return this.device;
  }

  status(): DeviceStatus {
    return this.device ? this.device.status() : { ...this.ownStatus };
  }

  onStatus(listener: (s: DeviceStatus) => void): () => void {
    return this.heard.listen(listener);
  }

  /** Tries to connect now, and again every `retryMs` until it does. */
  async start(): Promise<void> {
    if (this.closed || this.device) return;
    try {
      const device = await this.connect();
      if (this.closed) {
        await this.opts.dispose?.(device);
        return;
      }
      this.device = device;
      this.unsubscribe = device.onStatus((s) => {
        this.heard.set(s);
        if (s.device === 'offline' || s.device === 'noDevice') this.reconnectLater();
      });
      this.heard.set(device.status());
    } catch (error) {
      this.opts.onError?.(error);
      // Staff screens hear about it once, not at every retry: the tracker tells only changes.
      this.ownStatus = { device: 'noDevice', detail: 'notConnected' };
      this.heard.set(this.ownStatus);
      this.retryLater();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.unsubscribe?.();
    if (this.device) await this.opts.dispose?.(this.device);
    this.device = undefined;
  }

  private reconnectLater(): void {
    const device = this.device;
    if (!device) return;
    this.unsubscribe?.();
    this.device = undefined;
    // Not told: listeners keep what the driver said last (why it went), until the next attempt.
    this.ownStatus = { device: 'noDevice', detail: 'reconnecting' };
    void this.opts.dispose?.(device).catch((e: unknown) => this.opts.onError?.(e));
    this.retryLater();
  }

  private retryLater(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.start(), this.opts.retryMs ?? 5000);
    this.timer.unref();
  }
}
