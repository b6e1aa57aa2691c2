import { canonicalUid, type StaffCardReader } from '../../../shared/hardware/staff-card-reader';
import type { DeviceStatus } from '../../../shared/hardware/types';
import { StatusTracker, warnListenerError } from './status-tracker';
import type { ByteTransport } from './transport/byte-transport';
import { LineAssembler } from './transport/line-assembler';

/** Options of {@link LineUidReader}. */
export interface LineUidReaderOptions {
  /** The same card reported again within this time is the same touch (default 2 s). */
  repeatMs?: number;
  now?: () => number;
  kind?: string;
  onListenerError?: (error: unknown) => void;
}

// The longest UID line, with separators, is 29 characters; anything longer is noise.
const MAX_LINE = 40;

/**
 * Staff card reader in serial output mode, as most contactless desk readers offer (over a
 * serial port, a USB serial adapter or a TCP serial server): each card in the field is sent
 * as one line, its UID in hex or decimal, ended by CR, LF or CRLF. Readers repeat the line
 * while the card stays; repeats within `repeatMs` are one touch. A line that is not a UID
 * (a banner, line noise) is counted and dropped, never taken for a card.
 */
export class LineUidReader implements StaffCardReader {
  readonly kind: string;
  private readonly tracker: StatusTracker;
  private readonly cardListeners = new Set<(uid: string) => void>();
  private readonly unsubscribe: Array<() => void>;
  private readonly repeatMs: number;
  private readonly now: () => number;
  private readonly onListenerError: (error: unknown) => void;
  private readonly assembler = new LineAssembler(MAX_LINE, (line) => this.endLine(line));
  private last: { uid: string; at: number } | null = null;
  private ignored = 0;

  constructor(
    private readonly transport: ByteTransport,
    options: LineUidReaderOptions = {},
  ) {
    this.kind = options.kind ?? 'uid-serial';
    this.repeatMs = options.repeatMs ?? 2000;
    this.now = options.now ?? Date.now;
    this.onListenerError = options.onListenerError ?? warnListenerError('Staff card reader');
    this.tracker = new StatusTracker({ device: 'online' }, this.onListenerError);
    this.unsubscribe = [transport.onData((chunk) => this.assembler.push(chunk)), transport.onClose(() => this.linkClosed())];
  }

  status(): DeviceStatus {
    return this.tracker.get();
  }

  onStatus(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.listen(listener);
  }

  onCard(listener: (uid: string) => void): () => void {
    this.cardListeners.add(listener);
    return () => {
      this.cardListeners.delete(listener);
    };
  }

  /** Lines received that were not a UID, since the link opened. */
  ignoredLines(): number {
    return this.ignored;
  }

  async close(): Promise<void> {
    this.detach();
    this.tracker.set({ device: 'offline', detail: 'readerClosed' });
    await this.transport.close();
  }

  /** `line` is null for an overlong line: noise. */
  private endLine(line: string | null): void {
    // An empty line is a reader's keep-alive.
    if (line !== null && line.trim() === '') return;
    const uid = line === null ? null : canonicalUid(line);
    if (!uid) {
      this.ignored += 1;
      return;
    }
    const at = this.now();
    const repeat = this.last !== null && this.last.uid === uid && at - this.last.at < this.repeatMs;
    this.last = { uid, at };
    if (repeat) return;
    for (const listener of [...this.cardListeners]) {
      try {
        listener(uid);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  private linkClosed(): void {
    this.detach();
    this.tracker.set({ device: 'offline', detail: 'linkClosed' });
  }

  private detach(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe.length = 0;
    this.assembler.reset();
  }
}
