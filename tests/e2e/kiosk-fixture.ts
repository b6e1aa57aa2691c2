import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
import { test as base, expect, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import type { Lang } from '../../shared/contract';

const ROOT = path.resolve(__dirname, '../..');
const SERVE = path.join(ROOT, 'out/main/serve.js');
const MIN_TARGET = 48;
const SESSION_COOKIE = 'kiosk_session';

export interface KioskServer {
  /** The single-use launch URL the kiosk printed: the first page load spends it. */
  launchUrl: string;
  origin: string;
  dataDir: string;
  /**
   * Calls a contract command over HTTP, as the renderer does. It carries the session secret
   * taken from the kiosk page's cookie, so it works once a page has opened the kiosk.
   */
  api(command: string, body?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
  /** Takes the session secret from a browser context that opened the kiosk (Playwright can read HttpOnly cookies). */
  adoptSession(context: BrowserContext): Promise<void>;
  receipts(): string[];
}

/** Starts `out/main/serve.js` on simulators (unless `env` says otherwise) on a fresh data folder, or on `dataDir` (a restart after a crash). */
export async function startServer(env: Record<string, string>, dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'))): Promise<{ server: KioskServer; child: ChildProcess }> {
  if (!fs.existsSync(SERVE)) throw new Error('out/main/serve.js is missing: run `npm run build` first.');
  const child = spawn(process.execPath, [SERVE], {
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_PORT: '0', KIOSK_HARDWARE: 'sim', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`The kiosk did not start in time.\n${stderr}`)), 15_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /^Kiosk ready at (\S+)$/m.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The kiosk exited with ${code}.\n${stderr}`));
    });
  });
  const parsed = new URL(url);
  const receiptsDir = path.join(dataDir, 'sim', 'receipts');
  // The kiosk prints a launch token that works once, and keeps its session secret to itself:
  // a test gets that secret the way the window does, by loading the launch URL, and reads it
  // from the browser's cookie jar, so it never crosses a command line or a URL.
  let session: string | null = null;
  const server: KioskServer = {
    launchUrl: url,
    origin: parsed.origin,
    dataDir,
    async api(command, body = {}) {
      if (session === null) throw new Error('Open the kiosk page first: api() uses the session its launch URL was traded for.');
      const res = await fetch(`${parsed.origin}/api/command/${command}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Kiosk-Token': session },
        body: JSON.stringify(body),
      });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
    },
    async adoptSession(context) {
      const cookie = (await context.cookies(parsed.origin)).find((c) => c.name === SESSION_COOKIE);
      if (!cookie) throw new Error('The browser has no kiosk session cookie: the launch URL was not traded for one.');
      session = cookie.value;
    },
    receipts() {
      if (!fs.existsSync(receiptsDir)) return [];
      return fs
        .readdirSync(receiptsDir)
        .filter((f) => f.endsWith('.bin'))
        .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
        .map((f) => path.join(receiptsDir, f));
    },
  };
  return { server, child };
}

/** Page model of the kiosk screen: touches, screen checks, and the checks every screen must pass. */
export class KioskPage {
  private shot = 0;
  private opened = false;
  readonly problems: string[] = [];

  constructor(
    readonly page: Page,
    readonly server: KioskServer,
    private readonly info: TestInfo,
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') this.problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.problems.push(`page error: ${e.message}`));
  }

  /** Opens the kiosk as `npm start`'s window does: the launch URL first, then the bare address. */
  async open(): Promise<void> {
    if (this.opened) {
      await this.page.goto(`${this.server.origin}/`);
    } else {
      await this.page.goto(this.server.launchUrl);
      // The launch token was traded for the session cookie and is gone from the address.
      expect(this.page.url()).toBe(`${this.server.origin}/`);
      await this.server.adoptSession(this.page.context());
      this.opened = true;
    }
    await this.expectScreen('welcome');
  }

  async expectScreen(screen: string): Promise<void> {
    await expect(this.page.locator(`main[data-screen="${screen}"]`)).toBeVisible();
  }

  async tap(testId: string): Promise<void> {
    await this.page.getByTestId(testId).click();
  }

  /** Opens the language list from the header and chooses `lang`; the page then says it is in it. */
  async chooseLanguage(lang: Lang): Promise<void> {
    await this.tap('lang-menu');
    await this.tap(`lang-${lang}`);
    await expect(this.page.locator('html')).toHaveAttribute('lang', lang);
  }

  async presentCard(residentId: string): Promise<void> {
    const r = await this.server.api('sim:presentCard', { residentId });
    expect(r.ok).toBe(true);
  }

  /** A no-criminal-record application by `residentId`, on its second question (where it goes), the first answered "for a job". */
  async toDestinationQuestion(residentId = 'zhang'): Promise<void> {
    await this.tap('service-noCriminalRecord');
    await this.tap('continue');
    await this.presentCard(residentId);
    await this.expectScreen('question-purpose');
    await this.page.getByText('求职应聘').click();
    await this.tap('continue');
    await this.expectScreen('question-destination');
  }

  /**
   * The checks every visited screen passes: axe (WCAG 2.2 AA) with zero violations, touch
   * targets of at least 48 px, no sideways scrolling; then a screenshot kept as an artifact.
   */
  async check(name: string): Promise<void> {
    await checkPage(this.page, name);
    this.shot += 1;
    const file = path.join(ROOT, 'test-results', 'screens', slug(this.info.titlePath.slice(1).join(' ')), `${String(this.shot).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
  }
}

/**
 * The options axe runs with. `AxeBuilder#options` replaces what `withTags` set, so the builder
 * chain `.withTags(AXE_TAGS).options({ resultTypes: ['violations'] })` this replaced ran axe's
 * default rule set (every rule enabled by default, AXE_TAGS or not) and these options are the
 * same: the same rules, the same results. Violations only: working out what passed as well
 * would double the time of every check.
 */
const AXE_OPTIONS: axe.RunOptions = { resultTypes: ['violations'] };

/**
 * axe-core on the page, as `AxeBuilder#analyze` runs it but cheaper. The builder injects axe's
 * half-megabyte source on every call, and finishes each run in a new blank page it injects
 * again; a page with no frames needs none of that: axe is injected once per document (again
 * after a navigation, when `window.axe` is gone) and `axe.run` checks the whole document.
 * A page with frames still goes through the builder, which checks inside them.
 */
async function axeViolations(page: Page): Promise<axe.AxeResults> {
  if (page.frames().length > 1) return new AxeBuilder({ page }).options(AXE_OPTIONS).analyze();
  const present = await page.evaluate((version) => (window as { axe?: { version?: string } }).axe?.version === version, axe.version);
  if (!present) {
    await page.evaluate(axe.source);
    await page.evaluate(`axe.configure({ allowedOrigins: ['<same_origin>'], branding: { application: 'playwright' } })`);
  }
  return page.evaluate((options) => (window as unknown as { axe: typeof axe }).axe.run(document, options), AXE_OPTIONS);
}

/**
 * What every screen must pass: axe (WCAG 2.2 AA) with no violation, touch targets of at least
 * 48 px, and nothing that scrolls sideways.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  // The touch keyboard is its own chunk: a screen is checked with it, not with its placeholder.
  await expect(page.getByTestId('keyboard-loading')).toHaveCount(0);
  const results = await axeViolations(page);
  const violations = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(violations, `axe on ${name}`).toEqual([]);
  const small = await page.evaluate((min) => {
    const targets = document.querySelectorAll<HTMLElement>('button, a[href], input:not([type="radio"]), select, textarea, .choice label, .hg-button');
    const out: string[] = [];
    for (const el of targets) {
      if (el.closest('.visually-hidden, .skip-link')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < min || r.height < min) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
    return out;
  }, MIN_TARGET);
  expect(small, `touch targets on ${name}`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `sideways scrolling on ${name}`).toBeLessThanOrEqual(0);
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

export const test = base.extend<{ kioskEnv: Record<string, string>; server: KioskServer; kiosk: KioskPage }>({
  kioskEnv: [{}, { option: true }],
  server: async ({ kioskEnv }, use) => {
    const { server, child } = await startServer(kioskEnv);
    await use(server);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  },
  kiosk: async ({ browser, server }, use, info) => {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    const kiosk = new KioskPage(page, server, info);
    await use(kiosk);
    await context.close();
    expect(kiosk.problems, 'console errors and CSP violations').toEqual([]);
  },
});

export { expect };

/**
 * Kiosk servers a test starts, kills (SIGKILL, as a crash) and starts again on the same data
 * folder itself. Call `cleanUp` after each test: what still runs is killed, the folders removed.
 */
export function crashableServers() {
  const started: { child: ChildProcess; dataDir: string }[] = [];
  return {
    async start(dataDir?: string): Promise<KioskServer & { child: ChildProcess }> {
      const { server, child } = await startServer({}, dataDir);
      started.push({ child, dataDir: server.dataDir });
      return Object.assign(server, { child });
    },
    async crash(child: ChildProcess): Promise<void> {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    },
    cleanUp(): void {
      for (const { child } of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      for (const dataDir of new Set(started.splice(0).map((s) => s.dataDir))) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
