import type { KioskApi } from '../../shared/contract';

/**
 * Tells the host whether a camera is attached, so that services needing a photo are offered
 * only when one is. Whether the resident may use it is found out when the photo is taken.
 */
export async function reportCamera(client: KioskApi): Promise<void> {
  const devices = await navigator.mediaDevices?.enumerateDevices().catch(() => []);
  const present = (devices ?? []).some((d) => d.kind === 'videoinput');
  await client.invoke('camera:report', { state: present ? 'online' : 'noDevice' });
}
