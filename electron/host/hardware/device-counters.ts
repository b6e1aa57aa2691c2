/** Devices whose jobs are counted: what staff see beside each device's status. */
export const COUNTED_DEVICES = ['idCardReader', 'documentReader', 'receiptPrinter', 'documentPrinter', 'permitPrinter', 'paymentTerminal'] as const;
export type CountedDevice = (typeof COUNTED_DEVICES)[number];

export interface DeviceCount {
  ok: number;
  failed: number;
  /** The last failure's code (a completion or error code, never personal data) and when. */
  lastError: { code: string; at: number } | null;
}

/**
 * How each device's jobs went since the kiosk started: successes, failures and the last
 * failure. Kept in memory: a restart starts the counts again, and the audit log keeps the rest.
 */
export class DeviceCounters {
  private readonly counts = new Map<CountedDevice, DeviceCount>();

  constructor(private readonly now: () => number = Date.now) {}

  /** `outcome`: 'ok', or the failure's code. */
  record(device: CountedDevice, outcome: string): void {
    const c = this.counts.get(device) ?? { ok: 0, failed: 0, lastError: null };
    if (outcome === 'ok') c.ok += 1;
    else {
      c.failed += 1;
      c.lastError = { code: outcome, at: this.now() };
    }
    this.counts.set(device, c);
  }

  all(): Record<CountedDevice, DeviceCount> {
    return Object.fromEntries(COUNTED_DEVICES.map((d) => [d, { ...(this.counts.get(d) ?? { ok: 0, failed: 0, lastError: null }) }])) as Record<CountedDevice, DeviceCount>;
  }
}
