import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseUpdateKey, sha512File, verifyUpdateFile } from '../../../../../electron/host/supervisor/update-verifier';
import { tempDirs } from '../../../../fixtures/temp-dirs';

const dirs = tempDirs('kiosk-update-verifier-');
afterAll(() => dirs.removeAll());

const pem = (key: ReturnType<typeof generateKeyPairSync>['publicKey']) => key.export({ type: 'spki', format: 'pem' }).toString();
const ours = generateKeyPairSync('ed25519');
const theirs = generateKeyPairSync('ed25519');
const key = parseUpdateKey(pem(ours.publicKey));

/** An update file of `size` bytes, signed as README says (Ed25519 over its SHA-512). */
function update(size = 300_000, signer = ours.privateKey): { file: string; signature: string } {
  const file = path.join(dirs.make(), 'Police-Kiosk-1.1.0.AppImage');
  const bytes = Buffer.alloc(size, 7);
  bytes.write('AppImage', 0);
  fs.writeFileSync(file, bytes);
  const digest = createHash('sha512').update(bytes).digest();
  return { file, signature: sign(null, digest, signer).toString('base64') };
}

describe('the Linux update signature', () => {
  it('accepts an update signed with the shipped key', async () => {
    const { file, signature } = update();
    expect(await verifyUpdateFile(file, signature, key)).toEqual({ ok: true });
  });

  it('refuses an update signed with another key', async () => {
    const { file, signature } = update(300_000, theirs.privateKey);
    expect(await verifyUpdateFile(file, signature, key)).toMatchObject({ ok: false, code: 'badSignature' });
  });

  it('refuses an update changed by one byte after signing (the server sent a new hash with it)', async () => {
    const { file, signature } = update();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.from([8]), 0, 1, 150_000);
    fs.closeSync(fd);
    expect(await verifyUpdateFile(file, signature, key)).toMatchObject({ ok: false, code: 'badSignature' });
  });

  it.each([
    ['no signature', undefined],
    ['an empty one', ''],
    ['one that is not base64 Ed25519', 'c2lnbmVk'],
    ['a number', 42],
  ])('refuses an update with %s', async (_name, signature) => {
    const { file } = update();
    expect(await verifyUpdateFile(file, signature, key)).toMatchObject({ ok: false, code: 'noSignature' });
  });

  it('refuses every update when the build has no key (the placeholder file)', async () => {
    const { file, signature } = update();
    const placeholder = fs.readFileSync(path.resolve(__dirname, '../../../../../build/update/update-public.pem'), 'utf8');
    expect(parseUpdateKey(placeholder)).toBeNull();
    expect(parseUpdateKey(null)).toBeNull();
    expect(await verifyUpdateFile(file, signature, null)).toMatchObject({ ok: false, code: 'noKey' });
  });

  it('does not take a key of another kind for the update key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(parseUpdateKey(pem(rsa.publicKey))).toBeNull();
    expect(parseUpdateKey('-----BEGIN PUBLIC KEY-----\nnonsense\n-----END PUBLIC KEY-----\n')).toBeNull();
  });

  it('refuses an update whose file is gone, without throwing', async () => {
    const { signature } = update();
    expect(await verifyUpdateFile(path.join(dirs.make(), 'missing.AppImage'), signature, key)).toMatchObject({ ok: false, code: 'unreadable' });
  });

  it('hashes a file larger than one read chunk as a whole', async () => {
    const { file } = update(3_000_000);
    expect((await sha512File(file)).equals(createHash('sha512').update(fs.readFileSync(file)).digest())).toBe(true);
  });

  // The signing step README gives, run for real where openssl is (Debian has it).
  it.runIf(spawnSync('openssl', ['version']).status === 0)("accepts a signature made with README's openssl commands", async () => {
    const dir = dirs.make();
    const privateKey = path.join(dir, 'update-signing.key');
    const publicKey = path.join(dir, 'update-public.pem');
    const file = path.join(dir, 'Police Kiosk-1.1.0.AppImage');
    fs.writeFileSync(file, Buffer.alloc(200_000, 3));
    const sh = (script: string) => spawnSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8' });
    expect(sh(`openssl genpkey -algorithm ed25519 -out "${privateKey}" && openssl pkey -in "${privateKey}" -pubout -out "${publicKey}"`).status).toBe(0);
    const signed = sh(`openssl dgst -sha512 -binary "${file}" > digest.bin && openssl pkeyutl -sign -rawin -inkey "${privateKey}" -in digest.bin | base64 -w0`);
    expect(signed.status).toBe(0);
    expect(await verifyUpdateFile(file, signed.stdout, parseUpdateKey(fs.readFileSync(publicKey, 'utf8')))).toEqual({ ok: true });
  });
});
