/**
 * The bench's start-up section: how soon the welcome screen is usable after the page is opened,
 * beside a blank page served and opened the same way (the same server, launch token, redirect and
 * headers), and what the first screen weighs (JS + CSS, gzip) with its biggest modules.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { SourceMapConsumer } from 'source-map-js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';

const READY_TILE = '[data-testid="service-noCriminalRecord"]:not([aria-disabled])';
const BLANK = '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>blank</title></head><body></body></html>';

export interface StartupResult {
  /** Median ms from navigation start (the launch redirect included) to usable. */
  welcomeMs: number;
  blankMs: number;
  /** The same, with the browser's cache warm (a reload in the same profile). */
  welcomeWarmMs: number;
  runs: number;
  /** What the first screen fetched: each JS and CSS file, raw and gzip bytes. */
  files: { name: string; raw: number; gzip: number }[];
  gzipTotal: number;
  /** The biggest modules of the first screen's JS, raw minified bytes. */
  modules: { name: string; bytes: number }[];
}

async function startServe(root: string): Promise<{ url: string; stop: () => void }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-startup-'));
  const child = spawn(process.execPath, [path.join(root, 'out/main/serve.js')], {
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_PORT: '0', KIOSK_HARDWARE: 'sim' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /^Kiosk ready at (\S+)$/m.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`The kiosk exited with ${code}.`)));
  });
  return {
    url,
    stop: () => {
      child.kill('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** ms from the navigation's start to when `ready` (a selector, or 'load' for the load event) holds in the page. */
async function timeToReady(browser: Browser, url: string, ready: string, warm: boolean): Promise<{ ms: number; responses: { url: string; type: string }[] }> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  try {
    const page = await context.newPage();
    await page.addInitScript((selector: string) => {
      const w = window as unknown as { __ready?: number };
      if (selector === 'load') {
        window.addEventListener('load', () => (w.__ready = performance.now()));
        return;
      }
      const check = () => {
        if (w.__ready === undefined && document.querySelector(selector)) w.__ready = performance.now();
      };
      new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
    }, ready);
    const responses: { url: string; type: string }[] = [];
    page.on('response', (r) => responses.push({ url: r.url(), type: r.request().resourceType() }));
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined, null, { timeout: 30_000 });
    if (!warm) return { ms: await page.evaluate(() => (window as unknown as { __ready: number }).__ready), responses };
    // Warm: the same profile loads the page again, its hashed assets from the cache.
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined, null, { timeout: 30_000 });
    return { ms: await page.evaluate(() => (window as unknown as { __ready: number }).__ready), responses };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Module sizes from a chunk's source map: bytes of generated code per source (node_modules by package). */
function moduleSizes(file: string): Map<string, number> {
  const code = fs.readFileSync(file, 'utf8').split('\n');
  const consumer = new SourceMapConsumer(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as ConstructorParameters<typeof SourceMapConsumer>[0]);
  const mappings: { line: number; column: number; source: string }[] = [];
  consumer.eachMapping((m) => mappings.push({ line: m.generatedLine, column: m.generatedColumn, source: m.source ?? '(none)' }));
  const sizes = new Map<string, number>();
  mappings.forEach((m, i) => {
    const next = mappings[i + 1];
    const end = next && next.line === m.line ? next.column : (code[m.line - 1]?.length ?? m.column);
    const name = m.source.includes('node_modules/') ? m.source.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1') : m.source.replace(/^(\.\.\/)+/, '');
    sizes.set(name, (sizes.get(name) ?? 0) + Math.max(0, end - m.column));
  });
  return sizes;
}

export async function benchStartup(root: string, runs = 5): Promise<StartupResult> {
  // The shipped build, with source maps this once for the module list (removed again below).
  execFileSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, env: { ...process.env, KIOSK_BUNDLE_REPORT: '1' }, stdio: 'inherit' });
  const rendererDir = path.join(root, 'out/renderer');
  const blankFile = path.join(rendererDir, 'bench-blank.html');
  fs.writeFileSync(blankFile, BLANK);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const welcome: number[] = [];
  const blank: number[] = [];
  const warm: number[] = [];
  let firstResponses: { url: string; type: string }[] = [];
  try {
    // Warm-up: the first Chromium start and the first server start pay for disk caches.
    for (let i = -1; i < runs; i++) {
      for (const kind of ['blank', 'welcome', 'warm'] as const) {
        const server = await startServe(root);
        try {
          const launch = new URL(server.url);
          const url = kind === 'blank' ? `${launch.origin}/bench-blank.html${launch.search}` : server.url;
          const r = await timeToReady(browser, url, kind === 'blank' ? 'load' : READY_TILE, kind === 'warm');
          if (i < 0) continue;
          if (kind === 'blank') blank.push(r.ms);
          else if (kind === 'welcome') {
            welcome.push(r.ms);
            if (firstResponses.length === 0) firstResponses = r.responses;
          } else warm.push(r.ms);
        } finally {
          server.stop();
        }
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(blankFile, { force: true });
  }
  const files = firstResponses
    .filter((r) => r.type === 'script' || r.type === 'stylesheet')
    .map((r) => {
      const name = new URL(r.url).pathname.replace(/^\//, '');
      const body = fs.readFileSync(path.join(rendererDir, name));
      return { name, raw: body.length, gzip: zlib.gzipSync(body).length };
    });
  const modules = new Map<string, number>();
  for (const f of files.filter((x) => x.name.endsWith('.js'))) {
    const file = path.join(rendererDir, f.name);
    if (!fs.existsSync(`${file}.map`)) continue;
    for (const [name, bytes] of moduleSizes(file)) modules.set(name, (modules.get(name) ?? 0) + bytes);
  }
  for (const map of fs.readdirSync(path.join(rendererDir, 'assets')).filter((n) => n.endsWith('.map'))) fs.rmSync(path.join(rendererDir, 'assets', map));
  return {
    welcomeMs: median(welcome),
    blankMs: median(blank),
    welcomeWarmMs: median(warm),
    runs,
    files,
    gzipTotal: files.reduce((n, f) => n + f.gzip, 0),
    modules: [...modules].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes).slice(0, 8),
  };
}
