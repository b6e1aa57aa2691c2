import { execFileSync, spawnSync } from 'node:child_process';
import type { KeyWrapper } from './key-store';

/** Which key systemd-creds seals with: the TPM2 chip in production, the host key in tests. */
export type CredsKey = 'tpm2' | 'host+tpm2' | 'host';

const NAME = 'police-kiosk-key';

/**
 * Seals the key file with `systemd-creds` (systemd 250 and later). With `tpm2` the secret is
 * bound to this machine's TPM: a copy of the disk, or of the data folder, cannot be opened on
 * another machine. The binary is run as a process; nothing of systemd is linked.
 */
export class SystemdCredsWrapper implements KeyWrapper {
  readonly name: string;

  constructor(private readonly opts: { withKey: CredsKey; binary?: string }) {
    this.name = `systemd-creds:${opts.withKey}`;
  }

  wrap(plain: Buffer): Buffer {
    return this.run(['encrypt', `--name=${NAME}`, `--with-key=${this.opts.withKey}`, '-', '-'], plain);
  }

  unwrap(wrapped: Buffer): Buffer {
    return this.run(['decrypt', `--name=${NAME}`, '-', '-'], wrapped);
  }

  private run(args: string[], input: Buffer): Buffer {
    try {
      return execFileSync(this.opts.binary ?? 'systemd-creds', args, { input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 30_000 });
    } catch (error) {
      // Its stderr can name paths, never the secret; report a code only.
      const status = (error as { status?: number | null }).status;
      throw Object.assign(new Error(`systemdCreds:${args[0]}:${status ?? 'failed'}`), { code: `systemdCreds${status ?? ''}` });
    }
  }
}

/**
 * The TPM-backed wrapper when this machine has systemd-creds and a usable TPM2
 * (`systemd-creds has-tpm2` exits 0 only when firmware, driver and system all support it).
 */
export function detectTpmWrapper(opts: { binary?: string; platform?: NodeJS.Platform } = {}): SystemdCredsWrapper | undefined {
  if ((opts.platform ?? process.platform) !== 'linux') return undefined;
  const binary = opts.binary ?? 'systemd-creds';
  const probe = spawnSync(binary, ['has-tpm2'], { stdio: 'ignore', timeout: 10_000 });
  if (probe.error || probe.status !== 0) return undefined;
  return new SystemdCredsWrapper({ withKey: 'tpm2', binary });
}
