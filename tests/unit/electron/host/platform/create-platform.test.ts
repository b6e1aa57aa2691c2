import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDevices, type KioskDevices } from '../../../../../electron/host/hardware/devices';
import { hardwareConfigSchema } from '../../../../../electron/host/hardware/hardware-config';
import { createLogger } from '../../../../../electron/host/log/logger';
import { createPlatform } from '../../../../../electron/host/platform/create-platform';
import type { Platform } from '../../../../../electron/host/platform/platform';
import { SimPlatform } from '../../../../../electron/host/platform/platform.sim';
import { parseUplinkConfig } from '../../../../../electron/host/sync/uplink-config';
import { StepError } from '../../../../../shared/steps/step-error';
import { ReferenceReceiver } from '../../../../fixtures/reference-receiver';

const log = createLogger({ level: 'error', write: () => undefined });
const ZHANG = '110105198003150012';
const live = () => new AbortController().signal;

const dirs: string[] = [];
const devices: KioskDevices[] = [];
const platforms: Platform[] = [];
let receiver: ReferenceReceiver | undefined;

afterEach(async () => {
  for (const p of platforms.splice(0)) p.close?.();
  for (const d of devices.splice(0)) await d.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  await receiver?.close();
  receiver = undefined;
});

/** The devices as the host makes them: simulated for KIOSK_HARDWARE=sim, from hardware.json for real. */
function devicesFor(hardware: 'sim' | 'real'): KioskDevices {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-platform-'));
  dirs.push(dir);
  const made = createDevices({ hardware: hardwareConfigSchema.parse({}), simulate: hardware === 'sim', dataDir: dir, log });
  devices.push(made);
  return made;
}

/** The platform exactly as host.ts picks it. */
function platformFor(hardware: 'sim' | 'real', url?: string): Platform {
  const made = devicesFor(hardware);
  const platform = createPlatform(parseUplinkConfig({ kioskId: 'K01', ...(url ? { url } : {}) }), log, hardware === 'sim' ? made.sims : undefined);
  platforms.push(platform);
  return platform;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof StepError)) throw new Error(`expected a StepError, got ${String(error)}`);
  return error.code;
}

describe('which platform the host gets', () => {
  it('simulators (KIOSK_HARDWARE=sim) and no platform address: the fictional data set', async () => {
    const platform = platformFor('sim');
    expect(platform.kind).toBe('sim');
    expect(platform).toBeInstanceOf(SimPlatform);
    expect(await platform.lookup('household', { idNumber: ZHANG }, live())).toMatchObject({ kind: 'household', data: { householdNumber: '110105012345' } });
  });

  it('real hardware and no platform address: nothing, so a lookup fails as notConfigured and no code is sent', async () => {
    const made = devicesFor('real');
    // Real hardware makes no simulated platform at all, whatever the host passes on.
    expect(made.sims.platform).toBeUndefined();
    const platform = createPlatform(parseUplinkConfig({ kioskId: 'K01' }), log, made.sims);
    expect(platform.kind).toBe('none');
    expect(await codeOf(platform.lookup('household', { idNumber: ZHANG }, live()))).toBe('notConfigured');
    expect(await codeOf(platform.sendCode(ZHANG, live()))).toBe('platformUnavailable');
    // And host.ts hands over no simulators in real mode either.
    expect(platformFor('real').kind).toBe('none');
  });

  it('a platform address wins over the simulators: lookups go to the platform, even with KIOSK_HARDWARE=sim', async () => {
    receiver = await ReferenceReceiver.start();
    receiver.lookups.set('household', () => undefined);
    for (const hardware of ['sim', 'real'] as const) {
      const platform = platformFor(hardware, receiver.url);
      expect(platform.kind).toBe('remote');
      // The fictional data set has zhang's household; the platform does not.
      expect(await codeOf(platform.lookup('household', { idNumber: ZHANG }, live()))).toBe('notFound');
    }
    expect(receiver.lookupRequests.map((r) => r.kind)).toEqual(['household', 'household']);
  });
});
