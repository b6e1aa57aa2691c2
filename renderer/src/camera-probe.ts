import type { CommandResponse, KioskApi, Result } from '../../shared/contract';

/**
 * Tells the host whether a camera is attached, so that services needing a photo are offered
 * only when one is. Whether the resident may use it is found out when the photo is taken.
 * Resolves with the device statuses the host answers.
 */
export async function reportCamera(client: KioskApi): Promise<Result<CommandResponse<'camera:report'>>> {
  const devices = await navigator.mediaDevices?.enumerateDevices().catch(() => []);
  const present = (devices ?? []).some((d) => d.kind === 'videoinput');
  return client.invoke('camera:report', { state: present ? 'online' : 'noDevice' });
}
