import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The card photo is WLT-compressed and only the reader vendor's licensed library can
 * expand it. The host loads that library (a Node module wrapping it) from a configured
 * path; without one the kiosk still reads cards, it just cannot compare faces.
 * Photos are personal data: nothing here logs them or puts them in an error.
 */

/** Turns the 1,024-byte WLT photo of a card into an image. */
export interface PhotoDecoder {
  /** Resolves with a BMP or JPEG image. */
  decode(wlt: Uint8Array): Promise<Uint8Array>;
}

/** Why the photo decoder could not be loaded or could not decode. */
export type PhotoDecoderErrorCode = 'loadFailed' | 'noDecodeFunction' | 'decodeFailed';

/** A photo decoder failure; the message names the module path at most, never photo bytes. */
export class PhotoDecoderError extends Error {
  override readonly name = 'PhotoDecoderError';

  constructor(
    readonly code: PhotoDecoderErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type DecodeFunction = (wlt: Uint8Array) => unknown;

/**
 * Loads the vendor decoder module at `path` (a Node module exporting `decode`); returns
 * undefined when no path is configured and throws PhotoDecoderError when it cannot be loaded.
 */
export function loadPhotoDecoder(path?: string): PhotoDecoder | undefined {
  if (path === undefined || path.trim() === '') return undefined;
  const absolute = isAbsolute(path) ? path : resolve(path);
  let loaded: unknown;
  try {
    // A require anchored at the module itself, so the host's own bundling never rewrites it.
    loaded = createRequire(pathToFileURL(absolute))(absolute);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : 'unknown error';
    throw new PhotoDecoderError('loadFailed', `The photo decoder at ${absolute} could not be loaded: ${reason}`);
  }
  const decode = findDecode(loaded);
  if (!decode) {
    throw new PhotoDecoderError('noDecodeFunction', `The photo decoder at ${absolute} does not export a decode function.`);
  }
  return { decode: (wlt) => runDecode(decode, wlt) };
}

function findDecode(loaded: unknown): DecodeFunction | undefined {
  if (typeof loaded !== 'object' || loaded === null) return undefined;
  const direct: unknown = Reflect.get(loaded, 'decode');
  if (typeof direct === 'function') return direct as DecodeFunction;
  // An ES module compiled to CommonJS puts its exports under `default`.
  const fallback: unknown = Reflect.get(loaded, 'default');
  if (typeof fallback === 'object' && fallback !== null) {
    const nested: unknown = Reflect.get(fallback, 'decode');
    if (typeof nested === 'function') return nested as DecodeFunction;
  }
  return undefined;
}

async function runDecode(decode: DecodeFunction, wlt: Uint8Array): Promise<Uint8Array> {
  let image: unknown;
  try {
    // A copy, so a vendor library that writes into its input cannot touch the caller's bytes.
    image = await decode(wlt.slice());
  } catch {
    // The vendor's message is dropped: it is not ours to vouch that it holds no photo data.
    throw new PhotoDecoderError('decodeFailed', 'The photo decoder could not decode the card photo.');
  }
  if (!(image instanceof Uint8Array) || image.length === 0) {
    throw new PhotoDecoderError('decodeFailed', 'The photo decoder returned no image.');
  }
  return image;
}

/**
 * Decodes with a time limit and resolves undefined on any failure: the vendor library is
 * outside our control, and a hung or failing decode must not hold up the card read.
 */
export async function decodeOrUndefined(decoder: PhotoDecoder, wlt: Uint8Array, timeoutMs: number): Promise<Uint8Array | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    // Through a then(), so a decoder that throws synchronously is caught like one that rejects.
    const decoded = Promise.resolve()
      .then(() => decoder.decode(wlt))
      .catch(() => undefined);
    return await Promise.race([decoded, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
