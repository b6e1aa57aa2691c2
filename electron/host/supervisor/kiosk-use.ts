import { commands, type CommandName, type Lang, type ScreenName } from '../../../shared/contract';
import type { InUse } from './daily-restart';

/** A touch this recent means someone is at the kiosk, even on the welcome screen. */
export const RECENT_USE_MS = 2 * 60_000;

/** The page's commands that come from someone's hands, not from the page on its own (flow:get, app:info, device:status...). */
const HANDS_ON: readonly CommandName[] = ['flow:send', 'door:signIn', 'door:setUp', 'help:request', 'help:call', 'help:hangUp', 'photo:check'];

/** True when `command` means someone is using the kiosk now: a resident's step, a sign-in, a call, any staff command. */
export function isHandsOn(command: CommandName): boolean {
  const { access } = commands[command];
  return HANDS_ON.includes(command) || (access !== 'resident' && access !== 'sim');
}

/** What the host knows about who is at the kiosk. */
export interface KioskUse {
  screen: ScreenName;
  lang: Lang;
  defaultLang: Lang;
  staffSignedIn: boolean;
  /** A call to the station ringing or connected. */
  stationCall: boolean;
  /** When {@link isHandsOn} last held (ms since the epoch); -Infinity: never. */
  lastUseAt: number;
  now: number;
}

/**
 * Why the kiosk is in use, or null when nobody is at it: the welcome screen in the kiosk's own
 * language (a chosen language means someone chose it), no staff session, no call, no touch for
 * {@link RECENT_USE_MS}. The out-of-service screen counts as idle: nobody can use it.
 */
export function kioskInUse(use: KioskUse): InUse {
  if (use.staffSignedIn) return 'staffSession';
  if (use.stationCall) return 'stationCall';
  if (use.screen !== 'welcome' && use.screen !== 'unavailable') return 'residentSession';
  if (use.screen === 'welcome' && use.lang !== use.defaultLang) return 'residentSession';
  if (use.now - use.lastUseAt < RECENT_USE_MS) return 'recentUse';
  return null;
}
