import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../store/db';
import { lockDataFolder } from '../store/data-lock';
import { appendAudit, auditHead } from '../store/repos/audit-log';
import { deleteSnapshot } from '../store/repos/flow-snapshots';
import { markFailed } from '../store/repos/submissions';
import { loadKeysNow, replaceKeys, type KeyWrapper } from './key-store';
import { Sealer } from './sealer';

/** What replacing the keys would give up, counted before anyone decides. */
export interface KeyResetPlan {
  /** 'readable': the keys work, so nothing may be replaced. */
  keys: 'readable' | 'unreadable' | 'missing';
  /** Submissions the platform does not have yet: their personal data is lost for good. */
  notSent: string[];
  /** Submissions the platform has: only the kiosk's copy becomes unreadable. */
  alreadySent: number;
  /** A resident's session in progress, which is wiped. */
  openSession: boolean;
}

/** The operator's replacement was refused; the message says why and what to do. */
export class KeyResetRefused extends Error {
  override readonly name = 'KeyResetRefused';
}

function keysDir(dataDir: string): string {
  return path.join(dataDir, 'keys');
}

/** Counts what a key replacement would give up; changes nothing. */
export function planKeyReset(dataDir: string, wrappers: readonly KeyWrapper[] = []): KeyResetPlan {
  const [wrapper, ...otherWrappers] = wrappers;
  const load = loadKeysNow(keysDir(dataDir), { ...(wrapper ? { wrapper } : {}), otherWrappers, sealedDataExists: () => true, readOnly: true });
  const keys = load.state === 'ready' ? 'readable' : load.problem;
  const file = path.join(dataDir, 'kiosk.db');
  if (!fs.existsSync(file)) return { keys, notSent: [], alreadySent: 0, openSession: false };
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const notSent = db
      .prepare("SELECT reference FROM submissions WHERE payload IS NOT NULL AND state IN ('queued', 'sending', 'failed') ORDER BY id")
      .pluck()
      .all() as string[];
    const alreadySent = db.prepare("SELECT count(*) FROM submissions WHERE payload IS NOT NULL AND state IN ('sent', 'accepted', 'rejected')").pluck().get() as number;
    const openSession = db.prepare('SELECT 1 FROM flow_snapshots LIMIT 1').get() !== undefined;
    return { keys, notSent, alreadySent, openSession };
  } finally {
    db.close();
  }
}

/**
 * Replaces keys that cannot be read, for an operator who confirmed by stating how many
 * unsent submissions this gives up (`givenUp` must equal the count). No host may be running
 * on the folder. The old key file is kept beside; the unsent submissions are marked failed
 * ('keyGivenUp'); the open session is wiped; the audit log gets an `audit.keyed` entry under
 * the new key that closes the entries the old key vouched for, and a `keys.replaced` entry.
 */
export function resetKeys(dataDir: string, opts: { givenUp: number; actor: string; wrappers?: readonly KeyWrapper[]; now?: number }): KeyResetPlan & { keptAs: string | null } {
  const lock = lockDataFolder(dataDir);
  try {
    const plan = planKeyReset(dataDir, opts.wrappers);
    if (plan.keys === 'readable') throw new KeyResetRefused('The keys can be read: a key in use is never replaced.');
    if (opts.givenUp !== plan.notSent.length) {
      throw new KeyResetRefused(`This gives up ${plan.notSent.length} unsent submission(s), not ${opts.givenUp}: nothing was changed.`);
    }
    const { keys, keptAs } = replaceKeys(keysDir(dataDir), opts.wrappers?.[0]);
    const now = opts.now ?? Date.now();
    const db = openDatabase(path.join(dataDir, 'kiosk.db'), { sealer: new Sealer(keys.current), auditKey: keys.audit });
    try {
      db.transaction(() => {
        const head = auditHead(db);
        appendAudit(db, { actor: opts.actor, action: 'audit.keyed', subject: null, detail: { before: head.count, beforeHead: head.hash, reason: 'keysReplaced' } }, now);
        for (const reference of plan.notSent) markFailed(db, reference, { now, error: 'keyGivenUp' }, { actor: opts.actor, detail: { error: 'keyGivenUp' } });
        deleteSnapshot(db, 'kiosk');
        appendAudit(
          db,
          {
            actor: opts.actor,
            action: 'keys.replaced',
            subject: null,
            detail: { givenUp: plan.notSent.length, alreadySent: plan.alreadySent, openSession: plan.openSession, keptAs, keyId: keys.current.id },
          },
          now,
        );
      })();
    } finally {
      db.close();
    }
    return { ...plan, keptAs };
  } finally {
    lock.release();
  }
}
