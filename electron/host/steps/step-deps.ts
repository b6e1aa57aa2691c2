import type { Database } from 'better-sqlite3';
import type { Sealer } from '../crypto/sealer';
import type { KioskDevices } from '../hardware/devices';
import type { Logger } from '../log/logger';
import type { Platform } from '../platform/platform';
import type { LookupLimiter } from '../flows/lookup-limiter';
import type { SupplyCounter } from '../supplies/supplies';
import type { DeviceCounters } from '../hardware/device-counters';
import type { FaceLockout } from '../face/face-lockout';
import type { FaceReferences } from '../face/face-references';
import type { PhotoChecker } from '../photo/photo-checker';

/** What the host's step actors work with. */
export interface StepDeps {
  db: Database;
  sealer: Sealer;
  devices: KioskDevices;
  platform: Platform;
  kioskId: string;
  log: Logger;
  /** Wakes the uplink when something new is queued. */
  onQueued?: () => void;
  /** True once the host is stopping: work cut short then is resumed after the restart, not undone. */
  isStopping?: () => boolean;
  /** Waits between questions to an unreachable payment terminal; tests pass one that does not wait. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The pauses between those questions; after the last the order is in doubt. */
  orderQueryDelaysMs?: readonly number[];
  /** Paces "check a submission" lookups per session and kiosk-wide; one per host, so new sessions do not reset it. */
  lookupLimiter: LookupLimiter;
  /** The A4 document font (tests may point at another). */
  documentFont?: string;
  /** Counts down the paper and ribbon each print uses. */
  supplies?: SupplyCounter;
  /** Counts each device's jobs and keeps its last failure, for staff. */
  counters?: DeviceCounters;
  /** Each session's photo to compare faces with (the face step); without it there is none. */
  faces?: FaceReferences;
  /** Misses by document across sessions: a document whose tries are used up goes to the counter. */
  faceLockout?: FaceLockout;
  /** Reads the face in that photo, off the host's thread. */
  photos?: Pick<PhotoChecker, 'reference'>;
}

/** Waits `ms`, or rejects when the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', stop);
      resolve();
    }
    function stop() {
      clearTimeout(timer);
      reject(new Error('Stopped waiting.'));
    }
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
  });
}
