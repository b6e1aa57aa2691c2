import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from './serve';

const APP_ROOT = path.join(__dirname, '..', '..');

/** The Electron executable if this machine has it; the npm package alone downloads it lazily. */
export function electronBinary(root = APP_ROOT, env = process.env): string | null {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
  const binary = path.join(dist, relative);
  return fs.existsSync(binary) ? binary : null;
}

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * Chromium's command line for the browser-mode kiosk window: full screen with no browser UI
 * to leave by, a profile of its own, and the launch URL.
 */
export function chromiumArgs(launchUrl: string, profileDir: string): string[] {
  // The launch URL is readable by anyone on this machine with `ps` for as long as Chromium
  // runs; Chromium takes no URL from a file or stdin. That is acceptable because its token is
  // single-use: the window's first load trades it for the session cookie, after which it is
  // worthless (a second use is refused), and the session secret itself is never on a command
  // line. Someone who read it first and spent it would leave this window on a refusal that
  // staff see, not a kiosk quietly shared.
  // --kiosk: full screen, no address bar, tabs or window controls for a resident to reach;
  // --app: no tab strip either should kiosk mode ever be left.
  return [
    '--kiosk',
    `--app=${launchUrl}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-sync',
  ];
}

/** Opens the kiosk window in the first Chromium found; says where to go if there is none. */
export function openAppWindow(url: string, candidates: readonly string[] = CHROMIUM): void {
  const browser = candidates.find((candidate) => fs.existsSync(candidate));
  if (!browser) {
    process.stdout.write(`No Chromium found: open ${url} in a browser.\n`);
    return;
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-chromium-'));
  const child = spawn(browser, chromiumArgs(url, profile), { stdio: 'ignore', detached: true });
  child.on('error', () => process.stdout.write(`Could not open Chromium: open ${url} in a browser.\n`));
  child.unref();
}

function main(): void {
  const binary = electronBinary();
  if (binary) {
    const child = spawn(binary, [APP_ROOT], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  process.stdout.write('Electron runtime not available on this machine: starting browser mode instead.\n');
  serve({ onReady: openAppWindow }).catch((error: unknown) => {
    process.stderr.write(`Kiosk not started: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

if (require.main === module) main();
