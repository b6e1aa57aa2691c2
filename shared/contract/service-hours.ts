/** Counter hours, without zod: the welcome screen needs them, not the settings' schemas (settings.ts). */

/** True when a counter opens before it closes: the hours of one day, never across midnight. */
export function hoursInOrder(hours: { open: string; close: string }): boolean {
  return hours.open < hours.close;
}

/** Why a service is not offered now by the settings, or null: switched off, or outside its hours. */
export function serviceClosedBy(settings: { disabledServices: readonly string[]; serviceHours: Readonly<Record<string, { open: string; close: string }>> }, serviceId: string, now: Date): 'off' | 'hours' | null {
  if (settings.disabledServices.includes(serviceId)) return 'off';
  const hours = settings.serviceHours[serviceId];
  if (!hours) return null;
  const hm = `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
  return hm >= hours.open && hm < hours.close ? null : 'hours';
}
