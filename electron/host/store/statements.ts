import type { Database, Statement, Transaction } from 'better-sqlite3';

// Preparing a statement parses and plans its SQL, and wrapping a function in a transaction
// builds five closures: on the enqueue path each cost more than running the INSERTs. Kept per
// connection, and gone with it.
const statements = new WeakMap<Database, Map<string, Statement>>();
const transactions = new WeakMap<Database, Map<object, unknown>>();

function cacheOf<K, V>(caches: WeakMap<Database, Map<K, V>>, db: Database): Map<K, V> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/**
 * The statement for `sql` on this connection, prepared on first use and reused after. For SQL
 * run on every commit; callers never switch a shared statement's mode (pluck, raw, expand):
 * `{ pluck: true }` gets a statement of its own that is always plucked.
 */
export function cachedStatement(db: Database, sql: string, mode: { pluck?: true } = {}): Statement {
  const cache = cacheOf(statements, db);
  const key = mode.pluck ? `pluck:${sql}` : sql;
  let statement = cache.get(key);
  if (!statement) {
    statement = db.prepare(sql);
    if (mode.pluck) statement.pluck();
    cache.set(key, statement);
  }
  return statement;
}

// Connections running the body of a flat transaction (see cachedTransaction) right now.
const flat = new WeakSet<Database>();

/**
 * `body` wrapped in a transaction on this connection, once: a module-level function that takes
 * the connection first and everything else as arguments (a closure made per call would make a
 * new wrapper per call). Nested in another transaction it runs in a savepoint, as db.transaction
 * does, except inside a `flat` one: that body never catches an error, so any error rolls the
 * whole transaction back, and the cached transactions it calls join it without a savepoint of
 * their own (whose journal copies every page they touch, and spills to a temporary file past
 * 64 KB). A body keeps the mode of its first call.
 */
export function cachedTransaction<A extends unknown[], R>(
  db: Database,
  body: (db: Database, ...args: A) => R,
  mode: { flat?: true } = {},
): Transaction<(...args: A) => R> {
  const cache = cacheOf(transactions, db);
  let transaction = cache.get(body) as Transaction<(...args: A) => R> | undefined;
  if (!transaction) {
    const run = mode.flat
      ? (...args: A): R => {
          flat.add(db);
          try {
            return body(db, ...args);
          } finally {
            flat.delete(db);
          }
        }
      : (...args: A): R => body(db, ...args);
    const wrapped = db.transaction(run);
    // Inside a flat body the transaction is open already: join it.
    const join = (variant: (...args: A) => R) => (...args: A): R => (flat.has(db) ? body(db, ...args) : variant(...args));
    transaction = Object.assign(join(wrapped), {
      default: join((...args: A) => wrapped.default(...args)),
      deferred: join((...args: A) => wrapped.deferred(...args)),
      immediate: join((...args: A) => wrapped.immediate(...args)),
      exclusive: join((...args: A) => wrapped.exclusive(...args)),
    });
    cache.set(body, transaction);
  }
  return transaction;
}
