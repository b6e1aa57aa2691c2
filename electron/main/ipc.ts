import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { ipcMain } from 'electron';
import type { Host } from '../host/host-types';
import { ipcChannel } from '../../shared/contract';
import type { CommandName, Result } from '../../shared/contract';
import { appPageUrl, isAppPageUrl } from './app-page';

export type GetKioskWindow = () => BrowserWindow | null;

/**
 * True when an IPC call comes from the kiosk page itself: the top frame of the kiosk
 * window, showing the app's own file. Anything else (a sub-frame, another web contents,
 * a page that somehow got navigated elsewhere) is not trusted.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null, expectedUrl: string): boolean {
  if (window === null || window.isDestroyed()) return false;
  const frame = event.senderFrame;
  // Null when the frame navigated or was destroyed after sending: its page is gone.
  if (frame === null) return false;
  if (frame.parent !== null) return false;
  if (event.sender !== window.webContents) return false;
  return isAppPageUrl(frame.url, expectedUrl);
}

/** Binds every host command to an IPC handler guarded by the sender check, and forwards host events to the kiosk window. */
export function setupIpc(host: Host, getWindow: GetKioskWindow, expectedUrl: string = appPageUrl()): () => void {
  const channels: string[] = [];
  for (const name of host.commandNames) {
    const channel = ipcChannel.command(name);
    ipcMain.handle(channel, (event, request: unknown) => handleCommand(host, name, event, request, getWindow, expectedUrl));
    channels.push(channel);
  }

  const unsubscribe = host.subscribe((event, payload) => {
    const window = getWindow();
    if (window === null || window.isDestroyed() || window.webContents.isDestroyed()) return;
    // Snapshots carry personal data: never push them to a page that is not ours.
    if (!isAppPageUrl(window.webContents.getURL(), expectedUrl)) return;
    window.webContents.send(ipcChannel.event, event, payload);
  });

  return () => {
    unsubscribe();
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

async function handleCommand(
  host: Host,
  name: CommandName,
  event: IpcMainInvokeEvent,
  request: unknown,
  getWindow: GetKioskWindow,
  expectedUrl: string,
): Promise<Result<unknown>> {
  if (!isTrustedSender(event, getWindow(), expectedUrl)) {
    return { ok: false, error: { code: 'forbidden', message: `${name} may only be called by the kiosk page` } };
  }
  try {
    return await host.handle(name, request);
  } catch (error) {
    // The host promises never to reject; if it does, the page still gets a Result, so a
    // rejected invoke in the preload can only mean "no handler for this command".
    console.error(`Host rejected ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false, error: { code: 'internal', message: `${name} failed inside the kiosk; the details are in its log` } };
  }
}
