import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';

/*
 * Our own check of a downloaded update where the platform has none (the Linux AppImage).
 * electron-updater checks the file against the SHA-512 in latest-linux.yml, which is only as
 * good as the server that sent both. So the release is signed as well: an Ed25519 signature of
 * the file's SHA-512 digest (hashed as a stream: an AppImage is over 100 MB, and Ed25519 itself
 * would need the whole file in memory), made with the operator's private key and carried in
 * latest-linux.yml as `kioskSignature` (base64). The public key ships inside the app. Someone who
 * controls the server can change the file, its hash and the signature field, but cannot make a
 * signature that this key accepts. README, Updates, says how a release is signed.
 */

/** Why an update was refused. */
export type UpdateRefusal = 'noKey' | 'noSignature' | 'badSignature' | 'unreadable';

export type UpdateVerdict = { ok: true } | { ok: false; code: UpdateRefusal; message: string };

/** The update's SHA-512 digest, read as a stream. */
export function sha512File(file: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha512');
    fs.createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest()));
  });
}

/** The Ed25519 public key in `pem`, or null when there is none (a build made without one). */
export function parseUpdateKey(pem: string | null): KeyObject | null {
  if (pem === null || !pem.includes('-----BEGIN PUBLIC KEY-----')) return null;
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/**
 * Checks `signature` (base64, as in latest-linux.yml) of `file` against `key`. Refuses, never
 * throws: without a key or a signature, nothing is installed.
 */
export async function verifyUpdateFile(file: string, signature: unknown, key: KeyObject | null): Promise<UpdateVerdict> {
  if (key === null) return { ok: false, code: 'noKey', message: 'This build has no update signing key: updates are refused (README, Updates).' };
  if (typeof signature !== 'string' || !/^[A-Za-z0-9+/]{86}==$/.test(signature.trim())) {
    return { ok: false, code: 'noSignature', message: 'The update carries no Ed25519 signature (kioskSignature in latest-linux.yml).' };
  }
  let digest: Buffer;
  try {
    digest = await sha512File(file);
  } catch (error) {
    return { ok: false, code: 'unreadable', message: `The downloaded update cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).` };
  }
  const good = verify(null, digest, key, Buffer.from(signature.trim(), 'base64'));
  return good ? { ok: true } : { ok: false, code: 'badSignature', message: 'The update is not signed by this kiosk\'s update key: refused.' };
}
