import type { Database } from 'better-sqlite3';

/**
 * Station staff: who may sign in, with what, and in which roles. No name and no password in
 * clear: a staff number, the card's UID as a keyed hash (found by lookup, never stored), the
 * PIN as a salted scrypt hash, and the lockout after wrong PINs.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE staff (
      staff_number TEXT PRIMARY KEY CHECK (length(staff_number) BETWEEN 4 AND 12),
      card_hash TEXT UNIQUE,
      pin_hash TEXT NOT NULL,
      pin_salt TEXT NOT NULL,
      roles TEXT NOT NULL,
      failed_pins INTEGER NOT NULL DEFAULT 0,
      locked_until INTEGER,
      disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
      created_at INTEGER NOT NULL,
      created_by TEXT NOT NULL
    ) STRICT;
  `);
}
