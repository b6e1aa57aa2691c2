import type { TFunction } from 'i18next';
import type { Devices } from '../../../shared/contract';

/** Device details the staff screen has words for; any other code is shown as it is. */
export const KNOWN_DETAILS = [
  'notConfigured',
  'noDriver',
  'notConnected',
  'connecting',
  'reconnecting',
  'linkClosed',
  'notReported',
  'permissionDenied',
  'printerNotFound',
  'cupsUnavailable',
  'cupsToolsMissing',
] as const;

/** A device's state in words for staff: the state, then its detail translated from its code. */
export function deviceLine(t: TFunction, status: Devices[keyof Devices]): string {
  const parts = [t(`staff.state.${status.device}`)];
  if (status.detail) {
    parts.push((KNOWN_DETAILS as readonly string[]).includes(status.detail) ? t(`staff.detail.${status.detail}`) : t('staff.detail.other', { code: status.detail }));
  }
  return parts.join(' · ');
}
