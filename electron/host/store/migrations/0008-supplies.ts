import type { Database } from 'better-sqlite3';

/** What the devices use up, counted on every print, and every refill with who, what and how much. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE supplies (
      supply TEXT PRIMARY KEY,
      capacity INTEGER NOT NULL CHECK (capacity > 0),
      level INTEGER NOT NULL CHECK (level >= 0),
      low_at INTEGER NOT NULL CHECK (low_at >= 0),
      out_at INTEGER NOT NULL CHECK (out_at >= 0),
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE supply_refills (
      id INTEGER PRIMARY KEY,
      supply TEXT NOT NULL REFERENCES supplies (supply),
      staff_number TEXT NOT NULL,
      amount INTEGER NOT NULL CHECK (amount > 0),
      level_before INTEGER NOT NULL,
      level_after INTEGER NOT NULL,
      at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX supply_refills_supply ON supply_refills (supply, at);
  `);
}
