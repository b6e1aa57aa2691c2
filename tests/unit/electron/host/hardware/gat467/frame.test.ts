import { describe, it, expect } from 'vitest';
import {
  COMMANDS,
  decodeReadData,
  encodeCommand,
  encodeNamedCommand,
  FrameError,
  MAX_REPLY_LENGTH,
  parseReply,
  type CommandName,
  type FrameErrorCode,
  type ParseResult,
} from '../../../../../../electron/host/hardware/gat467/frame';
import { samReply } from '../../../../../fixtures/gat467-device';

const PRE = [0xaa, 0xaa, 0xaa, 0x96, 0x69];

/** XOR of every byte, computed here from the protocol rather than taken from the module. */
function xorAll(bytes: readonly number[]): number {
  return bytes.reduce((a, b) => a ^ b, 0);
}

function expectedCommand(cmd: number, para: number, data: readonly number[] = []): number[] {
  const len = 2 + data.length + 1;
  const body = [len >> 8, len & 0xff, cmd, para, ...data];
  return [...PRE, ...body, xorAll(body)];
}

function replyBytes(sw: readonly [number, number, number], data: readonly number[] = []): number[] {
  const len = 3 + data.length + 1;
  const body = [len >> 8, len & 0xff, ...sw, ...data];
  return [...PRE, ...body, xorAll(body)];
}

function parse(bytes: readonly number[]): ParseResult {
  return parseReply(Uint8Array.from(bytes));
}

function expectError(result: ParseResult, code: FrameErrorCode, skip: number): FrameError {
  expect(result.kind).toBe('error');
  if (result.kind !== 'error') throw new Error('unreachable');
  expect(result.error).toBeInstanceOf(FrameError);
  expect(result.error.code).toBe(code);
  expect(result.skip).toBe(skip);
  return result.error;
}

describe('encodeCommand', () => {
  const cases: ReadonlyArray<[CommandName, number, number]> = [
    ['resetSam', 0x10, 0xff],
    ['samStatus', 0x11, 0xff],
    ['samId', 0x12, 0xff],
    ['findCard', 0x20, 0x01],
    ['selectCard', 0x20, 0x02],
    ['readTextPhoto', 0x30, 0x01],
    ['readTextPhotoFingerprint', 0x30, 0x10],
  ];

  it.each(cases)('encodes %s as preamble, length 3, command, parameter and XOR checksum', (name, cmd, para) => {
    expect(COMMANDS[name]).toEqual([cmd, para]);
    expect(Array.from(encodeNamedCommand(name))).toEqual(expectedCommand(cmd, para));
  });

  it('matches the find-card and read frames as readers document them', () => {
    expect(Array.from(encodeNamedCommand('findCard'))).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22]);
    expect(Array.from(encodeNamedCommand('readTextPhoto'))).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x30, 0x01, 0x32]);
    expect(Array.from(encodeNamedCommand('samStatus'))).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x11, 0xff, 0xed]);
  });

  it('counts data in the length and the checksum', () => {
    const data = [0x01, 0x02, 0xfe, 0x80, 0x00];
    expect(Array.from(encodeCommand(0x61, 0xff, Uint8Array.from(data)))).toEqual(expectedCommand(0x61, 0xff, data));
  });

  it('puts lengths above 255 in two big-endian bytes', () => {
    const data = Array.from({ length: 300 }, (_, i) => i & 0xff);
    const frame = encodeCommand(0x01, 0x02, Uint8Array.from(data));
    expect([frame[5], frame[6]]).toEqual([0x01, 0x2f]);
    expect(Array.from(frame)).toEqual(expectedCommand(0x01, 0x02, data));
  });

  it('refuses command and parameter values that are not bytes', () => {
    expect(() => encodeCommand(256, 0)).toThrow(RangeError);
    expect(() => encodeCommand(0, -1)).toThrow(RangeError);
    expect(() => encodeCommand(1.5, 0)).toThrow(RangeError);
  });

  it('refuses data too long for the two-byte length', () => {
    expect(() => encodeCommand(0x01, 0x02, new Uint8Array(0xffff))).toThrow(FrameError);
  });
});

describe('parseReply', () => {
  it('parses a SAM status success with no data', () => {
    const bytes = [0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, 0x90, 0x94];
    const result = parse(bytes);
    expect(result).toEqual({ kind: 'frame', frame: { sw1: 0, sw2: 0, sw3: 0x90, data: new Uint8Array(0) }, length: 11 });
  });

  it('parses a find-card success and returns its data', () => {
    const result = parse(replyBytes([0, 0, 0x9f], [0, 0, 0, 0]));
    expect(result.kind).toBe('frame');
    if (result.kind !== 'frame') return;
    expect(result.frame.sw3).toBe(0x9f);
    expect(Array.from(result.frame.data)).toEqual([0, 0, 0, 0]);
    expect(result.length).toBe(15);
  });

  it('agrees with the fake device about reply framing', () => {
    const data = Array.from({ length: 700 }, (_, i) => (i * 31) & 0xff);
    expect(Array.from(samReply(0x90, data))).toEqual(replyBytes([0, 0, 0x90], data));
  });

  it('says incomplete for every proper prefix of a frame', () => {
    const bytes = replyBytes([0, 0, 0x90], [1, 2, 3, 4, 5, 6, 7]);
    for (let n = 0; n < bytes.length; n++) {
      expect(parse(bytes.slice(0, n))).toEqual({ kind: 'incomplete' });
    }
    expect(parse(bytes).kind).toBe('frame');
  });

  it('parses the first of two frames and leaves the second', () => {
    const first = replyBytes([0, 0, 0x9f], [0, 0, 0, 0]);
    const second = replyBytes([0, 0, 0x90], [9, 8]);
    const result = parse([...first, ...second]);
    expect(result.kind === 'frame' && result.length).toBe(first.length);
    const rest = parse(second);
    expect(rest.kind === 'frame' && Array.from(rest.frame.data)).toEqual([9, 8]);
  });

  it.each([
    [0x80, 'no card'],
    [0x81, 'selected'],
    [0x41, 'read'],
    [0x10, 'checksum'],
    [0x21, 'command'],
    [0x33, 'verification'],
    [0xee, 'error'],
  ])('reports status %i as a status error carrying SW3 and consuming the whole frame', (sw3, words) => {
    const bytes = replyBytes([0, 0, sw3]);
    const error = expectError(parse(bytes), 'status', bytes.length);
    expect(error.sw3).toBe(sw3);
    expect(error.message).toContain(words);
  });

  it('treats non-zero SW1 or SW2 as a status error even with a success SW3', () => {
    expectError(parse(replyBytes([0x01, 0, 0x90])), 'status', 11);
    expectError(parse(replyBytes([0, 0x62, 0x90])), 'status', 11);
  });

  it('reports a bad checksum and skips only the preamble, so a frame inside can still be found', () => {
    const bytes = replyBytes([0, 0, 0x90], [1, 2, 3]);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
    expectError(parse(bytes), 'badChecksum', 5);
  });

  it('reports a bad checksum when a data byte is flipped', () => {
    const bytes = replyBytes([0, 0, 0x90], [1, 2, 3]);
    bytes[11] = (bytes[11] ?? 0) ^ 0x40;
    expectError(parse(bytes), 'badChecksum', 5);
  });

  it('reports a length too small for a status and checksum as a short frame', () => {
    for (const len of [0, 1, 2, 3]) {
      expectError(parse([...PRE, 0x00, len, 0x00, 0x00, 0x00]), 'shortFrame', 5);
    }
  });

  it('reports a length larger than any reply as bad without waiting for the bytes', () => {
    const over = MAX_REPLY_LENGTH + 1;
    expectError(parse([...PRE, over >> 8, over & 0xff]), 'badLength', 5);
    expectError(parse([...PRE, 0xff, 0xff]), 'badLength', 5);
  });

  it('waits for the bytes of a frame at the largest accepted length', () => {
    expect(parse([...PRE, MAX_REPLY_LENGTH >> 8, MAX_REPLY_LENGTH & 0xff, 0, 0, 0x90])).toEqual({ kind: 'incomplete' });
  });

  it('skips garbage up to the next preamble', () => {
    const frame = replyBytes([0, 0, 0x90], [7]);
    const error = expectError(parse([0x01, 0x02, 0x03, ...frame]), 'badPreamble', 3);
    expect(error.message).not.toMatch(/\d{2}/);
    expect(parse(frame).kind).toBe('frame');
  });

  it('skips partial preambles inside garbage', () => {
    const frame = replyBytes([0, 0, 0x90]);
    const garbage = [0xaa, 0xaa, 0x96, 0x69, 0xaa, 0xaa, 0xaa, 0x96, 0x00, 0xaa];
    expectError(parse([...garbage, ...frame]), 'badPreamble', garbage.length);
  });

  it('keeps a partial preamble at the end of the buffer for the next chunk', () => {
    expectError(parse([0x01, 0xaa, 0xaa, 0xaa]), 'badPreamble', 1);
    expect(parse([0xaa, 0xaa, 0xaa])).toEqual({ kind: 'incomplete' });
    expect(parse([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00])).toEqual({ kind: 'incomplete' });
  });

  it('drops a buffer of pure garbage whole', () => {
    expectError(parse([0x00, 0x11, 0x22, 0x33]), 'badPreamble', 4);
  });

  it('resynchronises after garbage and a false preamble in a stream', () => {
    const good = replyBytes([0, 0, 0x90], [0x42, 0x43]);
    const falseStart = [...PRE, 0x00, 0x01];
    let buffer = Uint8Array.from([0x13, 0x37, ...falseStart, 0xaa, 0x96, ...good]);
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      const result = parseReply(buffer);
      if (result.kind === 'incomplete') break;
      if (result.kind === 'frame') {
        seen.push(`frame:${Array.from(result.frame.data).join(',')}`);
        buffer = buffer.subarray(result.length);
      } else {
        seen.push(result.error.code);
        buffer = buffer.subarray(result.skip);
      }
    }
    expect(seen).toEqual(['badPreamble', 'shortFrame', 'badPreamble', 'frame:66,67']);
    expect(buffer.length).toBe(0);
  });
});

describe('decodeReadData', () => {
  const text = Array.from({ length: 256 }, (_, i) => i & 0xff);
  const photo = Array.from({ length: 1024 }, (_, i) => (i * 7) & 0xff);

  it('splits text and photo using the big-endian length fields', () => {
    const parts = decodeReadData(Uint8Array.from([0x01, 0x00, 0x04, 0x00, ...text, ...photo]), false);
    expect(Array.from(parts.text)).toEqual(text);
    expect(Array.from(parts.photo)).toEqual(photo);
    expect(parts.fingerprint).toBeUndefined();
  });

  it('splits text, photo and fingerprint for the 30 10 reply', () => {
    const fingerprint = Array.from({ length: 1024 }, (_, i) => (i * 3 + 1) & 0xff);
    const parts = decodeReadData(Uint8Array.from([0x01, 0x00, 0x04, 0x00, 0x04, 0x00, ...text, ...photo, ...fingerprint]), true);
    expect(Array.from(parts.text)).toEqual(text);
    expect(Array.from(parts.photo)).toEqual(photo);
    expect(Array.from(parts.fingerprint ?? [])).toEqual(fingerprint);
  });

  it('leaves out an empty fingerprint', () => {
    const parts = decodeReadData(Uint8Array.from([0x01, 0x00, 0x04, 0x00, 0x00, 0x00, ...text, ...photo]), true);
    expect(parts.fingerprint).toBeUndefined();
  });

  it('refuses data shorter than its lengths, longer than them, or with a wrong text size', () => {
    const expectCode = (bytes: number[], code: FrameErrorCode) => {
      let caught: unknown;
      try {
        decodeReadData(Uint8Array.from(bytes), false);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(FrameError);
      expect((caught as FrameError).code).toBe(code);
    };
    expectCode([0x01], 'shortFrame');
    expectCode([0x01, 0x00, 0x04, 0x00, ...text, ...photo.slice(1)], 'shortFrame');
    expectCode([0x01, 0x00, 0x04, 0x00, ...text, ...photo, 0x00], 'badLength');
    expectCode([0x00, 0xff, 0x04, 0x00, ...text.slice(1), ...photo], 'badLength');
  });
});
