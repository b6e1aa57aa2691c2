import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { loadKeysNow, type KeyWrapper } from '../crypto/key-store';
import { auditHead, verifyAudit } from './repos/audit-log';
import { verifyRowDigests } from './repos/row-audit';

/**
 * What `npm run audit:verify` says about a data folder, and its exit code: 0 intact, 1 broken,
 * 2 not verified. It needs the audit key (from the key file, through the same secret store the
 * kiosk uses) and changes nothing: the database is opened read-only, no key is made.
 */
export function auditReport(dataDir: string, opts: { wrappers?: readonly KeyWrapper[] } = {}): { exitCode: number; message: string } {
  const file = path.join(dataDir, 'kiosk.db');
  if (!fs.existsSync(file)) return { exitCode: 2, message: `Audit not verified: no kiosk database at ${file}` };
  const [wrapper, ...otherWrappers] = opts.wrappers ?? [];
  const keys = loadKeysNow(path.join(dataDir, 'keys'), { ...(wrapper ? { wrapper } : {}), otherWrappers, sealedDataExists: () => true, readOnly: true });
  if (keys.state !== 'ready') return { exitCode: 2, message: `Audit not verified: the audit key cannot be read (${keys.problem}: ${keys.detail})` };
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const verdict = verifyAudit(db, keys.keys.audit);
    if (!verdict.ok) return { exitCode: 1, message: `Audit log BROKEN at entry ${verdict.brokenAt}: ${verdict.reason}.` };
    const rows = verifyRowDigests(db);
    if (!rows.ok) return { exitCode: 1, message: `Audit log BROKEN: ${rows.table} ${rows.subject}: ${rows.reason}.` };
    const head = auditHead(db);
    const older = verdict.unverifiable > 0 ? ` (${verdict.unverifiable} from before a key replacement, chained but not authenticated)` : '';
    return {
      exitCode: 0,
      message: `Audit log intact: ${verdict.entries} entries verified${older}; ${rows.rows} submissions and payments match their last audited change; head ${head.count} ${head.hash.slice(0, 16)}.`,
    };
  } finally {
    db.close();
  }
}
