import { ConfigError, defaultDataDir, loadConfig } from '../host/config';
import { auditReport } from '../host/store/audit-report';
import { detectTpmWrapper } from '../host/crypto/systemd-creds';
import { version } from '../../package.json';

/** `npm run audit:verify`: checks the audit log with its key and names the first broken entry. */
function main(): number {
  try {
    const { dataDir } = loadConfig(process.env, { dataDir: defaultDataDir(), version });
    const tpm = detectTpmWrapper();
    const report = auditReport(dataDir, { wrappers: tpm ? [tpm] : [] });
    (report.exitCode === 0 ? process.stdout : process.stderr).write(`${report.message}\n`);
    return report.exitCode;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Audit not verified: ${error.message}\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main();
