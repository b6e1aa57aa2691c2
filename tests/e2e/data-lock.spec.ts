/**
 * Two real kiosk hosts (browser mode, `out/main/serve.js`) on one data folder: the second stops
 * at start with one line, the first keeps its folder, and a crash of the first frees it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const SERVE = path.resolve(__dirname, '../../out/main/serve.js');

interface Run {
  child: ChildProcess;
  /** Resolves with the URL once ready, or with the exit code and stderr if it stops first. */
  outcome: Promise<{ ready: string } | { exitCode: number | null; stderr: string }>;
}

function serve(dataDir: string): Run {
  const child = spawn(process.execPath, [SERVE], { env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const outcome = new Promise<{ ready: string } | { exitCode: number | null; stderr: string }>((resolve) => {
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /^Kiosk ready at (\S+)$/m.exec(stdout);
      if (match?.[1]) resolve({ ready: match[1] });
    });
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (exitCode) => resolve({ exitCode, stderr }));
  });
  return { child, outcome };
}

const dirs: string[] = [];
const children: ChildProcess[] = [];
test.afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

test('a second host on the same data folder stops at start with one line; a crash of the first frees the folder', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-lock-'));
  dirs.push(dataDir);
  const first = serve(dataDir);
  children.push(first.child);
  expect(await first.outcome).toHaveProperty('ready');

  const second = serve(dataDir);
  children.push(second.child);
  const refused = await second.outcome;
  expect(refused).toMatchObject({ exitCode: 1 });
  const lines = ('stderr' in refused ? refused.stderr : '').trim().split('\n');
  expect(lines).toEqual([
    `Kiosk not started: Another kiosk host (process ${first.child.pid}) is already using the data folder ${dataDir}: stop it first, or give this one its own KIOSK_DATA_DIR.`,
  ]);
  expect(first.child.exitCode).toBeNull();

  // A crash leaves no stale lock: the kernel drops it with the process.
  first.child.kill('SIGKILL');
  await new Promise((resolve) => first.child.once('exit', resolve));
  const third = serve(dataDir);
  children.push(third.child);
  expect(await third.outcome).toHaveProperty('ready');
});

test('a data folder that cannot hold a database stops start-up with one line instead of hanging', async () => {
  const run = serve('/proc/police-kiosk-e2e');
  children.push(run.child);
  const outcome = await run.outcome;
  expect(outcome).toMatchObject({ exitCode: 1 });
  const lines = ('stderr' in outcome ? outcome.stderr : '').trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^Kiosk not started: The data folder \/proc\/police-kiosk-e2e cannot hold the kiosk's database: /);
});
