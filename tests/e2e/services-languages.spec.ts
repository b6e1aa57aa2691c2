import { expect } from '@playwright/test';
import type { Lang } from '../../shared/contract';
import { test } from './kiosk-fixture';
import { FAKE_CAMERA_LAUNCH } from './renewal-steps';
import { expectOutputs, SCRIPTS } from './service-scripts';
import { runService } from './steps';

test.use({ launchOptions: FAKE_CAMERA_LAUNCH });

// A whole service by touch in every language but the default (zh-CN runs all 18), with the same
// checks on every screen as in zh-CN (axe, 48 px targets, no sideways scrolling, a screenshot
// kept), and what it prints checked in that language. The families rotate, so that each output
// (a slip every time, the A4 certificate, the A4 fine receipt with its Simplified Chinese fallback,
// the endorsement on the permit) is checked in at least one other language; the screen gallery
// (gallery.spec.ts) draws every screen in every language.
const ROTATION = [
  ['en', 'householdCertificate'],
  ['zh-HK', 'hkMacaoEndorsement'],
  ['ko', 'trafficFines'],
  ['ja', 'householdCertificate'],
  ['ru', 'hkMacaoEndorsement'],
] as const satisfies readonly (readonly [Lang, string])[];

for (const [lang, serviceId] of ROTATION) {
  test(`${serviceId} by touch in ${lang}, with its outputs in ${lang}`, async ({ kiosk, server }) => {
    await kiosk.open();
    await kiosk.chooseLanguage(lang);
    const visits = await runService(kiosk, serviceId, SCRIPTS[serviceId]!, { label: `${serviceId}-${lang}` });
    await expectOutputs(server, serviceId, visits, lang);
  });
}

test('the language list: every language in its own name and script, axe clean, Escape keeps the language', async ({ kiosk }) => {
  await kiosk.open();
  await kiosk.tap('lang-menu');
  const dialog = kiosk.page.getByTestId('lang-dialog');
  await expect(dialog).toBeVisible();
  for (const [lang, name] of [
    ['zh-CN', '简体中文'],
    ['zh-HK', '繁體中文（香港）'],
    ['en', 'English'],
    ['ko', '한국어'],
    ['ja', '日本語'],
    ['ru', 'Русский'],
  ] as const) {
    const button = kiosk.page.getByTestId(`lang-${lang}`);
    await expect(button).toHaveText(name);
    await expect(button).toHaveAttribute('lang', lang);
  }
  // The current language has the focus, so a keypad user starts from where they are.
  await expect(kiosk.page.getByTestId('lang-zh-CN')).toBeFocused();
  await kiosk.check('language-list');
  await kiosk.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(kiosk.page.getByTestId('lang-menu')).toBeFocused();
  await expect(kiosk.page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await kiosk.chooseLanguage('ko');
  await expect(kiosk.page.getByTestId('lang-menu')).toContainText('한국어');
  await kiosk.check('welcome-ko');
});

test('right to left: the layout mirrors (a pseudo right-to-left page), and passes the same checks', async ({ kiosk }) => {
  await kiosk.open();
  const header = kiosk.page.locator('.header-title');
  const tools = kiosk.page.locator('.header-tools');
  const ltr = { title: (await header.boundingBox())!, tools: (await tools.boundingBox())! };
  expect(ltr.title.x).toBeLessThan(ltr.tools.x);
  await kiosk.page.evaluate(() => {
    document.documentElement.dir = 'rtl';
  });
  const rtl = { title: (await header.boundingBox())!, tools: (await tools.boundingBox())! };
  // The title moves to the right-hand side, the tools to the left.
  expect(rtl.title.x).toBeGreaterThan(rtl.tools.x);
  const width = kiosk.page.viewportSize()!.width;
  expect(Math.abs(rtl.title.x + rtl.title.width - (width - ltr.title.x))).toBeLessThanOrEqual(2);
  await kiosk.check('welcome-rtl');
});
