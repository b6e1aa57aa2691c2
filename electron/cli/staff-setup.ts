import { ConfigError, defaultDataDir, loadConfig } from '../host/config';
import { prepareDataDir } from '../host/store/data-dir';
import { formatSetupCode, issueSetupCode, SETUP_CODE_MS, SETUP_CODE_TRIES } from '../host/staff/setup-code';
import { version } from '../../package.json';

/**
 * `npm run staff:setup`: a one-time code with which the first admin is created on the kiosk's
 * own screen. A new kiosk has no staff and no default password; the code is the only way in,
 * it works once, for an hour, and the kiosk refuses it once any staff member exists.
 */
export async function runStaffSetup(env: NodeJS.ProcessEnv, out: (line: string) => void, now = Date.now()): Promise<number> {
  let dataDir: string;
  try {
    dataDir = loadConfig(env, { dataDir: defaultDataDir(), version }).dataDir;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    out(`No setup code made: ${error.message}`);
    return 2;
  }
  prepareDataDir(dataDir);
  const code = await issueSetupCode(dataDir, now);
  out(`One-time setup code for the first station admin: ${formatSetupCode(code)}`);
  out(
    `On the kiosk, hold the top-left corner of the welcome screen for three seconds, choose "Set up this kiosk" and type it with a staff number and PIN. It works once, for ${SETUP_CODE_MS / 60_000} minutes (${SETUP_CODE_TRIES} tries), and only while the kiosk has no staff; a new code replaces this one.`,
  );
  return 0;
}

if (require.main === module) {
  void runStaffSetup(process.env, (line) => process.stdout.write(`${line}\n`)).then((code) => (process.exitCode = code));
}
