import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, it, expect } from 'vitest';
import {
  loadPhotoDecoder,
  PhotoDecoderError,
  type PhotoDecoderErrorCode,
} from '../../../../../../electron/host/hardware/gat467/photo-decoder';
import { fakeWlt } from '../../../../../fixtures/gat467-device';

// Stand-ins for the vendor's licensed WLT library: tiny CommonJS modules in a temp folder.
const dir = mkdtempSync(join(tmpdir(), 'gat467-decoder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function moduleWith(source: string): string {
  counter += 1;
  const path = join(dir, `decoder-${counter}.js`);
  writeFileSync(path, source);
  return path;
}

// A "decoder" that returns a BMP-like header followed by the sum of the input, so the test
// can tell that it saw the bytes it was given.
const WORKING = `
module.exports = {
  decode: async (wlt) => {
    let sum = 0;
    for (const b of wlt) sum = (sum + b) % 256;
    wlt[0] = 0xff;
    return new Uint8Array([0x42, 0x4d, wlt.length >> 8, wlt.length & 0xff, sum]);
  },
};`;

function expectLoadError(path: string, code: PhotoDecoderErrorCode): PhotoDecoderError {
  let caught: unknown;
  try {
    loadPhotoDecoder(path);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PhotoDecoderError);
  expect((caught as PhotoDecoderError).code).toBe(code);
  return caught as PhotoDecoderError;
}

async function expectDecodeError(promise: Promise<unknown>): Promise<PhotoDecoderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PhotoDecoderError);
  expect((error as PhotoDecoderError).code).toBe('decodeFailed');
  return error as PhotoDecoderError;
}

describe('loadPhotoDecoder', () => {
  it('returns undefined when no decoder is configured', () => {
    expect(loadPhotoDecoder()).toBeUndefined();
    expect(loadPhotoDecoder('')).toBeUndefined();
    expect(loadPhotoDecoder('   ')).toBeUndefined();
  });

  it('loads a module exporting decode and passes it a copy of the photo', async () => {
    const decoder = loadPhotoDecoder(moduleWith(WORKING));
    expect(decoder).toBeDefined();
    const wlt = fakeWlt(3);
    const sum = wlt.reduce((a, b) => (a + b) % 256, 0);
    const image = await decoder!.decode(wlt);
    expect(Array.from(image)).toEqual([0x42, 0x4d, 0x04, 0x00, sum]);
    // The module wrote into its input; the caller's bytes are untouched.
    expect(wlt[0]).toBe(fakeWlt(3)[0]);
  });

  it('finds decode under default, as an ES module compiled to CommonJS exports it', async () => {
    const decoder = loadPhotoDecoder(moduleWith('exports.default = { decode: (w) => new Uint8Array([w.length & 0xff, 1]) };'));
    expect(Array.from(await decoder!.decode(new Uint8Array(1024)))).toEqual([0, 1]);
  });

  it('resolves a relative path against the working folder', async () => {
    const decoder = loadPhotoDecoder(relative(process.cwd(), moduleWith(WORKING)));
    expect((await decoder!.decode(new Uint8Array(4)))[0]).toBe(0x42);
  });

  it('throws loadFailed for a missing module, naming the path', () => {
    const missing = join(dir, 'no-such-decoder.js');
    const error = expectLoadError(missing, 'loadFailed');
    expect(error.message).toContain(missing);
  });

  it('throws loadFailed for a module that fails while loading', () => {
    expectLoadError(moduleWith('throw new Error("licence file missing");'), 'loadFailed');
  });

  it('throws noDecodeFunction for a module without decode', () => {
    expectLoadError(moduleWith('module.exports = { decrypt: () => null };'), 'noDecodeFunction');
    expectLoadError(moduleWith('module.exports = 42;'), 'noDecodeFunction');
  });

  it('turns a throwing decode into decodeFailed without passing on the vendor message', async () => {
    const decoder = loadPhotoDecoder(moduleWith('exports.decode = () => { throw new Error("pixel dump 0xAB 0xCD"); };'));
    const error = await expectDecodeError(decoder!.decode(fakeWlt()));
    expect(error.message).not.toContain('pixel');
    expect(error.cause).toBeUndefined();
  });

  it('turns a rejecting decode into decodeFailed', async () => {
    const decoder = loadPhotoDecoder(moduleWith('exports.decode = async () => { throw new Error("bad wlt"); };'));
    await expectDecodeError(decoder!.decode(fakeWlt()));
  });

  it.each([
    ['a string', '"BMP"'],
    ['an empty image', 'new Uint8Array(0)'],
    ['nothing', 'undefined'],
  ])('refuses a decode that returns %s', async (_, value) => {
    const decoder = loadPhotoDecoder(moduleWith(`exports.decode = () => ${value};`));
    await expectDecodeError(decoder!.decode(fakeWlt()));
  });
});
