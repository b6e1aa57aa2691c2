/**
 * A touch driver for catalog services: it looks at the screen the kiosk shows, does what a
 * resident would do there (tap an option, type on the keypad, present a card, pay on the
 * simulated phone), and runs the checks every screen must pass. Each service's spec gives
 * only who the resident is and how they answer; what screens come, and in what order, is the
 * catalog's business, so the same driver runs every service.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, type KioskPage } from './kiosk-fixture';

/** How the resident proves who they are. */
export type Who = { card: string } | { document: string } | { idNumber: string };

/** How the resident answers one question, by touch. */
export type TouchAnswer =
  | { choice: string; text?: string }
  | { text: string }
  | { digits: string }
  | { date: string }
  | { plate: string }
  | { country: string; search: string }
  | { picks: string[] };

export interface TouchScript {
  who: Who;
  /** Answers by question id. */
  answers: Record<string, TouchAnswer>;
  /** The rating given at the end; 'skip' taps Skip. */
  rating?: { level: 1 | 2 | 3 | 4 | 5; reason?: string } | 'skip';
}

export interface Visit {
  /** The `data-screen` of the screen. */
  screen: string;
  /** Its heading, as shown. */
  heading: string;
}

export interface RunOptions {
  /** Screens where the driver stops and hands back, before acting (e.g. 'refused'). */
  stopAt?: readonly string[];
  /** Runs the axe, touch-target and overflow checks on every screen (default true). */
  checks?: boolean;
  /** The label used for screenshots (default: the service id). */
  label?: string;
  /**
   * Goes on from the screen the kiosk shows (after a stop, or a restart) instead of tapping
   * the service on the welcome screen.
   */
  resume?: boolean;
  /** Called each time a screen (by `data-screen`) comes, before the driver acts on it: a fault injected mid-session. */
  before?: Partial<Record<string, () => Promise<void>>>;
  /** Called on every screen the driver checks, after its checks: what a mode promises of every screen. */
  onScreen?: (screen: string) => Promise<void>;
}

// Screens that move on by themselves; the drivers wait them out. They are checked with axe in
// the renderer's component tests, since here they may last a few milliseconds.
export const PASSING = new Set(['lookingUp', 'submitting']);
export const MAX_SCREENS = 60;

/** The screen the page shows: its `data-screen` and its heading. */
export async function current(page: Page): Promise<Visit> {
  return page.evaluate(() => {
    const main = document.querySelector('main[data-screen]');
    return { screen: main?.getAttribute('data-screen') ?? '', heading: main?.querySelector('h1')?.textContent ?? '' };
  });
}

const key = (v: Visit) => `${v.screen}|${v.heading}`;

/** Waits until the screen is another one than `before`. */
export async function leave(page: Page, before: Visit): Promise<void> {
  await expect
    .poll(async () => key(await current(page)), { message: `the kiosk to leave ${before.screen}`, timeout: 20_000 })
    .not.toBe(key(before));
}

/** What the face screen says after a look that did not pass: the miss, or the problem, as their codes. */
export async function faceOutcome(page: Page): Promise<string> {
  const miss = await page.getByTestId('face-miss').getAttribute('data-miss', { timeout: 1000 }).catch(() => null);
  const problem = await page.getByTestId('face-problem').getAttribute('data-problem', { timeout: 1000 }).catch(() => null);
  return `miss ${miss ?? 'none'}, problem ${problem ?? 'none'}`;
}

/** Presses Continue (as `press` does it) and waits for the next screen, or says why the answer was not taken. */
export async function continueFrom(page: Page, questionId: string, press: () => Promise<void>): Promise<void> {
  const before = await current(page);
  await press();
  await leave(page, before).catch(async (e: unknown) => {
    const error = await page.getByTestId('error-summary').textContent().catch(() => null);
    throw new Error(`The answer to ${questionId} was not taken${error ? `: ${error}` : ''}`, { cause: e });
  });
}

async function tapKeys(kiosk: KioskPage, text: string): Promise<void> {
  for (const ch of text) await kiosk.tap(`key-${ch}`);
}

/** Taps the label of a radio button or checkbox, where a finger lands, rather than the input itself. */
export async function tapLabel(kiosk: KioskPage, testId: string): Promise<void> {
  const id = await kiosk.page.getByTestId(testId).getAttribute('id');
  if (!id) throw new Error(`${testId} has no id for its label`);
  await kiosk.page.locator(`label[for="${id}"]`).click();
}

/** Answers the question on screen by touch, as the script says. */
async function answer(kiosk: KioskPage, questionId: string, how: TouchAnswer): Promise<void> {
  const { page } = kiosk;
  if ('choice' in how) {
    await tapLabel(kiosk, `option-${how.choice}`);
    if (how.text !== undefined) await page.getByTestId('text-input').fill(how.text);
  } else if ('picks' in how) {
    for (const id of how.picks) await tapLabel(kiosk, `pick-${id}`);
  } else if ('digits' in how) {
    await tapKeys(kiosk, how.digits);
  } else if ('date' in how) {
    await kiosk.tap('date-year');
    await tapKeys(kiosk, how.date.replace(/-/g, ''));
  } else if ('plate' in how) {
    const [province, ...rest] = [...how.plate];
    await kiosk.tap(`province-${province}`);
    await tapKeys(kiosk, rest.join(''));
    await expect(page.getByTestId('plate-input')).toHaveValue(how.plate);
  } else if ('country' in how) {
    await page.getByTestId('country-search').fill(how.search);
    await kiosk.tap(`option-${how.country}`);
    await expect(page.getByTestId('country-selected')).toBeVisible();
  } else {
    await page.getByTestId('text-input').fill(how.text);
  }
  await continueFrom(page, questionId, () => kiosk.tap('continue'));
}

/**
 * Runs a service from the welcome screen by touch: taps it, then answers whatever each screen
 * asks until the kiosk is back on the welcome screen (or on a screen in `stopAt`). Returns
 * the screens seen, in order.
 */
export async function runService(kiosk: KioskPage, serviceId: string, script: TouchScript, opts: RunOptions = {}): Promise<Visit[]> {
  const { page, server } = kiosk;
  const checks = opts.checks ?? true;
  const label = opts.label ?? serviceId;
  const seen: Visit[] = [];
  if (!opts.resume) {
    await kiosk.expectScreen('welcome');
    await expect(page.getByTestId(`service-${serviceId}`)).toBeEnabled();
    await kiosk.tap(`service-${serviceId}`);
    try {
      await expect.poll(async () => (await current(page)).screen).not.toBe('welcome');
    } catch (error) {
      // Seen once in a fresh-clone CI run (a tap on a tile that left the kiosk on the welcome
      // screen): what the host logged says whether the tap reached it. The log holds no personal data.
      throw new Error(`The tap on ${serviceId} did not leave the welcome screen.\nKiosk log (last lines):\n${kioskLogTail(server.dataDir)}`, { cause: error });
    }
  }

  for (let turn = 0; turn < MAX_SCREENS; turn++) {
    const here = await current(page);
    if (here.screen === 'welcome') return seen;
    seen.push(here);
    if (opts.stopAt?.includes(here.screen)) return seen;
    await opts.before?.[here.screen]?.();
    if (PASSING.has(here.screen)) {
      await leave(page, here);
      continue;
    }
    const check = async (suffix = '') => {
      if (checks) await kiosk.check(`${label}-${seen.length}-${here.screen}${suffix}`);
      await opts.onScreen?.(here.screen);
    };

    switch (here.screen) {
      case 'start':
      case 'reviewNotice':
      case 'lookupShown':
        await check();
        await kiosk.tap('continue');
        break;
      case 'identifyChoose': {
        await check();
        const method = 'idNumber' in script.who ? 'idNumberOtp' : null;
        if (!method) throw new Error(`${serviceId}: a choice of methods, and the script does not say which`);
        await kiosk.tap(`method-${method}`);
        break;
      }
      case 'identify': {
        await check();
        const who = script.who;
        if ('card' in who) await kiosk.presentCard(who.card);
        else if ('document' in who) expect((await server.api('sim:presentDocument', { documentId: who.document })).ok).toBe(true);
        else throw new Error(`${serviceId}: asked for a card or document, and the script has an ID number`);
        break;
      }
      case 'otpNumber': {
        await check();
        if (!('idNumber' in script.who)) throw new Error(`${serviceId}: asked for an ID number the script does not have`);
        await tapKeys(kiosk, script.who.idNumber);
        await kiosk.tap('continue');
        break;
      }
      case 'otpCode': {
        await check();
        const status = (await server.api('sim:status')).value as { lastCode: string | null };
        if (!status.lastCode) throw new Error(`${serviceId}: no one-time code was sent`);
        await tapKeys(kiosk, status.lastCode);
        await kiosk.tap('continue');
        break;
      }
      case 'face': {
        // The face check: the camera live and the photo to compare with ready, then a two-second look.
        await expect(page.getByTestId('face-start')).toBeEnabled({ timeout: 30_000 });
        await check();
        await kiosk.tap('face-start');
        await leave(page, here).catch(async (e: unknown) => {
          throw new Error(`${serviceId}: the face check did not pass: ${await faceOutcome(page)}`, { cause: e });
        });
        continue;
      }
      case 'face-no-reference':
        await check();
        await kiosk.tap('continue');
        break;
      case 'photo': {
        await check();
        await kiosk.tap('camera-take');
        await expect(page.getByTestId('camera-use')).toBeVisible({ timeout: 20_000 });
        await check('-taken');
        await kiosk.tap('camera-use');
        break;
      }
      case 'check':
        await check();
        await kiosk.tap('submit');
        break;
      case 'payment': {
        await expect(page.getByTestId('payment-qr')).toBeVisible();
        await check();
        const pay = await server.api('sim:pay', { outcome: 'paid' });
        expect(pay.ok).toBe(true);
        break;
      }
      case 'printing': {
        const status = page.getByTestId('print-status');
        const print = await status.getAttribute('data-print');
        if (print !== 'printing') {
          if (opts.stopAt?.includes(`printing-${print}`)) return seen;
          throw new Error(`${serviceId}: printing ${print}: ${await status.textContent()}`);
        }
        // The permit printer waits for the permit card in its slot, and the screen says where to
        // put it; then (like the A4 printer) it just prints.
        if ((await status.getAttribute('data-phase')) === 'insert') {
          await check();
          expect((await server.api('sim:insertPermit')).ok).toBe(true);
        }
        break;
      }
      case 'confirmation': {
        const status = page.getByTestId('print-status');
        await expect(status).not.toHaveAttribute('data-print', 'printing', { timeout: 20_000 });
        const print = await status.getAttribute('data-print');
        if (print !== 'printed') {
          if (opts.stopAt?.includes(`confirmation-${print}`)) return seen;
          throw new Error(`${serviceId}: the slip ${print}`);
        }
        await check();
        await kiosk.tap('finish');
        break;
      }
      case 'rating': {
        await check();
        const rating = script.rating ?? { level: 5, reason: 'fast' };
        if (rating === 'skip') {
          await kiosk.tap('skip');
        } else {
          await kiosk.tap(`rate-${rating.level}`);
          if (rating.reason) await kiosk.tap(`reason-${rating.reason}`);
          await kiosk.tap('rate-send');
        }
        break;
      }
      default: {
        const question = /^question-(.+)$/.exec(here.screen)?.[1];
        if (!question) {
          const body = (await page.locator('main').innerText()).slice(0, 400);
          throw new Error(`${serviceId}: stopped on ${here.screen} ("${here.heading}"): ${body}`);
        }
        const how = script.answers[question];
        if (!how) throw new Error(`${serviceId}: no scripted answer to ${question}`);
        await check();
        await answer(kiosk, question, how);
        continue;
      }
    }
    await leave(page, here);
  }
  throw new Error(`${serviceId}: more than ${MAX_SCREENS} screens`);
}

/** The screen names seen, for asserting the path a service took. */
export const names = (visits: readonly Visit[]) => visits.map((v) => v.screen);

/** The last lines of the kiosk's own log, for a failure message. */
function kioskLogTail(dataDir: string, lines = 40): string {
  try {
    return fs.readFileSync(path.join(dataDir, 'logs', 'kiosk.log'), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch (error) {
    return `(no log: ${error instanceof Error ? error.message : String(error)})`;
  }
}
