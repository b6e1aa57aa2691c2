import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { makePrivateDir } from '../store/data-dir';
import type { DataKey } from './sealer';

/**
 * Wraps the key file's content with a platform secret store: Electron's safeStorage (the OS
 * keyring), or systemd-creds sealed to the TPM. Without one, the file's 0600 mode is the
 * protection. The host never imports Electron: main passes its wrapper in.
 */
export interface KeyWrapper {
  /** Written into the key file, so the file says which store can open it. */
  readonly name: string;
  wrap(plain: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}

/** The key that authenticates the audit log (HMAC-SHA256); kept and wrapped with the data keys. */
export interface AuditKey {
  id: string;
  key: Buffer;
}

/** Everything the key file holds. */
export interface KeySet {
  current: DataKey;
  older: DataKey[];
  audit: AuditKey;
}

/** Why the keys cannot be used: codes for staff and logs, never key material. */
export type KeyProblem = 'unreadable' | 'missing';

export type KeyLoad =
  | { state: 'ready'; keys: KeySet; created: boolean }
  | { state: 'unavailable'; problem: KeyProblem; detail: string };

const FILE = 'kiosk.key';
const hexId = z.string().regex(/^[0-9a-f]{8}$/);
const keyEntry = z.object({ id: hexId, key: z.string(), createdAt: z.number() });

const innerV1 = z.object({ version: z.literal(1), current: hexId, keys: z.array(keyEntry).min(1) });
const innerV2 = z.object({ current: hexId, keys: z.array(keyEntry).min(1), audit: keyEntry });
const envelopeV2 = z.object({ version: z.literal(2), wrapping: z.string().min(1).max(40), data: z.string() }).strict();

/** The key file path inside the keys folder. */
export function keyFilePath(dir: string): string {
  return path.join(dir, FILE);
}

function newEntry(): z.infer<typeof keyEntry> {
  return { id: randomBytes(4).toString('hex'), key: randomBytes(32).toString('base64'), createdAt: Date.now() };
}

function toKeySet(inner: z.infer<typeof innerV2>): KeySet {
  const keys = inner.keys.map((k) => ({ id: k.id, key: Buffer.from(k.key, 'base64') }));
  const current = keys.find((k) => k.id === inner.current);
  const audit = { id: inner.audit.id, key: Buffer.from(inner.audit.key, 'base64') };
  if (!current || keys.some((k) => k.key.length !== 32) || audit.key.length !== 32) throw new Error('keyFileContent');
  return { current, older: keys.filter((k) => k !== current), audit };
}

function writeAtomically(file: string, content: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  // The rename itself must survive a power cut, or a new key could vanish with its data.
  const dirFd = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dirFd);
  } catch {
    // Some file systems (and Windows) cannot sync a folder; the rename is still atomic.
  } finally {
    fs.closeSync(dirFd);
  }
}

function writeKeyFile(file: string, inner: z.infer<typeof innerV2>, wrapper: KeyWrapper | undefined): void {
  const plain = Buffer.from(JSON.stringify(inner), 'utf8');
  const envelope = {
    version: 2,
    wrapping: wrapper?.name ?? 'none',
    data: (wrapper ? wrapper.wrap(plain) : plain).toString('base64'),
  };
  writeAtomically(file, Buffer.from(JSON.stringify(envelope), 'utf8'));
}

type Parsed = { inner: z.infer<typeof innerV2>; upgraded: boolean };

// Version 1 files were plain JSON, or the same JSON wrapped whole by safeStorage.
function parseLegacy(raw: Buffer, wrappers: readonly KeyWrapper[]): Parsed {
  let text: string | undefined;
  try {
    const direct = raw.toString('utf8');
    if (innerV1.safeParse(JSON.parse(direct)).success) text = direct;
  } catch {
    // Not plain JSON: try the wrappers below.
  }
  for (const wrapper of text === undefined ? wrappers : []) {
    try {
      text = wrapper.unwrap(raw).toString('utf8');
      break;
    } catch {
      // The next wrapper, if any.
    }
  }
  if (text === undefined) throw new Error('keyFileNotUnwrapped');
  const v1 = innerV1.parse(JSON.parse(text));
  return { inner: { current: v1.current, keys: v1.keys, audit: newEntry() }, upgraded: true };
}

function parseKeyFile(raw: Buffer, wrappers: readonly KeyWrapper[]): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return parseLegacy(raw, wrappers);
  }
  const envelope = envelopeV2.safeParse(json);
  if (!envelope.success) return parseLegacy(raw, wrappers);
  const { wrapping, data } = envelope.data;
  let plain: Buffer = Buffer.from(data, 'base64');
  if (wrapping !== 'none') {
    const wrapper = wrappers.find((w) => w.name === wrapping);
    // Sealed by a store this process does not have (safeStorage outside Electron, a TPM
    // that is not there): unreadable here, and kept as it is for the process that has it.
    if (!wrapper) throw new Error(`keyFileNeeds:${wrapping}`);
    plain = wrapper.unwrap(plain);
  }
  return { inner: innerV2.parse(JSON.parse(plain.toString('utf8'))), upgraded: false };
}

function detailOf(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code) return code;
  if (error instanceof z.ZodError) return 'keyFileContent';
  const message = error instanceof Error ? error.message : '';
  return /^[A-Za-z0-9:._-]{1,60}$/.test(message) ? message : 'keyFileUnreadable';
}

export interface LoadKeysOptions {
  /** The preferred wrapper for a new or upgraded file, and every other one that may open the file. */
  wrapper?: KeyWrapper;
  otherWrappers?: readonly KeyWrapper[];
  /** True when the database holds data sealed with a key, so that a missing key must not be replaced. */
  sealedDataExists: () => boolean;
  /** Reads tried before the keys are reported unavailable. */
  attempts?: number;
  /** Waits between attempts; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
  retryDelayMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type OnceOptions = Pick<LoadKeysOptions, 'wrapper' | 'otherWrappers' | 'sealedDataExists'> & {
  /** Only read: no key is made and an old file is not upgraded (for tools that check, never change). */
  readOnly?: boolean;
};

/**
 * One attempt at the keys in `<dir>/kiosk.key`, without waiting: ready, or why not. A key is
 * made only when there is no key file and nothing sealed exists.
 */
export function loadKeysNow(dir: string, opts: OnceOptions): KeyLoad {
  if (!opts.readOnly) makePrivateDir(dir);
  const file = keyFilePath(dir);
  if (fs.existsSync(file)) {
    try {
      const wrappers = [...(opts.wrapper ? [opts.wrapper] : []), ...(opts.otherWrappers ?? [])];
      const { inner, upgraded } = parseKeyFile(fs.readFileSync(file), wrappers);
      const keys = toKeySet(inner);
      // Adding the audit key to a version-1 file keeps every data key as it was.
      if (upgraded && !opts.readOnly) writeKeyFile(file, inner, opts.wrapper);
      return { state: 'ready', keys, created: false };
    } catch (error) {
      return { state: 'unavailable', problem: 'unreadable', detail: detailOf(error) };
    }
  }
  if (opts.readOnly || opts.sealedDataExists()) return { state: 'unavailable', problem: 'missing', detail: 'keyFileMissing' };
  const first = newEntry();
  const inner = { current: first.id, keys: [first], audit: newEntry() };
  writeKeyFile(file, inner, opts.wrapper);
  return { state: 'ready', keys: toKeySet(inner), created: true };
}

/**
 * Loads the keys, trying an unreadable key file again (`attempts` in all). A key file that
 * stays unreadable is reported unavailable and left exactly where it is: it is never set aside
 * or replaced here, because every queued submission and the open session can only be opened
 * with it. Replacing a key is an operator's explicit action ({@link replaceKeys}).
 */
export async function loadKeys(dir: string, opts: LoadKeysOptions): Promise<KeyLoad> {
  const attempts = Math.max(1, opts.attempts ?? 3);
  const sleep = opts.sleep ?? realSleep;
  let load = loadKeysNow(dir, opts);
  for (let attempt = 2; attempt <= attempts && load.state === 'unavailable' && load.problem === 'unreadable'; attempt++) {
    await sleep(opts.retryDelayMs ?? 1000);
    load = loadKeysNow(dir, opts);
  }
  return load;
}

/**
 * The operator's explicit replacement of unusable keys: the old key file (if any) is kept
 * beside as `kiosk.key.given-up-<time>` and a new key set made. The caller states, and
 * audits, what this gives up.
 */
export function replaceKeys(dir: string, wrapper?: KeyWrapper): { keys: KeySet; keptAs: string | null } {
  makePrivateDir(dir);
  const file = keyFilePath(dir);
  let keptAs: string | null = null;
  if (fs.existsSync(file)) {
    keptAs = `${FILE}.given-up-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(file, path.join(dir, keptAs));
  }
  const first = newEntry();
  const inner = { current: first.id, keys: [first], audit: newEntry() };
  writeKeyFile(file, inner, wrapper);
  return { keys: toKeySet(inner), keptAs };
}
