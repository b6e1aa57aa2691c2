/** The format and the sample data of a PCM WAV file. */
export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Bytes of one sample across all channels. */
  blockAlign: number;
  /** Where the samples start in the file. */
  dataOffset: number;
  /** Bytes of whole sample frames present in the file (a streamed header may declare more). */
  dataBytes: number;
}

const PCM = 1;
const HEADER = 12;

function tag(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
}

/**
 * Reads a RIFF/WAVE header with a PCM `fmt ` chunk and a non-empty `data` chunk; undefined for
 * anything else. A data chunk declared longer than the file (as streamed output is) counts the
 * bytes present.
 */
export function parseWavHeader(bytes: Uint8Array): WavInfo | undefined {
  if (bytes.length < HEADER || tag(bytes, 0) !== 'RIFF' || tag(bytes, 8) !== 'WAVE') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: Omit<WavInfo, 'dataOffset' | 'dataBytes'> | undefined;
  for (let at = HEADER; at + 8 <= bytes.length; ) {
    const id = tag(bytes, at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'data') {
      // A streamed WAV (espeak-ng --stdout cannot seek back to fill in the sizes) declares a
      // huge data size; only this chunk may run past the end of the file.
      if (!fmt) return undefined;
      const present = Math.min(size, bytes.length - body);
      const dataBytes = present - (present % fmt.blockAlign);
      return dataBytes > 0 ? { ...fmt, dataOffset: body, dataBytes } : undefined;
    }
    if (body + size > bytes.length) return undefined;
    if (id === 'fmt ') {
      if (size < 16 || view.getUint16(body, true) !== PCM) return undefined;
      const channels = view.getUint16(body + 2, true);
      const sampleRate = view.getUint32(body + 4, true);
      const blockAlign = view.getUint16(body + 12, true);
      const bitsPerSample = view.getUint16(body + 14, true);
      const validBits = bitsPerSample === 8 || bitsPerSample === 16 || bitsPerSample === 24 || bitsPerSample === 32;
      if (channels < 1 || channels > 8 || sampleRate < 1000 || sampleRate > 384_000 || !validBits) return undefined;
      if (blockAlign !== (channels * bitsPerSample) / 8) return undefined;
      fmt = { sampleRate, channels, bitsPerSample, blockAlign };
    }
    at = body + size + (size % 2);
  }
  return undefined;
}

/**
 * A copy of a valid WAV cut after its last whole sample frame, with the RIFF and data sizes
 * set to what is there, so that players that trust the header stop at the end of the speech.
 */
export function finishWav(bytes: Uint8Array, info: WavInfo): Uint8Array<ArrayBuffer> {
  // A plain copy even of a Buffer, whose slice() would share memory (and its pool).
  const out = new Uint8Array(bytes.subarray(0, info.dataOffset + info.dataBytes));
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint32(4, out.length - 8, true);
  view.setUint32(info.dataOffset - 4, info.dataBytes, true);
  return out;
}
