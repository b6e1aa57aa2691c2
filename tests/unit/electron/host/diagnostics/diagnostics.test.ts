import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blankPersonal, dropPersonalLines } from '../../../../../electron/host/diagnostics/bundle';
import { failureOf } from '../../../../../electron/host/diagnostics/diagnostics';
import { tarGz } from '../../../../../electron/host/diagnostics/tar';
import { findDrives } from '../../../../../electron/host/diagnostics/usb-drives';

const dirs: string[] = [];
const temp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-diag-unit-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('tarGz', () => {
  it('makes an archive the system tar unpacks byte for byte', async () => {
    const dir = temp();
    const big = Buffer.alloc(1500, 7);
    const archive = await tarGz([{ name: 'b/one.txt', data: Buffer.from('one\n') }, { name: 'b/big.bin', data: big }, { name: 'b/empty', data: Buffer.alloc(0) }], Date.UTC(2026, 0, 1));
    fs.writeFileSync(path.join(dir, 'a.tar.gz'), archive);
    expect(execFileSync('tar', ['-tzf', path.join(dir, 'a.tar.gz')], { encoding: 'utf8' }).trim().split('\n')).toEqual(['b/one.txt', 'b/big.bin', 'b/empty']);
    execFileSync('tar', ['-xzf', path.join(dir, 'a.tar.gz'), '-C', dir]);
    expect(fs.readFileSync(path.join(dir, 'b/one.txt'), 'utf8')).toBe('one\n');
    expect(fs.readFileSync(path.join(dir, 'b/big.bin')).equals(big)).toBe(true);
    expect(fs.statSync(path.join(dir, 'b/empty')).size).toBe(0);
  });

  it('refuses a name tar could not hold as given', async () => {
    await expect(tarGz([{ name: 'x'.repeat(100), data: Buffer.alloc(0) }], 0)).rejects.toThrow(/99/);
    await expect(tarGz([{ name: '名字', data: Buffer.alloc(0) }], 0)).rejects.toThrow(/ASCII/);
  });
});

describe('the scrub', () => {
  it('drops every line the logger would redact: ID numbers (18 digits, 17 + X, 15) and mobile numbers', () => {
    const text = ['{"event":"ok","at":1764816000000}', '{"id":"110105198003150012"}', '{"id":"11010519800315001X"}', '{"old":"110105800315001"}', '{"p":"13912345678"}', '{"event":"also ok"}'].join('\n');
    expect(dropPersonalLines(text)).toEqual({ text: '{"event":"ok","at":1764816000000}\n{"event":"also ok"}', dropped: 4 });
  });

  it('blanks such strings, keys included, in the JSON parts', () => {
    expect(blankPersonal({ a: 'JN-K01A', b: ['13912345678'], '110105198003150012': 1, n: 5 })).toEqual({ a: 'JN-K01A', b: ['[redacted]'], '[redacted]': 1, n: 5 });
  });
});

describe('failureOf', () => {
  it('names write errors by what staff can do about them', () => {
    const e = (code: string) => Object.assign(new Error(code), { code });
    expect(failureOf(e('ENOSPC'))).toBe('full');
    expect(failureOf(e('EROFS'))).toBe('readOnly');
    expect(failureOf(e('EACCES'))).toBe('readOnly');
    expect(failureOf(e('ENOENT'))).toBe('removed');
    expect(failureOf(e('EIO'))).toBe('removed');
    expect(failureOf(e('EBUSY'))).toBe('writeFailed');
    expect(failureOf('nope')).toBe('writeFailed');
  });
});

describe('findDrives', () => {
  it('reads the mount table: removable or USB devices under /media and /run/media only', () => {
    const dir = temp();
    const sys = path.join(dir, 'sys');
    // sdb: a USB stick (its device path goes through a usb bus); sdc: a removable SD card; sda: the system disk.
    const devices = path.join(dir, 'devices');
    fs.mkdirSync(path.join(devices, 'pci0000:00/usb2/2-1/host6/block/sdb/sdb1'), { recursive: true });
    fs.mkdirSync(path.join(devices, 'platform/mmc/block/sdc/sdc1'), { recursive: true });
    fs.writeFileSync(path.join(devices, 'platform/mmc/block/sdc/removable'), '1\n');
    fs.mkdirSync(path.join(devices, 'pci0000:00/ata1/block/sda/sda1'), { recursive: true });
    fs.writeFileSync(path.join(devices, 'pci0000:00/ata1/block/sda/removable'), '0\n');
    fs.mkdirSync(sys);
    fs.symlinkSync(path.join(devices, 'pci0000:00/usb2/2-1/host6/block/sdb/sdb1'), path.join(sys, 'sdb1'));
    fs.symlinkSync(path.join(devices, 'platform/mmc/block/sdc/sdc1'), path.join(sys, 'sdc1'));
    fs.symlinkSync(path.join(devices, 'pci0000:00/ata1/block/sda/sda1'), path.join(sys, 'sda1'));
    const mounts = path.join(dir, 'mounts');
    fs.writeFileSync(
      mounts,
      [
        '/dev/sda1 / ext4 rw 0 0',
        '/dev/sda1 /media/kiosk/BACKUP ext4 rw 0 0',
        '/dev/sdb1 /media/kiosk/MY\\040STICK vfat rw 0 0',
        '/dev/sdc1 /run/media/kiosk/SD vfat rw 0 0',
        '/dev/sdb1 /mnt/elsewhere vfat rw 0 0',
        'tmpfs /media/kiosk/tmp tmpfs rw 0 0',
      ].join('\n'),
    );
    expect(findDrives({ mountsFile: mounts, sysBlock: sys }).map((d) => [d.id, d.label])).toEqual([
      ['/media/kiosk/MY STICK', 'MY STICK'],
      ['/run/media/kiosk/SD', 'SD'],
    ]);
  });

  it('with roots given, every folder under them is a drive, with its free space', () => {
    const root = temp();
    fs.mkdirSync(path.join(root, 'B'));
    fs.mkdirSync(path.join(root, 'A'));
    fs.writeFileSync(path.join(root, 'not-a-drive.txt'), '');
    const drives = findDrives({ roots: [root, path.join(root, 'missing')] });
    expect(drives.map((d) => d.label)).toEqual(['A', 'B']);
    expect(drives[0]!.freeBytes).toBeGreaterThan(0);
  });
});
