import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  checkDocumentJob,
  cleanDocumentTitle,
  type DocumentPrinter,
  type DocumentPrintOptions,
} from '../../../shared/hardware/document-printer';
import { isReady, type Completion, type DeviceStatus } from '../../../shared/hardware/types';
import { StatusTracker, warnListenerError } from './status-tracker';

/*
 * Printer state from `lpstat -l -p <printer>` (CUPS 2.4, C locale). Device: first matching row.
 *
 * | lpstat says                                        | device    | detail                |
 * |----------------------------------------------------|-----------|-----------------------|
 * | exit ≠ 0, "Invalid destination" / "does not exist" | noDevice  | printerNotFound       |
 * | exit ≠ 0, "Scheduler is not running", other        | offline   | cupsUnavailable       |
 * | lpstat program missing                             | noDevice  | cupsToolsMissing      |
 * | "disabled since … -" + message line               | offline   | printerStopped        |
 * | "is holding new jobs"                              | offline   | holdingNewJobs        |
 * | Alerts: offline-report / offline                   | offline   | printerOffline        |
 * | Alerts: door-open / cover-open / interlock-open    | userError | doorOpen              |
 * | "is idle" / "now printing …"                       | online    | (a supply problem)    |
 *
 * Supplies, from the Alerts keywords with any -error/-warning/-report suffix removed:
 * paper jammed (media-jam) > out (media-empty, media-needed) > low (media-low) > full;
 * ink out (toner-empty, marker-supply-empty) > low (toner-low, marker-supply-low) > full.
 * A job still queued when the printer is stopped, has its door open, or is out of paper or
 * toner is cancelled and fails at once: a resident's document must not come out hours later
 * when staff fix the printer and nobody is there to take it.
 */

/** Exit code and output of one command. */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a program (no shell); rejects with {@link CupsError} only when it could not run or timed out. */
export type CommandRunner = (file: string, args: readonly string[], opts: { timeoutMs: number }) => Promise<CommandResult>;

/** A CUPS command could not be run; the message names the program, never the document. */
export class CupsError extends Error {
  override readonly name = 'CupsError';
  constructor(
    readonly code: 'notFound' | 'timeOut' | 'failed' | 'invalidConfig',
    message: string,
  ) {
    super(message);
  }
}

/** The default runner: execFile in the C locale, because lp and lpstat translate the lines we parse. */
export const execFileRunner: CommandRunner = (file, args, { timeoutMs }) =>
  new Promise((resolve, reject) => {
    const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
    execFile(file, [...args], { env, timeout: timeoutMs, encoding: 'utf8', maxBuffer: 4 << 20 }, (error, stdout, stderr) => {
      if (!error) return resolve({ exitCode: 0, stdout, stderr });
      if (typeof error.code === 'number') return resolve({ exitCode: error.code, stdout, stderr });
      if (error.code === 'ENOENT') return reject(new CupsError('notFound', `${file} is not installed`));
      if (error.killed) return reject(new CupsError('timeOut', `${file} did not finish within ${timeoutMs} ms`));
      reject(new CupsError('failed', `${file} could not run: ${error.code ?? error.signal ?? 'unknown error'}`));
    });
  });

/** Options of {@link CupsDocumentPrinter}. */
export interface CupsDocumentPrinterOptions {
  /** CUPS queue name, e.g. 'Kiosk_A4'. */
  printer: string;
  lp?: string;
  lpstat?: string;
  cancel?: string;
  run?: CommandRunner;
  /** Where the PDF waits while CUPS has it (default the OS temp folder). */
  tmpDir?: string;
  /** How often a job is looked up (default 1000 ms). */
  jobPollMs?: number;
  /** A job not done by then is cancelled and completes with timeOut (default 3 minutes). */
  jobTimeoutMs?: number;
  /** Status poll period while idle, after start() (default 30 s; 0 turns polling off). */
  statusPollMs?: number;
  /** Longest any one command may take (default 15 s). */
  commandTimeoutMs?: number;
}

/** What `lpstat -l -p` says about one printer. */
export interface LpstatPrinter {
  state: 'idle' | 'printing' | 'stopped' | 'holding';
  message?: string;
  reasons: string[];
}

const LONG_KEYS = /^(Form mounted|Content types|Printer types|Description|Alerts|Location|Connection|Interface|On fault|After fault|Users allowed|Users denied|Forms allowed|Banner|Charset sets|Default pitch|Default page size|Default port settings)\b/;

/** Parses the block of `lpstat -l -p` for `printer`; undefined when the printer is not listed. */
export function parseLpstatPrinter(stdout: string, printer: string): LpstatPrinter | undefined {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`printer ${printer} `));
  const header = lines[start];
  if (header === undefined) return undefined;
  const rest = header.slice(`printer ${printer} `.length);
  const state = rest.startsWith('disabled since') ? 'stopped' : rest.startsWith('is holding new jobs') ? 'holding' : rest.startsWith('now printing') ? 'printing' : 'idle';
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('\t')) break;
    block.push(line);
  }
  const first = block[0]?.trim();
  const message = first !== undefined && block[0]?.startsWith('\t\t') !== true && !LONG_KEYS.test(first) ? first : undefined;
  const alerts = block.find((l) => /^\tAlerts:/.test(l))?.replace(/^\tAlerts:/, '') ?? '';
  const reasons = alerts.split(/[\s,]+/).filter((r) => r !== '' && r !== 'none');
  return message === undefined ? { state, reasons } : { state, message, reasons };
}

/** Maps a parsed printer block to a DeviceStatus following the table at the top of this file. */
export function statusFromLpstat(p: LpstatPrinter): DeviceStatus {
  const has = (...names: string[]): boolean => p.reasons.some((r) => names.includes(r.replace(/-(error|warning|report)$/, '')));
  const paper = has('media-jam') ? 'jammed' : has('media-empty', 'media-needed') ? 'out' : has('media-low') ? 'low' : 'full';
  const ink = has('toner-empty', 'marker-supply-empty') ? 'out' : has('toner-low', 'marker-supply-low') ? 'low' : 'full';
  const supplyDetail = paper === 'jammed' ? 'mediaJam' : paper === 'out' ? 'mediaEmpty' : ink === 'out' ? 'tonerEmpty' : undefined;
  const make = (device: DeviceStatus['device'], detail: string | undefined): DeviceStatus =>
    detail === undefined ? { device, paper, ink } : { device, paper, ink, detail };
  // CUPS's own words for why are in its log (lpstat -l); staff see the code, translated.
  if (p.state === 'stopped') return make('offline', 'printerStopped');
  if (p.state === 'holding') return make('offline', 'holdingNewJobs');
  if (has('offline')) return make('offline', 'printerOffline');
  if (has('door-open', 'cover-open', 'interlock-open')) return make('userError', 'doorOpen');
  return make('online', supplyDetail);
}

/** The job id in lp's answer (`request id is Kiosk_A4-42 (1 file(s))`). */
export function parseLpRequestId(stdout: string): string | undefined {
  return /request id is (\S+-\d+) \(\d+ file\(s\)\)/.exec(stdout)?.[1];
}

/** Jobs in an `lpstat -o` listing, each with its Alerts keywords when the listing is long (-l). */
export function parseJobList(stdout: string): Map<string, string[]> {
  const jobs = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    if (!line.startsWith('\t') && !line.startsWith(' ')) {
      const id = line.split(/\s+/)[0] ?? '';
      current = [];
      jobs.set(id, current);
    } else if (current && /^\s*Alerts:/.test(line)) {
      current.push(...line.replace(/^\s*Alerts:/, '').split(/[\s,]+/).filter((r) => r !== ''));
    }
  }
  return jobs;
}

function statusFromFailure(result: CommandResult): DeviceStatus {
  const text = `${result.stderr}\n${result.stdout}`;
  if (/Invalid destination|does not exist|Unknown destination|not found/i.test(text)) return { device: 'noDevice', detail: 'printerNotFound' };
  return { device: 'offline', detail: 'cupsUnavailable' };
}

/** Why a queued job cannot go on, or undefined while it may still print. */
function stuckReason(s: DeviceStatus): Completion<{ jobId: string }> | undefined {
  if (s.device === 'noDevice') return { code: 'hardwareError', message: 'printer queue disappeared during printing' };
  if (s.detail === 'printerStopped') {
    return { code: 'hardwareError', message: 'printer stopped during printing' };
  }
  if (s.device === 'userError') return { code: 'userError', message: 'printer door opened during printing' };
  if (s.paper === 'jammed') return { code: 'userError', message: 'paper jam during printing' };
  if (s.paper === 'out') return { code: 'userError', message: 'paper out during printing' };
  if (s.ink === 'out') return { code: 'userError', message: 'toner ran out during printing' };
  return undefined;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const firstLine = (s: string): string => (s.split('\n').find((l) => l.trim() !== '') ?? '').trim().slice(0, 160);

/** A4 printer behind a CUPS queue, driven with lp / lpstat / cancel. */
export class CupsDocumentPrinter implements DocumentPrinter {
  readonly kind = 'cups';

  private readonly printer: string;
  private readonly bin: { lp: string; lpstat: string; cancel: string };
  private readonly run: CommandRunner;
  private readonly tmpDir: string;
  private readonly jobPollMs: number;
  private readonly jobTimeoutMs: number;
  private readonly statusPollMs: number;
  private readonly commandTimeoutMs: number;
  private readonly tracker = new StatusTracker({ device: 'offline', detail: 'statusNotRead' }, warnListenerError('Document printer'));
  private jobsWaiting = 0;
  private closed = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(opts: CupsDocumentPrinterOptions) {
    // CUPS queue names cannot hold these; refusing them also keeps the name from reading as an option.
    if (!/^[^\s/#\\'"-][^\s/#\\'"]{0,126}$/.test(opts.printer)) {
      throw new CupsError('invalidConfig', 'CUPS printer name is empty or contains characters CUPS does not allow');
    }
    this.printer = opts.printer;
    this.bin = { lp: opts.lp ?? 'lp', lpstat: opts.lpstat ?? 'lpstat', cancel: opts.cancel ?? 'cancel' };
    this.run = opts.run ?? execFileRunner;
    this.tmpDir = opts.tmpDir ?? os.tmpdir();
    this.jobPollMs = opts.jobPollMs ?? 1000;
    this.jobTimeoutMs = opts.jobTimeoutMs ?? 180_000;
    this.statusPollMs = opts.statusPollMs ?? 30_000;
    this.commandTimeoutMs = opts.commandTimeoutMs ?? 15_000;
  }

  /** Reads the status once and starts polling while idle. */
  async start(): Promise<DeviceStatus> {
    const status = await this.refresh();
    this.schedulePoll();
    return status;
  }

  /** Current status snapshot (a copy). */
  status(): DeviceStatus {
    return this.tracker.get();
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(listener: (s: DeviceStatus) => void): () => void {
    return this.tracker.listen(listener);
  }

  /** Asks CUPS for the printer's state now (after any job in progress). */
  refresh(): Promise<DeviceStatus> {
    return this.exclusive(() => this.readStatus());
  }

  /** Submits the PDF with lp and follows the job to its end; never rejects. */
  print(pdf: Uint8Array, opts: DocumentPrintOptions): Promise<Completion<{ jobId: string }>> {
    this.jobsWaiting += 1;
    return this.exclusive(() => this.printNow(pdf, opts))
      .catch((error: unknown): Completion<{ jobId: string }> => ({
        code: 'hardwareError',
        message: `Document printer driver failed: ${error instanceof Error ? error.message : 'unknown error'}`,
      }))
      .finally(() => {
        this.jobsWaiting -= 1;
      });
  }

  /** Stops status polling. */
  close(): void {
    this.closed = true;
    clearTimeout(this.pollTimer);
  }

  private async printNow(pdf: Uint8Array, opts: DocumentPrintOptions): Promise<Completion<{ jobId: string }>> {
    const refused = checkDocumentJob(pdf, opts);
    if (refused) return refused;
    const before = await this.readStatus();
    if (!isReady(before)) {
      return { code: 'deviceNotReady', message: `Document printer not ready: ${before.detail ?? before.device}` };
    }
    const file = path.join(this.tmpDir, `kiosk-doc-${randomBytes(8).toString('hex')}.pdf`);
    try {
      // 0600 and 'wx': the PDF carries personal data and must not be readable by anyone else.
      await fsp.writeFile(file, pdf, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
      return { code: 'hardwareError', message: `Could not write the temporary PDF: ${code}` };
    }
    try {
      const args = ['-d', this.printer, '-t', cleanDocumentTitle(opts.title), '-n', String(opts.copies ?? 1), file];
      const lp = await this.command(this.bin.lp, args);
      if (lp.exitCode !== 0) {
        const why = firstLine(lp.stderr) || `exit code ${lp.exitCode}`;
        const notReady = /not accepting|does not exist|Invalid destination|Scheduler is not running/i.test(lp.stderr);
        return { code: notReady ? 'deviceNotReady' : 'hardwareError', message: `lp refused the job: ${why}` };
      }
      const jobId = parseLpRequestId(lp.stdout);
      if (jobId === undefined) return { code: 'hardwareError', message: 'lp accepted the job but reported no job id' };
      return await this.follow(jobId);
    } finally {
      await fsp.rm(file, { force: true });
    }
  }

  private async follow(jobId: string): Promise<Completion<{ jobId: string }>> {
    const deadline = Date.now() + this.jobTimeoutMs;
    const value = { jobId };
    for (;;) {
      const pending = await this.command(this.bin.lpstat, ['-W', 'not-completed', '-o', this.printer]);
      if (pending.exitCode === 0 && !parseJobList(pending.stdout).has(jobId)) {
        const done = await this.command(this.bin.lpstat, ['-W', 'completed', '-l', '-o', this.printer]);
        if (done.exitCode === 0) {
          await this.readStatus();
          return { ...outcome(parseJobList(done.stdout).get(jobId)), value };
        }
      }
      const status = await this.readStatus();
      const stuck = pending.exitCode === 0 ? stuckReason(status) : undefined;
      if (stuck) return { ...stuck, message: `${stuck.message}${await this.cancel(jobId)}`, value };
      if (Date.now() >= deadline) {
        return { code: 'timeOut', message: `Job not finished within ${this.jobTimeoutMs} ms${await this.cancel(jobId)}`, value };
      }
      await delay(this.jobPollMs);
    }
  }

  /** Cancels a job that must not print later; returns a note for the completion message. */
  private async cancel(jobId: string): Promise<string> {
    const result = await this.command(this.bin.cancel, [jobId]);
    return result.exitCode === 0 ? ' (job cancelled)' : ` (could not cancel the job: ${firstLine(result.stderr) || `exit code ${result.exitCode}`})`;
  }

  private async readStatus(): Promise<DeviceStatus> {
    let result: CommandResult;
    try {
      result = await this.command(this.bin.lpstat, ['-l', '-p', this.printer]);
    } catch (error) {
      this.tracker.set(error instanceof CupsError && error.code === 'notFound' ? { device: 'noDevice', detail: 'cupsToolsMissing' } : { device: 'offline', detail: 'cupsUnavailable' });
      return this.status();
    }
    const parsed = result.exitCode === 0 ? parseLpstatPrinter(result.stdout, this.printer) : undefined;
    this.tracker.set(parsed ? statusFromLpstat(parsed) : statusFromFailure(result));
    return this.status();
  }

  /** Runs a command; a program that cannot run reads as a failed command, so callers handle one shape. */
  private async command(file: string, args: string[]): Promise<CommandResult> {
    try {
      return await this.run(file, args, { timeoutMs: this.commandTimeoutMs });
    } catch (error) {
      if (error instanceof CupsError && error.code === 'notFound' && file === this.bin.lpstat) throw error;
      return { exitCode: -1, stdout: '', stderr: error instanceof Error ? error.message : 'command failed' };
    }
  }

  private schedulePoll(): void {
    if (this.closed || this.statusPollMs <= 0) return;
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => {
      const poll = this.jobsWaiting === 0 ? this.exclusive(() => this.readStatus()) : Promise.resolve();
      void poll.catch(() => undefined).then(() => this.schedulePoll());
    }, this.statusPollMs);
    this.pollTimer.unref();
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** How a job that left the queue ended, from its Alerts keywords (`job-state-reasons`). */
function outcome(alerts: string[] | undefined): Completion {
  if (alerts === undefined) return { code: 'success', message: 'Job left the queue; CUPS kept no record of how it ended' };
  if (alerts.includes('job-completed-successfully')) return { code: 'success', message: 'Printed' };
  if (alerts.some((a) => a.startsWith('job-canceled'))) return { code: 'canceled', message: `Job was cancelled (${alerts.join(' ')})` };
  if (alerts.some((a) => a.startsWith('job-aborted') || a === 'job-completed-with-errors')) {
    return { code: 'hardwareError', message: `Job failed (${alerts.join(' ')})` };
  }
  return { code: 'success', message: alerts.length > 0 ? `Printed (${alerts.join(' ')})` : 'Printed' };
}
