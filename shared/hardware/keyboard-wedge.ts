/**
 * Tells a keyboard-wedge document reader from a person at the keyboard. A wedge reader types
 * the zone it read, line by line with Enter after each, far faster than anyone types; a
 * person's keys arrive tens to hundreds of milliseconds apart. Pure, so the renderer can feed
 * it DOM key events and tests can feed it timestamps.
 */

/** One key press: `key` as in KeyboardEvent.key, `time` in milliseconds (event.timeStamp). */
export interface WedgeKey {
  key: string;
  time: number;
}

/** A document typed by a reader: its lines joined by `\n`, ready for parseMrz. */
export interface WedgeScan {
  text: string;
  /** First to last key of the burst, in milliseconds. */
  durationMs: number;
}

/** Options of {@link KeyboardWedgeAssembler}. */
export interface KeyboardWedgeOptions {
  /** Keys closer together than this belong to one burst (default 40 ms). */
  maxGapMs?: number;
  /** Fewer characters than this is a person, however fast (default 20; the shortest zone has 30). */
  minChars?: number;
  /** Longest burst kept; anything longer is not a zone and is dropped (default 200 characters). */
  maxChars?: number;
}

// Readers press Shift for capitals and `<`; those events carry no character and no timing.
const MODIFIERS: ReadonlySet<string> = new Set(['Shift', 'CapsLock', 'Control', 'Alt', 'AltGraph', 'Meta']);

/**
 * Collects key events into bursts and emits a burst as a scan when every key came within
 * `maxGapMs` of the one before, it holds at least `minChars` characters and it ended with
 * Enter. The end of a burst is known when Enter comes twice (an empty line), when the next key
 * comes too late, or when {@link flush} is called after the gap has passed.
 */
export class KeyboardWedgeAssembler {
  private readonly maxGapMs: number;
  private readonly minChars: number;
  private readonly maxChars: number;
  private lines: string[] = [];
  private current = '';
  private chars = 0;
  private startedAt = 0;
  private lastAt: number | null = null;
  private endedWithEnter = false;
  private overflow = false;

  constructor(options: KeyboardWedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 40;
    this.minChars = options.minChars ?? 20;
    this.maxChars = options.maxChars ?? 200;
  }

  /** Feeds one key; returns the scan that this key completed, or null. */
  push(event: WedgeKey): WedgeScan | null {
    if (MODIFIERS.has(event.key)) return null;
    let finished: WedgeScan | null = null;
    if (this.lastAt !== null && event.time - this.lastAt >= this.maxGapMs) {
      finished = this.finish();
    }
    if (this.lastAt === null) this.startedAt = event.time;
    this.lastAt = event.time;

    if (event.key === 'Enter') {
      const emptyLine = this.current === '' && this.endedWithEnter;
      this.closeLine();
      this.endedWithEnter = true;
      // An empty line ends the document at once; no need to wait out the gap.
      if (emptyLine) return finished ?? this.finish();
      return finished;
    }
    if (event.key.length !== 1) {
      // Backspace, arrows, Tab…: a person editing. Whatever this burst was, it is not a scan.
      this.reset();
      this.overflow = true;
      this.lastAt = event.time;
      return finished;
    }
    this.endedWithEnter = false;
    this.current += event.key;
    this.chars += 1;
    if (this.chars > this.maxChars) this.overflow = true;
    return finished;
  }

  /** Ends a burst whose last key is more than the gap before `now`; call it from a timer. */
  flush(now: number): WedgeScan | null {
    if (this.lastAt === null || now - this.lastAt < this.maxGapMs) return null;
    return this.finish();
  }

  /** Forgets the burst in progress (the screen changed, the input lost focus). */
  reset(): void {
    this.lines = [];
    this.current = '';
    this.chars = 0;
    this.lastAt = null;
    this.endedWithEnter = false;
    this.overflow = false;
  }

  private closeLine(): void {
    if (this.current !== '') this.lines.push(this.current);
    this.current = '';
  }

  private finish(): WedgeScan | null {
    const isScan = this.endedWithEnter && !this.overflow && this.chars >= this.minChars && this.current === '';
    const scan: WedgeScan | null = isScan
      ? { text: this.lines.join('\n'), durationMs: (this.lastAt ?? this.startedAt) - this.startedAt }
      : null;
    this.reset();
    return scan;
  }
}
