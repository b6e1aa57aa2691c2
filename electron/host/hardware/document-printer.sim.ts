import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { checkDocumentJob, type DocumentPrinter, type DocumentPrintOptions } from '../../../shared/hardware/document-printer';
import {
  isReady,
  type Completion,
  type CompletionCode,
  type DeviceState,
  type DeviceStatus,
  type PaperState,
} from '../../../shared/hardware/types';

const JOB_FILE = /^(\d+)\.pdf$/;

/** Options of {@link SimDocumentPrinter}. */
export interface SimDocumentPrinterOptions {
  /** Folder that receives one `<n>.pdf` per printed job. */
  dir: string;
}

/** Document printer simulator: each job becomes `<dir>/<n>.pdf`; faults can be injected. */
export class SimDocumentPrinter implements DocumentPrinter {
  readonly kind = 'sim';

  private readonly dir: string;
  private current: DeviceStatus = { device: 'online', paper: 'full' };
  private readonly listeners = new Set<(s: DeviceStatus) => void>();
  private armedFailure: CompletionCode | undefined;
  private written = 0;
  private lastNumber = 0;
  private lastPath: string | undefined;
  private readonly copiesByJob = new Map<string, number>();
  // One job at a time, so two jobs never pick the same number.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(opts: SimDocumentPrinterOptions) {
    this.dir = opts.dir;
  }

  /** Current status (a copy). */
  status(): DeviceStatus {
    return { ...this.current };
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(listener: (s: DeviceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Sets the simulated paper supply. */
  setPaper(state: PaperState): void {
    this.update({ ...this.current, paper: state });
  }

  /** Sets the simulated device state. */
  setDevice(state: DeviceState): void {
    this.update({ ...this.current, device: state });
  }

  /** Makes the next job that reaches a ready printer complete with `code` and write nothing. */
  failNextJob(code: CompletionCode): void {
    if (code === 'success') {
      throw new Error("failNextJob needs a failure code; 'success' is what happens without it");
    }
    this.armedFailure = code;
  }

  /** Number of PDFs written by this instance. */
  jobCount(): number {
    return this.written;
  }

  /** Path of the last PDF written by this instance, if any. */
  lastJobPath(): string | undefined {
    return this.lastPath;
  }

  /** Copies asked for a job this instance printed. */
  copiesOf(jobId: string): number | undefined {
    return this.copiesByJob.get(jobId);
  }

  /** Writes the PDF to the next numbered file unless the job is invalid, the printer not ready or a fault armed. */
  print(pdf: Uint8Array, opts: DocumentPrintOptions): Promise<Completion<{ jobId: string }>> {
    const run = this.queue.then(() => this.printNow(pdf, opts));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async printNow(pdf: Uint8Array, opts: DocumentPrintOptions): Promise<Completion<{ jobId: string }>> {
    const refused = checkDocumentJob(pdf, opts);
    if (refused) return refused;
    if (!isReady(this.current)) {
      return {
        code: 'deviceNotReady',
        message: `Document printer not ready (device ${this.current.device}, paper ${this.current.paper ?? 'unknown'})`,
      };
    }
    const failure = this.armedFailure;
    if (failure !== undefined) {
      this.armedFailure = undefined;
      return { code: failure, message: `Simulated document printer fault: ${failure}` };
    }
    let tmp: string | undefined;
    try {
      await fsp.mkdir(this.dir, { recursive: true });
      const n = Math.max(this.lastNumber, await this.highestExisting()) + 1;
      const target = path.join(this.dir, `${n}.pdf`);
      // Written under a name JOB_FILE does not match, then renamed, so readers never see half a PDF.
      tmp = path.join(this.dir, `.${n}.pdf.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
      await fsp.writeFile(tmp, pdf, { flag: 'wx', mode: 0o600 });
      await fsp.rename(tmp, target);
      tmp = undefined;
      this.lastNumber = n;
      this.lastPath = target;
      this.written += 1;
      const jobId = `sim-${n}`;
      this.copiesByJob.set(jobId, opts.copies ?? 1);
      return { code: 'success', message: 'Printed', value: { jobId } };
    } catch (err) {
      if (tmp !== undefined) await fsp.rm(tmp, { force: true }).catch(() => undefined);
      const code = err instanceof Error && 'code' in err ? String(err.code) : 'unknown error';
      return { code: 'hardwareError', message: `Simulated printer could not write the PDF: ${code}` };
    }
  }

  private async highestExisting(): Promise<number> {
    let highest = 0;
    for (const name of await fsp.readdir(this.dir)) {
      const m = JOB_FILE.exec(name);
      if (m?.[1] !== undefined) highest = Math.max(highest, Number(m[1]));
    }
    return highest;
  }

  private update(next: DeviceStatus): void {
    if (next.device === this.current.device && next.paper === this.current.paper) return;
    this.current = next;
    const errors: unknown[] = [];
    for (const listener of [...this.listeners]) {
      try {
        listener({ ...next });
      } catch (err) {
        errors.push(err);
      }
    }
    // Fault injection is called by tests and staff tools: a broken listener should surface there.
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'Document printer status listeners failed');
  }
}
