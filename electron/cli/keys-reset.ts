import { ConfigError, defaultDataDir, loadConfig } from '../host/config';
import { KeyResetRefused, planKeyReset, resetKeys } from '../host/crypto/key-reset';
import { detectTpmWrapper } from '../host/crypto/systemd-creds';
import { DataFolderLockedError } from '../host/store/data-lock';
import { version } from '../../package.json';

/**
 * `npm run keys:reset`: the operator's explicit replacement of data keys that cannot be read.
 * Without arguments it only says what a replacement would give up; with `--give-up N` (N the
 * number it stated) it replaces them, audited. The kiosk must be stopped first.
 */
export function keysReset(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): { exitCode: number; message: string } {
  let dataDir: string;
  try {
    dataDir = loadConfig(env, { dataDir: defaultDataDir(), version }).dataDir;
  } catch (error) {
    if (error instanceof ConfigError) return { exitCode: 2, message: `Keys not replaced: ${error.message}` };
    throw error;
  }
  const tpm = detectTpmWrapper();
  const wrappers = tpm ? [tpm] : [];
  const at = argv.indexOf('--give-up');
  if (at === -1) {
    const plan = planKeyReset(dataDir, wrappers);
    if (plan.keys === 'readable') return { exitCode: 0, message: 'The kiosk keys can be read: there is nothing to replace.' };
    const refs = plan.notSent.length > 0 ? ` (${plan.notSent.join(', ')})` : '';
    return {
      exitCode: 1,
      message:
        `The kiosk key file is ${plan.keys}. First try to restore it (a backup, the keyring, the TPM). ` +
        `A new key gives up ${plan.notSent.length} submission(s) not yet sent to the platform${refs}, ` +
        `makes the personal data of ${plan.alreadySent} already sent unreadable on this kiosk` +
        `${plan.openSession ? ', and wipes the session in progress' : ''}. ` +
        `To go ahead, stop the kiosk and run: npm run keys:reset -- --give-up ${plan.notSent.length}`,
    };
  }
  const givenUp = Number(argv[at + 1]);
  if (!Number.isSafeInteger(givenUp) || givenUp < 0) return { exitCode: 2, message: 'Keys not replaced: --give-up needs the number of submissions given up.' };
  try {
    const done = resetKeys(dataDir, { givenUp, actor: 'operator', wrappers });
    return { exitCode: 0, message: `Keys replaced: ${done.notSent.length} submission(s) given up, the old key file kept as ${done.keptAs ?? 'nothing (there was none)'}.` };
  } catch (error) {
    if (error instanceof KeyResetRefused || error instanceof DataFolderLockedError) return { exitCode: 2, message: `Keys not replaced: ${error.message}` };
    throw error;
  }
}

if (require.main === module) {
  const { exitCode, message } = keysReset(process.argv.slice(2));
  (exitCode === 0 ? process.stdout : process.stderr).write(`${message}\n`);
  process.exitCode = exitCode;
}
