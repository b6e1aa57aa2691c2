import type { IpcRendererEvent } from 'electron';
import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_NAMES, ipcChannel, isCommandName } from '../../shared/contract/names';
import type { CommandName, CommandRequest, CommandResponse, EventName, EventPayload, KioskApi, Result } from '../../shared/contract';

// A sandboxed preload can only require 'electron': everything else, the contract
// included, is bundled into this file by electron-vite.

function invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<Result<CommandResponse<C>>> {
  // The page is untrusted: its calls arrive without TypeScript's guarantees.
  const name: unknown = command;
  if (typeof name !== 'string' || !isCommandName(name)) {
    return Promise.resolve({
      ok: false,
      error: { code: 'unknownCommand', message: `${String(name)} is not a kiosk command` },
    });
  }
  return ipcRenderer.invoke(ipcChannel.command(name), request).then(
    (result: unknown) => result as Result<CommandResponse<C>>,
    (error: unknown): Result<CommandResponse<C>> => {
      // Main's handlers always answer with a Result, so a rejection means main bound no
      // handler for this command (the sim:* commands without simulators).
      const message = error instanceof Error ? error.message : String(error);
      return /No handler registered/.test(message)
        ? { ok: false, error: { code: 'notAvailable', message: `${name} is not available on this kiosk` } }
        : { ok: false, error: { code: 'internal', message: `${name} could not be sent: ${message}` } };
    },
  );
}

function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const name: unknown = event;
  if (typeof name !== 'string' || !(EVENT_NAMES as readonly string[]).includes(name)) {
    throw new TypeError(`${String(name)} is not a kiosk event`);
  }
  if (typeof listener !== 'function') throw new TypeError('The listener must be a function');

  // The IpcRendererEvent stays here: handing it to the page would give it `sender`, the
  // raw ipcRenderer.
  const wrapper = (_ipcEvent: IpcRendererEvent, eventName: unknown, payload: unknown): void => {
    if (eventName !== event) return;
    try {
      listener(payload as EventPayload<E>);
    } catch (error) {
      // One failing listener must not stop the others from getting the snapshot.
      console.error(`A listener for ${event} failed:`, error);
    }
  };
  ipcRenderer.on(ipcChannel.event, wrapper);
  return () => {
    ipcRenderer.removeListener(ipcChannel.event, wrapper);
  };
}

const api = { invoke, on } satisfies KioskApi;

contextBridge.exposeInMainWorld('kiosk', api);
