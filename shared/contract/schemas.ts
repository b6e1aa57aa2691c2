import { z } from 'zod';

export const LANGS = ['zh-CN', 'en'] as const;
export const langSchema = z.enum(LANGS);
export type Lang = z.infer<typeof langSchema>;

const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const answerValueSchema = z
  .object({
    choice: idSchema.optional(),
    text: z.string().max(200).optional(),
  })
  .strict();

/** Events a resident's screen may send to the flow. */
export const flowEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('SET_LANG'), lang: langSchema }).strict(),
  z.object({ type: z.literal('SELECT_SERVICE'), serviceId: idSchema }).strict(),
  z.object({ type: z.literal('CONTINUE') }).strict(),
  z.object({ type: z.literal('BACK') }).strict(),
  z.object({ type: z.literal('CANCEL') }).strict(),
  z.object({ type: z.literal('ANSWER'), questionId: idSchema, value: answerValueSchema }).strict(),
  z.object({ type: z.literal('CHANGE'), questionId: idSchema }).strict(),
  z.object({ type: z.literal('SUBMIT') }).strict(),
  z.object({ type: z.literal('RETRY') }).strict(),
  z.object({ type: z.literal('FINISH') }).strict(),
  z.object({ type: z.literal('ACTIVITY') }).strict(),
  z.object({ type: z.literal('MORE_TIME') }).strict(),
  z.object({ type: z.literal('LOOKUP') }).strict(),
  z.object({ type: z.literal('LOOKUP_SUBMIT'), reference: z.string().max(40) }).strict(),
  // The photo itself never travels in an event: the host takes the one it checked last.
  z.object({ type: z.literal('PHOTO_ACCEPT') }).strict(),
]);
export type FlowEvent = z.infer<typeof flowEventSchema>;

/** Why the kiosk cannot serve residents: the data key file cannot be read, or is gone while sealed data exists. */
export const UNAVAILABLE_REASONS = ['keyUnreadable', 'keyMissing'] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

export const SCREENS = [
  'welcome',
  'start',
  'identify',
  'identifyFailed',
  'question',
  'check',
  'submitting',
  'submitFailed',
  'confirmation',
  'lookup',
  'lookupResult',
  'photo',
  'payment',
  'paymentFailed',
  /** The kiosk cannot serve anyone now (its data key cannot be read); nothing is lost. */
  'unavailable',
] as const;
export type Screen = (typeof SCREENS)[number];

/** What the renderer needs to draw the current screen: no more personal data than it shows. */
export const flowViewSchema = z.object({
  /**
   * Rises with every view the host produces. A command's reply and a pushed event travel on
   * different channels and can arrive out of order: the renderer keeps the highest.
   */
  seq: z.number().int(),
  sessionId: z.string(),
  lang: langSchema,
  screen: z.enum(SCREENS),
  serviceId: z.string().nullable(),
  question: z.object({ id: z.string(), index: z.number().int(), total: z.number().int() }).nullable(),
  answers: z.record(z.string(), answerValueSchema),
  error: z.object({ questionId: z.string(), code: z.string() }).nullable(),
  identifyError: z.enum(['unreadable', 'invalidNumber', 'expired', 'readerUnavailable']).nullable(),
  applicant: z.object({ name: z.string(), idNumberMasked: z.string() }).nullable(),
  returnToCheck: z.boolean(),
  reference: z.string().nullable(),
  print: z.enum(['none', 'printing', 'printed', 'failed']),
  idle: z.object({ warning: z.boolean(), resetAt: z.number().nullable() }),
  /** The accepted photo (JPEG, base64), on the photo and check screens only. */
  photo: z.string().nullable(),
  payment: z
    .object({
      amountFen: z.number().int(),
      qrText: z.string().nullable(),
      expiresAt: z.number().nullable(),
      failure: z.enum(['canceled', 'timedOut', 'unavailable', 'inDoubt']).nullable(),
    })
    .nullable(),
  /** Why the kiosk is out of service, on the 'unavailable' screen: a code for staff. */
  unavailable: z.enum(UNAVAILABLE_REASONS).nullable(),
  /** "Check a submission": the typed reference's problem, or what the kiosk knows of it. */
  lookup: z.object({
    error: z.enum(['empty', 'length', 'charset', 'prefix', 'checksum']).nullable(),
    reference: z.string().nullable(),
    result: z
      .discriminatedUnion('found', [
        z.object({
          found: z.literal(true),
          serviceId: z.string(),
          state: z.enum(['queued', 'sending', 'sent', 'accepted', 'rejected', 'failed']),
          certificateReady: z.boolean(),
          submittedAt: z.number(),
        }),
        z.object({ found: z.literal(false) }),
      ])
      .nullable(),
  }),
});
export type FlowView = z.infer<typeof flowViewSchema>;

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
  receipts: z.number().int(),
  /** The payment QR code currently waiting for the (simulated) resident's phone. */
  pendingPayment: z.string().nullable(),
  devices: devicesSchema,
});

export const emptySchema = z.object({}).strict();
