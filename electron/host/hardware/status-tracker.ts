import type { DeviceStatus } from '../../../shared/hardware/types';

/** A change to a status: a field set to `undefined` is removed (`device`, which every status has, is then kept). */
export type StatusPatch = Partial<DeviceStatus>;

/** Receives a copy of each new status. */
export type StatusListener = (status: DeviceStatus) => void;

// Every field is a string, so a spread is a full copy and `!==` compares values; a field of
// another type added to DeviceStatus stops `same` from compiling until this is thought through.
type Fields = Partial<Record<keyof DeviceStatus, string>>;

function same(a: Fields, b: Fields): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof DeviceStatus)[]);
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

/** `status` without the fields set to `undefined`, so `{ detail: undefined }` and no detail compare equal. */
function withoutUndefined(status: DeviceStatus): DeviceStatus {
  const out: Partial<DeviceStatus> = { ...status };
  for (const key of Object.keys(out) as (keyof DeviceStatus)[]) if (out[key] === undefined) delete out[key];
  return { ...out, device: status.device };
}

/** A reporter for {@link StatusTracker} that turns a listener's error into a process warning naming the device. */
export function warnListenerError(device: string): (error: unknown) => void {
  return (error) => process.emitWarning(`${device} status listener failed: ${error instanceof Error ? error.message : typeof error}`);
}

/**
 * Holds a device's status and tells listeners when it really changes, comparing every field.
 * A listener that throws neither stops the others nor throws into the driver: a driver updates
 * its status from timers and data callbacks, where an exception would be uncaught. Its error
 * goes to `onListenerError` (default: a process warning).
 */
export class StatusTracker {
  private current: DeviceStatus;
  private readonly listeners = new Set<StatusListener>();

  constructor(
    initial: DeviceStatus,
    private readonly onListenerError: (error: unknown) => void = warnListenerError('Device'),
  ) {
    this.current = withoutUndefined(initial);
  }

  /** A copy of the current status. */
  get(): DeviceStatus {
    return { ...this.current };
  }

  /** Adds a listener; returns the function that removes it. */
  listen(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Applies a patch and notifies listeners if any field changed. */
  update(patch: StatusPatch): void {
    this.set({ ...this.current, ...patch, device: patch.device ?? this.current.device });
  }

  /** Replaces the whole status and notifies listeners if any field changed. */
  set(next: DeviceStatus): void {
    const status = withoutUndefined(next);
    if (same(status, this.current)) return;
    this.current = status;
    // Copy first: a listener may unsubscribe while we iterate.
    for (const listener of [...this.listeners]) {
      try {
        listener({ ...status });
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
