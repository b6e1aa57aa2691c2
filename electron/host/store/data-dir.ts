import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The data folder cannot be used; the message names the folder and what is wrong. */
export class DataDirError extends Error {
  override readonly name = 'DataDirError';
}

function code(error: unknown): string {
  return (error as { code?: string }).code ?? 'unknown';
}

const REASONS: Record<string, string> = {
  ENOENT: 'a folder on its path does not exist and cannot be made there',
  EACCES: 'this user may not write there',
  EPERM: 'the operating system does not allow files there',
  EROFS: 'it is on a read-only file system',
  ENOSPC: 'the disk is full',
  ENOTDIR: 'a file on its path is not a folder',
  EEXIST: 'a file of that name is in the way',
};

function fail(dir: string, error: unknown): never {
  const c = code(error);
  throw new DataDirError(`The data folder ${dir} cannot hold the kiosk's database: ${REASONS[c] ?? c} (set KIOSK_DATA_DIR to a writable folder).`);
}

/**
 * Makes `dir` and any missing parents one level at a time, each with `mode`, and sets
 * `mode` on `dir` itself whatever the umask. Node's own recursive mkdir never returns under
 * /proc (it retries ENOENT for ever), so it is not used for a folder the operator chose.
 */
export function makePrivateDir(dir: string, mode = 0o700): void {
  const missing: string[] = [];
  let at = path.resolve(dir);
  while (!fs.existsSync(at)) {
    missing.unshift(at);
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing) {
    try {
      fs.mkdirSync(folder, { mode });
    } catch (error) {
      if (code(error) !== 'EEXIST') throw error;
    }
  }
  fs.chmodSync(dir, mode);
}

/**
 * Checks, before anything opens a database there, that the data folder exists (made 0700 if
 * not) and can take a durable write: a file is written, synced, renamed and removed. Throws
 * DataDirError with one line that says what to change.
 */
export function prepareDataDir(dir: string): void {
  try {
    makePrivateDir(dir);
    if (!fs.statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    const probe = path.join(dir, `.write-probe-${randomBytes(4).toString('hex')}`);
    const fd = fs.openSync(probe, 'wx', 0o600);
    try {
      fs.writeSync(fd, 'probe');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(probe, `${probe}.done`);
    fs.rmSync(`${probe}.done`);
  } catch (error) {
    if (error instanceof DataDirError) throw error;
    fail(dir, error);
  }
}

/** Creates `file` empty with mode 0600 if it is missing, and sets 0600 on it if it exists. */
export function ensurePrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
}
