/**
 * A duplex byte stream to a device: a serial port (USB readers and printers appear as
 * serial ports), a TCP socket (printers on port 9100) or a device file. Drivers speak
 * their protocol over this and nothing else, so tests can stand a fake device behind it.
 */
export interface ByteTransport {
  /** Human-readable, for logs and staff: `serial:/dev/ttyUSB0`, `tcp:10.0.0.5:9100`. */
  readonly name: string;
  write(data: Uint8Array): Promise<void>;
  /** Every chunk the device sends; returns an unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Called once when the link goes away (cable pulled, socket closed). */
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}

/** The link to a device failed or timed out; the message is for staff and logs. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    message: string,
    readonly code: 'timeOut' | 'closed' | 'ioError',
  ) {
    super(message);
  }
}

/**
 * Collects bytes from a transport until `complete` says a whole reply is there, or the
 * timeout passes. `complete` returns the length of the reply at the start of the buffer,
 * or 0 when more bytes are needed; bytes after the reply stay for the next read.
 */
export class ReplyReader {
  private buffer = new Uint8Array(0);
  private waiting: { complete: (b: Uint8Array) => number; resolve: (r: Uint8Array) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;
  private readonly unsubscribe: Array<() => void>;

  constructor(private readonly transport: ByteTransport) {
    this.unsubscribe = [
      transport.onData((chunk) => this.push(chunk)),
      transport.onClose((error) => this.fail(new TransportError(error?.message ?? 'The device link closed.', 'closed'))),
    ];
  }

  /** Drops whatever arrived unasked (a reply to a command that already timed out). */
  discard(): void {
    this.buffer = new Uint8Array(0);
  }

  read(complete: (buffer: Uint8Array) => number, timeoutMs: number): Promise<Uint8Array> {
    if (this.waiting) return Promise.reject(new TransportError('A read is already waiting on this device.', 'ioError'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        reject(new TransportError(`No complete reply from ${this.transport.name} within ${timeoutMs} ms.`, 'timeOut'));
      }, timeoutMs);
      this.waiting = { complete, resolve, reject, timer };
      this.settle();
    });
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
    this.fail(new TransportError('The reader was disposed.', 'closed'));
  }

  private push(chunk: Uint8Array): void {
    const next = new Uint8Array(this.buffer.length + chunk.length);
    next.set(this.buffer);
    next.set(chunk, this.buffer.length);
    this.buffer = next;
    this.settle();
  }

  private settle(): void {
    if (!this.waiting) return;
    const length = this.waiting.complete(this.buffer);
    if (length <= 0) return;
    const reply = this.buffer.slice(0, length);
    this.buffer = this.buffer.slice(length);
    const { resolve, timer } = this.waiting;
    clearTimeout(timer);
    this.waiting = null;
    resolve(reply);
  }

  private fail(error: Error): void {
    if (!this.waiting) return;
    clearTimeout(this.waiting.timer);
    const { reject } = this.waiting;
    this.waiting = null;
    reject(error);
  }
}
