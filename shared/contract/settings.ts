import { z } from 'zod';
import { LANGS } from './lang';
import { hoursInOrder } from './service-hours';

export { hoursInOrder, serviceClosedBy } from './service-hours';

/** The face check's default threshold; see faceMatchThreshold and the README on its calibration. */
export const FACE_MATCH_DEFAULT = 0.6;

const serviceId = z.string().regex(/^[a-zA-Z]{1,40}$/, 'A service id is letters only');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time is HH:MM, 00:00 to 23:59');

const hoursSchema = z.object({ open: hhmm, close: hhmm }).strict();

/** What an admin sets at the kiosk: validated here, audited when saved. */
export const kioskSettingsSchema = z
  .object({
    /** Services residents cannot start at this kiosk. */
    disabledServices: z.array(serviceId).max(50),
    /** Services offered only during counter hours, each with its own (local time; open before close). */
    serviceHours: z.record(
      serviceId,
      // The order is checked only of two well-formed times: '9:00' is a bad time, not a late opening.
      hoursSchema.refine(hoursInOrder, { message: 'Opening must come before closing', when: (payload) => hoursSchema.safeParse(payload.value).success }),
    ),
    idleWarnSeconds: z.number().int().min(15).max(600),
    idleResetSeconds: z.number().int().min(10).max(300),
    /** The languages residents can choose; the kiosk's default language is always among them. */
    languages: z.array(z.enum(LANGS)).min(1),
    stationName: z.string().trim().max(40),
    stationPhone: z.string().regex(/^[0-9-]{0,20}$/, 'A phone number is digits and dashes, at most 20'),
    /**
     * The 1:1 face check: a camera face this alike to the document's photo (0–1, the face engine's
     * similarity) is the holder. Higher refuses more impostors and more holders; settings saved
     * before this setting existed get the default.
     */
    faceMatchThreshold: z.number().min(0.4).max(0.9).default(FACE_MATCH_DEFAULT),
  })
  .strict();
export type KioskSettings = z.infer<typeof kioskSettingsSchema>;

/** The most notices the welcome screen shows at once, and the longest one, in characters. */
export const NOTICES_MAX = 3;
export const NOTICE_MAX_CHARS = 160;

// Plain text: no control or format characters (a bidi override could reorder what residents
// read), no markup. React would escape it anyway; refusing it keeps the platform honest.
const noticeText = z
  .string()
  .trim()
  .min(1)
  .max(NOTICE_MAX_CHARS)
  .regex(/^[^\p{Cc}\p{Cf}<>]*$/u, 'A notice is plain text: no control characters, no markup');

/** One notice for residents (set by the platform), in each language it was written in. */
export const noticeSchema = z.partialRecord(z.enum(LANGS), noticeText).refine((n) => Object.keys(n).length > 0, { message: 'A notice has text in at least one language' });
export type Notice = z.infer<typeof noticeSchema>;

/** The notices the welcome screen shows, in order. */
export const noticesSchema = z.array(noticeSchema).max(NOTICES_MAX);

/**
 * What residents' screens need of the settings: nothing here is personal or secret. The
 * notices come with the kiosk's own language, which every notice has and a resident's
 * language falls back to.
 */
export const publicSettingsSchema = kioskSettingsSchema
  .pick({ disabledServices: true, serviceHours: true, languages: true, stationName: true, stationPhone: true })
  .extend({ notices: noticesSchema, defaultLang: z.enum(LANGS) });
export type PublicSettings = z.infer<typeof publicSettingsSchema>;
