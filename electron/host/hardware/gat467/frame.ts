/**
 * Frames of the GA/T 467 secure access module (SAM) protocol spoken by second-generation
 * resident ID card readers over serial and USB-serial links.
 *
 * Command: AA AA AA 96 69 | LEN (2, big-endian) | CMD | PARA | DATA | CHK
 * Reply:   AA AA AA 96 69 | LEN (2, big-endian) | SW1 SW2 SW3 | DATA | CHK
 * LEN counts every byte after itself; CHK is the XOR of LEN and everything after it.
 */

/** The five bytes every frame starts with. */
export const PREAMBLE: readonly number[] = [0xaa, 0xaa, 0xaa, 0x96, 0x69];

const HEADER_LENGTH = PREAMBLE.length + 2;
/** SW1 SW2 SW3 and the checksum: the smallest reply a SAM sends. */
const MIN_REPLY_LENGTH = 4;
/**
 * Largest LEN accepted. The biggest real reply (text, photo and fingerprint) has LEN 2,314;
 * a cap well above it keeps a false preamble in line noise from stalling the stream for long.
 */
export const MAX_REPLY_LENGTH = 4096;

/** Command and parameter bytes of the commands this driver uses. */
export const COMMANDS = {
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  samId: [0x12, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readTextPhoto: [0x30, 0x01],
  readTextPhotoFingerprint: [0x30, 0x10],
} as const satisfies Record<string, readonly [number, number]>;

/** A command the driver knows by name. */
export type CommandName = keyof typeof COMMANDS;

/** SW3 values of the SAM. */
export const SW3 = {
  success: 0x90,
  findSuccess: 0x9f,
  findFailed: 0x80,
  selectFailed: 0x81,
  readFailed: 0x41,
  checksumError: 0x10,
  unknownCommand: 0x21,
} as const;

/** A well-formed reply with a success status. */
export interface ReplyFrame {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Uint8Array;
}

/** What went wrong with a reply. */
export type FrameErrorCode = 'shortFrame' | 'badChecksum' | 'badLength' | 'badPreamble' | 'status';

/** A reply that cannot be used; `sw3` is set for `status` errors. The message never holds reply data. */
export class FrameError extends Error {
  override readonly name = 'FrameError';

  constructor(
    readonly code: FrameErrorCode,
    message: string,
    readonly sw3?: number,
  ) {
    super(message);
  }
}

// Errors that carry nothing about the reply are shared, frozen instances: building an Error
// (and its stack trace) for every run of line noise would dominate parsing a noisy line.
const NOISE = Object.freeze(new FrameError('badPreamble', 'Bytes before the frame preamble were skipped.'));
const SHORT = Object.freeze(new FrameError('shortFrame', 'The reply is too short to hold a status and a checksum.'));
const TOO_LONG = Object.freeze(new FrameError('badLength', 'The reply length is larger than any reply the card reader sends.'));
const GARBLED = Object.freeze(new FrameError('badChecksum', 'The reply checksum does not match; the reply was garbled.'));

/** Outcome of {@link parseReply}: drop `length` or `skip` bytes from the buffer before parsing again. */
export type ParseResult =
  | { kind: 'incomplete' }
  | { kind: 'frame'; frame: ReplyFrame; length: number }
  | { kind: 'error'; error: FrameError; skip: number };

/** Builds a command frame; `data` is empty for every command this driver sends. */
export function encodeCommand(command: number, parameter: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  checkByte('command', command);
  checkByte('parameter', parameter);
  const length = 2 + data.length + 1;
  if (length > 0xffff) throw new FrameError('badLength', 'A command frame cannot carry that much data.');
  const frame = new Uint8Array(HEADER_LENGTH + length);
  frame.set(PREAMBLE);
  frame[5] = length >> 8;
  frame[6] = length & 0xff;
  frame[7] = command;
  frame[8] = parameter;
  frame.set(data, 9);
  frame[frame.length - 1] = xor(frame, PREAMBLE.length, frame.length - 1);
  return frame;
}

/** Builds the frame of a named command. */
export function encodeNamedCommand(name: CommandName): Uint8Array {
  const [command, parameter] = COMMANDS[name];
  return encodeCommand(command, parameter);
}

/**
 * Parses the reply at the start of `buffer`, a stream that may hold garbage, partial frames
 * or several frames. Every result other than `incomplete` consumes at least one byte, so a
 * caller that loops until `incomplete` always terminates.
 */
export function parseReply(buffer: Uint8Array): ParseResult {
  const garbage = leadingGarbage(buffer);
  if (garbage > 0) {
    return { kind: 'error', error: NOISE, skip: garbage };
  }
  if (buffer.length < HEADER_LENGTH) return { kind: 'incomplete' };

  const length = ((buffer[5] ?? 0) << 8) | (buffer[6] ?? 0);
  // The preamble cannot overlap itself, so a false one is passed by skipping all of it.
  const skip = PREAMBLE.length;
  if (length < MIN_REPLY_LENGTH) {
    return { kind: 'error', error: SHORT, skip };
  }
  if (length > MAX_REPLY_LENGTH) {
    return { kind: 'error', error: TOO_LONG, skip };
  }
  const total = HEADER_LENGTH + length;
  if (buffer.length < total) return { kind: 'incomplete' };

  if (xor(buffer, PREAMBLE.length, total - 1) !== buffer[total - 1]) {
    return { kind: 'error', error: GARBLED, skip };
  }

  const sw1 = buffer[7] ?? 0;
  const sw2 = buffer[8] ?? 0;
  const sw3 = buffer[9] ?? 0;
  if (sw1 !== 0 || sw2 !== 0 || (sw3 !== SW3.success && sw3 !== SW3.findSuccess)) {
    return { kind: 'error', error: statusError(sw1, sw2, sw3), skip: total };
  }
  return { kind: 'frame', frame: { sw1, sw2, sw3, data: buffer.slice(10, total - 1) }, length: total };
}

/** The parts of a read reply; the text is the 256-byte UCS-2 block, the photo WLT-encoded. */
export interface ReadData {
  text: Uint8Array;
  photo: Uint8Array;
  fingerprint?: Uint8Array;
}

/** The expected length of the text block in a read reply. */
export const TEXT_BLOCK_LENGTH = 256;

/** Splits the data of a read reply (30 01, or 30 10 with `withFingerprint`) into its parts. */
export function decodeReadData(data: Uint8Array, withFingerprint: boolean): ReadData {
  const header = withFingerprint ? 6 : 4;
  if (data.length < header) throw new FrameError('shortFrame', 'The read reply is too short to hold its length fields.');
  const textLength = readUint16(data, 0);
  const photoLength = readUint16(data, 2);
  const fingerprintLength = withFingerprint ? readUint16(data, 4) : 0;
  if (textLength !== TEXT_BLOCK_LENGTH) throw new FrameError('badLength', 'The read reply does not hold a text block of the expected size.');
  const expected = header + textLength + photoLength + fingerprintLength;
  if (data.length < expected) throw new FrameError('shortFrame', 'The read reply is shorter than its length fields say.');
  if (data.length > expected) throw new FrameError('badLength', 'The read reply is longer than its length fields say.');
  const photoStart = header + textLength;
  const fingerprintStart = photoStart + photoLength;
  const result: ReadData = {
    text: data.slice(header, photoStart),
    photo: data.slice(photoStart, fingerprintStart),
  };
  if (withFingerprint && fingerprintLength > 0) result.fingerprint = data.slice(fingerprintStart, expected);
  return result;
}

function statusError(sw1: number, sw2: number, sw3: number): FrameError {
  const hex = (n: number) => n.toString(16).padStart(2, '0').toUpperCase();
  const meaning = STATUS_MEANINGS.get(sw3) ?? 'the card reader reported an error';
  return new FrameError('status', `Status ${hex(sw1)} ${hex(sw2)} ${hex(sw3)}: ${meaning}.`, sw3);
}

// Operator-facing meanings of the status codes the SAM documents most often.
const STATUS_MEANINGS: ReadonlyMap<number, string> = new Map([
  [0x10, 'the card reader received a command with a bad checksum'],
  [0x11, 'the card reader received a command with a bad length'],
  [0x21, 'the card reader does not know the command'],
  [0x23, 'the command is not allowed'],
  [0x31, 'the card and the reader could not authenticate each other'],
  [0x32, 'the card and the reader could not authenticate each other'],
  [0x33, 'the card data failed verification'],
  [0x40, 'the card type is not recognised'],
  [0x41, 'the card could not be read'],
  [0x47, 'the card reader could not complete the operation'],
  [0x60, 'the security module failed its self-check'],
  [0x66, 'the security module is not authorised'],
  [0x80, 'no card was found'],
  [0x81, 'the card could not be selected'],
]);

/** Number of leading bytes that cannot start a preamble; a partial preamble at the end is kept. */
function leadingGarbage(buffer: Uint8Array): number {
  for (let start = 0; start < buffer.length; start++) {
    let matches = true;
    for (let i = 0; i < PREAMBLE.length && start + i < buffer.length; i++) {
      if (buffer[start + i] !== PREAMBLE[i]) {
        matches = false;
        break;
      }
    }
    if (matches) return start;
  }
  return buffer.length;
}

function xor(bytes: Uint8Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum ^= bytes[i] ?? 0;
  return sum;
}

function readUint16(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

function checkByte(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new RangeError(`The ${what} must be a byte (0-255).`);
  }
}
