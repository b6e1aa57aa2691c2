import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ConfigError, defaultDataDir, loadConfig } from '../host/config';
import { verifyAudit } from '../host/store/repos/audit-log';
import { version } from '../../package.json';

/** `npm run audit:verify`: recomputes the audit chain and names the first broken entry. */
function main(): number {
  let dataDir: string;
  try {
    dataDir = loadConfig(process.env, { dataDir: defaultDataDir(), version }).dataDir;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Audit not verified: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const file = path.join(dataDir, 'kiosk.db');
  if (!fs.existsSync(file)) {
    process.stderr.write(`Audit not verified: no kiosk database at ${file}\n`);
    return 2;
  }
  // Read-only: verifying must never change what it verifies.
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const verdict = verifyAudit(db);
    if (verdict.ok) {
      process.stdout.write(`Audit log intact: ${verdict.entries} entries verified.\n`);
      return 0;
    }
    process.stdout.write(`Audit log BROKEN at entry ${verdict.brokenAt}: ${verdict.reason}.\n`);
    return 1;
  } finally {
    db.close();
  }
}

if (require.main === module) process.exitCode = main();
