const CR = 0x0d;
const LF = 0x0a;

/**
 * Cuts a device's byte stream into text lines: a line ends with CR, LF or CRLF (one end, not
 * an end and an empty line), and bytes are taken one character each (Latin-1), so a reader's
 * garbage never throws. A line longer than `maxLine` is noise: it is dropped to its end and
 * reported as `null`, so a stuck or babbling device cannot grow memory.
 */
export class LineAssembler {
  private partial = '';
  private discarding = false;
  private afterCr = false;

  constructor(
    private readonly maxLine: number,
    private readonly onLine: (line: string | null) => void,
  ) {}

  push(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (byte === CR || byte === LF) {
        if (!(byte === LF && this.afterCr)) this.end();
        this.afterCr = byte === CR;
        continue;
      }
      this.afterCr = false;
      if (this.discarding) continue;
      this.partial += String.fromCharCode(byte);
      if (this.partial.length > this.maxLine) {
        this.partial = '';
        this.discarding = true;
      }
    }
  }

  /** True while part of a line (or of an overlong one) waits for its end. */
  pending(): boolean {
    return this.partial !== '' || this.discarding;
  }

  /** Ends the line in progress, as a device that sends no terminator after its last line means. */
  flush(): void {
    if (this.pending()) this.end();
  }

  /** Forgets the line in progress. */
  reset(): void {
    this.partial = '';
    this.discarding = false;
    this.afterCr = false;
  }

  private end(): void {
    const line = this.discarding ? null : this.partial;
    this.partial = '';
    this.discarding = false;
    this.onLine(line);
  }
}
