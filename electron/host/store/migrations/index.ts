import type { Database } from 'better-sqlite3';
import * as m0001 from './0001-initial';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/** Every migration in order; version N leaves the database at `PRAGMA user_version = N`. */
export const migrations: readonly Migration[] = [{ version: 1, name: '0001-initial', up: m0001.up }];
