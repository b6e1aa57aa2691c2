/**
 * What ships never runs on simulators: the packaged unit chooses real hardware, nothing that is
 * packaged chooses simulators, and with no setting at all the kiosk uses real hardware.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../electron/host/config';

const ROOT = path.resolve(__dirname, '../../../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The Environment= settings of a systemd unit, as name -> value. */
function unitEnvironment(unit: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of unit.split('\n')) {
    const match = /^Environment=([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]!] = match[2]!;
  }
  return env;
}

describe('packaged defaults', () => {
  it('the systemd unit runs the kiosk on real hardware', () => {
    expect(unitEnvironment(read('build/linux/police-kiosk.service')).KIOSK_HARDWARE).toBe('real');
  });

  it('no file that is packaged or installed chooses simulators', () => {
    const builder = read('electron-builder.yml');
    expect(builder).not.toMatch(/KIOSK_HARDWARE|KIOSK_SIM_FAULTS/);
    // The tests' screen gallery runs the App on a fake host: it is left out of the package.
    expect(builder).toContain('"!out/gallery/**"');
    // What electron-builder copies beside the app (extraFiles: from: ...), e.g. the systemd unit.
    const extra = [...builder.matchAll(/^\s*-\s*from:\s*(\S+)\s*$/gm)].map((m) => m[1]!);
    expect(extra).toContain('build/linux');
    // Each entry is a folder (every file in it) or a single file.
    const files = extra.flatMap((entry) => (fs.statSync(path.join(ROOT, entry)).isDirectory() ? fs.readdirSync(path.join(ROOT, entry)).map((f) => path.join(entry, f)) : [entry]));
    expect(files.length).toBeGreaterThan(extra.length - 1);
    for (const file of files) expect(read(file), file).not.toMatch(/KIOSK_HARDWARE=sim|KIOSK_SIM_FAULTS/);
  });

  it('with no setting, the kiosk uses real hardware', () => {
    expect(loadConfig({}, { dataDir: ROOT, version: '0.0.0-test' }).hardware).toBe('real');
  });
});
