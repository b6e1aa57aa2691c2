/**
 * One simulated kiosk of a fleet: its own SQLite outbox in its own folder, the real enqueue and
 * the real uplink over real HTTP; only the screen, the devices and the resident are missing. The
 * fleet test and the fleet bench both run many of these against the PostgreSQL platform.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { createLogger } from '../../electron/host/log/logger';
import { enqueueSubmission } from '../../electron/host/queue/enqueue';
import { SettingsStore } from '../../electron/host/staff/settings-store';
import { openDatabase } from '../../electron/host/store/db';
import { countByState } from '../../electron/host/store/repos/submissions';
import type { KioskParts } from '../../electron/host/sync/heartbeat';
import { createUplink, type Uplink } from '../../electron/host/sync/uplink';
import { parseUplinkConfig, type UplinkConfigInput } from '../../electron/host/sync/uplink-config';
import { LANGS } from '../../shared/contract';
import { REFERENCE_ALPHABET } from '../../shared/domain/reference';
import { draftFor } from '../fixtures/drafts';
import { testAuditKey, testSealer } from '../fixtures/sealer';

/** The n-th kiosk code of a fleet (three characters of the reference alphabet): K00, K01, ... */
export function fleetKioskId(n: number): string {
  const a = REFERENCE_ALPHABET;
  return `${a[Math.floor(n / (a.length * a.length)) % a.length]!}${a[Math.floor(n / a.length) % a.length]!}${a[n % a.length]!}`;
}

/** A kiosk of the fleet. */
export interface FleetKiosk {
  readonly kioskId: string;
  readonly db: Database;
  readonly uplink: Uplink;
  /** The submission keys this kiosk queued, in order. */
  readonly keys: string[];
  /** Log lines at warn and above, for the check that none names anyone. */
  readonly lines: string[];
  /** Its devices and supplies, as the heartbeat reads them; a test changes them. */
  readonly parts: KioskParts;
  /** Its settings, when opened with `settings`: the platform's configuration is applied there. */
  readonly settings: SettingsStore | undefined;
  /** Queues `count` fictional submissions with the real enqueue (sealed, committed, audited). */
  enqueue(count: number, now?: number): void;
  /** Submissions not yet taken by the platform (queued or sending). */
  backlog(): number;
  close(): Promise<void>;
}

/** Opens a kiosk's outbox in `dir` and its uplink to `url`; `now` and `random` replace the clock and the jitter. */
export function openFleetKiosk(opts: {
  dir: string;
  n: number;
  /** Instead of the n-th fleet code (a client certificate names its kiosk). */
  kioskId?: string;
  url: string;
  bearerToken?: string;
  config?: Partial<UplinkConfigInput>;
  now?: () => number;
  random?: () => number;
  /** Keep settings and pull the platform's configuration into them (off for the fleet: no extra request a period). */
  settings?: boolean;
}): FleetKiosk {
  const kioskId = opts.kioskId ?? fleetKioskId(opts.n);
  fs.mkdirSync(opts.dir, { recursive: true });
  const sealer = testSealer();
  const db = openDatabase(path.join(opts.dir, 'kiosk.db'), { sealer, auditKey: testAuditKey() });
  const lines: string[] = [];
  const log = createLogger({ level: 'warn', write: (line) => lines.push(line) });
  const config = parseUplinkConfig({ url: opts.url, kioskId, ...(opts.bearerToken ? { bearerToken: opts.bearerToken } : {}), ...opts.config });
  const parts: KioskParts = {
    devices: { idCardReader: { device: 'online' }, receiptPrinter: { device: 'online', paper: 'full' }, storage: { device: 'online' } },
    supplies: [{ supply: 'receiptPaper', state: 'ok', level: 300, capacity: 300 }],
    help: { open: 0, lastAt: null },
  };
  const settings = opts.settings
    ? new SettingsStore({
        db,
        log,
        now: opts.now ?? Date.now,
        defaultLang: 'zh-CN',
        defaults: { disabledServices: [], serviceHours: {}, idleWarnSeconds: 60, idleResetSeconds: 30, languages: [...LANGS], stationName: '', stationPhone: '', faceMatchThreshold: 0.6 },
        onChange: () => undefined,
      })
    : undefined;
  const uplink = createUplink(db, sealer, config, log, {
    kiosk: () => parts,
    version: '0.0.0-fleet',
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.random ? { random: opts.random } : {}),
    ...(settings ? { config: settings } : {}),
  });
  const keys: string[] = [];
  return {
    kioskId,
    db,
    uplink,
    keys,
    lines,
    parts,
    settings,
    enqueue(count, now) {
      for (let i = 0; i < count; i++) {
        const draft = draftFor(keys.length, `${kioskId}-session`);
        enqueueSubmission(db, draft, { kioskId, sealer, ...(now !== undefined ? { now } : {}) });
        keys.push(draft.submissionKey);
      }
    },
    backlog() {
      const counts = countByState(db);
      return counts.queued + counts.sending;
    },
    async close() {
      await uplink.stop();
      db.close();
    },
  };
}
