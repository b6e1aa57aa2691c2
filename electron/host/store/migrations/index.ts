import type { Database } from 'better-sqlite3';
import type { Sealer } from '../../crypto/sealer';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-outbox-audit-encryption';
import * as m0003 from './0003-payments';
import * as m0004 from './0004-payment-reference';
import * as m0005 from './0005-keyed-audit';
import * as m0006 from './0006-steps';
import * as m0007 from './0007-staff';
import * as m0008 from './0008-supplies';
import * as m0009 from './0009-review';
import * as m0010 from './0010-help';
import * as m0011 from './0011-ascending-indexes';
import * as m0012 from './0012-history-bound';
import type { AuditKey } from '../../crypto/key-store';

/** What a migration may need besides SQL: the sealer, to encrypt data it moves, and the audit key. */
export interface MigrationContext {
  sealer: Sealer;
  auditKey: AuditKey;
}

export interface Migration {
  version: number;
  name: string;
  up(db: Database, ctx: MigrationContext): void;
}

/** Every migration in order; version N leaves the database at `PRAGMA user_version = N`. */
export const migrations: readonly Migration[] = [
  { version: 1, name: '0001-initial', up: m0001.up },
  { version: 2, name: '0002-outbox-audit-encryption', up: m0002.up },
  { version: 3, name: '0003-payments', up: m0003.up },
  { version: 4, name: '0004-payment-reference', up: m0004.up },
  { version: 5, name: '0005-keyed-audit', up: m0005.up },
  { version: 6, name: '0006-steps', up: m0006.up },
  { version: 7, name: '0007-staff', up: m0007.up },
  { version: 8, name: '0008-supplies', up: m0008.up },
  { version: 9, name: '0009-review', up: m0009.up },
  { version: 10, name: '0010-help', up: m0010.up },
  { version: 11, name: '0011-ascending-indexes', up: m0011.up },
  { version: 12, name: '0012-history-bound', up: m0012.up },
];
