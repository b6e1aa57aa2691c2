/**
 * The audit head and the entries the platform has not seen leave with every sync batch, so a
 * log cut short or rewritten on the kiosk is caught by the platform, which kept what it got.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHead } from '../../electron/host/store/repos/audit-log';
import { getSetting } from '../../electron/host/store/repos/settings';
import { drain, harness, type Harness } from './uplink-harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

function dropGuards() {
  h.db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
}

describe('the audit log at the platform', () => {
  it('goes with each batch: the platform holds every entry, and each batch carries only the new ones', async () => {
    const uplink = h.uplink();
    h.enqueue(3);
    await drain(h, uplink);
    const sentThrough = Number(getSetting(h.db, 'audit.sentThrough'));
    // The batch's own entries (sending, sent) are written as it is answered: acknowledged next time.
    expect(sentThrough).toBeGreaterThan(0);
    expect(h.receiver.auditHashes('K01').size).toBe(sentThrough);
    const held = h.db.prepare('SELECT seq, hash FROM audit_log WHERE seq <= ? ORDER BY seq').all(sentThrough) as { seq: number; hash: string }[];
    expect([...h.receiver.auditHashes('K01').entries()]).toEqual(held.map((r) => [r.seq, r.hash]));

    h.enqueue(1);
    await drain(h, uplink);
    const bodies = h.receiver.auditBodies;
    expect(bodies.at(-1)?.entries[0]?.seq).toBe(sentThrough + 1);
    expect(h.receiver.auditAlerts).toEqual([]);
  });

  it('catches the last entries deleted on the kiosk: the log is shorter than the platform saw', async () => {
    const uplink = h.uplink();
    h.enqueue(4);
    await drain(h, uplink);
    h.enqueue(1);
    await drain(h, uplink);
    const seen = auditHead(h.db).count;
    dropGuards();
    h.db.prepare('DELETE FROM audit_log WHERE seq > ?').run(seen - 6);
    h.enqueue(1);
    await drain(h, uplink);
    expect(h.receiver.auditAlerts).toContainEqual(expect.objectContaining({ kioskId: 'K01', problem: 'regressed' }));
    expect(h.lines.some((l) => l.includes('"audit.platformFlagged"') && l.includes('"regressed"'))).toBe(true);
  });

  it('catches history rewritten on the kiosk, even with every hash recomputed', async () => {
    const uplink = h.uplink();
    h.enqueue(2);
    await drain(h, uplink);
    h.enqueue(1);
    await drain(h, uplink);
    dropGuards();
    // The forger edits entry 2 and recomputes every hash after it, so the chain holds locally.
    const rows = h.db.prepare('SELECT seq, detail FROM audit_log ORDER BY seq').all() as { seq: number; detail: string }[];
    h.db.prepare("UPDATE audit_log SET detail = '{\"service\":\"forged\"}' WHERE seq = 2").run();
    let prev = (h.db.prepare('SELECT hash FROM audit_log WHERE seq = 1').get() as { hash: string }).hash;
    for (const row of rows.slice(1)) {
      const hash = createHash('sha256').update(`${prev}|${row.seq}`).digest('hex');
      h.db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, row.seq);
      prev = hash;
    }
    // And resets what the kiosk believes the platform holds, to send the rewritten history.
    h.db.prepare("UPDATE settings SET value = '0' WHERE key = 'audit.sentThrough'").run();
    h.enqueue(1);
    await drain(h, uplink);
    expect(h.receiver.auditAlerts).toContainEqual({ kioskId: 'K01', problem: 'forked', at: 2 });
  });
});
