import fs from 'node:fs';
import path from 'node:path';
import { makePrivateDir } from '../store/data-dir';

/**
 * Appends log lines to `<dir>/kiosk.log`, rotating to kiosk.log.1 … .N (`maxFiles` of them) when the file
 * passes `maxBytes`, so a kiosk that runs for years never fills its disk with logs.
 */
export function createRotatingFileSink(opts: { dir: string; maxBytes?: number; maxFiles?: number }): { write: (line: string) => void; close: () => void } {
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  const maxFiles = opts.maxFiles ?? 5;
  makePrivateDir(opts.dir);
  const file = path.join(opts.dir, 'kiosk.log');
  let fd = fs.openSync(file, 'a', 0o600);
  fs.fchmodSync(fd, 0o600);
  let size = fs.fstatSync(fd).size;

  const rotate = () => {
    fs.closeSync(fd);
    // The oldest goes first, then each moves up one: kiosk.log.1 is always the newest.
    if (fs.existsSync(`${file}.${maxFiles}`)) fs.rmSync(`${file}.${maxFiles}`);
    for (let i = maxFiles - 1; i >= 1; i--) {
      const from = `${file}.${i}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${file}.${i + 1}`);
    }
    fs.renameSync(file, `${file}.1`);
    fd = fs.openSync(file, 'a', 0o600);
    fs.fchmodSync(fd, 0o600);
    size = 0;
  };

  return {
    write(line) {
      const bytes = Buffer.from(line, 'utf8');
      if (size > 0 && size + bytes.length > maxBytes) rotate();
      fs.writeSync(fd, bytes);
      size += bytes.length;
    },
    close() {
      fs.closeSync(fd);
    },
  };
}
