import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt's cost: about 40 ms on the kiosk's two cores, so a PIN cannot be guessed offline
// from a stolen database faster than a few hundred a second per core.
const SCRYPT: ScryptOptions = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const LENGTH = 32;

function derive(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret.normalize('NFC'), salt, LENGTH, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))));
}

/** A new salt and the scrypt hash of `secret` with it, both hex. */
export async function hashSecret(secret: string): Promise<{ hash: string; salt: string }> {
  const salt = randomBytes(16);
  return { hash: (await derive(secret, salt)).toString('hex'), salt: salt.toString('hex') };
}

/** True when `secret` hashes to `hash` with `salt`; compared in constant time. */
export async function verifySecret(secret: string, hash: string, salt: string): Promise<boolean> {
  const expected = Buffer.from(hash, 'hex');
  const actual = await derive(secret, Buffer.from(salt, 'hex'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

// Spent on an unknown staff number, so that a wrong number takes as long as a wrong PIN.
const DUMMY = { hash: '00'.repeat(LENGTH), salt: '00'.repeat(16) };
export async function spendVerifyTime(secret: string): Promise<void> {
  await verifySecret(secret, DUMMY.hash, DUMMY.salt);
}
