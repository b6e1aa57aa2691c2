import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { fromPromise } from 'xstate';
import type { z } from 'zod';
import {
  COMMAND_NAMES,
  commands,
  isCommandName,
  type CommandName,
  type CommandResponse,
  type Commands,
  type Devices,
  type EventName,
  type Result,
} from '../../shared/contract';
import type { FlowEvent } from '../../shared/contract/schemas';
import { serviceFlowMachine } from '../../shared/flows/service-flow.machine';
import type { HostConfig } from './config';
import { InvalidRequestError } from './errors';
import { FlowRunner } from './flows/flow-runner';
import { buildSlip } from './hardware/escpos';
import { SimIdCardReader } from './hardware/id-card-reader.sim';
import { SimReceiptPrinter } from './hardware/receipt-printer.sim';
import { SIM_RESIDENTS } from './hardware/sim-residents';
import type { Host, HostEventListener } from './host-types';
import { createRotatingFileSink } from './log/file-sink';
import { createLogger, errorKind, tee, type Logger } from './log/logger';
import { purgeExpired } from './queue/retention';
import { enqueueSubmission } from './queue/enqueue';
import { slipContent } from './slip';
import { openDatabase, type Recovery } from './store/db';
import { getSubmission } from './store/repos/submissions';
import { appendAudit } from './store/repos/audit-log';
import { loadOrCreateKeys, type KeyWrapper } from './crypto/key-store';
import { Sealer } from './crypto/sealer';

export type { Host } from './host-types';

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
  const reader = new SimIdCardReader();
  const printer = new SimReceiptPrinter({ dir: path.join(config.dataDir, 'sim', 'receipts') });
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
  const devices = (): Devices => ({ idCardReader: reader.status(), receiptPrinter: printer.status() });
  const unwatch = [reader.onStatus(() => emit('device:status', devices())), printer.onStatus(() => emit('device:status', devices()))];

  const machine = serviceFlowMachine.provide({
    actors: {
      readCard: fromPromise(({ signal }) => reader.readCard(signal)),
      enqueue: fromPromise(async ({ input }) => {
        const reference = enqueueSubmission(db, input, { kioskId: config.kioskId, sealer });
        log.info('queue.enqueued', { reference, service: input.serviceId });
        return { reference };
      }),
      lookupStatus: fromPromise(async ({ input }) => {
        const row = getSubmission(db, input.reference);
        log.info('lookup.checked', { reference: input.reference, found: row !== undefined });
        if (!row) return { found: false as const };
        return {
          found: true as const,
          serviceId: row.serviceId,
          state: row.state,
          certificateReady: row.remoteStatus === 'certificateReady',
          submittedAt: row.createdAt,
        };
      }),
      printSlip: fromPromise(async ({ input }) => {
        const result = await printer.print(buildSlip(slipContent(input, new Date())));
        if (result.code !== 'success') {
          log.warn('printer.slipFailed', { reference: input.reference, code: result.code });
          throw new Error(`The slip was not printed: ${result.code}`);
        }
        log.info('printer.slipPrinted', { reference: input.reference });
      }),
    },
  });

  const flow = new FlowRunner({
    db,
    sealer,
    machine,
    defaultLang: config.lang,
    idleWarnMs: config.idleWarnMs,
    idleResetMs: config.idleResetMs,
    log,
    onView: (view) => emit('flow:snapshot', view),
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

  const simStatus = () => ({ cardPresent: reader.presentId(), receipts: printer.jobCount(), devices: devices() });

  const handlers: Handlers = {
    'app:info': () => ({
      version: config.version,
      kioskId: config.kioskId,
      defaultLang: config.lang,
      hardware: 'sim' as const,
      idle: { warnMs: config.idleWarnMs, resetMs: config.idleResetMs },
    }),
    'flow:get': () => flow.view(),
    'flow:send': (event: FlowEvent) => flow.send(event),
    'device:status': () => devices(),
  };
  if (config.hardware === 'sim') {
    Object.assign(handlers, {
      'sim:residents': () => SIM_RESIDENTS.map(({ id, label }) => ({ id, label })),
      'sim:presentCard': ({ residentId }) => {
        reader.present(residentId);
        return simStatus();
      },
      'sim:removeCard': () => {
        reader.remove();
        return simStatus();
      },
      'sim:setPaper': ({ paper }) => {
        printer.setPaper(paper);
        return simStatus();
      },
      'sim:status': () => simStatus(),
      'sim:scanCode': ({ text }) => {
        flow.deliver({ type: 'SCANNED', text });
        return simStatus();
      },
    } satisfies Handlers);
  }

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
      flow.stop();
      for (const stop of unwatch) stop();
      listeners.clear();
      db.close();
    },
  };
}
