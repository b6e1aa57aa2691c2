import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKeys } from '../../../../../electron/host/crypto/key-store';
import { detectTpmWrapper, SystemdCredsWrapper } from '../../../../../electron/host/crypto/systemd-creds';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-creds-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A stand-in binary that answers `has-tpm2` with the given exit code and fails everything else. */
function fakeCreds(hasTpm2Exit: number): string {
  const file = path.join(tempDir(), 'systemd-creds');
  fs.writeFileSync(file, `#!/bin/sh\nif [ "$1" = has-tpm2 ]; then exit ${hasTpm2Exit}; fi\necho "no credential here" >&2\nexit 1\n`, { mode: 0o755 });
  return file;
}

describe('systemd-creds key wrapping', () => {
  it('seals and opens the key file with the real systemd-creds (host key here; the TPM on a kiosk that has one)', async () => {
    const wrapper = new SystemdCredsWrapper({ withKey: 'host' });
    const sealed = wrapper.wrap(Buffer.from('the kiosk keys'));
    expect(sealed.includes(Buffer.from('the kiosk keys'))).toBe(false);
    expect(wrapper.unwrap(sealed).toString()).toBe('the kiosk keys');
    const dir = path.join(tempDir(), 'keys');
    const first = await loadKeys(dir, { wrapper, sealedDataExists: () => false });
    const file = JSON.parse(fs.readFileSync(path.join(dir, 'kiosk.key'), 'utf8')) as { wrapping: string };
    expect(file.wrapping).toBe('systemd-creds:host');
    const again = await loadKeys(dir, { wrapper, sealedDataExists: () => true });
    expect(again.state === 'ready' && first.state === 'ready' && again.keys.current.key.equals(first.keys.current.key)).toBe(true);
  });

  it('is chosen only when systemd-creds says the TPM2 is fully usable', () => {
    expect(detectTpmWrapper({ binary: fakeCreds(0) })?.name).toBe('systemd-creds:tpm2');
    // 11: "partial" support (no firmware or driver), as on this machine.
    expect(detectTpmWrapper({ binary: fakeCreds(11) })).toBeUndefined();
    expect(detectTpmWrapper({ binary: path.join(tempDir(), 'no-such-binary') })).toBeUndefined();
    expect(detectTpmWrapper({ binary: fakeCreds(0), platform: 'win32' })).toBeUndefined();
  });

  it('a TPM that refuses to open the file leaves the keys unavailable, with a code and no secret', async () => {
    const dir = path.join(tempDir(), 'keys');
    await loadKeys(dir, { wrapper: new SystemdCredsWrapper({ withKey: 'host' }), sealedDataExists: () => false });
    const refusing = new SystemdCredsWrapper({ withKey: 'host', binary: fakeCreds(0) });
    const load = await loadKeys(dir, { wrapper: refusing, sealedDataExists: () => true, attempts: 1 });
    expect(load).toEqual({ state: 'unavailable', problem: 'unreadable', detail: 'systemdCreds1' });
  });
});
