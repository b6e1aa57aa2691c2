import type { IdentityCard } from '../../../../shared/catalog/types';
import type { IdCardReader, ReadCardOptions } from '../../../../shared/hardware/id-card-reader';
import type { Completion, DeviceStatus } from '../../../../shared/hardware/types';
import type { ByteTransport } from '../transport/byte-transport';
import { StatusTracker, warnListenerError, type StatusPatch } from '../status-tracker';
import { STATUS_DETAIL as DETAIL, STATUS_MESSAGE as MESSAGE, statusAfterFailure } from './device-status';
import { decodeReadData, SW3, type CommandName, type ReadData, type ReplyFrame } from './frame';
import { decodeOrUndefined, type PhotoDecoder } from './photo-decoder';
import { cardReadError, completionCode, Gat467Error, toGat467Error } from './errors';
import { SamLink } from './sam-link';
import { decodeTextBlock, TextBlockError } from './text-block';

/** Tuning of {@link Gat467IdCardReader}; the defaults suit readers at 115,200 baud. */
export interface Gat467Options {
  /** Pause between find-card polls while a read waits or a read card is still on the reader. */
  pollIntervalMs?: number;
  /** Reply timeout of short commands (status, find, select). */
  commandTimeoutMs?: number;
  /** Reply timeout of the read command: the SAM decrypts the card before it answers. */
  readTimeoutMs?: number;
  /** Consecutive "no card" answers that count as the card being taken away (one can be a radio glitch). */
  removalConfirmations?: number;
  /** Find/select/read attempts when a reply arrives garbled, before the read is given up. */
  readAttempts?: number;
  /** Consecutive failed polls after which waiting reads are rejected rather than left hanging. */
  failureLimit?: number;
  /** Decodes card photos; without one, results report `faceCheck: 'unavailable'`. */
  photoDecoder?: PhotoDecoder;
  /** How long a photo decode may take before the card is delivered without a photo. */
  photoTimeoutMs?: number;
  /** Use the 30 10 command, which also returns the fingerprint templates. */
  readFingerprint?: boolean;
  /** The current date, for checking the ID number's birth date. */
  now?: () => Date;
}

/** A card read together with what the face check needs. Personal data: never log it. */
export interface CardReadResult {
  card: IdentityCard;
  /** The decoded photo (BMP or JPEG), when a decoder is configured and it worked. */
  photo?: Uint8Array;
  /** The fingerprint templates, when `readFingerprint` is set and the card holds them. */
  fingerprint?: Uint8Array;
  faceCheck: 'available' | 'unavailable';
}

/** The usual speed of USB and serial GA/T 467 readers. */
export const GAT467_DEFAULT_BAUD = 115_200;

interface Waiter {
  wantsPhoto: boolean;
  settled: boolean;
  resolve(result: CardReadResult): void;
  reject(error: Error): void;
}

/**
 * Resident ID card reader speaking GA/T 467 SAM frames over a byte transport. It polls for a
 * card only while a read waits (or a card it read is still lying there), and reads each card
 * once per placement: after a read it must see the card taken away before it reads again,
 * so a card left behind is never read for the next resident.
 */
export class Gat467IdCardReader implements IdCardReader {
  readonly kind = 'gat467';
  private readonly link: SamLink;
  private readonly opts: Required<Omit<Gat467Options, 'photoDecoder'>>;
  private readonly photoDecoder: PhotoDecoder | undefined;
  private readonly tracker = new StatusTracker({ device: 'offline', detail: DETAIL.unchecked }, warnListenerError('ID card reader'));
  private readonly waiters = new Set<Waiter>();
  /** False from a successful read until the card has been seen taken away. */
  private armed = true;
  private absentPolls = 0;
  private failedPolls = 0;
  private looping = false;
  private closed = false;
  private wake: (() => void) | null = null;
  private readonly offClose: () => void;

  constructor(
    private readonly transport: ByteTransport,
    options: Gat467Options = {},
  ) {
    this.link = new SamLink(transport);
    this.photoDecoder = options.photoDecoder;
    this.opts = {
      pollIntervalMs: options.pollIntervalMs ?? 300,
      commandTimeoutMs: options.commandTimeoutMs ?? 1000,
      readTimeoutMs: options.readTimeoutMs ?? 3000,
      removalConfirmations: Math.max(1, options.removalConfirmations ?? 2),
      readAttempts: Math.max(1, options.readAttempts ?? 2),
      failureLimit: Math.max(1, options.failureLimit ?? 3),
      photoTimeoutMs: options.photoTimeoutMs ?? 3000,
      readFingerprint: options.readFingerprint ?? false,
      now: options.now ?? (() => new Date()),
    };
    this.offClose = transport.onClose(() => this.linkLost());
  }

  /** Creates a reader and checks its SAM, so its status is known from the start. */
  static async open(transport: ByteTransport, options: Gat467Options = {}): Promise<Gat467IdCardReader> {
    const reader = new Gat467IdCardReader(transport, options);
    await reader.checkStatus();
    return reader;
  }

  status(): DeviceStatus {
    return this.tracker.get();
  }

  onStatus(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.listen(listener);
  }

  /** Asks the SAM for its status: 'online' when it answers success. Never rejects. */
  checkStatus(): Promise<Completion> {
    return this.simpleCommand('samStatus').then(({ code, message }) => ({ code, message }));
  }

  /** Resets the SAM. Never rejects. */
  resetSam(): Promise<Completion> {
    return this.simpleCommand('resetSam').then(({ code, message }) => ({ code, message }));
  }

  /** Reads the SAM's serial number, as hex. Never rejects. */
  samId(): Promise<Completion<string>> {
    return this.simpleCommand('samId');
  }

  readCard(signal: AbortSignal, options: ReadCardOptions = {}): Promise<IdentityCard> {
    // Disarmed, the reader reads only after it has seen no card: a card lying there is skipped.
    if (options.newPlacementOnly && !signal.aborted && !this.closed) this.armed = false;
    return this.wait(signal, false).then((result) => result.card);
  }

  /** Like readCard, and also decodes the photo when a photo decoder is configured. */
  readCardWithPhoto(signal: AbortSignal): Promise<CardReadResult> {
    return this.wait(signal, true);
  }

  /** Stops polling, fails waiting reads and closes the transport. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.offClose();
    this.wake?.();
    this.failWaiters(new Gat467Error('closed', MESSAGE.closed));
    this.link.dispose();
    this.update({ device: 'offline', detail: DETAIL.closed });
    await this.transport.close();
  }

  private wait(signal: AbortSignal, wantsPhoto: boolean): Promise<CardReadResult> {
    return new Promise<CardReadResult>((resolve, reject) => {
      if (signal.aborted) {
        reject(abortReason(signal));
        return;
      }
      if (this.closed) {
        reject(cardReadError(new Gat467Error('closed', MESSAGE.closed), true));
        return;
      }
      const onAbort = () => waiter.reject(abortReason(signal));
      const settle = () => {
        waiter.settled = true;
        this.waiters.delete(waiter);
        signal.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        wantsPhoto,
        settled: false,
        resolve: (result) => {
          settle();
          resolve(result);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
      this.ensureLoop();
    });
  }

  private ensureLoop(): void {
    if (this.looping || this.closed) return;
    this.looping = true;
    void this.loop();
  }

  // Never rejects: every failure inside ends up in the status or in a waiter's rejection.
  private async loop(): Promise<void> {
    try {
      while (this.shouldPoll()) {
        await this.link.exclusive(() => this.poll());
        if (!this.shouldPoll()) break;
        await this.sleep(this.opts.pollIntervalMs);
      }
    } catch (error) {
      this.failWaiters(toGat467Error(error), { readerFault: true });
    } finally {
      this.looping = false;
    }
  }

  private shouldPoll(): boolean {
    return !this.closed && (this.waiters.size > 0 || !this.armed);
  }

  private async poll(): Promise<void> {
    if (this.closed) return;
    let present: boolean;
    try {
      present = await this.findCard();
    } catch (error) {
      this.pollFailed(toGat467Error(error));
      return;
    }
    this.failedPolls = 0;
    if (!present) {
      this.absentPolls += 1;
      if (this.absentPolls >= this.opts.removalConfirmations) this.armed = true;
      return;
    }
    this.absentPolls = 0;
    if (this.armed && this.waiters.size > 0) await this.readPresentCard();
  }

  private pollFailed(error: Gat467Error): void {
    this.failedPolls += 1;
    if (error.code === 'closed' || this.failedPolls >= this.opts.failureLimit) {
      this.failedPolls = 0;
      this.failWaiters(error, { readerFault: true });
    }
  }

  /** Select and read the card that find-card just reported; retries garbled exchanges. */
  private async readPresentCard(): Promise<void> {
    let lastError: Gat467Error | undefined;
    for (let attempt = 0; attempt < this.opts.readAttempts; attempt++) {
      try {
        if (attempt > 0 && !(await this.findCard())) {
          lastError = new Gat467Error('noCard', 'The card was taken away during the read.');
          break;
        }
        await this.selectCard();
        const data = await this.readData();
        const card = decodeTextBlock(data.text, { today: this.opts.now() });
        await this.deliver(card, data);
        return;
      } catch (error) {
        if (error instanceof TextBlockError) {
          // The chip answered cleanly with data that is not a valid card: a verdict for this
          // placement, like a successful read, so it is not re-read until the card is replaced.
          this.armed = false;
          this.failWaiters(new Gat467Error('badCardData', error.message), { cause: error });
          return;
        }
        lastError = toGat467Error(error);
        if (lastError.code !== 'garbled') break;
      }
    }
    if (lastError) this.failWaiters(lastError);
  }

  private async findCard(): Promise<boolean> {
    try {
      await this.send('findCard', this.opts.commandTimeoutMs);
      this.update({ media: 'present' });
      return true;
    } catch (error) {
      const failure = toGat467Error(error);
      if (failure.code === 'status' && failure.sw3 === SW3.findFailed) {
        this.update({ media: 'notPresent' });
        return false;
      }
      throw failure;
    }
  }

  private async selectCard(): Promise<void> {
    try {
      await this.send('selectCard', this.opts.commandTimeoutMs);
    } catch (error) {
      const failure = toGat467Error(error);
      if (failure.code === 'status' && failure.sw3 === SW3.selectFailed) {
        throw new Gat467Error('selectFailed', 'The card could not be selected; it may have been moved.', failure.sw3);
      }
      throw failure;
    }
  }

  private async readData(): Promise<ReadData> {
    const command = this.opts.readFingerprint ? 'readTextPhotoFingerprint' : 'readTextPhoto';
    try {
      const reply = await this.send(command, this.opts.readTimeoutMs);
      return decodeReadData(reply.data, this.opts.readFingerprint);
    } catch (error) {
      const failure = toGat467Error(error);
      if (failure.code === 'status' && failure.sw3 === SW3.readFailed) {
        throw new Gat467Error('readFailed', 'The card could not be read; it may have been taken away.', failure.sw3);
      }
      throw failure;
    }
  }

  private async deliver(card: IdentityCard, data: ReadData): Promise<void> {
    const waiting = [...this.waiters];
    // Everyone gave up during the read: leave the card unconsumed for the next caller.
    if (waiting.length === 0) return;
    this.armed = false;
    // A failed decode leaves the card fine: the resident is only offered paths without a face check.
    const photo =
      this.photoDecoder && data.photo.length > 0 && waiting.some((w) => w.wantsPhoto)
        ? await decodeOrUndefined(this.photoDecoder, data.photo, this.opts.photoTimeoutMs)
        : undefined;
    const receivers = waiting.filter((w) => !w.settled);
    if (receivers.length === 0) {
      this.armed = true;
      return;
    }
    for (const waiter of receivers) {
      const result: CardReadResult = { card: structuredClone(card), faceCheck: 'unavailable' };
      if (waiter.wantsPhoto && photo) {
        result.photo = photo.slice();
        result.faceCheck = 'available';
      }
      if (waiter.wantsPhoto && data.fingerprint) result.fingerprint = data.fingerprint.slice();
      waiter.resolve(result);
    }
  }

  private async simpleCommand(name: 'samStatus' | 'resetSam' | 'samId'): Promise<Completion<string>> {
    if (this.closed) return { code: 'deviceNotReady', message: MESSAGE.closed };
    try {
      const reply = await this.link.exclusive(() => this.send(name, this.opts.commandTimeoutMs));
      const value = Array.from(reply.data, (b) => b.toString(16).padStart(2, '0')).join('');
      return name === 'samId' ? { code: 'success', message: 'OK', value } : { code: 'success', message: 'OK' };
    } catch (error) {
      const failure = toGat467Error(error);
      return { code: completionCode(failure), message: failure.message };
    }
  }

  /** Sends one command and keeps the device status in step with how the link behaves. */
  private async send(name: CommandName, timeoutMs: number): Promise<ReplyFrame> {
    try {
      const reply = await this.link.send(name, timeoutMs);
      this.update({ device: 'online', detail: undefined });
      return reply;
    } catch (error) {
      const failure = toGat467Error(error);
      // A SAM that answers its own status check or reset with an error is faulty, not busy.
      const samFault = failure.code === 'status' && (name === 'samStatus' || name === 'resetSam');
      this.update(samFault ? { device: 'hardwareError', detail: DETAIL.sam } : statusAfterFailure(failure));
      throw failure;
    }
  }

  private linkLost(): void {
    this.update({ device: 'offline', detail: DETAIL.closed });
    this.failWaiters(new Gat467Error('closed', MESSAGE.closed));
  }

  private failWaiters(failure: Gat467Error, options: { readerFault?: boolean; cause?: Error } = {}): void {
    const readerFault = options.readerFault ?? false;
    for (const waiter of [...this.waiters]) waiter.reject(cardReadError(failure, readerFault, options.cause));
  }

  private update(patch: StatusPatch): void {
    this.tracker.update(patch);
  }

  /** Waits between polls; close() cuts the wait short through `wake`. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('Card read aborted.');
}
