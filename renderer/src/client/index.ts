import type { KioskApi } from '../../../shared/contract';
import { createHttpClient } from './http-client';

/** The contract client: Electron's preload bridge when present, else browser mode's HTTP binding. */
export function createClient(opts: { onConnection?: (connected: boolean) => void } = {}): KioskApi {
  return window.kiosk ?? createHttpClient(opts);
}
