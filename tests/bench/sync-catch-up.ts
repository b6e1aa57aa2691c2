import path from 'node:path';
import { identityFromCard } from '../../shared/steps/identify/identify.part';
import type { SubmissionDraft } from '../../shared/steps/submit/submit.step';
import type { Sealer } from '../../electron/host/crypto/sealer';
import { SIM_RESIDENTS } from '../../electron/host/hardware/sim-residents';
import { createLogger } from '../../electron/host/log/logger';
import { enqueueSubmission } from '../../electron/host/queue/enqueue';
import { openDatabase } from '../../electron/host/store/db';
import { countByState } from '../../electron/host/store/repos/submissions';
import { createUplink } from '../../electron/host/sync/uplink';
import { parseUplinkConfig } from '../../electron/host/sync/uplink-config';
import { ReferenceReceiver } from '../fixtures/reference-receiver';
import { testAuditKey } from '../fixtures/sealer';

/** The catch-up measurement. */
export interface SyncCatchUp {
  perSec: number;
  seconds: number;
  batchSize: number;
  requests: number;
  /** Queued on the kiosk, never stored by the receiver. */
  lost: number;
  /** Stored twice by the receiver, or answered 'duplicate' (sent twice). */
  duplicated: number;
  /** Rows not in state 'sent' afterwards. */
  notSent: number;
  warnings: number;
}

/**
 * A kiosk that was offline with `count` submissions queued comes back: the real uplink, with
 * its default settings, sends them to the reference receiver on 127.0.0.1.
 */
export async function syncCatchUp(dir: string, sealer: Sealer, count: number): Promise<SyncCatchUp> {
  const db = openDatabase(path.join(dir, 'sync.db'), { sealer, auditKey: testAuditKey() });
  const receiver = await ReferenceReceiver.start();
  const lines: string[] = [];
  const log = createLogger({ level: 'warn', write: (line) => lines.push(line) });
  const config = parseUplinkConfig({ url: receiver.url, kioskId: 'K01' });
  const uplink = createUplink(db, sealer, config, log);
  try {
    const cards = SIM_RESIDENTS.flatMap((r) => (r.card ? [r.card] : []));
    // The real enqueue, in one outer transaction: the backlog is the fixture, not the measure.
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const draft: SubmissionDraft = {
          submissionKey: `sync-${i}`,
          serviceId: 'noCriminalRecord',
          lang: 'zh-CN',
          applicant: identityFromCard(cards[i % cards.length]!),
          answers: { purpose: { choice: 'job' } },
          photo: null,
          faceCheck: null,
          payment: null,
          lookups: {},
          review: false,
        };
        enqueueSubmission(db, draft, { kioskId: 'K01', sealer });
      }
    })();
    const references = (db.prepare('SELECT reference FROM submissions').all() as { reference: string }[]).map((r) => r.reference);

    const start = performance.now();
    let requests = 0;
    // One syncOnce sends up to 1,000 batches; loop in case the backlog is larger than that.
    for (let turn = 0; turn < 100; turn++) {
      const report = await uplink.syncOnce();
      requests += report.requests;
      const left = countByState(db);
      if (left.queued + left.sending === 0 || report.requests === 0) break;
    }
    const seconds = (performance.now() - start) / 1000;

    const byState = countByState(db);
    return {
      perSec: count / seconds,
      seconds,
      batchSize: config.batchSize,
      requests,
      lost: references.filter((r) => !receiver.stored.has(r)).length,
      duplicated: receiver.storeLog.length - new Set(receiver.storeLog).size + receiver.counters.duplicates,
      notSent: count - byState.sent,
      warnings: lines.length,
    };
  } finally {
    await uplink.stop();
    await receiver.close();
    db.close();
  }
}
