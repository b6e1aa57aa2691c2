import { parseMrz } from '../../../shared/domain/mrz';
import type { DocumentReader, DocumentReadResult } from '../../../shared/hardware/document-reader';
import type { DeviceStatus } from '../../../shared/hardware/types';
import { StatusTracker, warnListenerError } from './status-tracker';
import type { ByteTransport } from './transport/byte-transport';
import { LineAssembler } from './transport/line-assembler';

/** Options of {@link SerialMrzReader}. */
export interface SerialMrzReaderOptions {
  /** Silence after which the lines received so far are taken as one document (default 150 ms). */
  idleGapMs?: number;
  /** Adapter name for logs and the diagnostics screen (default 'mrz-serial'). */
  kind?: string;
  /**
   * Where errors thrown by document or status listeners go. Without it a status listener's
   * error becomes a process warning, and a document listener's is rethrown after every listener
   * has run, which from a timer or a data callback means an uncaught exception.
   */
  onListenerError?: (error: unknown) => void;
}

// A line longer than any zone line (44) by this much is noise, not a misread zone.
const MAX_LINE = 64;
const MIN_MRZ_LINE = 20;
const MIN_MRZ_SHARE = 0.8;

/**
 * Whether a line looks like a zone line, possibly misread (lower case, a stray symbol, a few
 * characters short or long), as opposed to reader chatter such as a banner or `OK`. Misread
 * lines still go to the parser, so the resident hears "scan again" rather than nothing.
 */
function looksLikeMrzLine(line: string): boolean {
  if (line.length < MIN_MRZ_LINE || line.length > MAX_LINE) return false;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  const mrzLike = line.replace(/[^A-Za-z0-9<]/g, '').length;
  if (mrzLike / line.length < MIN_MRZ_SHARE) return false;
  // Prose has spaces and no fillers; a zone line has fillers or, when every field is full, no spaces.
  return line.includes('<') || !line.includes(' ');
}

/**
 * Document reader on a serial OCR reader (the common desktop passport readers): the reader
 * sends each zone line followed by CR, LF or CRLF, and a document ends with an empty line or
 * with silence. Each document is handed to parseMrz and its result to the listeners.
 */
export class SerialMrzReader implements DocumentReader {
  readonly kind: string;
  private readonly idleGapMs: number;
  private readonly onListenerError: ((error: unknown) => void) | undefined;
  private readonly documentListeners = new Set<(result: DocumentReadResult) => void>();
  private readonly tracker: StatusTracker;
  private readonly unsubscribe: Array<() => void>;
  private readonly assembler = new LineAssembler(MAX_LINE, (line) => this.endLine(line));
  private lines: string[] = [];
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly transport: ByteTransport,
    options: SerialMrzReaderOptions = {},
  ) {
    this.kind = options.kind ?? 'mrz-serial';
    this.idleGapMs = options.idleGapMs ?? 150;
    this.onListenerError = options.onListenerError;
    this.tracker = new StatusTracker({ device: 'online' }, options.onListenerError ?? warnListenerError('Document reader'));
    this.unsubscribe = [
      transport.onData((chunk) => this.receive(chunk)),
      transport.onClose(() => this.linkClosed()),
    ];
  }

  /** Current status; a copy, so callers cannot change it behind the reader's back. */
  status(): DeviceStatus {
    return this.tracker.get();
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.listen(listener);
  }

  /** Subscribes to documents; returns the unsubscribe function. */
  onDocument(listener: (result: DocumentReadResult) => void): () => void {
    this.documentListeners.add(listener);
    return () => {
      this.documentListeners.delete(listener);
    };
  }

  /** Stops listening and closes the link; a document half received is dropped. */
  async close(): Promise<void> {
    this.detach();
    this.tracker.set({ device: 'offline', detail: 'readerClosed' });
    await this.transport.close();
  }

  private receive(chunk: Uint8Array): void {
    // Latin-1 keeps one character per byte; anything outside ASCII fails the zone check anyway.
    this.assembler.push(chunk);
    this.armIdleTimer();
  }

  /** `raw` is null for an overlong line: noise. */
  private endLine(raw: string | null): void {
    if (raw === null) {
      this.endDocument();
      return;
    }
    const line = raw.replace(/ +$/, '');
    if (line === '') {
      this.endDocument();
      return;
    }
    if (looksLikeMrzLine(line)) {
      this.lines.push(line);
      return;
    }
    // Chatter between documents is ignored; chatter inside one ends it.
    this.endDocument();
  }

  private endDocument(): void {
    if (this.lines.length === 0) return;
    const text = this.lines.join('\n');
    this.lines = [];
    this.emitDocument(parseMrz(text));
  }

  private armIdleTimer(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.lines.length === 0 && !this.assembler.pending()) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      // A reader that sends no terminator after the last line still ends the document by silence.
      this.assembler.flush();
      this.endDocument();
    }, this.idleGapMs);
  }

  private linkClosed(): void {
    this.detach();
    this.tracker.set({ device: 'offline', detail: 'linkClosed' });
  }

  private detach(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe.length = 0;
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.lines = [];
    this.assembler.reset();
  }

  private emitDocument(result: DocumentReadResult): void {
    this.notify(this.documentListeners, result);
  }

  private notify<T>(listeners: ReadonlySet<(value: T) => void>, value: T): void {
    const errors: unknown[] = [];
    // Copy first: a listener may unsubscribe while we iterate.
    for (const listener of [...listeners]) {
      try {
        listener(value);
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 0) return;
    if (this.onListenerError) {
      for (const error of errors) this.onListenerError(error);
      return;
    }
    // One faulty listener must not starve the others, but its error still surfaces.
    if (errors.length === 1) throw errors[0];
    throw new AggregateError(errors, 'Document reader listeners failed');
  }
}
