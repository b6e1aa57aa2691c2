import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** One file of an archive: a name (ASCII, under 100 bytes) and its bytes. */
export interface ArchiveFile {
  name: string;
  data: Buffer;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(file: ArchiveFile, mtimeS: number): Buffer {
  if (!/^[\x21-\x7e]{1,99}$/.test(file.name)) throw new Error('An archive name must be 1-99 printable ASCII characters.');
  const h = Buffer.alloc(BLOCK, 0);
  h.write(file.name, 0, 'ascii');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(file.data.length, 12), 124, 'ascii');
  h.write(octal(mtimeS, 12), 136, 'ascii');
  // The checksum is summed with its own field as eight spaces.
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** A POSIX ustar archive of regular files, gzipped off the host's thread: what `tar -xzf` opens on any laptop. */
export async function tarGz(files: readonly ArchiveFile[], mtime: number): Promise<Buffer> {
  const mtimeS = Math.floor(mtime / 1000);
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(header(file, mtimeS), file.data);
    const pad = (BLOCK - (file.data.length % BLOCK)) % BLOCK;
    if (pad) parts.push(Buffer.alloc(pad, 0));
  }
  // Two empty blocks end the archive.
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return gzipAsync(Buffer.concat(parts));
}
