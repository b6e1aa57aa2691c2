import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/*
 * What the updater must remember across its own restarts: which version an installed update
 * came from and went to, and how many times the new version started without getting as far as
 * its first screen. Small, in the data folder (it survives the installer replacing the app),
 * written whole to a temporary file and renamed, so a power cut leaves the old file or the new.
 */

export const UPDATE_STATE_FILE = 'update-state.json';

export const updateStateSchema = z
  .object({
    /** The version that installed the update (the one to go back to), or null when none is on trial. */
    from: z.string().min(1).nullable(),
    /** The version installed and not yet seen healthy, or null. */
    to: z.string().min(1).nullable(),
    /** Starts of `to` that did not reach the first screen. */
    attempts: z.number().int().min(0),
    /** Versions that failed (did not start, or did not install): never installed again. */
    rejected: z.array(z.string().min(1)),
  })
  .strict();

export type UpdateState = z.infer<typeof updateStateSchema>;

/** No update on trial, nothing rejected: the state of a kiosk that never updated. */
export const NO_UPDATE: UpdateState = { from: null, to: null, attempts: 0, rejected: [] };

/** Why the state file could not be used. */
export type UpdateStateErrorCode = 'unreadable' | 'notJson' | 'badShape';

/** The state file exists but cannot be used; the message says what to do. */
export class UpdateStateError extends Error {
  constructor(
    readonly code: UpdateStateErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UpdateStateError';
  }
}

/**
 * Reads the state file. A missing file is a kiosk that never updated ({@link NO_UPDATE}, no
 * error). A file that cannot be used gives NO_UPDATE too, with the error: nothing is rolled back
 * on a guess, and the next install or healthy start writes a good file over it.
 */
export function readUpdateState(dataDir: string): { state: UpdateState; error: UpdateStateError | null } {
  const file = path.join(dataDir, UPDATE_STATE_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: NO_UPDATE, error: null };
    return { state: NO_UPDATE, error: new UpdateStateError('unreadable', `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): check its owner and mode.`) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { state: NO_UPDATE, error: new UpdateStateError('notJson', `${file} is not JSON: delete it; the kiosk then behaves as if it never updated.`) };
  }
  const parsed = updateStateSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    return { state: NO_UPDATE, error: new UpdateStateError('badShape', `${file} has a bad entry${where ? ` (${where})` : ''}: delete it; the kiosk then behaves as if it never updated.`) };
  }
  return { state: parsed.data, error: null };
}

/** Writes the state file whole (temporary file, then rename). */
export function writeUpdateState(dataDir: string, state: UpdateState): void {
  const file = path.join(dataDir, UPDATE_STATE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(updateStateSchema.parse(state))}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
