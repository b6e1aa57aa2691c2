import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';

const LOCK_FILE = 'kiosk.lock';
const OWNER_FILE = 'kiosk.lock.owner';

/** Another process holds the data folder: this host must not start on it. */
export class DataFolderLockedError extends Error {
  override readonly name = 'DataFolderLockedError';
}

/** The exclusive hold of one data folder, for the lifetime of one host. */
export interface DataLock {
  readonly dir: string;
  release(): void;
}

function owner(dir: string): string {
  try {
    const text = fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8');
    const pid = /^pid=(\d+)$/m.exec(text)?.[1];
    return pid ? ` (process ${pid})` : '';
  } catch {
    return '';
  }
}

/**
 * Takes an exclusive lock on `<dir>/kiosk.lock`, or throws DataFolderLockedError.
 *
 * The lock is SQLite's own OS lock (fcntl on POSIX, LockFileEx on Windows) on a tiny
 * database held in exclusive locking mode: the kernel drops it when the process dies, so a
 * crash never leaves a stale lock behind, and no lock library or native module is needed
 * beyond the better-sqlite3 the queue already uses. A second host in this process or in
 * another one gets SQLITE_BUSY at once (no busy timeout).
 */
export function lockDataFolder(dir: string): DataLock {
  const file = path.join(dir, LOCK_FILE);
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(file, { timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = DELETE');
    // The first write takes the EXCLUSIVE lock, which exclusive locking mode keeps until close.
    db.exec('CREATE TABLE IF NOT EXISTS lock_owner (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL, started_at INTEGER NOT NULL) STRICT');
    db.prepare('INSERT INTO lock_owner (id, pid, started_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, started_at = excluded.started_at').run(
      process.pid,
      Date.now(),
    );
  } catch (error) {
    db?.close();
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new DataFolderLockedError(
        `Another kiosk host${owner(dir)} is already using the data folder ${dir}: stop it first, or give this one its own KIOSK_DATA_DIR.`,
      );
    }
    throw error;
  }
  fs.chmodSync(file, 0o600);
  // Read by the next host's error message only: the lock itself is the kernel's.
  fs.writeFileSync(path.join(dir, OWNER_FILE), `pid=${process.pid}\n`, { mode: 0o600 });
  const held = db;
  let released = false;
  return {
    dir,
    release() {
      if (released) return;
      released = true;
      fs.rmSync(path.join(dir, OWNER_FILE), { force: true });
      held.close();
    },
  };
}
