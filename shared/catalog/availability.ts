import type { Devices } from '../contract';
import { isReady } from '../hardware/types';
import type { ServiceEntry } from './types';

/**
 * The first device a service needs that cannot take a job now, or null when the service can be
 * offered. The welcome screen says why a service is unavailable from this, and the host refuses
 * to start a service on the same rule, whatever a page sends.
 */
export function firstDeviceDown(service: Pick<ServiceEntry, 'devices'>, devices: Devices): ServiceEntry['devices'][number] | null {
  return service.devices.find((d) => !isReady(devices[d])) ?? null;
}
