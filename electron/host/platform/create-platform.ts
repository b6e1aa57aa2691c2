import type { Logger } from '../log/logger';
import type { Simulators } from '../hardware/devices';
import { platformHeaders, platformTransport } from '../sync/uplink';
import type { UplinkConfig } from '../sync/uplink-config';
import type { Platform } from './platform';
import { createRemotePlatform, noPlatform } from './platform.remote';

/**
 * The platform for lookups and one-time codes: the configured police platform, else the
 * simulator's fictional data when the kiosk runs on simulators, else none (what needs it says
 * it cannot be done now). A kiosk on real hardware never gets the simulated data.
 */
export function createPlatform(config: UplinkConfig, log: Logger, sims: Simulators | undefined): Platform {
  if (config.url !== undefined) {
    return createRemotePlatform({ transport: platformTransport({ ...config, url: config.url }), kioskId: config.kioskId, headers: platformHeaders(config), timeoutMs: config.requestTimeoutMs, log });
  }
  return sims?.platform ?? noPlatform();
}
