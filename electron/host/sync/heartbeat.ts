import type { Devices } from '../../../shared/contract';
import type { RecentCode } from '../log/recent-codes';
import { heartbeatSchema, type Heartbeat } from './uplink-protocol';

const URGENCY: Record<Heartbeat['reason'], number> = { period: 0, start: 1, alert: 2 };

/** What the host knows of the kiosk for a heartbeat; the uplink adds its own outbox and timing. */
export interface KioskParts {
  devices: Partial<Devices>;
  supplies: Heartbeat['supplies'];
  help?: Heartbeat['help'];
}

/** When heartbeats are made and how they wait to be sent. */
export interface HeartbeatTiming {
  intervalMs: number;
  /** The least time between two alerts, so a device that flaps does not flood the platform. */
  alertMinGapMs: number;
}

/**
 * The codes whose change is worth an alert: a device out of order (busy is work, not a fault),
 * paper or ink low, out or jammed. Media coming and going (a card, a headset) is not.
 */
export function alertSignature(devices: Partial<Devices>): string {
  return Object.entries(devices)
    .map(([name, s]) => {
      if (!s) return name;
      const state = s.device === 'busy' ? 'online' : s.device;
      const paper = s.paper === 'full' ? '' : (s.paper ?? '');
      const ink = s.ink === 'full' ? '' : (s.ink ?? '');
      return `${name}:${state}:${paper}:${ink}:${s.media === 'jammed' ? 'jammed' : ''}`;
    })
    .sort()
    .join(',');
}

/**
 * The heartbeat's schedule and its one slot: a heartbeat is made every period, or at the next
 * turn after an alert, and waits in memory, never in the outbox. A newer one replaces the one
 * waiting, so a kiosk cut off for a month still holds one heartbeat, the latest.
 */
export class HeartbeatSlot {
  private seq = 0;
  private pending: Heartbeat | null = null;
  private nextPeriodAt = Number.NEGATIVE_INFINITY;
  private lastAlertAt = Number.NEGATIVE_INFINITY;
  private alertWanted = false;
  private retryAt = Number.NEGATIVE_INFINITY;
  private failures = 0;
  private lastSignature: string | undefined;

  constructor(
    private readonly timing: HeartbeatTiming,
    readonly startedAt: number,
  ) {}

  /** Something needs someone (paper low, a device failed, help asked for): a heartbeat at the next turn. */
  alert(): void {
    this.alertWanted = true;
  }

  /** The devices' statuses changed; true (and an alert) when a fault came or went. */
  devicesChanged(devices: Partial<Devices>): boolean {
    const signature = alertSignature(devices);
    const changed = this.lastSignature !== undefined && signature !== this.lastSignature;
    this.lastSignature = signature;
    if (changed) this.alert();
    return changed;
  }

  /** The reason to make a heartbeat now, or undefined when none is due. */
  due(now: number): Heartbeat['reason'] | undefined {
    if (this.seq === 0) return 'start';
    if (this.alertWanted && now >= this.lastAlertAt + this.timing.alertMinGapMs) return 'alert';
    return now >= this.nextPeriodAt ? 'period' : undefined;
  }

  /**
   * Makes the heartbeat and puts it in the slot, in place of any still waiting. Checked against
   * the wire schema here: what does not fit it (a code that slipped through elsewhere) is not
   * sent, and undefined says so; the period still moves on.
   */
  make(now: number, reason: Heartbeat['reason'], parts: KioskParts & { kioskId: string; version: string; outbox: Heartbeat['outbox']; errors: readonly RecentCode[]; config?: Heartbeat['config'] }): Heartbeat | undefined {
    this.seq += 1;
    this.nextPeriodAt = now + this.timing.intervalMs;
    if (reason === 'alert') this.lastAlertAt = now;
    this.alertWanted = false;
    this.lastSignature = alertSignature(parts.devices);
    const devices = Object.fromEntries(
      Object.entries(parts.devices).flatMap(([name, s]) => (s ? [[name, { device: s.device, ...(s.paper ? { paper: s.paper } : {}), ...(s.media ? { media: s.media } : {}), ...(s.ink ? { ink: s.ink } : {}) }]] : [])),
    );
    const parsed = heartbeatSchema.safeParse({
      kioskId: parts.kioskId,
      at: new Date(now).toISOString(),
      reason,
      startedAt: new Date(this.startedAt).toISOString(),
      seq: this.seq,
      uptimeS: Math.max(0, Math.floor((now - this.startedAt) / 1000)),
      version: parts.version,
      devices,
      supplies: parts.supplies.map(({ supply, state, level, capacity }) => ({ supply, state, level, capacity })),
      ...(parts.help ? { help: parts.help } : {}),
      outbox: parts.outbox,
      ...(parts.config ? { config: parts.config } : {}),
      errors: parts.errors.map((e) => ({ event: e.event, code: e.code, count: e.count, lastAt: new Date(e.lastAt).toISOString() })),
    });
    if (!parsed.success) return undefined;
    // Replacing one the platform never got, it keeps the more urgent reason: an alert made
    // during an outage still arrives as an alert, with the kiosk's state as it is now.
    if (this.pending !== null && URGENCY[this.pending.reason] > URGENCY[parsed.data.reason]) parsed.data.reason = this.pending.reason;
    this.pending = parsed.data;
    return parsed.data;
  }

  /** The heartbeat waiting to be sent, when it may be tried now. */
  sendable(now: number): Heartbeat | null {
    return this.pending !== null && now >= this.retryAt ? this.pending : null;
  }

  /** The platform has it; a newer one made meanwhile stays to be sent. */
  delivered(heartbeat: Heartbeat): void {
    if (this.pending === heartbeat) this.pending = null;
    this.failures = 0;
    this.retryAt = Number.NEGATIVE_INFINITY;
  }

  /** It did not get through: tried again after `delayMs` (or with the next one made). */
  failed(now: number, delayFor: (failures: number) => number): void {
    this.failures += 1;
    this.retryAt = now + delayFor(this.failures);
  }

  /** How many heartbeats wait: 0 or 1, whatever happened. */
  get waiting(): number {
    return this.pending === null ? 0 : 1;
  }

  /** When the slot next wants a turn: the next period, an alert's gap, or a retry. */
  wakeAt(): number {
    const alertAt = this.alertWanted ? this.lastAlertAt + this.timing.alertMinGapMs : Number.POSITIVE_INFINITY;
    const retry = this.pending !== null ? this.retryAt : Number.POSITIVE_INFINITY;
    return Math.min(this.nextPeriodAt, alertAt, retry);
  }
}
