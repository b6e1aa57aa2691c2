/**
 * The heartbeat through the real uplink to the reference receiver on 127.0.0.1, on a fake clock:
 * one at start and one every period; an alert (a device failing, paper going low) at the next
 * turn; one slot that a month without the platform does not grow; codes only, never a resident.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Devices } from '../../shared/contract';
import type { KioskParts } from '../../electron/host/sync/heartbeat';
import { heartbeatKey } from '../../electron/host/sync/uplink-protocol';
import { expectNoPersonalData, harness, PERSONAL_DATA, type Harness } from './uplink-harness';

const PERIOD = 60_000;
const GAP = 5_000;

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const online = { device: 'online' } as const;

/** A kiosk's parts that a test changes between turns. */
function kiosk(): { parts: KioskParts; devices: Partial<Devices> } {
  const devices: Partial<Devices> = { idCardReader: { ...online, media: 'notPresent' }, receiptPrinter: { ...online, paper: 'full' }, storage: online };
  return {
    devices,
    parts: { devices, supplies: [{ supply: 'receiptPaper', state: 'ok', level: 120, capacity: 300 }], help: { open: 0, lastAt: null } },
  };
}

function tableCounts(h: Harness): Record<string, number> {
  const tables = h.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (h.db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

describe('the heartbeat', () => {
  it('goes at start and then once a period, with states, levels, backlog, version and uptime', async () => {
    const k = kiosk();
    h.enqueue(3);
    h.receiver.failNext({ kind: 'status', status: 503 }, { times: 1 });
    const startedAt = h.clock.t;
    const uplink = h.uplink({ heartbeatIntervalMs: PERIOD }, { kiosk: () => k.parts, version: '1.2.3' });
    await uplink.syncOnce();
    expect(h.receiver.kioskStatuses).toHaveLength(1);
    expect(h.receiver.kioskStatuses[0]).toEqual({
      kioskId: 'K01',
      at: new Date(startedAt).toISOString(),
      reason: 'start',
      startedAt: new Date(startedAt).toISOString(),
      seq: 1,
      uptimeS: 0,
      version: '1.2.3',
      devices: { idCardReader: { device: 'online', media: 'notPresent' }, receiptPrinter: { device: 'online', paper: 'full' }, storage: { device: 'online' } },
      supplies: [{ supply: 'receiptPaper', state: 'ok', level: 120, capacity: 300 }],
      help: { open: 0, lastAt: null },
      // Made before the submissions went: they were still queued.
      outbox: { queued: 3, sending: 0, sent: 0, accepted: 0, rejected: 0, failed: 0 },
      errors: [],
    });

    h.clock.t += PERIOD - 1;
    await uplink.syncOnce();
    expect(h.receiver.kioskStatuses).toHaveLength(1);
    h.clock.t += 1;
    await uplink.syncOnce();
    expect(h.receiver.kioskStatuses).toHaveLength(2);
    // The 503 on the first batch shows as a code; the batch went at the next turn.
    expect(h.receiver.kioskStatuses[1]).toMatchObject({
      reason: 'period',
      seq: 2,
      uptimeS: PERIOD / 1000,
      outbox: { queued: 0, sent: 3 },
      errors: [
        { event: 'uplink.retryScheduled', code: 'http503', count: 1 },
        { event: 'uplink.platformTrouble', code: 'http503', count: 1 },
      ],
    });
    const seen = h.receiver.requests.filter((r) => r.kind === 'heartbeat');
    expect(seen.map((r) => r.idempotencyKey)).toEqual(h.receiver.kioskStatuses.map(heartbeatKey));
  });

  it('goes at the next turn when a device fails or paper runs low, at most one alert per gap; work and media are no alert', async () => {
    const k = kiosk();
    const uplink = h.uplink({ heartbeatIntervalMs: PERIOD, alertMinGapMs: GAP }, { kiosk: () => k.parts });
    await uplink.syncOnce();
    const reasons = () => h.receiver.kioskStatuses.map((s) => s.reason);

    // A card in the reader and a printer at work are no news.
    k.devices.idCardReader = { ...online, media: 'present' };
    uplink.devicesChanged(k.devices);
    k.devices.receiptPrinter = { device: 'busy', paper: 'full' };
    uplink.devicesChanged(k.devices);
    h.clock.t += 1_000;
    await uplink.syncOnce();
    expect(reasons()).toEqual(['start']);

    k.devices.receiptPrinter = { device: 'hardwareError', paper: 'full', detail: 'cover open' };
    uplink.devicesChanged(k.devices);
    await uplink.syncOnce();
    expect(reasons()).toEqual(['start', 'alert']);
    expect(h.receiver.kioskStatuses[1]!.devices.receiptPrinter).toEqual({ device: 'hardwareError', paper: 'full' });

    // Paper low (the supplies say so) right after: held until the gap has passed, then sent.
    k.parts.supplies = [{ supply: 'receiptPaper', state: 'low', level: 40, capacity: 300 }];
    uplink.alert();
    h.clock.t += GAP - 1;
    await uplink.syncOnce();
    expect(reasons()).toEqual(['start', 'alert']);
    h.clock.t += 1;
    await uplink.syncOnce();
    expect(reasons()).toEqual(['start', 'alert', 'alert']);
    expect(h.receiver.kioskStatuses[2]!.supplies[0]).toMatchObject({ state: 'low', level: 40 });

    // The period counts from the last heartbeat made, alert or not.
    h.clock.t += PERIOD - 1;
    await uplink.syncOnce();
    expect(reasons()).toHaveLength(3);
    h.clock.t += 1;
    await uplink.syncOnce();
    expect(reasons()).toEqual(['start', 'alert', 'alert', 'period']);
  });

  it('keeps one heartbeat, the latest, through a month without the platform; nothing on disk grows', async () => {
    const k = kiosk();
    h.receiver.failWith((kind) => (kind === 'heartbeat' ? { kind: 'status', status: 503 } : undefined));
    // A quarter of an hour between heartbeats keeps the month to some 3,000 turns.
    const period = 15 * PERIOD;
    const uplink = h.uplink({ heartbeatIntervalMs: period, baseDelayMs: 1_000, maxDelayMs: 10 * period }, { kiosk: () => k.parts });
    await uplink.syncOnce();
    const before = tableCounts(h);
    const turns = (31 * 24 * 60 * PERIOD) / period;
    let alerts = 0;
    for (let turn = 1; turn <= turns; turn++) {
      h.clock.t += period;
      // Now and then the printer fails and comes back: alerts, coalesced like the rest.
      if (turn % 67 === 0) {
        k.devices.receiptPrinter = { device: k.devices.receiptPrinter?.device === 'online' ? 'offline' : 'online', paper: 'full' };
        uplink.devicesChanged(k.devices);
        alerts += 1;
      }
      await uplink.syncOnce();
      expect(uplink.heartbeatsWaiting()).toBe(1);
    }
    expect(alerts).toBeGreaterThan(40);
    expect(h.receiver.kioskStatuses).toHaveLength(0);
    expect(tableCounts(h)).toEqual(before);
    // Never more than one try a period.
    expect(h.receiver.counters.heartbeatRequests).toBeLessThanOrEqual(turns + 1);

    h.receiver.failWith(undefined);
    h.clock.t += period;
    await uplink.syncOnce();
    expect(uplink.heartbeatsWaiting()).toBe(0);
    expect(h.receiver.kioskStatuses).toHaveLength(1);
    const [latest] = h.receiver.kioskStatuses;
    // One made at start, one each turn (an alert in place of the period's), one now: all but this
    // one replaced, and it says there were alerts among them.
    expect(latest).toMatchObject({ at: new Date(h.clock.t).toISOString(), reason: 'alert', seq: turns + 2 });
    expect(latest!.errors).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'uplink.platformTrouble', code: 'http503' })]));
  });

  it('is kept once when its answer was lost and it came again under the same key', async () => {
    const uplink = h.uplink({ heartbeatIntervalMs: PERIOD }, { kiosk: () => kiosk().parts });
    h.receiver.failNext({ kind: 'closeAfterCommit' }, { on: 'heartbeat' });
    await uplink.syncOnce();
    expect(uplink.heartbeatsWaiting()).toBe(1);
    // The backoff is at most maxDelayMs (1 s in the harness), well inside the period.
    h.clock.t += 1_000;
    await uplink.syncOnce();
    expect(uplink.heartbeatsWaiting()).toBe(0);
    const sent = h.receiver.requests.filter((r) => r.kind === 'heartbeat');
    expect(sent).toHaveLength(2);
    expect(sent[0]!.idempotencyKey).toBe(sent[1]!.idempotencyKey);
    expect(h.receiver.kioskStatuses).toHaveLength(1);
  });

  it('carries no resident: a device detail with a name in it and a log line with an ID number stay out', async () => {
    const k = kiosk();
    const [name, idNumber] = PERSONAL_DATA;
    k.devices.receiptPrinter = { device: 'userError', paper: 'jammed', detail: `left by ${name!} ${idNumber!}` };
    h.enqueue(4);
    const uplink = h.uplink({ heartbeatIntervalMs: PERIOD }, { kiosk: () => k.parts });
    // A warning that breaks the rule and logs a resident's ID number as its code.
    h.receiver.invalidate([...h.drafts.keys()][0]!, idNumber!);
    await uplink.syncOnce();
    h.clock.t += PERIOD;
    await uplink.syncOnce();
    expect(h.receiver.kioskStatuses).toHaveLength(2);
    expect(h.receiver.kioskStatuses[1]!.devices.receiptPrinter).toEqual({ device: 'userError', paper: 'jammed' });
    expectNoPersonalData(h.receiver.heartbeatBodies);
    expect(h.receiver.heartbeatBodies.join('\n')).not.toContain('left by');
  });
});
