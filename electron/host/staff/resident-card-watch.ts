import { CardReadError, type IdCardReader } from '../../../shared/hardware/id-card-reader';

/**
 * While a staff session is open, the resident ID card reader is read in the background: a
 * card put on it means a resident is at the kiosk, and the staff session ends (the welcome
 * screen reads no card by itself, so without this a real reader would never notice). A card
 * that cannot be read is still a card; one already lying on the reader when the watch begins
 * is not (staff may have put it there to test the reader). Paused while staff test the reader, whose card is the
 * test's. A reader that is away is watched again when its status changes.
 */
export class ResidentCardWatch {
  private run: AbortController | null = null;
  private paused = 0;
  private wanted = false;
  private stopWaitingForReader: (() => void) | null = null;

  constructor(
    private readonly reader: IdCardReader,
    private readonly onCard: () => void,
  ) {}

  /** A staff session started. */
  start(): void {
    this.wanted = true;
    this.resume();
  }

  /** The staff session ended. */
  stop(): void {
    this.wanted = false;
    this.halt();
  }

  /** The staff's own card test reads the reader until the returned function is called. */
  pause(): () => void {
    this.paused += 1;
    this.halt();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.paused -= 1;
      this.resume();
    };
  }

  /** True while a background read waits for a card. */
  watching(): boolean {
    return this.run !== null;
  }

  private resume(): void {
    if (!this.wanted || this.paused > 0 || this.run || this.stopWaitingForReader) return;
    const run = new AbortController();
    this.run = run;
    this.reader.readCard(run.signal, { newPlacementOnly: true }).then(
      () => this.cardSeen(run),
      (error: unknown) => {
        if (run.signal.aborted || this.run !== run) return;
        if (error instanceof CardReadError && error.code === 'unreadable') {
          this.cardSeen(run);
          return;
        }
        // The reader is away (or failed in a way that says nothing about a card): wait for it.
        this.run = null;
        this.waitForReader();
      },
    );
  }

  private cardSeen(run: AbortController): void {
    if (this.run !== run) return;
    this.run = null;
    this.onCard();
    // The session normally ends here (stop()); if it did not, keep watching.
    this.resume();
  }

  private waitForReader(): void {
    const off = this.reader.onStatus(() => {
      off();
      this.stopWaitingForReader = null;
      this.resume();
    });
    this.stopWaitingForReader = off;
  }

  private halt(): void {
    this.run?.abort();
    this.run = null;
    this.stopWaitingForReader?.();
    this.stopWaitingForReader = null;
  }
}
