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
  'linkError',
  'notReported',
  'permissionDenied',
  'printerNotFound',
  'cupsUnavailable',
  'cupsToolsMissing',
  'statusNotRead',
  'noStatusReply',
  'garbledStatusReply',
  'noJobYet',
  'lastJobSent',
  'lastJobFailed',
  'cutterError',
  'unrecoverableError',
  'coverOpen',
  'paperOut',
  'autoRecoverableError',
  'printerError',
  'feedButton',
  'printerOffline',
  'printerStopped',
  'holdingNewJobs',
  'doorOpen',
  'notCheckedYet',
  'noAnswer',
  'ioError',
  'garbledReply',
  'samFault',
  'readerClosed',
  'noPactl',
  'noSoundServer',
  'faceEngineModelMissing',
  'faceEngineWasmMissing',
  'faceEngineLoadFailed',
] as const;

/** A device's state in words for staff: the state, then its detail translated from its code. */
export function deviceLine(t: TFunction, status: Devices[keyof Devices]): string {
  const parts = [t(`staff.state.${status.device}`)];
  // A detail is a code, or codes joined by dots (what failed, then what the last job did).
  for (const code of status.detail?.split('.') ?? []) {
    parts.push((KNOWN_DETAILS as readonly string[]).includes(code) ? t(`staff.detail.${code}`) : t('staff.detail.other', { code }));
  }
  return parts.join(' · ');
}
