/**
 * The diagnostics bundle for staff: logs and device history to a USB stick (a temp "USB root"
 * here, as KIOSK_USB_ROOTS sets it), with a manifest of hashes and nothing personal in it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../electron/host/host';
import { createRotatingFileSink } from '../../electron/host/log/file-sink';
import { createLogger, tee } from '../../electron/host/log/logger';
import { drive, SCRIPTS } from './service-driver';
import { call, PERSONAL_DATA, removeTempDirs, signInStaff, startTestHost, tempDir, TEST_PHONE, withDb, ZHANG } from './helpers';

const hosts: Host[] = [];
const sinks: { close: () => void }[] = [];

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  for (const sink of sinks.splice(0)) sink.close();
  removeTempDirs();
});

/** A host on simulators that logs to its data folder's rotating files, as the kiosk does, with `roots` as its USB roots. */
async function start(roots: string[]) {
  const dataDir = tempDir('kiosk-diag-');
  const sink = createRotatingFileSink({ dir: path.join(dataDir, 'logs') });
  sinks.push(sink);
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', write: tee((line) => lines.push(line), (line) => sink.write(line)) });
  const { host } = await startTestHost(dataDir, { usbRoots: roots }, { log });
  hosts.push(host);
  return { host, dataDir, lines };
}

function stick(root: string, label: string): string {
  const dir = path.join(root, label);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Unpacks an archive with the system's tar, as an engineer would: name -> bytes. */
function unpack(archive: string): Map<string, Buffer> {
  const out = tempDir('kiosk-diag-unpacked-');
  execFileSync('tar', ['-xzf', archive, '-C', out]);
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(out, full), fs.readFileSync(full));
    }
  };
  walk(out);
  return files;
}

describe('staff:diagnostics', () => {
  it('writes one archive with the expected files, their hashes in the manifest, and nothing personal', async () => {
    const root = tempDir('kiosk-usb-');
    const usb = stick(root, 'KIOSK-USB');
    const { host, dataDir } = await start([root]);
    // A real session by the fictional Zhang, with the test phone number.
    const script = SCRIPTS.noCriminalRecord!;
    await drive(host, 'noCriminalRecord', { ...script, answers: { ...script.answers, phone: { text: TEST_PHONE } } });
    // A line that broke the logging rules (written behind the logger's back) must not get out either.
    fs.appendFileSync(path.join(dataDir, 'logs', 'kiosk.log'), `${JSON.stringify({ event: 'bug', name: ZHANG.name, id: ZHANG.idNumber, phone: TEST_PHONE, address: ZHANG.address })}\n`);
    fs.appendFileSync(path.join(dataDir, 'logs', 'kiosk.log'), `{"event":"bug","id":"${ZHANG.idNumber.slice(0, 17)}X"}\n`);

    // The data folder does hold them now, so the checks below are not vacuous.
    expect(fs.readFileSync(path.join(dataDir, 'logs', 'kiosk.log'), 'utf8')).toContain(ZHANG.idNumber);

    await signInStaff(host, dataDir);
    expect(await call(host, 'staff:diagnosticsTargets', {})).toEqual([{ id: usb, label: 'KIOSK-USB', freeBytes: expect.any(Number) as number }]);
    const result = await call(host, 'staff:diagnostics', { drive: usb });
    if (result.result !== 'written') throw new Error(`not written: ${result.result}`);
    expect(result.drive).toBe('KIOSK-USB');

    // One file on the stick, under its final name only.
    expect(fs.readdirSync(usb)).toEqual([result.file]);
    expect(result.file).toMatch(/^kiosk-diagnostics-K01-\d{8}T\d{6}Z\.tar\.gz$/);
    const archive = path.join(usb, result.file);
    expect(fs.statSync(archive).size).toBe(result.bytes);

    const files = unpack(archive);
    const folder = result.file.replace(/\.tar\.gz$/, '');
    const names = [...files.keys()].map((n) => path.relative(folder, n)).sort();
    expect(names).toEqual(['app.json', 'audit.jsonl', 'config.json', 'devices.json', 'heartbeat-codes.json', 'logs/kiosk.log', 'manifest.json', 'queue.json', 'supplies.json']);

    const manifest = JSON.parse(files.get(path.join(folder, 'manifest.json'))!.toString('utf8')) as { files: { name: string; bytes: number; sha256: string }[]; droppedLines: number };
    expect(manifest.files.map((f) => f.name).sort()).toEqual(names.filter((n) => n !== 'manifest.json'));
    for (const f of manifest.files) {
      const bytes = files.get(path.join(folder, f.name))!;
      expect(f.bytes, f.name).toBe(bytes.length);
      expect(f.sha256, f.name).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(manifest.droppedLines).toBeGreaterThanOrEqual(2);

    // What each part says.
    const read = (name: string) => files.get(path.join(folder, name))!.toString('utf8');
    expect(read('logs/kiosk.log')).toContain('"event":"queue.enqueued"');
    expect(JSON.parse(read('queue.json'))).toMatchObject({ byState: { queued: 1 } });
    expect(JSON.parse(read('devices.json'))).toMatchObject({ statuses: { receiptPrinter: { device: 'online' } }, countersSinceStart: { receiptPrinter: { ok: 1 } } });
    expect(JSON.parse(read('supplies.json'))).toEqual(expect.arrayContaining([expect.objectContaining({ supply: 'receiptPaper' })]));
    expect(JSON.parse(read('config.json'))).toMatchObject({ kioskId: 'K01', hardware: 'sim', platform: { urlSet: false, bearerTokenSet: false } });
    expect(read('audit.jsonl')).toContain('"action":"staff.signedIn"');
    expect(read('audit.jsonl')).toMatch(/"action":"submission\w*\./);

    // Nothing personal anywhere: not in the unpacked bytes (UTF-8 or UTF-16), not in the archive itself.
    const all = Buffer.concat([...files.values()]);
    for (const secret of [...PERSONAL_DATA, `${ZHANG.idNumber.slice(0, 17)}X`]) {
      expect(all.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
      expect(all.includes(Buffer.from(secret, 'utf16le')), secret).toBe(false);
    }
    // Nor where the kiosk keeps its data.
    expect(all.includes(Buffer.from(dataDir, 'utf8'))).toBe(false);
    expect(all.toString('utf8')).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)|\d{17}[\dXx]/);

    // Audited: who, which drive, how big.
    const entry = withDb(dataDir, (db) => db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'diagnostics.exported'").get()) as { actor: string; detail: string };
    expect(entry.actor).toBe('staff:100001');
    expect(JSON.parse(entry.detail)).toMatchObject({ drive: 'KIOSK-USB', bytes: result.bytes });
  }, 60_000);

  it('without a stick: noDrive, and nothing written', async () => {
    const root = tempDir('kiosk-usb-');
    const { host, dataDir } = await start([root, path.join(root, 'not-there')]);
    await signInStaff(host, dataDir);
    expect(await call(host, 'staff:diagnosticsTargets', {})).toEqual([]);
    expect(await call(host, 'staff:diagnostics', {})).toEqual({ result: 'noDrive' });
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('a drive not among those found is refused: the page cannot name a folder to write to', async () => {
    const root = tempDir('kiosk-usb-');
    stick(root, 'STICK');
    const elsewhere = tempDir('kiosk-elsewhere-');
    const { host, dataDir } = await start([root]);
    await signInStaff(host, dataDir);
    expect(await call(host, 'staff:diagnostics', { drive: elsewhere })).toEqual({ result: 'driveNotFound' });
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });

  it('a read-only stick: readOnly, and no file left, whole or partial', async () => {
    const root = tempDir('kiosk-usb-');
    // A folder the kernel refuses writes to, whoever we are (root included): sysfs's top.
    // As another user, a folder without write permission refuses the same way.
    const ro = path.join(root, 'RO-STICK');
    if (process.getuid?.() === 0) fs.symlinkSync('/sys', ro);
    else {
      fs.mkdirSync(ro);
      fs.chmodSync(ro, 0o555);
    }
    const before = fs.readdirSync(ro);
    const { host, dataDir } = await start([root]);
    await signInStaff(host, dataDir);
    expect(await call(host, 'staff:diagnostics', { drive: ro })).toEqual({ result: 'readOnly' });
    expect(fs.readdirSync(ro)).toEqual(before);
    const entry = withDb(dataDir, (db) => db.prepare("SELECT detail FROM audit_log WHERE action = 'diagnostics.failed'").get()) as { detail: string };
    expect(JSON.parse(entry.detail)).toMatchObject({ drive: 'RO-STICK', code: 'readOnly' });
    if (process.getuid?.() !== 0) fs.chmodSync(ro, 0o755);
  });

  it('is refused without a staff session (staff-access.test.ts covers every role and a resident session)', async () => {
    const root = tempDir('kiosk-usb-');
    stick(root, 'STICK');
    const { host } = await start([root]);
    expect(await host.handle('staff:diagnostics', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await host.handle('staff:diagnosticsTargets', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fs.readdirSync(path.join(root, 'STICK'))).toEqual([]);
  });
});
