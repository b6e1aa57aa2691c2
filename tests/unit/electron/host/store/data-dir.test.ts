import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRotatingFileSink } from '../../../../../electron/host/log/file-sink';
import { DataDirError, prepareDataDir } from '../../../../../electron/host/store/data-dir';
import { DataFolderLockedError, lockDataFolder } from '../../../../../electron/host/store/data-lock';
import { openDatabase } from '../../../../../electron/host/store/db';
import { SimReceiptPrinter } from '../../../../../electron/host/hardware/receipt-printer.sim';
import { testStoreContext } from '../../../../fixtures/sealer';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-dir-'));
  dirs.push(dir);
  return dir;
}
let umask: number | undefined;
afterEach(() => {
  if (umask !== undefined) process.umask(umask);
  umask = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('the data folder', () => {
  it('stops at once with one line for a folder that cannot hold a database (under /proc, a file in the way)', () => {
    // Node's recursive mkdir never returns under /proc: this must not hang.
    expect(() => prepareDataDir('/proc/police-kiosk-test/data')).toThrow(DataDirError);
    expect(() => prepareDataDir('/proc/police-kiosk-test/data')).toThrow(/^The data folder \/proc\/police-kiosk-test\/data cannot hold the kiosk's database: .+ \(set KIOSK_DATA_DIR to a writable folder\)\.$/);
    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, 'x');
    expect(() => prepareDataDir(path.join(file, 'data'))).toThrow(/a file on its path is not a folder/);
  });

  it('keeps the database, its WAL and shm 0600 and the folders 0700, whatever the umask', async () => {
    umask = process.umask(0o000);
    const dataDir = path.join(tempDir(), 'nested', 'data');
    prepareDataDir(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    const file = path.join(dataDir, 'kiosk.db');
    const db = openDatabase(file, testStoreContext());
    db.prepare("INSERT INTO settings (key, value) VALUES ('a', 'b')").run();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
    db.close();
    const sink = createRotatingFileSink({ dir: path.join(dataDir, 'logs') });
    sink.write('line\n');
    sink.close();
    expect(mode(path.join(dataDir, 'logs'))).toBe(0o700);
    expect(mode(path.join(dataDir, 'logs', 'kiosk.log'))).toBe(0o600);
    const printer = new SimReceiptPrinter({ dir: path.join(dataDir, 'sim', 'receipts') });
    expect(await printer.print(new Uint8Array([0x1b, 0x40]))).toMatchObject({ code: 'success' });
    expect(mode(path.join(dataDir, 'sim', 'receipts'))).toBe(0o700);
    expect(mode(path.join(dataDir, 'sim', 'receipts', '1.bin'))).toBe(0o600);
  });

  it('tightens a database and folders left 0644 / 0755 by an older version', () => {
    const dataDir = tempDir();
    fs.chmodSync(dataDir, 0o755);
    const file = path.join(dataDir, 'kiosk.db');
    openDatabase(file, testStoreContext()).close();
    fs.chmodSync(file, 0o644);
    prepareDataDir(dataDir);
    openDatabase(file, testStoreContext()).close();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
  });
});

describe('the data-folder lock', () => {
  it('lets one host hold a folder; a second is refused with one line naming the holder, until the first lets go', () => {
    const dataDir = tempDir();
    const first = lockDataFolder(dataDir);
    expect(() => lockDataFolder(dataDir)).toThrow(DataFolderLockedError);
    expect(() => lockDataFolder(dataDir)).toThrow(new RegExp(`^Another kiosk host \\(process ${process.pid}\\) is already using the data folder `));
    // Another folder is another kiosk.
    lockDataFolder(tempDir()).release();
    first.release();
    lockDataFolder(dataDir).release();
  });
});
