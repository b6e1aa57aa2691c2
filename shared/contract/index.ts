import { z } from 'zod';
import type { CommandName, EventName } from './names';
import { SIM_FAULTS, type SimDevice } from '../hardware/sim-faults';
import { MAX_FRAME_BASE64_LENGTH } from '../catalog/photo-spec';
import {
  pinSchema,
  signInResultSchema,
  staffDoorSchema,
  staffMemberSchema,
  staffNumberSchema,
  cardUidSchema,
  staffSessionSchema,
  STAFF_ROLES,
  staffEventSchema,
  type StaffRole,
} from './staff';
import { SUPPLIES, supplySchema } from './supplies';
import { kioskSettingsSchema, publicSettingsSchema } from './settings';
import { diagnosticsRequestSchema, diagnosticsResultSchema, diagnosticsTargetSchema } from './diagnostics';
import { speechRequestSchema, speechResultSchema, speechVoicesSchema } from './speech';
import { helpCallSchema, helpListSchema, helpRequestIdSchema, helpRequestResultSchema, simIntercomActionSchema } from './help';
import { decideRequestSchema, moneyOverviewSchema, queuePageSchema, queueRequestSchema, reportSchema, submissionDetailSchema } from './review';
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
export * from './staff';
export * from './supplies';
export * from './review';
export * from './settings';
export * from './help';
export * from './speech';
export * from './diagnostics';
export { COMMAND_NAMES, EVENT_NAMES, ipcChannel, isCommandName, isEventName } from './names';
export type { CommandName, EventName } from './names';

const SIM_DEVICES = Object.keys(SIM_FAULTS) as [SimDevice, ...SimDevice[]];

/**
 * Who may call a command. `resident`: the kiosk page, whoever stands at it. `staff`: only within
 * a staff session, by a staff member holding one of the roles (`any`: every signed-in staff
 * member). `sim`: only bound when the kiosk runs on simulators (KIOSK_HARDWARE=sim).
 */
export type Access = 'resident' | 'sim' | { staff: readonly StaffRole[] | 'any' };

interface CommandSpec {
  request: z.ZodType;
  response: z.ZodType;
  access: Access;
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

/**
 * A camera frame as JPEG, base64: 1280 x 720 is a few hundred kilobytes. `abort`: a text over
 * the limit is refused without being scanned (160 ms for 50 MB on the host's thread).
 */
const photoFrameSchema = z.object({ jpegBase64: z.string().min(1).max(MAX_FRAME_BASE64_LENGTH, { abort: true }).refine(isBase64, BASE64_MESSAGE) }).strict();
/** What the host made of a frame: the photo cropped and encoded to the spec, or what is wrong with it. */
const photoCheckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), photoBase64: z.string() }),
  z.object({ ok: z.literal(false), problems: z.array(z.string()) }),
]);

/**
 * A burst of camera frames for the 1:1 face check, about two seconds of them: smaller than a
 * photo's frame (the face is compared, not printed), each a JPEG as base64.
 */
export const FACE_BURST = { minFrames: 2, maxFrames: 8, maxFrameBase64: 1_000_000 } as const;
const faceBurstSchema = z
  .object({
    frames: z
      .array(z.string().min(1).max(FACE_BURST.maxFrameBase64, { abort: true }).refine(isBase64, BASE64_MESSAGE))
      .min(FACE_BURST.minFrames)
      .max(FACE_BURST.maxFrames),
  })
  .strict();
/**
 * What the check found. matched / notMatched / notLive count as a try (the flow moves on, or
 * counts it); noFace / severalFaces do not (stand alone in front of the camera and try again);
 * unavailable: the kiosk could not check (its face engine); notVerifying: not on the face screen.
 */
export const FACE_OUTCOMES = ['matched', 'notMatched', 'notLive', 'noFace', 'severalFaces', 'unavailable', 'notVerifying'] as const;
const faceResultSchema = z.object({ outcome: z.enum(FACE_OUTCOMES) });

/** Every command the renderer may call: name -> request and response schema. */
export const commands = {
  'app:info': { request: emptySchema, response: appInfoSchema, access: 'resident' },
  'flow:get': { request: emptySchema, response: flowViewSchema, access: 'resident' },
  'flow:send': { request: flowEventSchema, response: flowViewSchema, access: 'resident' },
  'device:status': { request: emptySchema, response: devicesSchema, access: 'resident' },
  'sim:residents': { request: emptySchema, response: z.array(simResidentSchema), access: 'sim' },
  'sim:presentCard': {
    request: z.object({ residentId: z.string().min(1).max(32) }).strict(),
    response: simStatusSchema,
    access: 'sim',
  },
  'sim:removeCard': { request: emptySchema, response: simStatusSchema, access: 'sim' },
  'sim:setPaper': {
    request: z.object({ paper: z.enum(['full', 'low', 'out', 'jammed']) }).strict(),
    response: simStatusSchema,
    access: 'sim',
  },
  'sim:status': { request: emptySchema, response: simStatusSchema, access: 'sim' },
  'photo:check': {
    request: photoFrameSchema,
    response: photoCheckSchema,
    access: 'resident',
  },
  'face:verify': { request: faceBurstSchema, response: faceResultSchema, access: 'resident' },
  'camera:report': {
    request: z.object({ state: z.enum(['online', 'noDevice', 'denied']) }).strict(),
    response: devicesSchema,
    access: 'resident',
  },
  'settings:get': { request: emptySchema, response: publicSettingsSchema, access: 'resident' },
  // "Call an officer", on every screen: recorded once per session, and never part of the flow.
  'help:request': { request: emptySchema, response: helpRequestResultSchema, access: 'resident' },
  'help:call': { request: emptySchema, response: helpCallSchema, access: 'resident' },
  'help:hangUp': { request: emptySchema, response: helpCallSchema, access: 'resident' },
  // The hidden way in: open to whoever stands at the kiosk, and all it gives is a staff session.
  'door:status': { request: emptySchema, response: staffDoorSchema, access: 'resident' },
  'door:signIn': {
    request: z.discriminatedUnion('method', [
      z.object({ method: z.literal('number'), staffNumber: staffNumberSchema, pin: pinSchema }).strict(),
      // The card itself is the one on the reader: the page sends only its PIN.
      z.object({ method: z.literal('card'), pin: pinSchema }).strict(),
    ]),
    response: signInResultSchema,
    access: 'resident',
  },
  'door:setUp': {
    request: z.object({ setupCode: z.string().regex(/^[\d ]{12,16}$/, 'A setup code is 12 digits'), staffNumber: staffNumberSchema, pin: pinSchema }).strict(),
    response: signInResultSchema,
    access: 'resident',
  },
  'staff:session': { request: emptySchema, response: staffSessionSchema, access: { staff: 'any' } },
  'staff:signOut': { request: emptySchema, response: z.object({ signedOut: z.literal(true) }), access: { staff: 'any' } },
  'staff:sync': {
    request: emptySchema,
    response: z.object({
      platform: z.enum(['notConfigured', 'ok', 'unreachable', 'error']),
      lastSuccessAt: z.number().nullable(),
      lastError: z.string().nullable(),
      backlog: z.record(z.enum(['queued', 'sending', 'sent', 'accepted', 'rejected', 'failed']), z.number().int()),
    }),
    access: { staff: ['restocker', 'admin'] },
  },
  'staff:devices': { request: emptySchema, response: devicesSchema, access: { staff: ['restocker', 'admin'] } },
  'staff:deviceCounters': {
    request: emptySchema,
    response: z.record(
      z.enum(['idCardReader', 'documentReader', 'receiptPrinter', 'documentPrinter', 'permitPrinter', 'paymentTerminal']),
      z.object({ ok: z.number().int(), failed: z.number().int(), lastError: z.object({ code: z.string(), at: z.number() }).nullable() }),
    ),
    access: { staff: ['restocker', 'admin'] },
  },
  // The camera and the light at the kiosk, checked as a resident's photo would be; nothing is kept.
  'staff:cameraTest': {
    request: photoFrameSchema,
    response: photoCheckSchema,
    access: { staff: ['restocker', 'admin'] },
  },
  // A card put on the reader is read and forgotten: only whether it could be read is said.
  'staff:cardTest': {
    request: emptySchema,
    response: z.object({ result: z.enum(['read', 'unreadable', 'readerUnavailable', 'noCard']) }),
    access: { staff: ['restocker', 'admin'] },
  },
  'staff:supplies': { request: emptySchema, response: z.array(supplySchema), access: { staff: ['restocker', 'admin'] } },
  'staff:refill': { request: z.object({ supply: z.enum(SUPPLIES) }).strict(), response: supplySchema, access: { staff: ['restocker', 'admin'] } },
  'staff:queue': { request: queueRequestSchema, response: queuePageSchema, access: { staff: ['reviewer', 'admin'] } },
  'staff:submission': {
    request: z.object({ reference: z.string().min(1).max(20) }).strict(),
    response: submissionDetailSchema,
    access: { staff: ['reviewer', 'admin'] },
  },
  'staff:decide': { request: decideRequestSchema, response: submissionDetailSchema, access: { staff: ['reviewer', 'admin'] } },
  'staff:money': { request: emptySchema, response: moneyOverviewSchema, access: { staff: 'any' } },
  'staff:refund': {
    request: z.object({ orderId: z.string().min(1).max(80) }).strict(),
    response: z.object({ result: z.enum(['refunded', 'terminalRefused']) }),
    access: { staff: ['admin'] },
  },
  'staff:retrySubmission': {
    request: z.object({ reference: z.string().min(1).max(20) }).strict(),
    response: z.object({ requeued: z.literal(true) }),
    access: { staff: ['reviewer', 'admin'] },
  },
  'staff:reprint': {
    request: z.object({ reference: z.string().min(1).max(20) }).strict(),
    // canceled: staff stopped it (staff:cancelReprint) while the permit printer waited for the permit.
    response: z.object({ result: z.enum(['printed', 'notReady', 'failed', 'canceled']) }),
    access: { staff: 'any' },
  },
  'staff:cancelReprint': { request: emptySchema, response: z.object({ canceled: z.boolean() }), access: { staff: 'any' } },
  'staff:testPrint': {
    request: z.object({ device: z.literal('receiptPrinter') }).strict(),
    response: z.object({ result: z.enum(['success', 'canceled', 'timeOut', 'hardwareError', 'userError', 'deviceNotReady']) }),
    access: { staff: ['restocker', 'admin'] },
  },
  'staff:syncNow': { request: emptySchema, response: z.object({ started: z.literal(true) }), access: { staff: ['restocker', 'admin'] } },
  'staff:auditVerify': {
    request: emptySchema,
    response: z.object({ ok: z.boolean(), entries: z.number().int(), rows: z.number().int(), brokenAt: z.number().int().nullable() }),
    access: { staff: ['admin'] },
  },
  'staff:report': { request: emptySchema, response: reportSchema, access: { staff: 'any' } },
  // Logs and device history to a USB stick for the service engineer; nothing personal goes in.
  'staff:diagnosticsTargets': { request: emptySchema, response: z.array(diagnosticsTargetSchema), access: { staff: ['restocker', 'admin'] } },
  'staff:diagnostics': { request: diagnosticsRequestSchema, response: diagnosticsResultSchema, access: { staff: ['restocker', 'admin'] } },
  'staff:printSummary': {
    request: emptySchema,
    response: z.object({ result: z.enum(['success', 'canceled', 'timeOut', 'hardwareError', 'userError', 'deviceNotReady']) }),
    access: { staff: 'any' },
  },
  'staff:settings': { request: emptySchema, response: kioskSettingsSchema, access: { staff: ['admin'] } },
  'staff:saveSettings': { request: kioskSettingsSchema, response: kioskSettingsSchema, access: { staff: ['admin'] } },
  'staff:listStaff': { request: emptySchema, response: z.array(staffMemberSchema), access: { staff: ['admin'] } },
  // Whoever is at the station deals with a resident who asked for help, whatever their role.
  'staff:help': { request: emptySchema, response: helpListSchema, access: { staff: 'any' } },
  'staff:closeHelp': { request: z.object({ id: helpRequestIdSchema }).strict(), response: helpListSchema, access: { staff: 'any' } },
  'staff:addStaff': {
    request: z
      .object({
        staffNumber: staffNumberSchema,
        pin: pinSchema,
        roles: z.array(z.enum(STAFF_ROLES)).min(1).max(STAFF_ROLES.length),
        /** The card's UID, for provisioning from a list; on the kiosk, `heldCard` instead. */
        cardUid: cardUidSchema.optional(),
        /** The card held to the staff card reader in the last minute becomes this staff member's. */
        heldCard: z.literal(true).optional(),
      })
      .strict()
      .refine((r) => !(r.cardUid && r.heldCard), { message: 'Give a card UID or a held card, not both', path: ['heldCard'] }),
    response: z.object({ result: z.enum(['added', 'exists', 'weakPin', 'cardInUse', 'noCard']) }),
    access: { staff: ['admin'] },
  },
  'sim:setSupply': {
    request: z.object({ supply: z.enum(SUPPLIES), level: z.number().int().min(0).max(100_000) }).strict(),
    response: simStatusSchema,
    access: 'sim',
  },
  'sim:presentStaffCard': {
    request: z.object({ uid: cardUidSchema }).strict(),
    response: simStatusSchema,
    access: 'sim',
  },
  'sim:fault': {
    request: z.object({ device: z.enum(SIM_DEVICES), fault: z.string().min(1).max(32) }).strict(),
    response: simStatusSchema,
    access: 'sim',
  },
  'sim:pay': {
    request: z.object({ outcome: z.enum(['paid', 'canceled']) }).strict(),
    response: simStatusSchema,
    access: 'sim',
  },
  'sim:documents': { request: emptySchema, response: z.array(simResidentSchema), access: 'sim' },
  'sim:presentDocument': {
    request: z.object({ documentId: z.string().min(1).max(32) }).strict(),
    response: simStatusSchema,
    access: 'sim',
  },
  // The resident puts the permit card into the permit printer's slot.
  'sim:insertPermit': { request: emptySchema, response: simStatusSchema, access: 'sim' },
  'sim:idle': {
    // The idle warning or the reset now: end-to-end tests never race a real timer.
    request: z.object({ phase: z.enum(['warn', 'reset']) }).strict(),
    response: flowViewSchema,
    access: 'sim',
  },
  'sim:scanCode': {
    request: z.object({ text: z.string().min(1).max(200) }).strict(),
    response: simStatusSchema,
    access: 'sim',
  },
  // The simulated station: an officer answers, hangs up, lets it ring out, or the line drops.
  'sim:intercom': { request: z.object({ action: simIntercomActionSchema }).strict(), response: simStatusSchema, access: 'sim' },
  // A headset plugged into the simulated socket, or pulled out.
  'sim:headset': { request: z.object({ plugged: z.boolean() }).strict(), response: simStatusSchema, access: 'sim' },
  // Speech for the screen: the languages the host's engine has a voice for, and one text as a WAV.
  'speech:voices': { request: emptySchema, response: speechVoicesSchema, access: 'resident' },
  'speech:synthesize': { request: speechRequestSchema, response: speechResultSchema, access: 'resident' },
} as const satisfies Record<CommandName, CommandSpec>;

/** Every event the host pushes to the renderer. */
export const events = {
  'flow:snapshot': flowViewSchema,
  'device:status': devicesSchema,
  'staff:event': staffEventSchema,
  'settings:changed': publicSettingsSchema,
  'help:call': helpCallSchema,
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

