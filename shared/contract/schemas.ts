import { z } from 'zod';

import { CALL_STATES } from '../hardware/intercom';
import { LANGS, langSchema, type Lang } from './lang';
import { UNAVAILABLE_REASONS } from './screens';

export { LANGS, langSchema, type Lang };

export { answerValueSchema } from '../catalog/questions';
export { flowEventSchema, type FlowEvent } from './events';
export { flowViewSchema, screenViewSchema, UNAVAILABLE_REASONS, type FlowView, type ScreenName, type ScreenOf, type ScreenView, type UnavailableReason } from './screens';

export const deviceStatusSchema = z.object({
  device: z.enum(['online', 'offline', 'noDevice', 'hardwareError', 'userError', 'busy']),
  paper: z.enum(['full', 'low', 'out', 'jammed']).optional(),
  media: z.enum(['present', 'notPresent', 'jammed', 'retracted']).optional(),
  ink: z.enum(['full', 'low', 'out']).optional(),
  detail: z.string().max(200).optional(),
});

export const devicesSchema = z.object({
  idCardReader: deviceStatusSchema,
  receiptPrinter: deviceStatusSchema,
  camera: deviceStatusSchema,
  paymentTerminal: deviceStatusSchema,
  documentReader: deviceStatusSchema,
  documentPrinter: deviceStatusSchema,
  permitPrinter: deviceStatusSchema,
  storage: deviceStatusSchema,
  staffCardReader: deviceStatusSchema,
  intercom: deviceStatusSchema,
  /** The headphone socket: `media: 'present'` while a headset is plugged in (private listening). */
  headset: deviceStatusSchema,
});
export type Devices = z.infer<typeof devicesSchema>;

export const appInfoSchema = z.object({
  /** Whether the kiosk can serve residents; when not, why (a code for staff). */
  availability: z.discriminatedUnion('state', [
    z.object({ state: z.literal('ready') }),
    z.object({ state: z.literal('unavailable'), reason: z.enum(UNAVAILABLE_REASONS) }),
  ]),
  version: z.string(),
  kioskId: z.string(),
  defaultLang: langSchema,
  hardware: z.enum(['sim', 'real']),
  idle: z.object({ warnMs: z.number(), resetMs: z.number() }),
});

export const simResidentSchema = z.object({ id: z.string(), label: z.string() });

export const simStatusSchema = z.object({
  cardPresent: z.string().nullable(),
  /** Someone waits for a card on the ID card reader (a resident's identify step, or staff's card test). */
  readerWaiting: z.boolean(),
  /** Staff mode's background watch waits for a newly placed resident card (not counted in readerWaiting). */
  readerWatching: z.boolean(),
  receipts: z.number().int(),
  /** The payment QR code currently waiting for the (simulated) resident's phone. */
  pendingPayment: z.string().nullable(),
  /** The one-time code the simulated platform last sent to a phone, as the resident would read it. */
  lastCode: z.string().nullable(),
  /** What the permit printer simulator printed onto permit cards, oldest first (no permit numbers). */
  endorsementsPrinted: z.array(z.object({ destination: z.string(), endorsementType: z.string(), validUntil: z.string(), entries: z.number().int() })),
  /** The intercom simulator's call going on, or null: tests answer it only once it rings. */
  intercomCall: z.enum(CALL_STATES).nullable(),
  /** A headset is plugged into the simulated socket. */
  headsetPlugged: z.boolean(),
  devices: devicesSchema,
});

export const emptySchema = z.object({}).strict();
