import { z } from 'zod';
import type { CommandName, EventName } from './names';
import { SIM_FAULTS, type SimDevice } from '../hardware/sim-faults';
import { MAX_FRAME_BASE64_LENGTH } from '../catalog/photo-spec';
import {
  appInfoSchema,
  devicesSchema,
  emptySchema,
  flowEventSchema,
  flowViewSchema,
  simResidentSchema,
  simStatusSchema,
} from './schemas';

export * from './schemas';
export { COMMAND_NAMES, EVENT_NAMES, ipcChannel, isCommandName, isEventName } from './names';
export type { CommandName, EventName } from './names';

const SIM_DEVICES = Object.keys(SIM_FAULTS) as [SimDevice, ...SimDevice[]];

interface CommandSpec {
  request: z.ZodType;
  response: z.ZodType;
  /** Only bound when the kiosk runs on simulators. */
  sim?: true;
}

const BASE64_MESSAGE = 'Invalid string: must be base64 (A-Z, a-z, 0-9, + and /, then at most two =)';

/**
 * True when `text` matches /^[A-Za-z0-9+/]+={0,2}$/. Checked this way because the host's thread
 * runs it on every camera frame: that regex takes about 25 ms on a 6 MB frame, a search for a
 * character outside the alphabet plus a look at the padding about 15 ms.
 */
export function isBase64(text: string): boolean {
  if (text.length === 0 || /[^A-Za-z0-9+/=]/.test(text)) return false;
  const pad = text.indexOf('=');
  return pad === -1 || (pad > 0 && pad >= text.length - 2 && text.charCodeAt(text.length - 1) === 0x3d);
}

/** Every command the renderer may call: name -> request and response schema. */
export const commands = {
  'app:info': { request: emptySchema, response: appInfoSchema },
  'flow:get': { request: emptySchema, response: flowViewSchema },
  'flow:send': { request: flowEventSchema, response: flowViewSchema },
  'device:status': { request: emptySchema, response: devicesSchema },
  'sim:residents': { request: emptySchema, response: z.array(simResidentSchema), sim: true },
  'sim:presentCard': {
    request: z.object({ residentId: z.string().min(1).max(32) }).strict(),
    response: simStatusSchema,
    sim: true,
  },
  'sim:removeCard': { request: emptySchema, response: simStatusSchema, sim: true },
  'sim:setPaper': {
    request: z.object({ paper: z.enum(['full', 'low', 'out', 'jammed']) }).strict(),
    response: simStatusSchema,
    sim: true,
  },
  'sim:status': { request: emptySchema, response: simStatusSchema, sim: true },
  'photo:check': {
    // A camera frame as JPEG, base64: 1280 x 720 is a few hundred kilobytes. `abort`: a text over
    // the limit is refused without being scanned (160 ms for 50 MB on the host's thread).
    request: z
      .object({ jpegBase64: z.string().min(1).max(MAX_FRAME_BASE64_LENGTH, { abort: true }).refine(isBase64, BASE64_MESSAGE) })
      .strict(),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), photoBase64: z.string() }),
      z.object({ ok: z.literal(false), problems: z.array(z.string()) }),
    ]),
  },
  'sync:status': {
    request: emptySchema,
    response: z.object({
      platform: z.enum(['notConfigured', 'ok', 'unreachable', 'error']),
      lastSuccessAt: z.number().nullable(),
      lastError: z.string().nullable(),
      backlog: z.record(z.enum(['queued', 'sending', 'sent', 'accepted', 'rejected', 'failed']), z.number().int()),
    }),
  },
  'camera:report': {
    request: z.object({ state: z.enum(['online', 'noDevice', 'denied']) }).strict(),
    response: devicesSchema,
  },
  'sim:fault': {
    request: z.object({ device: z.enum(SIM_DEVICES), fault: z.string().min(1).max(32) }).strict(),
    response: simStatusSchema,
    sim: true,
  },
  'sim:pay': {
    request: z.object({ outcome: z.enum(['paid', 'canceled']) }).strict(),
    response: simStatusSchema,
    sim: true,
  },
  'sim:documents': { request: emptySchema, response: z.array(simResidentSchema), sim: true },
  'sim:presentDocument': {
    request: z.object({ documentId: z.string().min(1).max(32) }).strict(),
    response: simStatusSchema,
    sim: true,
  },
  // The resident puts the permit card into the permit printer's slot.
  'sim:insertPermit': { request: emptySchema, response: simStatusSchema, sim: true },
  'sim:idle': {
    // The idle warning or the reset now: end-to-end tests never race a real timer.
    request: z.object({ phase: z.enum(['warn', 'reset']) }).strict(),
    response: flowViewSchema,
    sim: true,
  },
  'sim:scanCode': {
    request: z.object({ text: z.string().min(1).max(200) }).strict(),
    response: simStatusSchema,
    sim: true,
  },
} as const satisfies Record<CommandName, CommandSpec>;

/** Every event the host pushes to the renderer. */
export const events = {
  'flow:snapshot': flowViewSchema,
  'device:status': devicesSchema,
} as const satisfies Record<EventName, z.ZodType>;

export type Commands = typeof commands;
export type CommandRequest<C extends CommandName> = z.input<Commands[C]['request']>;
export type CommandResponse<C extends CommandName> = z.output<Commands[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const ERROR_CODES = [
  'invalidRequest',
  'unknownCommand',
  'notAvailable',
  'forbidden',
  'internal',
  /** The binding could not reach the host (browser mode: the server is down). */
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ContractError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** The API the renderer sees, whichever binding carries it (IPC or HTTP). */
export interface KioskApi {
  invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<Result<CommandResponse<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

