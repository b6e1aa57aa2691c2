import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateKeys, type KeyWrapper } from '../../../../../electron/host/crypto/key-store';
import { Sealer } from '../../../../../electron/host/crypto/sealer';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-keys-'));
  dirs.push(dir);
  return path.join(dir, 'keys');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

// A stand-in for safeStorage: reversible, and visibly not the plain file.
const xorWrapper: KeyWrapper = {
  name: 'test-xor',
  wrap: (b) => Buffer.from(b.map((x) => x ^ 0x5a)),
  unwrap: (b) => Buffer.from(b.map((x) => x ^ 0x5a)),
};

describe('loadOrCreateKeys', () => {
  it('creates a key file readable only by the kiosk user, and loads the same key again', () => {
    const dir = tempDir();
    const first = loadOrCreateKeys(dir);
    expect(first.created).toBe(true);
    const file = path.join(dir, 'kiosk.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = loadOrCreateKeys(dir);
    expect(again.created).toBe(false);
    expect(again.current.id).toBe(first.current.id);
    expect(again.current.key.equals(first.current.key)).toBe(true);
  });

  it('with a wrapper, the file on disk is not the plain key', () => {
    const dir = tempDir();
    const keys = loadOrCreateKeys(dir, xorWrapper);
    const raw = fs.readFileSync(path.join(dir, 'kiosk.key'));
    expect(raw.includes(Buffer.from(keys.current.key.toString('base64')))).toBe(false);
    expect(loadOrCreateKeys(dir, xorWrapper).current.key.equals(keys.current.key)).toBe(true);
  });

  it('a damaged key file is kept aside and a new key made: old data unreadable, kiosk usable', () => {
    const dir = tempDir();
    const old = loadOrCreateKeys(dir);
    const sealed = new Sealer(old.current).seal('old submission', 'ctx');
    fs.writeFileSync(path.join(dir, 'kiosk.key'), 'garbage');
    const fresh = loadOrCreateKeys(dir);
    expect(fresh.replaced).toBe(true);
    expect(fresh.current.id).not.toBe(old.current.id);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('kiosk.key.unreadable-'))).toBe(true);
    const sealer = new Sealer(fresh.current, fresh.older);
    expect(() => sealer.open(sealed, 'ctx')).toThrow(/not available on this kiosk/);
    expect(sealer.open(sealer.seal('new', 'ctx'), 'ctx').toString()).toBe('new');
  });

  it('a file wrapped by another machine cannot be unwrapped here: replaced, not a crash', () => {
    const dir = tempDir();
    loadOrCreateKeys(dir, xorWrapper);
    const failing: KeyWrapper = { name: 'other', wrap: (b) => b, unwrap: () => { throw new Error('keyring locked'); } };
    expect(loadOrCreateKeys(dir, failing).replaced).toBe(true);
  });
});
