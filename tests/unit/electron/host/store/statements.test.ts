import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedStatement, cachedTransaction } from '../../../../../electron/host/store/statements';

let db: Database;
let other: Database;

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  other = new BetterSqlite3(':memory:');
  for (const d of [db, other]) d.exec('CREATE TABLE t (v TEXT NOT NULL)');
});

afterEach(() => {
  db.close();
  other.close();
});

const values = (d: Database) => d.prepare('SELECT v FROM t ORDER BY rowid').pluck().all();

describe('cachedStatement', () => {
  it('prepares a statement once per connection and SQL', () => {
    const first = cachedStatement(db, 'SELECT v FROM t');
    expect(cachedStatement(db, 'SELECT v FROM t')).toBe(first);
    expect(cachedStatement(db, 'SELECT v FROM t WHERE v = ?')).not.toBe(first);
    expect(cachedStatement(other, 'SELECT v FROM t')).not.toBe(first);
    expect(cachedStatement(other, 'SELECT v FROM t').database).toBe(other);
  });

  it('keeps a plucked statement apart from the plain one', () => {
    db.exec("INSERT INTO t VALUES ('a')");
    const plucked = cachedStatement(db, 'SELECT v FROM t', { pluck: true });
    expect(plucked.get()).toBe('a');
    expect(cachedStatement(db, 'SELECT v FROM t').get()).toEqual({ v: 'a' });
    expect(cachedStatement(db, 'SELECT v FROM t', { pluck: true })).toBe(plucked);
  });
});

function insert(d: Database, v: string): void {
  cachedStatement(d, 'INSERT INTO t (v) VALUES (?)').run(v);
}

function insertThenFail(d: Database, v: string): void {
  insert(d, v);
  throw new Error(`refused after ${v}`);
}

/** An outer body that catches what an inner transaction throws, as only a non-flat body may. */
function catching(d: Database): void {
  insert(d, 'outer');
  try {
    cachedTransaction(d, insertThenFail)('inner');
  } catch {
    // The inner transaction's own savepoint took its row back, or, joined, did not.
  }
}

describe('cachedTransaction', () => {
  it('wraps a body once per connection', () => {
    const tx = cachedTransaction(db, insert);
    expect(cachedTransaction(db, insert)).toBe(tx);
    expect(cachedTransaction(other, insert)).not.toBe(tx);
    tx.immediate('a');
    expect(values(db)).toEqual(['a']);
    expect(values(other)).toEqual([]);
  });

  it('runs nested in a savepoint of its own, so a caught error takes back only its rows', () => {
    cachedTransaction(db, catching)();
    expect(values(db)).toEqual(['outer']);
  });

  it('joins a flat transaction without a savepoint, so an error rolls back the whole of it', () => {
    expect(() => cachedTransaction(db, (d: Database) => {
      insert(d, 'first');
      cachedTransaction(d, insertThenFail)('second');
    }, { flat: true }).immediate()).toThrow(/refused after second/);
    expect(values(db)).toEqual([]);
    expect(db.inTransaction).toBe(false);
    // Joined: inside a flat body the inner row is not taken back on its own (the flat body
    // never catches, which is why it may go without savepoints).
    const flatCatching = (d: Database) => catching(d);
    cachedTransaction(db, flatCatching, { flat: true })();
    expect(values(db)).toEqual(['outer', 'inner']);
    // Once the flat body is over, nesting gets its savepoint back.
    cachedTransaction(db, catching)();
    expect(values(db)).toEqual(['outer', 'inner', 'outer']);
  });
});
