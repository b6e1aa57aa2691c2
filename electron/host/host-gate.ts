import { isCommandName, type CommandName, type Result, type UnavailableReason } from '../../shared/contract';
import { unavailableView } from '../../shared/flows/flow-view';
import type { HostConfig } from './config';
import type { KeyLoad, KeySet } from './crypto/key-store';
import type { Host, HostEventListener } from './host-types';
import { errorKind, type Logger } from './log/logger';

const REASON: Record<Extract<KeyLoad, { state: 'unavailable' }>['problem'], UnavailableReason> = {
  unreadable: 'keyUnreadable',
  missing: 'keyMissing',
};

export interface GateOptions {
  config: HostConfig;
  commandNames: readonly CommandName[];
  log: Logger;
  /** The first attempt's outcome, made before the gate exists. */
  first: KeyLoad;
  /** Tries the keys again (one attempt). */
  retry: () => Promise<KeyLoad>;
  /** Builds the working host from readable keys. */
  start: (keys: KeySet) => Host;
  retryMs: number;
}

/**
 * The host as its bindings see it, whether or not the kiosk can serve. While the data key
 * cannot be read, residents get the "temporarily unavailable" screen, staff get the reason
 * (app:info and the log), nothing on disk is touched, and the keys are tried again every
 * `retryMs` (a keyring unlocked late at boot, a disk that comes back): the kiosk then starts
 * serving without a restart.
 */
export function startGated(opts: GateOptions): Host {
  const { config, log } = opts;
  const listeners = new Set<HostEventListener>();
  let inner: Host | null = null;
  let reason: UnavailableReason | null = null;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let retrying = false;

  const becomeReady = async (keys: KeySet) => {
    const host = opts.start(keys);
    inner = host;
    reason = null;
    host.subscribe((event, payload) => {
      for (const listener of listeners) listener(event, payload);
    });
    const view = await host.handle('flow:get', {});
    const devices = await host.handle('device:status', {});
    for (const listener of listeners) {
      if (view.ok) listener('flow:snapshot', view.value);
      if (devices.ok) listener('device:status', devices.value);
    }
  };

  const unavailable = (load: Extract<KeyLoad, { state: 'unavailable' }>) => {
    reason = REASON[load.problem];
    // Codes only: what staff need to act (which problem, which error), never key material.
    log.error('keys.unavailable', { problem: load.problem, detail: load.detail, retryMs: opts.retryMs });
    const tryAgain = () => {
      if (closed || retrying) return;
      retrying = true;
      void opts
        .retry()
        .then(async (next) => {
          if (closed) return;
          if (next.state === 'ready') {
            clearInterval(timer);
            log.info('keys.available', {});
            await becomeReady(next.keys);
          }
        })
        .catch((error: unknown) => log.error('keys.retryFailed', { error: errorKind(error) }))
        .finally(() => (retrying = false));
    };
    timer = setInterval(tryAgain, opts.retryMs);
    timer.unref();
  };

  if (opts.first.state === 'ready') {
    const host = opts.start(opts.first.keys);
    inner = host;
    host.subscribe((event, payload) => {
      for (const listener of listeners) listener(event, payload);
    });
  } else unavailable(opts.first);

  const answerUnavailable = (command: string, why: UnavailableReason): Result<unknown> => {
    if (command === 'app:info') {
      return {
        ok: true,
        value: {
          availability: { state: 'unavailable', reason: why },
          version: config.version,
          kioskId: config.kioskId,
          defaultLang: config.lang,
          hardware: config.hardware,
          idle: { warnMs: config.idleWarnMs, resetMs: config.idleResetMs },
        },
      };
    }
    if (command === 'flow:get' || command === 'flow:send') return { ok: true, value: unavailableView(why, config.lang) };
    if (!isCommandName(command)) return { ok: false, error: { code: 'unknownCommand', message: 'There is no such command.' } };
    return { ok: false, error: { code: 'notAvailable', message: 'The kiosk is temporarily out of service.' } };
  };

  return {
    commandNames: opts.commandNames,
    handle(command, request) {
      if (inner) return inner.handle(command, request);
      return Promise.resolve(answerUnavailable(command, reason ?? 'keyUnreadable'));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      clearInterval(timer);
      listeners.clear();
      await inner?.close();
    },
  };
}
