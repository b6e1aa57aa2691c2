import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runStaffSetup } from '../../../../electron/cli/staff-setup';
import { SETUP_FILE, useSetupCode } from '../../../../electron/host/staff/setup-code';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run staff:setup', () => {
  it('prints a one-time code that the kiosk takes once, and keeps only its hash', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-setup-')), 'data');
    dirs.push(path.dirname(dataDir));
    const lines: string[] = [];
    const now = Date.UTC(2026, 11, 3, 4, 0);
    expect(await runStaffSetup({ KIOSK_DATA_DIR: dataDir }, (l) => lines.push(l), now)).toBe(0);
    const code = /(\d{4} \d{4} \d{4})/.exec(lines[0] ?? '')?.[1];
    expect(code).toBeDefined();
    const saved = fs.readFileSync(path.join(dataDir, SETUP_FILE), 'utf8');
    expect(saved).not.toContain(code!.replace(/ /g, ''));
    expect(fs.statSync(path.join(dataDir, SETUP_FILE)).mode & 0o077).toBe(0);
    expect(await useSetupCode(dataDir, code!, now + 1)).toBe('ok');
    expect(await useSetupCode(dataDir, code!, now + 2)).toBe('missing');
  });

  it('a bad setting stops it with one line and exit code 2', async () => {
    const lines: string[] = [];
    expect(await runStaffSetup({ KIOSK_HARDWARE: 'maybe' }, (l) => lines.push(l))).toBe(2);
    expect(lines).toEqual([expect.stringMatching(/^No setup code made: KIOSK_HARDWARE must be/)]);
  });
});
