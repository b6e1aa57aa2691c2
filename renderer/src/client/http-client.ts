import type { EventName, EventPayload, KioskApi, Result } from '../../../shared/contract';
import { EVENT_NAMES } from '../../../shared/contract/names';

type Listener = (payload: unknown) => void;

const RECONNECT_MS = 3000;

/**
 * A client whose pushed events can be missed while its stream is not open: it says so with
 * `onConnection(true)` each time the stream opens, and the page catches up then (and only then).
 */
export interface StreamedClient extends KioskApi {
  readonly catchesUpOnOpen: true;
}

export const isStreamed = (client: KioskApi): client is StreamedClient => (client as Partial<StreamedClient>).catchesUpOnOpen === true;

/** Browser mode: commands over HTTP, pushed events over server-sent events (cookie-authorised). */
export function createHttpClient(opts: { onConnection?: (connected: boolean) => void } = {}): StreamedClient {
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSource | null = null;

  const connect = () => {
    source = new EventSource('/api/events');
    source.onopen = () => opts.onConnection?.(true);
    // EventSource reconnects by itself after a dropped connection; the screen only has to say
    // that it is waiting. An answer that is not a stream (429 while too many are open, 401)
    // makes it give up for good, so then the client tries again itself, a little later.
    source.onerror = () => {
      opts.onConnection?.(false);
      if (source?.readyState !== EventSource.CLOSED) return;
      source.close();
      setTimeout(connect, RECONNECT_MS);
    };
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (message) => {
        const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
        for (const listener of listeners.get(name) ?? []) listener(payload);
      });
    }
  };

  return {
    catchesUpOnOpen: true,
    async invoke(command, request) {
      try {
        const response = await fetch(`/api/command/${encodeURIComponent(command)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(request),
          credentials: 'same-origin',
        });
        if (response.status === 401) {
          return { ok: false, error: { code: 'forbidden', message: 'Not authorised.' } };
        }
        return (await response.json()) as Result<never>;
      } catch {
        opts.onConnection?.(false);
        return { ok: false, error: { code: 'unavailable', message: 'The kiosk service is not reachable.' } };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      if (!source) connect();
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      const wrapped = listener as Listener;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
}
