import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { verifyAudit } from './repos/audit-log';

/** What `npm run audit:verify` says about a data folder, and its exit code. */
export function auditReport(dataDir: string): { exitCode: number; message: string } {
  const file = path.join(dataDir, 'kiosk.db');
  if (!fs.existsSync(file)) return { exitCode: 2, message: `Audit not verified: no kiosk database at ${file}` };
  // Read-only: verifying must never change what it verifies.
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const verdict = verifyAudit(db);
    return verdict.ok
      ? { exitCode: 0, message: `Audit log intact: ${verdict.entries} entries verified.` }
      : { exitCode: 1, message: `Audit log BROKEN at entry ${verdict.brokenAt}: ${verdict.reason}.` };
  } finally {
    db.close();
  }
}
