import { NO_UPDATE, type UpdateState } from './update-state';

/*
 * When an update is installed and when it is given up, as pure functions of the state file
 * (update-state.ts) and what the updater has downloaded; the shell (electron/main/updater.ts)
 * does what they decide.
 *
 * An update is installed only in place of the daily restart (daily-restart.ts): at the quiet
 * hour, and only once nobody is at the kiosk (kiosk-use.ts). So it never cuts a session short,
 * and a kiosk restarts at most once a night, for an update or not. A new version is on trial
 * until its first screen is up (the point where the kiosk tells systemd READY=1); a version
 * that starts MAX_FAILED_STARTS times without getting there is rolled back at its next start,
 * and never installed again.
 */

/** Starts of a new version without reaching its first screen before it is rolled back. */
export const MAX_FAILED_STARTS = 2;

/** A downloaded update, as the updater saw it. */
export interface DownloadedUpdate {
  version: string;
  /** The signature check (update-verifier.ts) or the platform's own (Windows) passed. */
  verified: boolean;
}

/** What the daily restart does instead of a plain restart. */
export type RestartAction = { kind: 'install'; version: string } | { kind: 'restart'; why: 'noUpdate' | 'notVerified' | 'rejected' | 'sameVersion' | 'alreadyInstalling' };

/** At the daily restart (the kiosk idle at its quiet hour): install the downloaded update, or only restart. */
export function decideAtRestart(input: { running: string; downloaded: DownloadedUpdate | null; state: UpdateState; installing: boolean }): RestartAction {
  const { downloaded } = input;
  if (input.installing) return { kind: 'restart', why: 'alreadyInstalling' };
  if (downloaded === null) return { kind: 'restart', why: 'noUpdate' };
  if (!downloaded.verified) return { kind: 'restart', why: 'notVerified' };
  if (downloaded.version === input.running) return { kind: 'restart', why: 'sameVersion' };
  if (input.state.rejected.includes(downloaded.version)) return { kind: 'restart', why: 'rejected' };
  return { kind: 'install', version: downloaded.version };
}

/** The state to write just before an update is installed. */
export function recordInstall(state: UpdateState, running: string, version: string): UpdateState {
  return { ...state, from: running, to: version, attempts: 0 };
}

/** What a start does about an update on trial. */
export type StartDecision =
  /** No update on trial: start as usual. */
  | { kind: 'normal'; state: UpdateState }
  /** The new version's start number `state.attempts`: write the state, then start. */
  | { kind: 'trial'; state: UpdateState }
  /** The install did not take (this is still the old version): that update is given up. */
  | { kind: 'installFailed'; state: UpdateState; version: string }
  /** Too many failed starts: go back to `from`, then write `state`. */
  | { kind: 'rollback'; from: string; to: string; state: UpdateState };

/** Decides, first thing at start-up, whether this start is a new version's trial or a rollback. */
export function decideAtStart(state: UpdateState, running: string, maxFailedStarts = MAX_FAILED_STARTS): StartDecision {
  const { from, to } = state;
  if (to === null || from === null) return { kind: 'normal', state: { ...NO_UPDATE, rejected: state.rejected } };
  const rejected = state.rejected.includes(to) ? state.rejected : [...state.rejected, to];
  if (running === to) {
    if (state.attempts >= maxFailedStarts) return { kind: 'rollback', from, to, state: { ...NO_UPDATE, rejected } };
    return { kind: 'trial', state: { ...state, attempts: state.attempts + 1 } };
  }
  // Still the version the update came from (the installer did not run or failed), or a version
  // put there by hand: either way the trial is over.
  if (running === from) return { kind: 'installFailed', version: to, state: { ...NO_UPDATE, rejected } };
  return { kind: 'normal', state: { ...NO_UPDATE, rejected: state.rejected } };
}

/** The state once the running version reached its first screen: nothing on trial any more. */
export function markHealthy(state: UpdateState, running: string): UpdateState {
  if (state.to !== running) return state;
  return { ...NO_UPDATE, rejected: state.rejected };
}
