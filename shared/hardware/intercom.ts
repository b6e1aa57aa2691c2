import type { Completion, Device } from './types';

/**
 * Where a call to the station stands: `ringing` (placed, nobody has picked up yet), `connected`
 * (an officer is on the line), then one of the ends: `ended` (either side hung up),
 * `unanswered` (nobody picked up in time), `failed` (the line could not be set up, or dropped).
 */
export const CALL_STATES = ['ringing', 'connected', 'ended', 'unanswered', 'failed'] as const;
export type CallState = (typeof CALL_STATES)[number];

/** True for the states after which the call is over. */
export function isCallOver(state: CallState): boolean {
  return state === 'ended' || state === 'unanswered' || state === 'failed';
}

/**
 * The kiosk's intercom to the station (a SIP video or voice door station, or its simulator):
 * one call at a time, to the one number the installer set up. No public protocol is shared by
 * the vendors (each ships an SDK), so only the interface and a simulator live here.
 */
export interface Intercom extends Device {
  /**
   * Places a call to the station. Completes `success` once the call rings, `deviceNotReady`
   * when the intercom cannot call now, `userError` while a call is already going on. Aborting
   * `signal` hangs the call up. What happens next comes to {@link Intercom.onCallState}.
   */
  call(signal?: AbortSignal): Promise<Completion>;
  /** Ends the call going on, if any (its state becomes `ended`). */
  hangUp(): Promise<Completion>;
  /** Every state of every call, `ringing` first; returns the unsubscribe function. */
  onCallState(listener: (state: CallState) => void): () => void;
}
