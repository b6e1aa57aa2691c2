import type { CommandResponse, KioskApi, Result } from '../../shared/contract';

/**
 * Tells the host whether a camera is attached, so that services needing a photo are offered
 * only when one is. Whether the resident may use it is found out when the photo is taken.
 * Resolves with the device statuses the host answers.
 */
export async function reportCamera(client: KioskApi, probe: Promise<CameraState> = probeCamera()): Promise<Result<CommandResponse<'camera:report'>>> {
  return client.invoke('camera:report', { state: await probe });
}

export type CameraState = 'online' | 'noDevice';

/**
 * Whether a camera is attached. Started as the page starts: the browser's media service takes a
 * few hundred milliseconds to answer the first time, which then overlaps the first fetches.
 */
export async function probeCamera(): Promise<CameraState> {
  const devices = await navigator.mediaDevices?.enumerateDevices().catch(() => []);
  return (devices ?? []).some((d) => d.kind === 'videoinput') ? 'online' : 'noDevice';
}
