/**
 * A private PostgreSQL cluster for one test run or bench: initdb into a temp folder, a server
 * that listens on a Unix socket in that folder only (no TCP), trust authentication for the one
 * role it creates, and everything removed at the end. Never a shared server.
 *
 * It uses Debian's server binaries in /usr/lib/postgresql/<version>/bin (package `postgresql`,
 * which pulls in `postgresql-15` on Debian 12). initdb refuses to run as root, so under root the
 * server runs as the `postgres` user that package creates (through runuser); otherwise as
 * whoever runs the tests.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ClientConfig } from 'pg';

const run = promisify(execFile);

const PG_ROOT = '/usr/lib/postgresql';
const ROLE = 'platform';
const PORT = 5432;

/** A running private cluster. */
export interface PgCluster {
  /** The folder holding the data, the socket and the server log. */
  readonly dir: string;
  /** How node-postgres reaches it (over the Unix socket). */
  readonly connection: ClientConfig;
  /** The server's major version, e.g. "15". */
  readonly version: string;
  /** Stops the server (fast shutdown: open connections are cut, committed data is kept). */
  stop(): Promise<void>;
  /** Starts it again on the same data. */
  start(): Promise<void>;
  /** Stops it and deletes the folder. */
  destroy(): Promise<void>;
}

/** Where the server binaries are: the newest /usr/lib/postgresql/<version>/bin with initdb and pg_ctl. */
export function findPgBin(root = PG_ROOT): string {
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  throw new Error(
    `PostgreSQL is not installed: no ${root}/<version>/bin/initdb and pg_ctl. ` +
      'The platform tests need a real server: install Debian\'s package with `apt-get install -y --no-install-recommends postgresql` (as root).',
  );
}

/** Who runs the server: nobody else's cluster, and never root. */
function serverUser(): { uid: number; gid: number; name: string } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid, name: 'postgres' };
  } catch {
    throw new Error('The tests run as root and initdb refuses root, but there is no `postgres` user to run the server as: install Debian\'s `postgresql` package, which creates it.');
  }
}

/** Starts a fresh cluster in a new temp folder. `settings` are passed to the server as `-c name=value`. */
export async function startPgCluster(opts: { settings?: Record<string, string> } = {}): Promise<PgCluster> {
  const bin = findPgBin();
  const user = serverUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-pg-'));
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  const as = (tool: string, args: string[]) => (user ? ['runuser', ['-u', user.name, '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args]) as [string, string[]];
  const tool = async (name: string, args: string[]) => {
    const [cmd, argv] = as(name, args);
    try {
      await run(cmd, argv, { timeout: 120_000 });
    } catch (error) {
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new Error(`PostgreSQL's ${name} failed: ${stderr.trim()}${log ? `\nserver log:\n${log}` : ''}`);
    }
  };
  const settings = { listen_addresses: "''", unix_socket_directories: `'${dir}'`, port: String(PORT), ...opts.settings };
  const serverOpts = Object.entries(settings)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  let running = false;
  const start = async () => {
    await tool('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', serverOpts, 'start']);
    running = true;
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    if (!running) return;
    await tool('pg_ctl', ['-D', data, '-w', '-t', '60', '-m', mode, 'stop']);
    running = false;
  };
  // A test run that dies must not leave a server behind.
  const onExit = () => {
    if (!running) return;
    const [cmd, argv] = as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    spawnSync(cmd, argv, { stdio: 'ignore' });
  };
  process.once('exit', onExit);
  try {
    await tool('initdb', ['-D', data, '-U', ROLE, '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    await start();
  } catch (error) {
    onExit();
    process.removeListener('exit', onExit);
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const version = fs.readFileSync(path.join(data, 'PG_VERSION'), 'utf8').trim();
  return {
    dir,
    version,
    connection: { host: dir, port: PORT, user: ROLE, database: 'postgres' },
    stop: () => stop('fast'),
    start,
    async destroy() {
      try {
        await stop('immediate');
      } finally {
        process.removeListener('exit', onExit);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
