import fs from 'node:fs';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chromiumArgs, openAppWindow } from '../../../../electron/cli/start';

const spawned = vi.hoisted(() => [] as { command: string; args: string[]; options: unknown }[]);

// Nothing is started: the test only sees what would be.
vi.mock('node:child_process', () => ({
  spawn: (command: string, args: string[], options: unknown) => {
    spawned.push({ command, args, options });
    return Object.assign(new EventEmitter(), { unref: () => {} });
  },
}));

const LAUNCH = 'http://127.0.0.1:4173/?token=single-use-launch-token';

afterEach(() => {
  for (const { args } of spawned.splice(0)) {
    const profile = args.find((a) => a.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  }
});

describe('start: the browser-mode Chromium window', () => {
  it('opens full screen in kiosk mode, as an app window on the launch URL, with its own profile', () => {
    const args = chromiumArgs(LAUNCH, '/tmp/profile');
    expect(args).toContain('--kiosk');
    expect(args).toContain(`--app=${LAUNCH}`);
    expect(args).toContain('--user-data-dir=/tmp/profile');
    expect(args).toEqual(expect.arrayContaining(['--no-first-run', '--disable-background-networking', '--disable-sync']));
    // The launch URL is the only secret-bearing argument, and appears once.
    expect(args.filter((a) => a.includes('token='))).toEqual([`--app=${LAUNCH}`]);
  });

  it('spawns the first Chromium found with those arguments, detached, in a fresh profile', () => {
    openAppWindow(LAUNCH, ['/no/such/chromium', process.execPath]);
    expect(spawned).toHaveLength(1);
    const [call] = spawned;
    expect(call?.command).toBe(process.execPath);
    const profile = call?.args.find((a) => a.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length) ?? '';
    expect(fs.statSync(profile).isDirectory()).toBe(true);
    expect(call?.args).toEqual(chromiumArgs(LAUNCH, profile));
    expect(call?.options).toMatchObject({ detached: true, stdio: 'ignore' });
  });

  it('spawns nothing when there is no Chromium, and says which URL to open', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      openAppWindow(LAUNCH, ['/no/such/chromium']);
      expect(spawned).toHaveLength(0);
      expect(write).toHaveBeenCalledWith(`No Chromium found: open ${LAUNCH} in a browser.\n`);
    } finally {
      write.mockRestore();
    }
  });
});
