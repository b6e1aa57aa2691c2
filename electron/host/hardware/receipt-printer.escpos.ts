import type { ReceiptPrinter } from '../../../shared/hardware/receipt-printer';
import { isReady, type Completion, type DeviceStatus } from '../../../shared/hardware/types';
import { assertNever } from '../../../shared/util/assert-never';
import type { FontFallback } from './slip-font-fallback';
import { StatusTracker, warnListenerError } from './status-tracker';
import { ReplyReader, TransportError, type ByteTransport } from './transport/byte-transport';

/*
 * How the printer's real-time status (DLE EOT n) becomes a DeviceStatus, and what a job does
 * with it. Checked top to bottom; the first matching row sets `device` and `detail`. Paper is
 * set independently: out when n=4 bits 5-6 or n=2 bit 5, else low when n=4 bits 2-3, else full.
 *
 * | printer says                         | device        | detail                 | before a job   | after a job                                  |
 * |--------------------------------------|---------------|------------------------|----------------|----------------------------------------------|
 * | n=3 bit 3 auto-cutter error          | hardwareError | cutterError            | deviceNotReady | hardwareError 'printer error during printing' |
 * | n=3 bit 5 unrecoverable error        | hardwareError | unrecoverableError     | deviceNotReady | hardwareError                                |
 * | n=2 bit 2 cover open                 | userError     | coverOpen              | deviceNotReady | userError 'cover opened during printing'      |
 * | paper out (see above)                | online        | paperOut               | deviceNotReady | userError 'paper out during printing'         |
 * | n=3 bit 6 auto-recoverable error     | hardwareError | autoRecoverableError   | deviceNotReady | hardwareError                                |
 * | n=2 bit 6 error, no cause in n=3     | hardwareError | printerError           | deviceNotReady | hardwareError                                |
 * | n=2 bit 3 feed button held           | busy          | feedButton             | deviceNotReady | success (the job prints when released)       |
 * | n=1 bit 3 offline, no cause above    | offline       | printerOffline         | deviceNotReady | hardwareError 'went offline during printing'  |
 * | none of the above                    | online        | (none)                 | print          | success ('; paper low' when near end)         |
 * | a reply byte with bits 1/4 clear or  | from last job | garbledStatusReply.…   | print anyway   | success: the bytes did leave                 |
 * |   0/7 set (fixed bits wrong)         |               |                        |                |                                              |
 * | no reply within statusTimeoutMs      | from last job | noStatusReply.…        | print anyway   | success: the bytes did leave                 |
 * | link closed                          | offline       | linkClosed             | deviceNotReady | hardwareError                                |
 *
 * "From last job": offline if the last job could not be sent, otherwise online; paper unknown;
 * the detail then ends in `.noJobYet`, `.lastJobSent` or `.lastJobFailed`.
 * Paper out keeps `device: 'online'` as the simulator and XFS do: the device works, its supply
 * is out, and isReady() already refuses it. Paper out during a job is a userError (staff must
 * reload paper; the slip is incomplete), not a hardwareError: nothing is broken.
 * A printer that does not answer status still gets jobs, because only the write can tell
 * whether it is there (many USB printers are write-only) and refusing would lock it out for good.
 */

const DLE = 0x10;
const EOT = 0x04;

/** The adapters this driver serves; the caller says which transport it was given. */
export type EscPosPrinterKind = 'escpos-serial' | 'escpos-tcp' | 'escpos-usb';

/** Options of {@link EscPosReceiptPrinter}. */
export interface EscPosReceiptPrinterOptions {
  kind: EscPosPrinterKind;
  /** How long to wait for each status byte (default 1000 ms). */
  statusTimeoutMs?: number;
  /** Status poll period while idle, after {@link EscPosReceiptPrinter.start} (default 10 s; 0 turns polling off). */
  pollIntervalMs?: number;
  /**
   * Wait after sending a job before asking for status (default 500 ms). DLE EOT is answered as
   * soon as it arrives, not when the paper has moved, so without a pause a paper end near the
   * bottom of the slip is only seen by the next poll.
   */
  postJobDelayMs?: number;
  /** Receives errors thrown by status listeners; default: a process warning. */
  onListenerError?: (error: unknown) => void;
  /** Turns lines the printer's font cannot draw into images before a job is sent; default: none, jobs go as built. */
  fontFallback?: FontFallback;
}

/** The four real-time status bytes, as the printer sent them. */
export interface EscPosStatusBytes {
  /** DLE EOT 1: printer status. */
  printer: number;
  /** DLE EOT 2: offline cause. */
  offline: number;
  /** DLE EOT 3: error cause. */
  error: number;
  /** DLE EOT 4: roll paper sensor. */
  paper: number;
}

/** True for a well-formed DLE EOT reply: bits 1 and 4 set, bits 0 and 7 clear. */
export function isStatusByte(b: number): boolean {
  return Number.isInteger(b) && b >= 0 && b <= 0xff && (b & 0x93) === 0x12;
}

/** Maps the four status bytes to a DeviceStatus following the table at the top of this file. */
export function statusFromBytes(s: EscPosStatusBytes): DeviceStatus {
  const paperOut = (s.paper & 0x60) !== 0 || (s.offline & 0x20) !== 0;
  const paper = paperOut ? 'out' : (s.paper & 0x0c) !== 0 ? 'low' : 'full';
  const withPaper = (device: DeviceStatus['device'], detail?: string): DeviceStatus =>
    detail === undefined ? { device, paper } : { device, paper, detail };
  if ((s.error & 0x08) !== 0) return withPaper('hardwareError', 'cutterError');
  if ((s.error & 0x20) !== 0) return withPaper('hardwareError', 'unrecoverableError');
  if ((s.offline & 0x04) !== 0) return withPaper('userError', 'coverOpen');
  if (paperOut) return withPaper('online', 'paperOut');
  if ((s.error & 0x40) !== 0) return withPaper('hardwareError', 'autoRecoverableError');
  if ((s.offline & 0x40) !== 0) return withPaper('hardwareError', 'printerError');
  if ((s.offline & 0x08) !== 0) return withPaper('busy', 'feedButton');
  if ((s.printer & 0x08) !== 0) return withPaper('offline', 'printerOffline');
  return withPaper('online');
}

type SilentReason = 'noStatusReply' | 'garbledStatusReply' | 'linkClosed' | 'linkError';
type Probe = { answered: true; status: DeviceStatus } | { answered: false; reason: SilentReason };

function describe(status: DeviceStatus): string {
  return status.detail ?? `device ${status.device}, paper ${status.paper ?? 'unknown'}`;
}

/** ESC/POS receipt printer over any byte transport, with DLE EOT status and serialised jobs. */
export class EscPosReceiptPrinter implements ReceiptPrinter {
  readonly kind: EscPosPrinterKind;

  private readonly reader: ReplyReader;
  private readonly statusTimeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly postJobDelayMs: number;
  private readonly fontFallback: FontFallback | undefined;
  private readonly tracker: StatusTracker;
  private lastJob: 'none' | 'sent' | 'failed' = 'none';
  private linkClosed = false;
  private closed = false;
  private jobsWaiting = 0;
  private pollTimer: NodeJS.Timeout | undefined;
  // Jobs and status queries share one link and one reply stream: one at a time, in order.
  private queue: Promise<unknown> = Promise.resolve();

  /** Takes ownership of the transport: {@link close} closes it. */
  constructor(
    private readonly transport: ByteTransport,
    opts: EscPosReceiptPrinterOptions,
  ) {
    this.kind = opts.kind;
    this.statusTimeoutMs = opts.statusTimeoutMs ?? 1000;
    this.pollIntervalMs = opts.pollIntervalMs ?? 10_000;
    this.postJobDelayMs = opts.postJobDelayMs ?? 500;
    this.fontFallback = opts.fontFallback;
    this.tracker = new StatusTracker({ device: 'offline', detail: 'statusNotRead' }, opts.onListenerError ?? warnListenerError('Receipt printer'));
    this.reader = new ReplyReader(transport);
    transport.onClose(() => {
      this.linkClosed = true;
      this.tracker.set({ device: 'offline', detail: 'linkClosed' });
    });
  }

  /** Reads the status once and starts polling while idle; resolves with the status read. */
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

  /** Asks the printer for its status now (after any job in progress) and resolves with it. */
  refresh(): Promise<DeviceStatus> {
    return this.exclusive(async () => {
      this.apply(await this.probe());
      return this.status();
    });
  }

  /** Prints one job after a status check; every failure is a completion, never a rejection. */
  print(job: Uint8Array): Promise<Completion> {
    this.jobsWaiting += 1;
    return this.exclusive(() => this.printNow(job))
      .catch((error: unknown): Completion => ({
        code: 'hardwareError',
        message: `Receipt printer driver failed: ${error instanceof Error ? error.message : 'unknown error'}`,
      }))
      .finally(() => {
        this.jobsWaiting -= 1;
      });
  }

  /** Stops polling and closes the transport; a job in progress completes with an error. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    await this.transport.close();
    this.reader.dispose();
  }

  private async printNow(job: Uint8Array): Promise<Completion> {
    if (this.closed) return { code: 'deviceNotReady', message: 'Receipt printer driver is closed' };
    if (job.length === 0) return { code: 'userError', message: 'Print job is empty' };
    const bytes = this.fontFallback ? await this.fontFallback.prepare(job) : job;

    const before = await this.probe();
    this.apply(before);
    if (before.answered && !isReady(before.status)) {
      return { code: 'deviceNotReady', message: `Receipt printer not ready: ${describe(before.status)}` };
    }
    if (!before.answered && before.reason === 'linkClosed') {
      return { code: 'deviceNotReady', message: 'Receipt printer link is closed' };
    }

    try {
      await this.transport.write(bytes);
    } catch (error) {
      this.lastJob = 'failed';
      this.apply(await this.probe());
      const timedOut = error instanceof TransportError && error.code === 'timeOut';
      return {
        code: timedOut ? 'timeOut' : 'hardwareError',
        message: `Could not send the job to the receipt printer: ${error instanceof Error ? error.message : 'unknown error'}`,
      };
    }
    this.lastJob = 'sent';

    if (this.postJobDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.postJobDelayMs));
    const after = await this.probe();
    if (!after.answered && (after.reason === 'linkClosed' || after.reason === 'linkError')) {
      this.lastJob = 'failed';
      this.apply(after);
      return { code: 'hardwareError', message: 'Receipt printer link was lost during printing' };
    }
    this.apply(after);
    if (!after.answered) return { code: 'success', message: `Sent; the printer gave no status afterwards (${after.reason})` };
    return jobOutcome(after.status);
  }

  /** Asks DLE EOT 1-4 in turn; any missing or malformed byte makes the whole answer unusable. */
  private async probe(): Promise<Probe> {
    if (this.linkClosed) return { answered: false, reason: 'linkClosed' };
    // A reply that came after its query timed out must not be read as the answer to this one.
    this.reader.discard();
    const replies: number[] = [];
    for (const n of [1, 2, 3, 4]) {
      try {
        await this.transport.write(Uint8Array.of(DLE, EOT, n));
      } catch {
        return { answered: false, reason: this.linkClosed ? 'linkClosed' : 'linkError' };
      }
      let byte: number | undefined;
      try {
        byte = (await this.reader.read((b) => (b.length > 0 ? 1 : 0), this.statusTimeoutMs))[0];
      } catch (error) {
        const closed = this.linkClosed || (error instanceof TransportError && error.code === 'closed');
        return { answered: false, reason: closed ? 'linkClosed' : 'noStatusReply' };
      }
      if (byte === undefined || !isStatusByte(byte)) {
        this.reader.discard();
        return { answered: false, reason: 'garbledStatusReply' };
      }
      replies.push(byte);
    }
    const [printer = 0, offline = 0, error = 0, paper = 0] = replies;
    return { answered: true, status: statusFromBytes({ printer, offline, error, paper }) };
  }

  private apply(probe: Probe): void {
    if (probe.answered) {
      this.tracker.set(probe.status);
    } else if (probe.reason === 'linkClosed' || probe.reason === 'linkError') {
      this.tracker.set({ device: 'offline', detail: probe.reason });
    } else {
      // Codes, translated on the staff screen: the reason, then what the last job did.
      const lastJob = { none: 'noJobYet', sent: 'lastJobSent', failed: 'lastJobFailed' }[this.lastJob];
      this.tracker.set({ device: this.lastJob === 'failed' ? 'offline' : 'online', detail: `${probe.reason}.${lastJob}` });
    }
  }

  private schedulePoll(): void {
    // A closed link never comes back in this object: whoever reopens the transport makes a new driver.
    if (this.closed || this.linkClosed || this.pollIntervalMs <= 0) return;
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => void this.poll(), this.pollIntervalMs);
    // Polling alone must not keep the host process alive at shutdown.
    this.pollTimer.unref();
  }

  private async poll(): Promise<void> {
    // Every job reads the status anyway; polling is for the idle printer only.
    if (!this.closed && !this.linkClosed && this.jobsWaiting === 0) {
      await this.exclusive(async () => this.apply(await this.probe())).catch(() => undefined);
    }
    this.schedulePoll();
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function jobOutcome(status: DeviceStatus): Completion {
  if (status.paper === 'out') return { code: 'userError', message: 'paper out during printing' };
  switch (status.device) {
    case 'userError':
      return { code: 'userError', message: `${status.detail === 'coverOpen' ? 'cover opened' : 'printer needs attention'} during printing` };
    case 'hardwareError':
      return { code: 'hardwareError', message: `printer error during printing (${status.detail ?? 'unknown'})` };
    case 'offline':
    case 'noDevice':
      return { code: 'hardwareError', message: 'printer went offline during printing' };
    case 'online':
    case 'busy':
      return { code: 'success', message: status.paper === 'low' ? 'Printed; paper low' : 'Printed' };
    default:
      return assertNever(status.device);
  }
}
