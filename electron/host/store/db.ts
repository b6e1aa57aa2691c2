import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations';

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
export function migrate(db: Database, migrations: readonly Migration[] = allMigrations): number {
  const current = checkVersion(db, migrations);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

/** Opens (and creates) the kiosk database with the durability settings the queue relies on. */
export function openDatabase(file: string): Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
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
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
