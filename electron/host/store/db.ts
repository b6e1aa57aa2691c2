import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { bindAuditKey } from './repos/audit-log';
import { ensurePrivateFile, makePrivateDir } from './data-dir';
import { migrations as allMigrations, type Migration, type MigrationContext } from './migrations';

/**
 * WAL pages after which the committing connection checkpoints inline (wal_autocheckpoint): the
 * bound on the WAL (about 16 MB), reached only by a burst of writes without a quiet second.
 * Normally the quiet-time checkpoint below runs long before, off the commit path.
 */
export const WAL_CHECKPOINT_PAGES = 4000;
/** Rows changed after which a quiet connection checkpoints: about 1,000 WAL pages of enqueues. */
export const QUIET_CHECKPOINT_CHANGES = 250;
/** How often the connection is looked at; quiet means no row changed since the last look. */
export const QUIET_CHECKPOINT_MS = 1000;

/** The database was written by a newer kiosk version than this one. */
export class DatabaseTooNewError extends Error {
  override readonly name = 'DatabaseTooNewError';
}

/** The file's user_version; throws DatabaseTooNewError when no migration here reaches it. */
function checkVersion(db: Database, migrations: readonly Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new DatabaseTooNewError(
      `The kiosk database is at version ${current}, newer than this software (${latest}). Install the newer version.`,
    );
  }
  return current;
}

/** Applies every migration above the file's user_version, each in its own transaction. */
export function migrate(db: Database, ctx: MigrationContext, migrations: readonly Migration[] = allMigrations): number {
  const current = checkVersion(db, migrations);
  bindAuditKey(db, ctx.auditKey);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db, ctx);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

/** The database failed its integrity check; the damaged files were moved to `movedTo`. */
export interface Recovery {
  movedTo: string;
  problem: string;
}

/** Moves a damaged database (and its WAL and shared-memory files) aside; never deletes it. */
function setAside(file: string, problem: string): Recovery {
  const movedTo = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, movedTo + suffix);
  }
  return { movedTo, problem };
}

/**
 * The marker beside the database that makes the next open run the full integrity_check rather
 * than quick_check: written by the background check when it finds damage (see integrity-check.ts).
 */
export function fullCheckMarker(file: string): string {
  return `${file}.full-check`;
}

/** Makes the next open of `file` run the full check, and so set a damaged file aside; `reason` is a code. */
export function requestFullCheck(file: string, reason: string): void {
  fs.writeFileSync(fullCheckMarker(file), `${reason}\n`, { mode: 0o600 });
}

/** What one integrity pragma's first row says: null for 'ok', else the problem. */
function integrityAnswer(check: 'quick_check' | 'integrity_check', rows: unknown): string | null {
  const first = (rows as Record<string, string>[])[0]?.[check];
  return first === 'ok' ? null : `${check}: ${first ?? 'no answer'}`;
}

// SQLite reports damage either from the open itself or from the check. At start-up the check is
// quick_check (every page's structure, not whether each index matches its table: a fraction of
// the time); the full integrity_check runs later off the resident's path, and here only when
// the marker asks for it.
function integrityProblem(file: string): string | null {
  if (!fs.existsSync(file)) return null;
  const check = fs.existsSync(fullCheckMarker(file)) ? 'integrity_check' : 'quick_check';
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(file, { fileMustExist: true });
    const problem = integrityAnswer(check, db.pragma(check));
    // Checked in full and sound: the request is answered. (A damaged file goes aside with it.)
    if (problem === null) fs.rmSync(fullCheckMarker(file), { force: true });
    return problem;
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unknown';
    // A busy database is not a damaged one: let the normal open report it.
    return code === 'SQLITE_BUSY' ? null : `open failed: ${code}`;
  } finally {
    db?.close();
  }
}

/**
 * Opens (and creates) the kiosk database with the durability settings the queue relies on.
 * A file that fails `PRAGMA quick_check` (or `integrity_check`, when the background check asked
 * for it) is set aside (kept for recovery) and a new one started, so the kiosk keeps working;
 * `onRecovered` says where the old one went.
 */
export function openDatabase(file: string, ctx: MigrationContext, onRecovered?: (r: Recovery) => void): Database {
  makePrivateDir(path.dirname(file));
  const problem = integrityProblem(file);
  if (problem) {
    onRecovered?.(setAside(file, problem));
    fs.rmSync(fullCheckMarker(file), { force: true });
  }
  // SQLite makes the WAL and shared-memory files with the database file's own mode, so a
  // database created 0600 keeps all three private whatever the process umask is.
  for (const suffix of ['-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.chmodSync(file + suffix, 0o600);
  ensurePrivateFile(file);
  const db = new BetterSqlite3(file);
  try {
    db.pragma('busy_timeout = 5000');
    // Before anything writes: switching to WAL rewrites the header of a newer kiosk's file.
    checkVersion(db, allMigrations);
    db.pragma('journal_mode = WAL');
    // A submission the resident was told about must survive a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Freed pages are zeroed, so a finished session's snapshot does not linger in the file.
    db.pragma('secure_delete = ON');
    // A checkpoint costs two fsync calls and a write of every page changed since the last one:
    // the committing connection pays for it only past the bound, see checkpointWhenQuiet.
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    const before = db.pragma('user_version', { simple: true }) as number;
    migrate(db, ctx);
    if (before === 1) {
      // Version 1 held personal data in plain text: flush the WAL and rewrite the file so
      // no old page keeps a copy.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.exec('VACUUM');
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
    checkpointWhenQuiet(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Checkpoints the WAL (PASSIVE: it never waits, and on this single connection it always
 * completes) once QUIET_CHECKPOINT_CHANGES rows changed since the last checkpoint and then
 * none for QUIET_CHECKPOINT_MS, so a resident's commit does not wait for a checkpoint and the
 * WAL is overwritten from its start again. Durability does not depend on it: every commit has
 * synced the WAL already. Stops when the connection is closed; never keeps the process alive.
 */
function checkpointWhenQuiet(db: Database): void {
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  let seen = totalChanges.get() as number;
  let checkpointed = seen;
  const timer = setInterval(() => {
    if (!db.open) {
      clearInterval(timer);
      return;
    }
    const changes = totalChanges.get() as number;
    if (changes !== seen || db.inTransaction) {
      seen = changes;
      return;
    }
    if (changes - checkpointed < QUIET_CHECKPOINT_CHANGES) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
      checkpointed = changes;
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unknown';
      // Busy for a moment (a statement still reading): the next quiet second tries again.
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return;
      // Anything else: the commit path checkpoints again, at SQLite's own default bound.
      clearInterval(timer);
      db.pragma('wal_autocheckpoint = 1000');
      process.emitWarning(`The quiet-time WAL checkpoint failed (${code}); commits checkpoint the WAL again.`, { code: 'KIOSK_CHECKPOINT_FAILED' });
    }
  }, QUIET_CHECKPOINT_MS);
  timer.unref();
}

/**
 * True when the database file holds anything sealed with a data key or authenticated with the
 * audit key: then a missing key file must not be replaced by a new key, or all of it would be
 * given up without anyone deciding so. A file that cannot be read counts as holding data.
 */
export function holdsSealedData(file: string): boolean {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return false;
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    // Version 1 kept its data in clear: nothing there needs a key.
    if ((db.pragma('user_version', { simple: true }) as number) < 2) return false;
    const any = (sql: string) => db?.prepare(sql).get() !== undefined;
    return (
      any('SELECT 1 FROM submissions WHERE payload IS NOT NULL LIMIT 1') ||
      any('SELECT 1 FROM flow_snapshots LIMIT 1') ||
      any('SELECT 1 FROM audit_log LIMIT 1')
    );
  } catch {
    return true;
  } finally {
    db?.close();
  }
}
