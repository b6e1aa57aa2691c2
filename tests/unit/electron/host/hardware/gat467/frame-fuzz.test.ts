import { describe, it, expect } from 'vitest';
import { MAX_REPLY_LENGTH, parseReply } from '../../../../../../electron/host/hardware/gat467/frame';
import { prng } from '../../../../../fixtures/prng';

// Fuzzing of the streaming reply parser. The default seed is fixed so CI is reproducible;
// set GAT467_FUZZ_SEED to explore others. Every failure message carries the seed.

const PRE = [0xaa, 0xaa, 0xaa, 0x96, 0x69];
const SEED = Number(process.env['GAT467_FUZZ_SEED'] ?? 0x5eed467);
const FRAMES = 100_000;
const SESSION = 250;


class Fuzz {
  constructor(readonly random: () => number) {}
  int(max: number): number {
    return Math.floor(this.random() * max);
  }
  byte(): number {
    return this.int(256);
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.byte();
    return out;
  }
}

function validReply(f: Fuzz): Uint8Array {
  const statuses = [0x90, 0x90, 0x9f, 0x80, 0x81, 0x41, 0x10, f.byte()];
  const sw3 = statuses[f.int(statuses.length)] ?? 0x90;
  const roll = f.random();
  // Mostly short replies like find and select, some the size of a card read, a few of any size.
  const dataLength = roll < 0.94 ? f.int(40) : roll < 0.99 ? 1284 : f.int(MAX_REPLY_LENGTH - 3);
  const len = 3 + dataLength + 1;
  const frame = new Uint8Array(7 + len);
  frame.set(PRE);
  frame.set([len >> 8, len & 0xff, 0, 0, sw3], 5);
  frame.set(f.bytes(dataLength), 10);
  let check = 0;
  for (let i = 5; i < frame.length - 1; i++) check ^= frame[i] ?? 0;
  frame[frame.length - 1] = check;
  return frame;
}

function concat(...parts: ArrayLike<number>[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Returns the bytes to feed for one frame: valid, mutated, or pure noise. */
function nextPiece(f: Fuzz): { bytes: Uint8Array; pristine: boolean } {
  const frame = validReply(f);
  const kind = f.int(9);
  switch (kind) {
    case 0:
    case 1:
      return { bytes: frame, pristine: true };
    case 2: {
      for (let flips = 1 + f.int(3); flips > 0; flips--) {
        const i = f.int(frame.length);
        frame[i] = (frame[i] ?? 0) ^ (1 << f.int(8));
      }
      return { bytes: frame, pristine: false };
    }
    case 3:
      return { bytes: frame.subarray(0, f.int(frame.length)), pristine: false };
    case 4:
      return { bytes: concat(frame, f.bytes(1 + f.int(20))), pristine: false };
    case 5: {
      frame[5] = f.int(4) === 0 ? 0 : f.byte() & 0x1f;
      frame[6] = f.byte();
      return { bytes: frame, pristine: false };
    }
    case 6:
      return { bytes: f.bytes(f.int(64)), pristine: false };
    case 7: {
      // Noise made of preamble bytes, the hardest case for resynchronisation.
      const alphabet = [0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, f.byte()];
      return { bytes: Uint8Array.from({ length: f.int(48) }, () => alphabet[f.int(alphabet.length)] ?? 0), pristine: false };
    }
    default:
      return { bytes: concat(PRE.slice(0, 1 + f.int(4)), frame), pristine: false };
  }
}

/** A growable byte queue, so feeding tiny chunks stays linear. */
class Stream {
  private buf = new Uint8Array(8192);
  private start = 0;
  private end = 0;
  push(chunk: Uint8Array): void {
    if (this.end + chunk.length > this.buf.length) {
      const live = this.end - this.start;
      const next = new Uint8Array(Math.max(this.buf.length, (live + chunk.length) * 2));
      next.set(this.buf.subarray(this.start, this.end));
      this.buf = next;
      this.start = 0;
      this.end = live;
    }
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
  }
  view(): Uint8Array {
    return this.buf.subarray(this.start, this.end);
  }
  consume(n: number): void {
    this.start += n;
  }
}

function checkFrameBytes(bytes: Uint8Array): string | null {
  if (PRE.some((b, i) => bytes[i] !== b)) return 'accepted frame without preamble';
  const len = ((bytes[5] ?? 0) << 8) | (bytes[6] ?? 0);
  if (len + 7 !== bytes.length) return 'accepted frame length disagrees with its length field';
  let check = 0;
  for (let i = 5; i < bytes.length - 1; i++) check ^= bytes[i] ?? 0;
  if (check !== bytes[bytes.length - 1]) return 'accepted frame with a bad checksum';
  return null;
}

interface Stats {
  frames: number;
  accepted: number;
  pristine: number;
  bytes: number;
  calls: number;
}

function runFuzz(seed: number, frames: number): Stats {
  const f = new Fuzz(prng(seed));
  const stats: Stats = { frames: 0, accepted: 0, pristine: 0, bytes: 0, calls: 0 };
  const sentinel = Uint8Array.from([...PRE, 0x00, 0x0c, 0x00, 0x00, 0x90, 0x53, 0x45, 0x4e, 0x54, 0x49, 0x4e, 0x45, 0x4c, 0]);
  sentinel[sentinel.length - 1] = sentinel.slice(5, -1).reduce((a, b) => a ^ b, 0);
  const fail = (why: string): never => {
    throw new Error(`${why} (seed ${seed}; rerun with GAT467_FUZZ_SEED=${seed})`);
  };

  while (stats.frames < frames) {
    const stream = new Stream();
    // An object, because TypeScript does not see assignments made inside `feed`.
    const last: { frame: Uint8Array | null } = { frame: null };
    let chunks = 0;
    let fed = 0;
    let calls = 0;
    const feed = (bytes: Uint8Array): void => {
      const tiny = f.int(4) === 0;
      for (let i = 0; i < bytes.length; ) {
        const size = 1 + (tiny ? f.int(4) : f.int(300));
        stream.push(bytes.subarray(i, i + size));
        i += size;
        chunks += 1;
        for (;;) {
          calls += 1;
          if (calls > fed + bytes.length + chunks + 1) fail('parser made no progress');
          const view = stream.view();
          let result: ReturnType<typeof parseReply>;
          try {
            result = parseReply(view);
          } catch (error) {
            return fail(`parseReply threw: ${String(error)}`);
          }
          if (result.kind === 'incomplete') break;
          const used = result.kind === 'frame' ? result.length : result.skip;
          if (!Number.isInteger(used) || used < 1 || used > view.length) fail(`consumed ${used} of ${view.length} bytes`);
          if (result.kind === 'frame' || result.error.code === 'status') {
            const whole = view.slice(0, used);
            const problem = checkFrameBytes(whole);
            if (problem) fail(problem);
            if (result.kind === 'frame' && !whole.subarray(10, -1).every((b, k) => b === result.frame.data[k])) {
              fail('frame data differs from the bytes on the wire');
            }
            last.frame = whole;
            stats.accepted += 1;
          }
          stream.consume(used);
        }
      }
      fed += bytes.length;
    };

    for (let n = 0; n < SESSION && stats.frames < frames; n++) {
      const piece = nextPiece(f);
      if (piece.pristine) stats.pristine += 1;
      stats.frames += 1;
      feed(piece.bytes);
    }
    // Enough filler to complete any frame the parser may be waiting on, then a known frame:
    // the parser must always find its way back to it.
    feed(new Uint8Array(MAX_REPLY_LENGTH + 7));
    feed(sentinel);
    if (!last.frame || !sentinelMatches(last.frame, sentinel)) fail('did not resynchronise onto the sentinel frame');
    if (stream.view().length !== 0) fail('bytes left over after the sentinel frame');
    stats.bytes += fed;
    stats.calls += calls;
  }
  return stats;
}

function sentinelMatches(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

describe('parseReply under fuzzing', () => {
  it(`survives ${FRAMES} random and mutated frames in random chunkings`, () => {
    const started = performance.now();
    const stats = runFuzz(SEED, FRAMES);
    const seconds = (performance.now() - started) / 1000;
    // Shown in the test output, so the numbers in reports come from a real run.
    console.info(
      `gat467 fuzz seed=${SEED} frames=${stats.frames} pristine=${stats.pristine} accepted=${stats.accepted} ` +
        `bytes=${stats.bytes} parseCalls=${stats.calls} time=${seconds.toFixed(2)}s`,
    );
    expect(stats.frames).toBeGreaterThanOrEqual(100_000);
    // Pristine frames can be swallowed by a truncated one before them, but most must come through.
    expect(stats.accepted).toBeGreaterThan(stats.pristine * 0.5);
  });

  it('delivers every frame of a clean stream, in order, whatever the chunking', () => {
    for (let round = 0; round < 200; round++) {
      const f = new Fuzz(prng(SEED + round));
      const frames = Array.from({ length: 25 }, () => validReply(f));
      const stream = new Stream();
      const got: number[][] = [];
      const all = concat(...frames);
      for (let i = 0; i < all.length; ) {
        const size = 1 + f.int(f.int(2) === 0 ? 3 : 500);
        stream.push(all.subarray(i, i + size));
        i += size;
        for (let guard = 0; guard < 100; guard++) {
          const result = parseReply(stream.view());
          if (result.kind === 'incomplete') break;
          const used = result.kind === 'frame' ? result.length : result.skip;
          if (result.kind === 'error' && result.error.code !== 'status') {
            throw new Error(`clean stream gave ${result.error.code} (seed ${SEED + round})`);
          }
          got.push(Array.from(stream.view().slice(0, used)));
          stream.consume(used);
        }
      }
      expect(got, `seed ${SEED + round}`).toEqual(frames.map((frame) => Array.from(frame)));
    }
  });
});
