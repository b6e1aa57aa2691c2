import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import {
  COMMAND_NAMES,
  commands,
  isCommandName,
  type CommandName,
  type CommandResponse,
  type Commands,
  type EventName,
  type Result,
} from '../../shared/contract';
import type { FlowEvent } from '../../shared/contract/schemas';
import type { HostConfig } from './config';
import { InvalidRequestError } from './errors';
import { FlowRunner } from './flows/flow-runner';
import { provideFlowActors } from './flows/flow-actors';
import { createDevices } from './hardware/devices';
import { hardwareConfigSchema, loadHardwareConfig } from './hardware/hardware-config';
import { applySimFault } from './hardware/sim-faults';
import { simHandlers } from './sim-commands';
import { createUplink } from './sync/uplink';
import { parseUplinkConfig } from './sync/uplink-config';
import { checkAndEncodePhoto } from './photo/photo-check';
import { findService } from '../../shared/catalog/services';
import { ENTRY_EXIT_PHOTO, RESIDENT_ID_PHOTO } from '../../shared/catalog/photo-spec';
import type { Host, HostEventListener } from './host-types';
import { createRotatingFileSink } from './log/file-sink';
import { createLogger, errorKind, tee, type Logger } from './log/logger';
import { purgeExpired } from './queue/retention';
import { openDatabase, type Recovery } from './store/db';
import { appendAudit } from './store/repos/audit-log';
import { loadOrCreateKeys, type KeyWrapper } from './crypto/key-store';
import { Sealer } from './crypto/sealer';

export type { Host } from './host-types';

const PHOTO_SPECS = { residentId: RESIDENT_ID_PHOTO, entryExit: ENTRY_EXIT_PHOTO } as const;

type Handlers = {
  [C in CommandName]?: (request: z.output<Commands[C]['request']>) => CommandResponse<C> | Promise<CommandResponse<C>>;
};

function fail(code: 'invalidRequest' | 'unknownCommand' | 'internal', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

// Zod's messages name the field and the rule, never the value: safe to return and log.
// The one exception is an unknown key, which zod quotes: its name is the sender's text
// (it could be an ID number), so it is counted, not named.
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const message = issue.code === 'unrecognized_keys' ? `${issue.keys.length} unrecognized key(s)` : issue.message;
      return issue.path.length ? `${issue.path.join('.')}: ${message}` : message;
    })
    .join('; ');
}

/**
 * Wires store, hardware and flows. The same function runs inside Electron's main
 * process and inside the browser-mode server.
 */
export async function createHost(config: HostConfig, opts: { log?: Logger; keyWrapper?: KeyWrapper } = {}): Promise<Host> {
  const fileSink = opts.log ? undefined : createRotatingFileSink({ dir: path.join(config.dataDir, 'logs') });
  const log =
    opts.log ??
    createLogger({ level: config.logLevel, write: tee((line) => process.stderr.write(line), (line) => fileSink?.write(line)) });
  const keys = loadOrCreateKeys(path.join(config.dataDir, 'keys'), opts.keyWrapper);
  const sealer = new Sealer(keys.current, keys.older);
  let recovery: Recovery | undefined;
  const db = openDatabase(path.join(config.dataDir, 'kiosk.db'), { sealer }, (r) => (recovery = r));
  try {
    const now = Date.now();
    if (recovery) {
      log.error('store.recovered', { movedTo: path.basename(recovery.movedTo), problem: recovery.problem });
      appendAudit(db, { actor: 'kiosk', action: 'store.recovered', subject: null, detail: { movedTo: path.basename(recovery.movedTo), problem: recovery.problem } }, now);
    }
    if (keys.replaced) {
      log.error('keys.replaced', { keyId: sealer.keyId });
      appendAudit(db, { actor: 'kiosk', action: 'keys.replaced', subject: null, detail: { keyId: sealer.keyId } }, now);
    }
    const host = wireHost(config, log, db, sealer);
    return {
      ...host,
      async close() {
        await host.close();
        fileSink?.close();
      },
    };
  } catch (error) {
    db.close();
    fileSink?.close();
    throw error;
  }
}

function wireHost(config: HostConfig, log: Logger, db: Database, sealer: Sealer): Host {
  const hardware = config.hardware === 'real' ? loadHardwareConfig(config.dataDir) : hardwareConfigSchema.parse({});
  const devices = createDevices({ hardware, simulate: config.hardware === 'sim', dataDir: config.dataDir, log });
  const { sims } = devices;
  for (const { device, fault } of config.simFaults) applySimFault(sims, devices.camera, device, fault, devices.storage);
  const listeners = new Set<HostEventListener>();

  const emit = (event: EventName, payload: unknown) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        log.warn('host.listenerFailed', { event, error: errorKind(error) });
      }
    }
  };
  const unwatch = [devices.onChange((all) => emit('device:status', all))];
  // The last photo that passed the check, waiting for the resident's "Use this photo".
  let pendingPhoto: { sessionId: string; base64: string } | null = null;

  const uplink = createUplink(db, sealer, parseUplinkConfig(config.platform), log);
  uplink.start();
  if (uplink.status().platform === 'notConfigured') log.warn('sync.notConfigured', { queueingOnly: true });

  const flow = new FlowRunner({
    db,
    sealer,
    machine: provideFlowActors({ db, sealer, devices, kioskId: config.kioskId, log, onQueued: () => uplink.notify() }),
    defaultLang: config.lang,
    idleWarnMs: config.idleWarnMs,
    idleResetMs: config.idleResetMs,
    log,
    onView: (view) => {
      // A photo waiting for "Use this photo" belongs to its session and goes with it.
      if (pendingPhoto && pendingPhoto.sessionId !== view.sessionId) pendingPhoto = null;
      emit('flow:snapshot', view);
    },
  });
  flow.start();

  const purge = () => {
    try {
      const purged = purgeExpired(db, { retentionDays: config.retentionDays, now: Date.now() });
      if (purged.length > 0) log.info('retention.purged', { count: purged.length, retentionDays: config.retentionDays });
    } catch (error) {
      log.error('retention.failed', { error: errorKind(error) });
    }
  };
  purge();
  const purgeTimer = setInterval(purge, 60 * 60 * 1000);
  purgeTimer.unref();

  const handlers: Handlers = {
    'app:info': () => ({
      version: config.version,
      kioskId: config.kioskId,
      defaultLang: config.lang,
      hardware: config.hardware,
      idle: { warnMs: config.idleWarnMs, resetMs: config.idleResetMs },
    }),
    'flow:get': () => flow.view(),
    'flow:send': (event: FlowEvent) => {
      if (event.type !== 'PHOTO_ACCEPT') return flow.send(event);
      // The photo itself comes from the host's own check, never from the page.
      const current = flow.view();
      if (pendingPhoto && pendingPhoto.sessionId === current.sessionId && current.screen === 'photo') {
        flow.deliver({ type: 'PHOTO_TAKEN', photo: pendingPhoto.base64 });
      }
      pendingPhoto = null;
      return flow.view();
    },
    'photo:check': ({ jpegBase64 }) => {
      const current = flow.view();
      const kind = current.serviceId ? findService(current.serviceId)?.photo : undefined;
      if (current.screen !== 'photo' || !kind) return { ok: false as const, problems: ['notTakingPhoto'] };
      const result = checkAndEncodePhoto(Buffer.from(jpegBase64, 'base64'), PHOTO_SPECS[kind]);
      log.info('photo.checked', { ok: result.ok, problems: result.ok ? null : result.problems.join(',') });
      if (!result.ok) return { ok: false as const, problems: result.problems };
      const base64 = Buffer.from(result.jpeg).toString('base64');
      pendingPhoto = { sessionId: current.sessionId, base64 };
      return { ok: true as const, photoBase64: base64 };
    },
    'device:status': () => devices.statuses(),
    'sync:status': () => uplink.status(),
    'camera:report': ({ state }) => {
      devices.camera.report(state);
      return devices.statuses();
    },
  };
  if (config.hardware === 'sim') Object.assign(handlers, simHandlers(devices, flow));

  const commandNames = COMMAND_NAMES.filter((name) => handlers[name] !== undefined);

  return {
    commandNames,
    async handle(command, request) {
      if (!isCommandName(command) || !handlers[command]) {
        return fail('unknownCommand', 'There is no such command.');
      }
      const spec = commands[command];
      const parsed = spec.request.safeParse(request);
      if (!parsed.success) return fail('invalidRequest', describeIssues(parsed.error));
      const handler = handlers[command] as (req: unknown) => unknown;
      try {
        return { ok: true, value: await handler(parsed.data) };
      } catch (error) {
        if (error instanceof InvalidRequestError) return fail('invalidRequest', error.message);
        log.error('host.commandFailed', { command, error: errorKind(error) });
        return fail('internal', 'The kiosk could not do that. Please try again.');
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      clearInterval(purgeTimer);
      // The flow first, in this tick: nothing a resident started moves on once close() was called.
      flow.stop();
      await uplink.stop();
      for (const stop of unwatch) stop();
      listeners.clear();
      await devices.close();
      db.close();
    },
  };
}
