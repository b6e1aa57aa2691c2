import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SealError, Sealer } from '../../../../../electron/host/crypto/sealer';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('Sealer', () => {
  it('seals and opens, with a fresh IV each time', () => {
    const sealer = new Sealer(key('0a1b2c3d'));
    const a = sealer.seal('张伟明 110105198003150012', 'submission:JN-K01A-7QXZ-3');
    const b = sealer.seal('张伟明 110105198003150012', 'submission:JN-K01A-7QXZ-3');
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('110105198003150012'))).toBe(false);
    expect(a.includes(Buffer.from('张伟明'))).toBe(false);
    expect(sealer.open(a, 'submission:JN-K01A-7QXZ-3').toString('utf8')).toBe('张伟明 110105198003150012');
    expect(Sealer.keyIdOf(a)).toBe('0a1b2c3d');
  });

  it('refuses a value moved to another record (different context)', () => {
    const sealer = new Sealer(key('0a1b2c3d'));
    const sealed = sealer.seal('x', 'submission:A');
    expect(() => sealer.open(sealed, 'submission:B')).toThrow(SealError);
  });

  it('detects any flipped bit', () => {
    const sealer = new Sealer(key('0a1b2c3d'));
    const sealed = sealer.seal('a resident answer', 'ctx');
    for (let i = 1 + 8; i < sealed.length; i++) {
      const bad = Buffer.from(sealed);
      bad[i] = bad[i]! ^ 0x01;
      expect(() => sealer.open(bad, 'ctx'), `byte ${i}`).toThrow(SealError);
    }
  });

  it('opens values sealed with an older key, and says so when the key is gone', () => {
    const old = key('11111111');
    const sealedOld = new Sealer(old).seal('old', 'ctx');
    const rotated = new Sealer(key('22222222'), [old]);
    expect(rotated.open(sealedOld, 'ctx').toString()).toBe('old');
    const lost = new Sealer(key('33333333'));
    let error: unknown;
    try {
      lost.open(sealedOld, 'ctx');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SealError);
    expect((error as SealError).code).toBe('unknownKey');
  });

  it('refuses garbage with a format error and bad keys at construction', () => {
    const sealer = new Sealer(key('0a1b2c3d'));
    expect(() => sealer.open(Buffer.from('not sealed'), 'ctx')).toThrow(/not in a known format/);
    expect(() => new Sealer({ id: '0a1b2c3d', key: randomBytes(16) })).toThrow(RangeError);
    expect(() => new Sealer({ id: 'nothex!!', key: randomBytes(32) })).toThrow(RangeError);
  });
});
