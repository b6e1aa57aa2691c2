import iconv from 'iconv-lite';
import { describe, it, expect } from 'vitest';
import {
  EscPos,
  EscPosError,
  QR_MAX_BYTES,
  stripControlChars,
  type Align,
  type QrEcc,
} from '../../../../../electron/host/hardware/escpos';
import { decodeEscPos } from '../../../../fixtures/escpos-decode';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;
const KANJI_ON = [FS, 0x26];
const KANJI_OFF = [FS, 0x2e];

const bytesOf = (p: EscPos): number[] => Array.from(p.bytes());
const gb = (s: string): number[] => Array.from(iconv.encode(s, 'gb18030'));
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const count = (list: string[], name: string): number => list.filter((c) => c === name).length;

function qrBytes(payload: Uint8Array, size: number, eccByte: number): number[] {
  const storeLen = payload.length + 3;
  return [
    ...[GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00],
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, size],
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, eccByte],
    ...[GS, 0x28, 0x6b, storeLen % 256, Math.floor(storeLen / 256), 0x31, 0x50, 0x30],
    ...payload,
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30],
  ];
}

function expectEscPosError(fn: () => unknown, code: EscPosError['code']): EscPosError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(EscPosError);
  const err = caught as EscPosError;
  expect(err.code).toBe(code);
  return err;
}

describe('EscPos command bytes', () => {
  it('starts empty and emits ESC @ for init', () => {
    expect(bytesOf(new EscPos())).toEqual([]);
    expect(bytesOf(new EscPos().init())).toEqual([ESC, 0x40]);
  });

  it('emits ESC a n for each alignment', () => {
    expect(bytesOf(new EscPos().align('left'))).toEqual([ESC, 0x61, 0]);
    expect(bytesOf(new EscPos().align('center'))).toEqual([ESC, 0x61, 1]);
    expect(bytesOf(new EscPos().align('right'))).toEqual([ESC, 0x61, 2]);
  });

  it('emits ESC E 1 / 0 for bold on and off', () => {
    expect(bytesOf(new EscPos().bold(true).bold(false))).toEqual([ESC, 0x45, 1, ESC, 0x45, 0]);
  });

  it('packs width into the high nibble and height into the low nibble of GS ! n', () => {
    for (let w = 1; w <= 8; w++) {
      for (let h = 1; h <= 8; h++) {
        expect(bytesOf(new EscPos().size(w, h))).toEqual([GS, 0x21, (w - 1) * 16 + (h - 1)]);
      }
    }
    expect(bytesOf(new EscPos().size(2, 2))).toEqual([GS, 0x21, 0x11]);
    expect(bytesOf(new EscPos().size(2, 1))).toEqual([GS, 0x21, 0x10]);
  });

  it('emits ESC d n for feed', () => {
    expect(bytesOf(new EscPos().feed(0))).toEqual([ESC, 0x64, 0]);
    expect(bytesOf(new EscPos().feed(4))).toEqual([ESC, 0x64, 4]);
    expect(bytesOf(new EscPos().feed(255))).toEqual([ESC, 0x64, 255]);
  });

  it('emits GS V 66 n for feed-and-partial-cut', () => {
    expect(bytesOf(new EscPos().cut())).toEqual([GS, 0x56, 66, 0]);
    expect(bytesOf(new EscPos().cut(3))).toEqual([GS, 0x56, 66, 3]);
  });

  it('sends printable ASCII as-is without entering Kanji mode', () => {
    const s = 'Ref JN-K01A-7QXZ-3 ~!';
    expect(bytesOf(new EscPos().text(s))).toEqual(ascii(s));
    expect(bytesOf(new EscPos().line(s))).toEqual([...ascii(s), LF]);
    expect(bytesOf(new EscPos().line())).toEqual([LF]);
  });

  it('chains: every method returns the same builder', () => {
    const p = new EscPos();
    expect(p.init().align('center').bold(true).size(1, 1).text('A').line('B').feed(1).qr('C').cut()).toBe(p);
  });
});

describe('EscPos QR code', () => {
  it('emits model 2, module size 6, ECC M, store and print by default', () => {
    const ref = 'JN-K01A-7QXZ-3';
    const expected = qrBytes(new TextEncoder().encode(ref), 6, 49);
    expect(bytesOf(new EscPos().qr(ref))).toEqual(expected);
    // The store block's length is the payload plus cn, fn and m.
    const storeAt = 9 + 8 + 8;
    expect(expected.slice(storeAt + 3, storeAt + 5)).toEqual([ref.length + 3, 0]);
  });

  it('maps module size and each ECC level to fn 67 / fn 69 parameters', () => {
    const levels: QrEcc[] = ['L', 'M', 'Q', 'H'];
    levels.forEach((ecc, index) => {
      const out = bytesOf(new EscPos().qr('X', { size: 16, ecc }));
      expect(out).toEqual(qrBytes(Uint8Array.of(0x58), 16, 48 + index));
    });
    expect(bytesOf(new EscPos().qr('X', { size: 1 }))).toEqual(qrBytes(Uint8Array.of(0x58), 1, 49));
  });

  it('writes pL pH little-endian for a 300-byte payload', () => {
    const data = 'A'.repeat(300);
    const out = bytesOf(new EscPos().qr(data));
    const storeAt = 9 + 8 + 8;
    expect(out.slice(storeAt, storeAt + 8)).toEqual([GS, 0x28, 0x6b, 0x2f, 0x01, 0x31, 0x50, 0x30]);
    expect((out[storeAt + 3] ?? 0) + (out[storeAt + 4] ?? 0) * 256).toBe(300 + 3);
    expect(out.length).toBe(storeAt + 8 + 300 + 8);
    expect(decodeEscPos(Uint8Array.from(out)).qr).toEqual([data]);
  });

  it('accepts exactly the maximum payload and rejects one byte more', () => {
    const max = 'Z'.repeat(QR_MAX_BYTES);
    const out = new EscPos().qr(max).bytes();
    expect(decodeEscPos(out).qr).toEqual([max]);
    const err = expectEscPosError(() => new EscPos().qr(`${max}Z`), 'outOfRange');
    expect(err.message).toContain(String(QR_MAX_BYTES));
  });

  it('counts UTF-8 bytes, not characters, against the limit', () => {
    const chars = Math.ceil((QR_MAX_BYTES + 1) / 3);
    const wide = '受'.repeat(chars);
    expect(wide.length).toBeLessThan(QR_MAX_BYTES);
    expectEscPosError(() => new EscPos().qr(wide), 'outOfRange');
  });

  it('rejects empty data and out-of-range options', () => {
    expectEscPosError(() => new EscPos().qr(''), 'invalidArgument');
    expectEscPosError(() => new EscPos().qr('X', { size: 0 }), 'outOfRange');
    expectEscPosError(() => new EscPos().qr('X', { size: 17 }), 'outOfRange');
    expectEscPosError(() => new EscPos().qr('X', { size: 2.5 }), 'outOfRange');
    expectEscPosError(() => new EscPos().qr('X', { ecc: 'X' as unknown as QrEcc }), 'invalidArgument');
  });

  it('never quotes the payload in an error message', () => {
    const secret = `张三-110101199001011234-${'9'.repeat(QR_MAX_BYTES)}`;
    const err = expectEscPosError(() => new EscPos().qr(secret), 'outOfRange');
    expect(err.message).not.toContain('张三');
    expect(err.message).not.toContain('110101199001011234');
  });
});

describe('EscPos Chinese text', () => {
  const sentence = '您的无犯罪记录证明申请已受理，请妥善保管本凭条。';

  it('wraps GB18030 bytes in FS & … FS .', () => {
    const out = bytesOf(new EscPos().text(sentence));
    expect(out).toEqual([...KANJI_ON, ...gb(sentence), ...KANJI_OFF]);
    // Independent of iconv: 中 is D6 D0 in GB2312/GBK/GB18030 (UTF-8 would be E4 B8 AD).
    expect(bytesOf(new EscPos().text('中'))).toEqual([...KANJI_ON, 0xd6, 0xd0, ...KANJI_OFF]);
  });

  it('round-trips a Chinese sentence through the decoder', () => {
    const decoded = decodeEscPos(new EscPos().init().line(sentence).line('Thank you').bytes());
    expect(decoded.text).toBe(`${sentence}\nThank you\n`);
    expect(decoded.commands).toEqual(['ESC @', 'FS &', 'LF', 'FS .', 'LF']);
  });

  it('prints the yuan sign as U+FFE5, never U+00A5', () => {
    const out = new EscPos().text('费用 ¥30').bytes();
    expect(Array.from(out)).toEqual([...KANJI_ON, ...gb('费用 ￥30'), ...KANJI_OFF]);
    expect(Buffer.from(out).includes(Buffer.from(gb('¥')))).toBe(false);
    expect(decodeEscPos(out).text).toBe('费用 ￥30');
    // A lone ¥ is not ASCII either, so it too goes through Kanji mode and is converted.
    expect(bytesOf(new EscPos().text('¥'))).toEqual([...KANJI_ON, ...gb('￥'), ...KANJI_OFF]);
    expect(gb('￥')).toEqual([0xa3, 0xa4]);
  });

  it('enters Kanji mode once for consecutive Chinese text and leaves it once for ASCII', () => {
    const p = new EscPos().line('受理编号').line('申请人').text('张三').text('ABC').text('李四');
    const out = bytesOf(p);
    expect(out).toEqual([
      ...KANJI_ON,
      ...gb('受理编号'),
      LF,
      ...gb('申请人'),
      LF,
      ...gb('张三'),
      ...KANJI_OFF,
      ...ascii('ABC'),
      ...KANJI_ON,
      ...gb('李四'),
      ...KANJI_OFF,
    ]);
    expect(decodeEscPos(Uint8Array.from(out)).text).toBe('受理编号\n申请人\n张三ABC李四');
  });

  it('does not leave Kanji mode for commands between Chinese text', () => {
    const decoded = decodeEscPos(new EscPos().text('一').bold(true).size(2, 2).feed(1).text('二').bytes());
    expect(count(decoded.commands, 'FS &')).toBe(1);
    expect(count(decoded.commands, 'FS .')).toBe(1);
    expect(decoded.text).toBe('一二');
  });

  it('forgets Kanji mode after init, because ESC @ resets the printer', () => {
    const decoded = decodeEscPos(new EscPos().text('一').init().text('二').bytes());
    expect(decoded.commands).toEqual(['FS &', 'ESC @', 'FS &', 'FS .']);
  });

  it('leaves Kanji mode before cutting', () => {
    const out = bytesOf(new EscPos().text('一').cut());
    expect(out).toEqual([...KANJI_ON, ...gb('一'), ...KANJI_OFF, GS, 0x56, 66, 0]);
  });

  it('closes Kanji mode only in the returned copy, so building can continue', () => {
    const p = new EscPos().text('一');
    const first = bytesOf(p);
    expect(bytesOf(p)).toEqual(first);
    p.text('二');
    expect(bytesOf(p)).toEqual([...KANJI_ON, ...gb('一二'), ...KANJI_OFF]);
  });
});

describe('EscPos text sanitising', () => {
  it('strips C0, DEL and C1 control characters', () => {
    expect(stripControlChars('A\u0000B\u001bC\u007fD\u009bE\tF\nG\rH')).toBe('ABCDEFGH');
    expect(stripControlChars('张三 ok')).toBe('张三 ok');
  });

  it('cannot be made to emit printer commands from ASCII input', () => {
    const hostile = 'Name\u001b@\u001dV\u0042\u0000\u001c&X\nY';
    const out = new EscPos().text(hostile).bytes();
    expect(Array.from(out)).toEqual(ascii('Name@VB&XY'));
    expect(decodeEscPos(out).commands).toEqual([]);
  });

  it('cannot be made to emit printer commands from Chinese input', () => {
    const hostile = '张三\u001bd\u0005\u001d(k\u001c.李四';
    const out = new EscPos().text(hostile).bytes();
    expect(Array.from(out)).toEqual([...KANJI_ON, ...gb('张三d(k.李四'), ...KANJI_OFF]);
    const decoded = decodeEscPos(out);
    expect(decoded.commands).toEqual(['FS &', 'FS .']);
    expect(decoded.text).toBe('张三d(k.李四');
  });

  it('emits nothing for text that is only control characters', () => {
    expect(bytesOf(new EscPos().text('\u001b\u001d\u0000'))).toEqual([]);
    expect(bytesOf(new EscPos().line('\u001b'))).toEqual([LF]);
  });
});

describe('EscPos argument checks', () => {
  it('rejects out-of-range numbers', () => {
    expectEscPosError(() => new EscPos().size(0, 1), 'outOfRange');
    expectEscPosError(() => new EscPos().size(1, 9), 'outOfRange');
    expectEscPosError(() => new EscPos().size(1.5, 1), 'outOfRange');
    expectEscPosError(() => new EscPos().size(Number.NaN, 1), 'outOfRange');
    expectEscPosError(() => new EscPos().feed(-1), 'outOfRange');
    expectEscPosError(() => new EscPos().feed(256), 'outOfRange');
    expectEscPosError(() => new EscPos().cut(256), 'outOfRange');
  });

  it('names the argument and the allowed range', () => {
    const err = expectEscPosError(() => new EscPos().size(9, 1), 'outOfRange');
    expect(err.message).toMatch(/width.*1.*8/);
  });

  it('rejects wrong types coming from untyped callers without echoing them', () => {
    expectEscPosError(() => new EscPos().align('middle' as unknown as Align), 'invalidArgument');
    expectEscPosError(() => new EscPos().align('toString' as unknown as Align), 'invalidArgument');
    expectEscPosError(() => new EscPos().bold(1 as unknown as boolean), 'invalidArgument');
    const err = expectEscPosError(
      () => new EscPos().size('张三' as unknown as number, 1),
      'outOfRange',
    );
    expect(err.message).not.toContain('张三');
    expectEscPosError(() => new EscPos().text(42 as unknown as string), 'invalidArgument');
  });

  it('leaves the job unchanged when a call is rejected', () => {
    const p = new EscPos().init();
    expect(() => p.qr('')).toThrow(EscPosError);
    expect(bytesOf(p)).toEqual([ESC, 0x40]);
  });
});

describe('decodeEscPos strictness', () => {
  it('throws on an unknown ESC, GS or FS sequence', () => {
    expect(() => decodeEscPos(Uint8Array.of(ESC, 0x74, 0))).toThrow(/unknown ESC\/POS sequence/);
    expect(() => decodeEscPos(Uint8Array.of(GS, 0x76, 0x30, 0))).toThrow(/unknown ESC\/POS sequence/);
    expect(() => decodeEscPos(Uint8Array.of(FS, 0x70, 1, 0))).toThrow(/unknown ESC\/POS sequence/);
  });

  it('throws on truncated commands and on bytes outside the expected mode', () => {
    const qr = new EscPos().qr('JN-K01A-7QXZ-3').bytes();
    expect(() => decodeEscPos(qr.subarray(0, qr.length - 12))).toThrow(/truncated/);
    expect(() => decodeEscPos(Uint8Array.from(gb('中')))).toThrow(/outside Kanji mode/);
    expect(() => decodeEscPos(Uint8Array.of(0x41, 0x07))).toThrow(/control byte/);
  });

  it('only reports QR codes that were printed', () => {
    const full = new EscPos().qr('JN-K01A-7QXZ-3').bytes();
    const storeOnly = full.subarray(0, full.length - 8);
    expect(decodeEscPos(storeOnly).qr).toEqual([]);
    expect(decodeEscPos(full).qr).toEqual(['JN-K01A-7QXZ-3']);
  });
});
