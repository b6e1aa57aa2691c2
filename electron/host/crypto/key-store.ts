import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DataKey } from './sealer';

/**
 * Wraps the key file's content with a platform secret store. In the Electron shell this is
 * safeStorage (the OS keyring); in browser mode there is none and the file's 0600 mode is
 * the protection. The host never imports Electron: main passes the wrapper in.
 */
export interface KeyWrapper {
  readonly name: string;
  wrap(plain: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}

const keyFileSchema = z.object({
  version: z.literal(1),
  current: z.string().regex(/^[0-9a-f]{8}$/),
  keys: z.array(z.object({ id: z.string().regex(/^[0-9a-f]{8}$/), key: z.string(), createdAt: z.number() })).min(1),
});

export interface LoadedKeys {
  current: DataKey;
  older: DataKey[];
  /** The key file could not be read and a new key was made: older personal data is unreadable. */
  replaced: boolean;
  created: boolean;
}

function newKey(): { id: string; key: Buffer } {
  return { id: randomBytes(4).toString('hex'), key: randomBytes(32) };
}

function writeKeyFile(file: string, content: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

/**
 * Loads the data keys from `<dir>/kiosk.key`, making one on first start. A key file that
 * cannot be read (damaged, or wrapped by another machine's keyring) is kept aside and a
 * new key made: old submissions become unreadable, but the kiosk stays usable.
 */
export function loadOrCreateKeys(dir: string, wrapper?: KeyWrapper): LoadedKeys {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'kiosk.key');
  let replaced = false;
  if (fs.existsSync(file)) {
    try {
      const raw = fs.readFileSync(file);
      const text = (wrapper ? wrapper.unwrap(raw) : raw).toString('utf8');
      const parsed = keyFileSchema.parse(JSON.parse(text));
      const keys = parsed.keys.map((k) => ({ id: k.id, key: Buffer.from(k.key, 'base64') }));
      const current = keys.find((k) => k.id === parsed.current);
      if (!current || keys.some((k) => k.key.length !== 32)) throw new Error('bad key file');
      return { current, older: keys.filter((k) => k !== current), replaced: false, created: false };
    } catch {
      fs.renameSync(file, `${file}.unreadable-${Date.now()}`);
      replaced = true;
    }
  }
  const key = newKey();
  const content = Buffer.from(
    JSON.stringify({ version: 1, current: key.id, keys: [{ id: key.id, key: key.key.toString('base64'), createdAt: Date.now() }] }),
    'utf8',
  );
  writeKeyFile(file, wrapper ? wrapper.wrap(content) : content);
  return { current: key, older: [], replaced, created: !replaced };
}
