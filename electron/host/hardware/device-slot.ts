import type { Device, DeviceStatus } from '../../../shared/hardware/types';

/**
 * Holds the live driver of one device and (re)connects it: a reader unplugged at night is
 * found again when it comes back, and until then the slot reports `noDevice` with the reason.
 */
export class DeviceSlot<T extends Device> implements Device {
  private device: T | undefined;
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private lastStatus: DeviceStatus;
  private readonly listeners = new Set<(s: DeviceStatus) => void>();

  constructor(
    readonly kind: string,
    private readonly connect: () => Promise<T>,
    private readonly opts: { retryMs?: number; dispose?: (device: T) => Promise<void>; onError?: (error: unknown) => void } = {},
  ) {
    this.lastStatus = { device: 'noDevice', detail: 'connecting' };
  }

  /** The connected driver, if any. */
  current(): T | undefined {
    return this.device;
  }

  status(): DeviceStatus {
    return this.device ? this.device.status() : this.lastStatus;
  }

  onStatus(listener: (s: DeviceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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
        this.emit(s);
        if (s.device === 'offline' || s.device === 'noDevice') this.reconnectLater();
      });
      this.emit(device.status());
    } catch (error) {
      this.opts.onError?.(error);
      // Staff screens hear about it once, not at every retry.
      const changed = this.lastStatus.detail !== 'notConnected';
      this.lastStatus = { device: 'noDevice', detail: 'notConnected' };
      if (changed) this.emit(this.lastStatus);
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
    this.lastStatus = { device: 'noDevice', detail: 'reconnecting' };
    void this.opts.dispose?.(device).catch((e: unknown) => this.opts.onError?.(e));
    this.retryLater();
  }

  private retryLater(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.start(), this.opts.retryMs ?? 5000);
    this.timer.unref();
  }

  private emit(status: DeviceStatus): void {
    for (const listener of this.listeners) listener(status);
  }
}
