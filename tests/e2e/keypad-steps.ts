/**
 * A keypad driver for catalog services: the same screens as the touch driver (steps.ts), done
 * with only the keys a kiosk keypad has (arrows, OK = Enter, Back = Escape, Help = F1, digits).
 * It moves focus by arrows towards the control it wants, as a sighted keypad user looking at
 * the screen would, and presses OK there. Letters are typed as a keypad user must: arrows over
 * the touch keyboard's keys, then OK on each. The devices stay simulated as in steps.ts (the
 * card is put on the reader, the fee paid on the phone); nothing on the kiosk is touched, and
 * the page counts any pointer, mouse or touch event so a test can prove it.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, type KioskPage } from './kiosk-fixture';
import { continueFrom, current, faceOutcome, leave, MAX_SCREENS, PASSING, type TouchAnswer, type TouchScript, type Visit } from './steps';

/** The keys of a kiosk keypad. */
export type PadKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Enter' | 'Escape' | 'F1' | '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type Arrow = Extract<PadKey, `Arrow${string}`>;

const DIGITS = new Set('0123456789');
const MAX_MOVES = 80;

interface Box {
  l: number;
  t: number;
  r: number;
  b: number;
}

/**
 * Counts, in every page of the context, the events only a finger or a mouse makes. Keys never
 * make a pointerdown, mousedown or touchstart; the click a key makes on a button has detail 0.
 * Synthetic events (isTrusted false) are the page's own doing and are not counted.
 */
export async function watchPointer(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__pointerEvents', { value: seen });
    for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'touchstart', 'touchend', 'contextmenu']) {
      window.addEventListener(type, (e) => e.isTrusted && seen.push(type), true);
    }
    window.addEventListener('click', (e) => e.isTrusted && e.detail > 0 && seen.push('click'), true);
  });
}

/** The pointer, mouse and touch events the page has seen since it loaded. */
export function pointerEvents(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((window as unknown as { __pointerEvents?: string[] }).__pointerEvents ?? ['(not watched)'])]);
}

/** A resident at the kiosk with its keypad, and nothing else. */
export class KeypadUser {
  /** Every key pressed, for a failure message. */
  readonly pressed: string[] = [];

  constructor(readonly kiosk: KioskPage) {}

  get page(): Page {
    return this.kiosk.page;
  }

  /** Presses one keypad key; focus must then be on something, never the page's body. */
  async press(k: PadKey): Promise<void> {
    this.pressed.push(k);
    await this.page.keyboard.press(k);
    await expect
      .poll(() => this.page.evaluate(() => document.activeElement !== null && document.activeElement !== document.body), { message: `focus lost to the body after ${k}` })
      .toBe(true);
  }

  /** What has focus, in words, for failure messages. */
  async focused(): Promise<string> {
    return this.page.evaluate(() => {
      const a = document.activeElement;
      if (!a) return '(nothing)';
      const id = a.getAttribute('data-testid') ?? a.id;
      return `${a.tagName.toLowerCase()}${id ? `#${id}` : ''} "${(a.textContent ?? '').trim().slice(0, 20)}"`;
    });
  }

  /**
   * Moves focus to `target` with arrows only: towards it along the row when it is beside the
   * focus, else up or down towards it; the other way when an arrow does not move.
   */
  async focusTo(target: Locator, what: string): Promise<void> {
    await expect(target, `${what} to be on screen`).toBeVisible();
    const path: string[] = [];
    for (let i = 0; i < MAX_MOVES; i++) {
      const s = await target.evaluate((el) => {
        const box = (e: Element) => {
          const r = e.getBoundingClientRect();
          return { l: r.left, t: r.top, r: r.right, b: r.bottom };
        };
        const a = document.activeElement;
        return { done: a === el, from: a && a !== document.body ? box(a) : null, to: box(el) };
      }, undefined, { timeout: 10_000 });
      if (s.done) return;
      path.push(await this.focused());
      const tries = s.from ? directions(s.from, s.to) : (['ArrowDown'] as const);
      let moved = false;
      for (const arrow of tries) {
        const before = await this.focused();
        await this.press(arrow);
        if ((await this.focused()) !== before) {
          moved = true;
          break;
        }
      }
      if (!moved) throw new Error(`No arrow moves focus towards ${what}; focus went ${path.join(' → ')}`);
    }
    throw new Error(`${what} not reached in ${MAX_MOVES} arrow presses; focus went ${path.slice(-12).join(' → ')}`);
  }

  /** Moves to `target` and presses OK on it. */
  async ok(target: Locator, what: string): Promise<void> {
    await this.focusTo(target, what);
    await expect(target).toBeFocused();
    await this.press('Enter');
  }

  /** Moves to the control with this test id and presses OK on it. */
  async okOn(testId: string): Promise<void> {
    await this.ok(this.page.getByTestId(testId), testId);
  }

  /** Types digits on the keypad's own digit keys (into the focused box, or the form's on-screen keypad). */
  async digits(text: string): Promise<void> {
    for (const ch of text) {
      if (!DIGITS.has(ch)) throw new Error(`${ch} is not on a keypad`);
      await this.press(ch as PadKey);
    }
  }

  /**
   * Types `text` on the touch keyboard of the screen: digits with the keypad's digit keys,
   * letters and signs by arrows to their key and OK; a capital takes Shift first when the
   * keyboard has one.
   */
  async typeOnKeyboard(text: string): Promise<void> {
    const keyboard = this.page.getByTestId('keyboard');
    // The touch keyboard is its own chunk: the first time a field shows, its place is held until it has come.
    await expect(keyboard.locator('.hg-button').first()).toBeVisible();
    for (const ch of text) {
      if (DIGITS.has(ch)) {
        // The digit key of the keypad types on the touch keyboard from wherever focus is in the form.
        await this.press(ch as PadKey);
        continue;
      }
      const keyFor = keyboard.locator(`.hg-button[data-skbtn="${ch}"]`);
      if ((await keyFor.count()) === 0) {
        const shift = keyboard.locator('.hg-button[data-skbtn="{shift}"]');
        if (ch === ch.toLowerCase() || (await shift.count()) === 0) throw new Error(`the touch keyboard has no key for ${ch}`);
        await this.ok(shift, 'Shift');
        await expect(keyFor).toHaveCount(1);
      }
      await this.ok(keyFor, `the key ${ch}`);
    }
  }
}

/** The arrows to try, best first, from the focused box towards the target box. */
function directions(from: Box, to: Box): Arrow[] {
  const dx = (to.l + to.r) / 2 - (from.l + from.r) / 2;
  const dy = (to.t + to.b) / 2 - (from.t + from.b) / 2;
  const horizontal: Arrow = dx > 0 ? 'ArrowRight' : 'ArrowLeft';
  const vertical: Arrow = dy > 0 ? 'ArrowDown' : 'ArrowUp';
  const sameRow = to.t < from.b && to.b > from.t;
  if (sameRow) return [horizontal, vertical];
  return Math.abs(dx) > 1 ? [vertical, horizontal] : [vertical];
}

/** What the driver does on screens where the test wants more than the service (a dialog, a Back, a check). */
export interface KeypadRunOptions {
  /** Screenshot and check label (default: the service id). */
  label?: string;
  /** Called each time a screen (by `data-screen`) comes, before the driver acts on it. */
  before?: Partial<Record<string, (user: KeypadUser) => Promise<void>>>;
}

/** Answers the question on screen with keys, as the touch script says. */
async function answer(user: KeypadUser, questionId: string, how: TouchAnswer): Promise<void> {
  const { page } = user;
  const main = page.locator('main');
  if ('choice' in how) {
    const option = page.getByTestId(`option-${how.choice}`);
    await user.ok(option, `the option ${how.choice}`);
    await expect(option).toBeChecked();
    if (how.text !== undefined) await user.typeOnKeyboard(how.text);
  } else if ('picks' in how) {
    for (const id of how.picks) {
      await user.okOn(`pick-${id}`);
      await expect(page.getByTestId(`pick-${id}`)).toBeChecked();
    }
  } else if ('digits' in how) {
    await user.focusTo(main.locator('input.input-number'), 'the number box');
    await user.digits(how.digits);
    await expect(main.locator('input.input-number')).toHaveValue(how.digits);
  } else if ('date' in how) {
    const [year = '', month = '', day = ''] = how.date.split('-');
    for (const [part, digits] of [['year', year], ['month', month], ['day', day]] as const) {
      await user.focusTo(page.getByTestId(`date-${part}`), `the ${part} box`);
      await user.digits(digits);
    }
  } else if ('plate' in how) {
    const [province, ...rest] = [...how.plate];
    await user.okOn(`province-${province}`);
    for (const ch of rest) {
      if (DIGITS.has(ch)) await user.press(ch as PadKey);
      else await user.okOn(`key-${ch}`);
    }
    await expect(page.getByTestId('plate-input')).toHaveValue(how.plate);
  } else if ('text' in how) {
    await user.typeOnKeyboard(how.text);
    await expect(page.getByTestId('text-input')).toHaveValue(how.text);
  } else {
    throw new Error(`${questionId}: a country search types Chinese: not in the keypad driver`);
  }
  await continueFrom(page, questionId, () => user.okOn('continue'));
}

/**
 * Runs a service from the welcome screen with keys only, as runService does by touch, with the
 * checks every screen must pass; returns the screens seen. Focus starts where the kiosk puts
 * it (the screen's heading), and every move is an arrow.
 */
export async function runServiceByKeys(user: KeypadUser, serviceId: string, script: TouchScript, opts: KeypadRunOptions = {}): Promise<Visit[]> {
  const { kiosk, page } = user;
  const { server } = kiosk;
  const label = opts.label ?? `${serviceId}-keys`;
  const seen: Visit[] = [];
  await kiosk.expectScreen('welcome');
  await opts.before?.welcome?.(user);
  await user.okOn(`service-${serviceId}`);
  await expect.poll(async () => (await current(page)).screen).not.toBe('welcome');

  for (let turn = 0; turn < MAX_SCREENS; turn++) {
    const here = await current(page);
    if (here.screen === 'welcome') return seen;
    seen.push(here);
    if (PASSING.has(here.screen)) {
      await leave(page, here);
      continue;
    }
    // A new screen puts focus on its heading, so a blind resident hears where they are.
    if (here.screen !== 'printing' && here.screen !== 'payment') await expect(page.locator('main h1'), `focus on the heading of ${here.screen}`).toBeFocused();
    await opts.before?.[here.screen]?.(user);
    const check = async (suffix = '') => kiosk.check(`${label}-${seen.length}-${here.screen}${suffix}`);

    switch (here.screen) {
      case 'start':
      case 'reviewNotice':
      case 'lookupShown':
        await check();
        await user.okOn('continue');
        break;
      case 'identifyChoose':
        await check();
        if (!('idNumber' in script.who)) throw new Error(`${serviceId}: a choice of methods, and the script does not say which`);
        await user.okOn('method-idNumberOtp');
        break;
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
        const box = page.getByTestId('idnumber-input');
        await user.focusTo(box, 'the ID number box');
        const id = script.who.idNumber;
        await user.digits(id.replace(/X$/, ''));
        // The X that ends some numbers is not on a keypad: it is a key of the on-screen keypad.
        if (id.endsWith('X')) await user.okOn('key-X');
        await expect(box).toHaveValue(id);
        await user.focusTo(box, 'the ID number box');
        // OK in the box sends the form, as Continue does.
        await user.press('Enter');
        break;
      }
      case 'otpCode': {
        await check();
        const status = (await server.api('sim:status')).value as { lastCode: string | null };
        if (!status.lastCode) throw new Error(`${serviceId}: no one-time code was sent`);
        await user.focusTo(page.getByTestId('code-input'), 'the code box');
        await user.digits(status.lastCode);
        await user.okOn('continue');
        break;
      }
      case 'face': {
        await expect(page.getByTestId('face-start')).toBeEnabled({ timeout: 30_000 });
        await check();
        await user.okOn('face-start');
        await leave(page, here).catch(async (e: unknown) => {
          throw new Error(`${serviceId}: the face check did not pass: ${await faceOutcome(page)}`, { cause: e });
        });
        continue;
      }
      case 'face-no-reference':
        await check();
        await user.okOn('continue');
        break;
      case 'photo': {
        await expect(page.getByTestId('camera-take')).toBeEnabled({ timeout: 20_000 });
        await check();
        await user.okOn('camera-take');
        await expect(page.getByTestId('camera-use')).toBeVisible({ timeout: 20_000 });
        await check('-taken');
        await user.okOn('camera-use');
        break;
      }
      case 'check':
        await check();
        await user.okOn('submit');
        break;
      case 'payment': {
        await expect(page.getByTestId('payment-qr')).toBeVisible();
        await check();
        expect((await server.api('sim:pay', { outcome: 'paid' })).ok).toBe(true);
        break;
      }
      case 'printing': {
        const status = page.getByTestId('print-status');
        const print = await status.getAttribute('data-print');
        if (print !== 'printing') throw new Error(`${serviceId}: printing ${print}: ${await status.textContent()}`);
        if ((await status.getAttribute('data-phase')) === 'insert') {
          await check();
          expect((await server.api('sim:insertPermit')).ok).toBe(true);
        }
        break;
      }
      case 'confirmation': {
        const status = page.getByTestId('print-status');
        await expect(status).not.toHaveAttribute('data-print', 'printing', { timeout: 20_000 });
        await expect(status).toHaveAttribute('data-print', 'printed');
        await check();
        await user.okOn('finish');
        break;
      }
      case 'rating': {
        await check();
        const rating = script.rating ?? { level: 5, reason: 'fast' };
        if (rating === 'skip') {
          await user.okOn('skip');
        } else {
          await user.okOn(`rate-${rating.level}`);
          await expect(page.getByTestId(`rate-${rating.level}`)).toHaveAttribute('aria-pressed', 'true');
          if (rating.reason) {
            await user.okOn(`reason-${rating.reason}`);
            await expect(page.getByTestId(`reason-${rating.reason}`)).toBeChecked();
          }
          await user.okOn('rate-send');
        }
        break;
      }
      default: {
        const question = /^question-(.+)$/.exec(here.screen)?.[1];
        if (!question) throw new Error(`${serviceId}: stopped on ${here.screen} ("${here.heading}"): ${(await page.locator('main').innerText()).slice(0, 400)}`);
        const how = script.answers[question];
        if (!how) throw new Error(`${serviceId}: no scripted answer to ${question}`);
        await check();
        await answer(user, question, how);
        continue;
      }
    }
    await leave(page, here);
  }
  throw new Error(`${serviceId}: more than ${MAX_SCREENS} screens`);
}

/**
 * The width of the focus ring the focused element (or, for a radio or checkbox, its label)
 * draws: its outline, or a box-shadow's spread, whichever is wider, in CSS pixels.
 */
export function focusRingWidth(page: Page): Promise<{ outline: number; shadow: number; on: string }> {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a) return { outline: 0, shadow: 0, on: '(nothing)' };
    const ringed = a instanceof HTMLInputElement && (a.type === 'radio' || a.type === 'checkbox') && a.labels?.[0] ? a.labels[0] : a;
    const style = getComputedStyle(ringed);
    const outline = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
    // "rgb(…) 0px 0px 0px 9px": the fourth length is the spread.
    const spread = /(-?[\d.]+)px\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+(-?[\d.]+)px/.exec(style.boxShadow);
    return { outline, shadow: spread ? parseFloat(spread[4]!) : 0, on: `${ringed.tagName.toLowerCase()} ${ringed.getAttribute('data-testid') ?? ''}` };
  });
}
