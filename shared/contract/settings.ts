import { z } from 'zod';
import { LANGS } from './lang';

const serviceId = z.string().regex(/^[a-zA-Z]{1,40}$/, 'A service id is letters only');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time is HH:MM, 00:00 to 23:59');

/** What an admin sets at the kiosk: validated here, audited when saved. */
export const kioskSettingsSchema = z
  .object({
    /** Services residents cannot start at this kiosk. */
    disabledServices: z.array(serviceId).max(50),
    /** Services offered only during counter hours (local time; open before close). */
    serviceHours: z.record(serviceId, z.object({ open: hhmm, close: hhmm }).strict().refine((h) => h.open < h.close, 'Opening must come before closing')),
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

/** Why a service is not offered now by the settings, or null: switched off, or outside its hours. */
export function serviceClosedBy(settings: Pick<KioskSettings, 'disabledServices' | 'serviceHours'>, serviceId: string, now: Date): 'off' | 'hours' | null {
  if (settings.disabledServices.includes(serviceId)) return 'off';
  const hours = settings.serviceHours[serviceId];
  if (!hours) return null;
  const hm = `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
  return hm >= hours.open && hm < hours.close ? null : 'hours';
}
