import type { Database } from 'better-sqlite3';
import type { Devices, Supply, SupplyName } from '../../../shared/contract';
import type { SupplySize } from '../hardware/hardware-config';
import type { Logger } from '../log/logger';
import { appendAudit } from '../store/repos/audit-log';

interface Spec extends SupplySize {
  device: Supply['device'];
  unit: Supply['unit'];
}

/**
 * Each supply's device, unit and default size: an 80 mm roll gives about 300 slips (the last
 * few are kept back, so a slip is never cut short at the end of the roll), the A4 tray holds
 * 250 sheets, a permit printer ribbon about 500 endorsements.
 */
export const SUPPLY_SPECS: Record<SupplyName, Spec> = {
  receiptPaper: { device: 'receiptPrinter', unit: 'slips', capacity: 300, lowAt: 40, outAt: 3 },
  a4Paper: { device: 'documentPrinter', unit: 'sheets', capacity: 250, lowAt: 30, outAt: 0 },
  permitRibbon: { device: 'permitPrinter', unit: 'prints', capacity: 500, lowAt: 50, outAt: 0 },
};

interface Row {
  supply: SupplyName;
  capacity: number;
  level: number;
  low_at: number;
  out_at: number;
}

const stateOf = (r: Pick<Row, 'level' | 'low_at' | 'out_at'>): Supply['state'] => (r.level <= r.out_at ? 'out' : r.level <= r.low_at ? 'low' : 'ok');

export interface SupplyCounter {
  /** A print used `amount` of a supply. */
  use(supply: SupplyName, amount: number): void;
}

/**
 * The supplies of the devices this kiosk has, counted down on every print and refilled by
 * staff. A supply that is low or out shows in its device's status (paper / ink), so the
 * welcome screen and the host's own check make the services that need it unavailable.
 */
export class Supplies implements SupplyCounter {
  private readonly listeners = new Set<() => void>();

  /**
   * `sizes`: where this station's devices hold more or less than {@link SUPPLY_SPECS} says
   * (hardware.json's `supplies`); checked there, so that outAt < lowAt < capacity.
   */
  constructor(
    private readonly db: Database,
    private readonly present: readonly SupplyName[],
    private readonly opts: { now: () => number; log: Logger; sizes?: Partial<Record<SupplyName, SupplySize | undefined>> },
  ) {
    const at = opts.now();
    const insert = db.prepare('INSERT OR IGNORE INTO supplies (supply, capacity, level, low_at, out_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    const resize = db.prepare('UPDATE supplies SET capacity = ?, low_at = ?, out_at = ?, level = MIN(level, ?), updated_at = ? WHERE supply = ?');
    db.transaction(() => {
      for (const name of present) {
        const size = opts.sizes?.[name] ?? SUPPLY_SPECS[name];
        // A supply seen for the first time is taken to be full: staff loaded it when the kiosk was set up.
        if (insert.run(name, size.capacity, size.capacity, size.lowAt, size.outAt, at).changes > 0) continue;
        const row = this.row(name);
        if (!row || (row.capacity === size.capacity && row.low_at === size.lowAt && row.out_at === size.outAt)) continue;
        // The station fitted a different roll or tray: what is left cannot exceed what fits.
        resize.run(size.capacity, size.lowAt, size.outAt, size.capacity, at, name);
        const detail = { capacity: size.capacity, lowAt: size.lowAt, outAt: size.outAt, capacityBefore: row.capacity, level: Math.min(row.level, size.capacity) };
        appendAudit(db, { actor: 'kiosk', action: 'supply.resized', subject: name, detail }, at);
        opts.log.info('supply.resized', { supply: name, capacity: size.capacity, lowAt: size.lowAt, outAt: size.outAt });
      }
    })();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): Supply[] {
    const rows = this.db.prepare('SELECT supply, capacity, level, low_at, out_at FROM supplies').all() as Row[];
    const last = this.db.prepare('SELECT staff_number AS by, amount, at FROM supply_refills WHERE supply = ? ORDER BY id DESC LIMIT 1');
    return this.present.flatMap((name) => {
      const row = rows.find((r) => r.supply === name);
      if (!row) return [];
      const spec = SUPPLY_SPECS[name];
      const refill = last.get(name) as { by: string; amount: number; at: number } | undefined;
      return [{ supply: name, device: spec.device, unit: spec.unit, capacity: row.capacity, level: row.level, lowAt: row.low_at, outAt: row.out_at, state: stateOf(row), lastRefill: refill ?? null }];
    });
  }

  use(supply: SupplyName, amount: number): void {
    if (!this.present.includes(supply) || amount <= 0) return;
    const before = this.row(supply);
    if (!before) return;
    const level = Math.max(0, before.level - amount);
    this.db.prepare('UPDATE supplies SET level = ?, updated_at = ? WHERE supply = ?').run(level, this.opts.now(), supply);
    const was = stateOf(before);
    const now = stateOf({ ...before, level });
    if (now !== was && now !== 'ok') {
      appendAudit(this.db, { actor: 'kiosk', action: `supply.${now}`, subject: supply, detail: { level } }, this.opts.now());
      this.opts.log.warn(`supply.${now}`, { supply, level });
    }
    if (now !== was) this.changed();
  }

  /** Staff filled a supply to its capacity: who, what and how much is recorded and audited. */
  refill(staffNumber: string, supply: SupplyName): Supply | null {
    const before = this.row(supply);
    if (!before || !this.present.includes(supply)) return null;
    const amount = before.capacity - before.level;
    const at = this.opts.now();
    this.db.transaction(() => {
      this.db.prepare('UPDATE supplies SET level = capacity, updated_at = ? WHERE supply = ?').run(at, supply);
      if (amount > 0) {
        this.db.prepare('INSERT INTO supply_refills (supply, staff_number, amount, level_before, level_after, at) VALUES (?, ?, ?, ?, ?, ?)').run(supply, staffNumber, amount, before.level, before.capacity, at);
      }
      appendAudit(this.db, { actor: `staff:${staffNumber}`, action: 'supply.refilled', subject: supply, detail: { amount, before: before.level, after: before.capacity } }, at);
    })();
    this.opts.log.info('supply.refilled', { supply, amount });
    this.changed();
    return this.list().find((s) => s.supply === supply) ?? null;
  }

  /** Sets a level as it is (the simulator panel and tests). */
  setLevel(supply: SupplyName, level: number): void {
    const row = this.row(supply);
    if (!row) return;
    this.db.prepare('UPDATE supplies SET level = ?, updated_at = ? WHERE supply = ?').run(Math.max(0, Math.min(row.capacity, level)), this.opts.now(), supply);
    this.changed();
  }

  /** The device statuses with each counted supply folded in: the worse of what the device says and what was counted. */
  overlay(devices: Devices): Devices {
    const out: Devices = { ...devices };
    for (const s of this.list()) {
      if (s.state === 'ok') continue;
      const status = { ...out[s.device] };
      if (s.device === 'permitPrinter') {
        if (status.ink !== 'out') status.ink = s.state;
      } else if (status.paper !== 'out' && status.paper !== 'jammed') {
        status.paper = s.state;
      }
      out[s.device] = status;
    }
    return out;
  }

  private row(supply: SupplyName): Row | undefined {
    return this.db.prepare('SELECT supply, capacity, level, low_at, out_at FROM supplies WHERE supply = ?').get(supply) as Row | undefined;
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
