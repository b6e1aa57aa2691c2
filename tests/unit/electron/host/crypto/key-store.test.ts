import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKeys, loadKeysNow, replaceKeys, type KeyLoad, type KeyWrapper } from '../../../../../electron/host/crypto/key-store';
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

const nothingSealed = { sealedDataExists: () => false };
const noWait = async () => undefined;

function ready(load: KeyLoad) {
  if (load.state !== 'ready') throw new Error(`expected ready keys, got ${load.problem} (${load.detail})`);
  return load;
}

describe('loadKeys', () => {
  it('creates a key file readable only by the kiosk user, with a data key and an audit key, and loads the same keys again', async () => {
    const dir = tempDir();
    const first = ready(await loadKeys(dir, nothingSealed));
    expect(first.created).toBe(true);
    const file = path.join(dir, 'kiosk.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    const again = ready(await loadKeys(dir, nothingSealed));
    expect(again.created).toBe(false);
    expect(again.keys.current.key.equals(first.keys.current.key)).toBe(true);
    expect(again.keys.audit.key.equals(first.keys.audit.key)).toBe(true);
    expect(again.keys.audit.key.equals(again.keys.current.key)).toBe(false);
  });

  it('with a wrapper, the file on disk is not the plain key and names its wrapping', async () => {
    const dir = tempDir();
    const { keys } = ready(await loadKeys(dir, { ...nothingSealed, wrapper: xorWrapper }));
    const raw = fs.readFileSync(path.join(dir, 'kiosk.key'));
    expect(raw.includes(Buffer.from(keys.current.key.toString('base64')))).toBe(false);
    expect(JSON.parse(raw.toString('utf8'))).toMatchObject({ version: 2, wrapping: 'test-xor' });
    expect(ready(await loadKeys(dir, { ...nothingSealed, wrapper: xorWrapper })).keys.current.key.equals(keys.current.key)).toBe(true);
  });

  it('a key file that cannot be read is retried, then reported unavailable and left exactly as it was', async () => {
    const dir = tempDir();
    ready(await loadKeys(dir, nothingSealed));
    const file = path.join(dir, 'kiosk.key');
    const good = fs.readFileSync(file);
    fs.writeFileSync(file, 'half a file');
    let waits = 0;
    const load = await loadKeys(dir, { ...nothingSealed, attempts: 3, sleep: async () => void (waits += 1) });
    expect(load).toMatchObject({ state: 'unavailable', problem: 'unreadable' });
    expect(waits).toBe(2);
    // Nothing set aside, nothing replaced: the next start with the file restored reads the same key.
    expect(fs.readdirSync(dir)).toEqual(['kiosk.key']);
    expect(fs.readFileSync(file, 'utf8')).toBe('half a file');
    fs.writeFileSync(file, good);
    expect(ready(await loadKeys(dir, nothingSealed)).created).toBe(false);
  });

  it('a keyring that unlocks late is read on a later attempt: the same key, not a new one', async () => {
    const dir = tempDir();
    const { keys } = ready(await loadKeys(dir, { ...nothingSealed, wrapper: xorWrapper }));
    let calls = 0;
    const lateKeyring: KeyWrapper = {
      name: 'test-xor',
      wrap: xorWrapper.wrap,
      unwrap: (b) => {
        calls += 1;
        if (calls < 3) throw new Error('keyringLocked');
        return xorWrapper.unwrap(b);
      },
    };
    const load = ready(await loadKeys(dir, { ...nothingSealed, wrapper: lateKeyring, attempts: 3, sleep: noWait }));
    expect(load.keys.current.key.equals(keys.current.key)).toBe(true);
  });

  it('a file sealed by a store this process does not have is unavailable, never replaced', async () => {
    const dir = tempDir();
    ready(await loadKeys(dir, { ...nothingSealed, wrapper: xorWrapper }));
    const load = await loadKeys(dir, { ...nothingSealed, attempts: 1 });
    expect(load).toMatchObject({ state: 'unavailable', problem: 'unreadable', detail: 'keyFileNeeds:test-xor' });
  });

  it('no key file while sealed data exists: unavailable, and no key is made', async () => {
    const dir = tempDir();
    const load = await loadKeys(dir, { sealedDataExists: () => true });
    expect(load).toMatchObject({ state: 'unavailable', problem: 'missing' });
    expect(fs.existsSync(path.join(dir, 'kiosk.key'))).toBe(false);
  });

  it('a version 1 key file (plain, or wrapped whole) keeps its data key and gains an audit key', async () => {
    for (const wrapper of [undefined, xorWrapper]) {
      const dir = tempDir();
      fs.mkdirSync(dir, { recursive: true });
      const key = Buffer.alloc(32, 7);
      const v1 = Buffer.from(JSON.stringify({ version: 1, current: 'a1b2c3d4', keys: [{ id: 'a1b2c3d4', key: key.toString('base64'), createdAt: 1 }] }));
      fs.writeFileSync(path.join(dir, 'kiosk.key'), wrapper ? wrapper.wrap(v1) : v1);
      const sealed = new Sealer({ id: 'a1b2c3d4', key }).seal('queued before the upgrade', 'ctx');
      const load = ready(loadKeysNow(dir, { ...nothingSealed, ...(wrapper ? { wrapper } : {}) }));
      expect(new Sealer(load.keys.current, load.keys.older).open(sealed, 'ctx').toString()).toBe('queued before the upgrade');
      // Written back as version 2 with the audit key; read again, the same audit key.
      const again = ready(loadKeysNow(dir, { ...nothingSealed, ...(wrapper ? { wrapper } : {}) }));
      expect(again.keys.audit.key.equals(load.keys.audit.key)).toBe(true);
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'kiosk.key'), 'utf8'))).toMatchObject({ version: 2 });
    }
  });
});

describe('replaceKeys', () => {
  it('keeps the old file beside under a given-up name and makes new keys', async () => {
    const dir = tempDir();
    const old = ready(await loadKeys(dir, nothingSealed));
    const { keys, keptAs } = replaceKeys(dir);
    expect(keptAs).toMatch(/^kiosk\.key\.given-up-/);
    expect(fs.existsSync(path.join(dir, keptAs!))).toBe(true);
    expect(keys.current.key.equals(old.keys.current.key)).toBe(false);
    expect(ready(await loadKeys(dir, { sealedDataExists: () => true })).keys.current.id).toBe(keys.current.id);
  });
});
