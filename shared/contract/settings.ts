import { z } from 'zod';
import { LANGS } from './lang';
import { hoursInOrder } from './service-hours';

export { hoursInOrder, serviceClosedBy } from './service-hours';

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
  })
  .strict();
export type KioskSettings = z.infer<typeof kioskSettingsSchema>;

/** What residents' screens need of the settings: nothing here is personal or secret. */
export const publicSettingsSchema = kioskSettingsSchema.pick({ disabledServices: true, serviceHours: true, languages: true, stationName: true, stationPhone: true });
export type PublicSettings = z.infer<typeof publicSettingsSchema>;
