import type { CommandName, EventName, Result } from '../../shared/contract';

export type HostEventListener = (event: EventName, payload: unknown) => void;

/** The kiosk's Node side as its two bindings (Electron IPC, browser-mode HTTP) see it. */
export interface Host {
  /** Commands bound in this configuration (`sim:*` only with simulators). */
  readonly commandNames: readonly CommandName[];
  /** Runs one command; `request` is untrusted and parsed here. Never rejects. */
  handle(command: string, request: unknown): Promise<Result<unknown>>;
  /** Pushed events (flow snapshot, device status); returns an unsubscribe function. */
  subscribe(listener: HostEventListener): () => void;
  close(): Promise<void>;
}
