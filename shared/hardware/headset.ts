import type { Device, DeviceStatus } from './types';

/**
 * The kiosk's headphone socket, for private listening: its status says `media: 'present'` while
 * a headset is plugged in. Personal data (names, numbers, addresses) is spoken only then; on
 * the loudspeaker the kiosk says that a personal detail is on the screen instead.
 */
export type HeadsetJack = Device;

/** True while a headset is plugged into a working socket. */
export function headsetPlugged(status: DeviceStatus | undefined): boolean {
  return status?.device === 'online' && status.media === 'present';
}
