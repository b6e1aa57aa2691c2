import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { isReady, type Completion, type CompletionCode, type DeviceState, type DeviceStatus, type PaperState } from '../../../shared/hardware/types';
import { StatusTracker, warnListenerError } from './status-tracker';

/**
 * What the printer simulators share: a paper supply and device state with fault injection,
 * listeners, and a spool folder where each job becomes `<n>.<extension>`, numbered on from the
 * highest file there, written under a temporary name and renamed so readers never see half a job.
 */
export abstract class SimSpoolPrinter {
  readonly kind = 'sim';

  private readonly tracker: StatusTracker;
  private armedFailure: CompletionCode | undefined;
  private written = 0;
  private lastNumber = 0;
  private lastPath: string | undefined;
  private readonly jobFile: RegExp;
  // Jobs run one at a time, like on a real printer, so two jobs never pick the same number.
  private queue: Promise<unknown> = Promise.resolve();

  protected constructor(
    private readonly dir: string,
    private readonly extension: string,
    /** For messages: 'Receipt printer', 'Document printer'. */
    private readonly label: string,
  ) {
    this.jobFile = new RegExp(`^(\\d+)\\.${extension}$`);
    this.tracker = new StatusTracker({ device: 'online', paper: 'full' }, warnListenerError(label));
  }

  /** Current status; a copy, so callers cannot change the simulator behind its back. */
  status(): DeviceStatus {
    return this.tracker.get();
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(listener: (s: DeviceStatus) => void): () => void {
    return this.tracker.listen(listener);
  }

  /** Sets the simulated paper supply. */
  setPaper(state: PaperState): void {
    this.tracker.update({ paper: state });
  }

  /** Sets the simulated device state. */
  setDevice(state: DeviceState): void {
    this.tracker.update({ device: state });
  }

  /** Makes the next job that reaches a ready printer complete with `code` and write nothing. */
  failNextJob(code: CompletionCode): void {
    if (code === 'success') {
      throw new Error("failNextJob needs a failure code; 'success' is what happens without it");
    }
    this.armedFailure = code;
  }

  /** Number of job files written by this instance. */
  jobCount(): number {
    return this.written;
  }

  /** Path of the last job file written by this instance, if any. */
  lastJobPath(): string | undefined {
    return this.lastPath;
  }

  /** Runs `write` for the next job unless the printer is not ready or a fault is armed. */
  protected spool(bytes: Uint8Array, mode?: number): Promise<Completion<{ n: number }>> {
    const run = this.queue.then(() => this.spoolNow(bytes, mode));
    // The caller still sees a rejection; the queue must not stay rejected for later jobs.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async spoolNow(bytes: Uint8Array, mode?: number): Promise<Completion<{ n: number }>> {
    const status = this.tracker.get();
    if (!isReady(status)) {
      return {
        code: 'deviceNotReady',
        message: `${this.label} not ready (device ${status.device}, paper ${status.paper ?? 'unknown'})`,
      };
    }
    const failure = this.armedFailure;
    if (failure !== undefined) {
      this.armedFailure = undefined;
      return { code: failure, message: `Simulated ${this.label.toLowerCase()} fault: ${failure}` };
    }
    let tmp: string | undefined;
    try {
      // Receipts carry references and answers: private to the kiosk user whatever the umask.
      await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
      await fsp.chmod(this.dir, 0o700);
      const n = Math.max(this.lastNumber, await this.highestExisting()) + 1;
      const target = path.join(this.dir, `${n}.${this.extension}`);
      tmp = path.join(this.dir, `.${n}.${this.extension}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
      await fsp.writeFile(tmp, bytes, { flag: 'wx', mode: mode ?? 0o600 });
      await fsp.rename(tmp, target);
      tmp = undefined;
      this.lastNumber = n;
      this.lastPath = target;
      this.written += 1;
      return { code: 'success', message: 'Printed', value: { n } };
    } catch (err) {
      if (tmp !== undefined) await fsp.rm(tmp, { force: true }).catch(() => undefined);
      const code = err instanceof Error && 'code' in err ? String(err.code) : 'unknown error';
      return { code: 'hardwareError', message: `Simulated printer could not write the job file: ${code}` };
    }
  }

  private async highestExisting(): Promise<number> {
    let highest = 0;
    for (const name of await fsp.readdir(this.dir)) {
      const m = this.jobFile.exec(name);
      if (m?.[1] !== undefined) highest = Math.max(highest, Number(m[1]));
    }
    return highest;
  }
}
