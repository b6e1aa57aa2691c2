import { expect, type Page, type Request } from '@playwright/test';
import { test, type KioskPage } from './kiosk-fixture';
import { FAKE_CAMERA_LAUNCH } from './renewal-steps';
import { expectOutputs, PEOPLE, SCRIPTS } from './service-scripts';
import { controlsAboveHalf } from './reach';
import { runService } from './steps';

test.use({ launchOptions: FAKE_CAMERA_LAUNCH });

/** Everything the page asked the host to say, in order (the text of each speech:synthesize). */
function spokenTexts(page: Page) {
  const texts: { text: string; lang: string }[] = [];
  page.on('request', (request: Request) => {
    if (!isSpeech(request.url())) return;
    const { text, lang } = request.postDataJSON() as { text: string; lang: string };
    texts.push({ text, lang });
  });
  return texts;
}

const isSpeech = (url: string) => decodeURIComponent(url).endsWith('/api/command/speech:synthesize');

async function setModes(kiosk: KioskPage, modes: readonly ('text-size' | 'contrast-toggle' | 'low-reach-toggle')[]) {
  for (const mode of modes) {
    await kiosk.tap(mode);
    await expect(kiosk.page.getByTestId(mode)).toHaveAttribute('aria-pressed', 'true');
  }
}

// Each mode on every screen in every language: gallery.spec.ts. Here, a whole service with all
// three at once, as a resident who needs them would use it.
test.describe('display modes through a whole service', () => {
  test('all three modes at once, in English: still axe clean and within reach', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    await kiosk.chooseLanguage('en');
    await setModes(kiosk, ['text-size', 'contrast-toggle', 'low-reach-toggle']);
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBe(52);
    await kiosk.check('welcome-all-modes');
    expect(await controlsAboveHalf(page)).toEqual([]);
    // The language list and the help panel open in the lower half too.
    await kiosk.tap('lang-menu');
    expect(await controlsAboveHalf(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await kiosk.tap('help-open');
    await expect(page.getByTestId('help-dialog')).toBeVisible();
    expect(await controlsAboveHalf(page)).toEqual([]);
    await kiosk.check('help-all-modes');
    await page.getByTestId('help-dialog').getByRole('button').last().click();
    const visits = await runService(kiosk, 'noCriminalRecord', SCRIPTS.noCriminalRecord!, {
      label: 'noCriminalRecord-all-modes',
      onScreen: async () => expect(await controlsAboveHalf(page)).toEqual([]),
    });
    await expectOutputs(server, 'noCriminalRecord', visits, 'en');
  });
});

test.describe('speech', () => {
  test('the screen is spoken in its language by the host engine; personal details only once a headset is plugged in', async ({ kiosk, server }) => {
    const { page } = kiosk;
    const said = spokenTexts(page);
    const firstAnswer = page.waitForResponse((response) => isSpeech(response.url()));
    await kiosk.open();
    await kiosk.tap('speech-toggle');
    await expect(page.getByTestId('speech-controls')).toBeVisible();
    // The welcome screen, heading first, then its services; the keys explained at the end.
    await expect.poll(() => said.map((s) => s.text)).toContain('您要办理什么业务？');
    expect(said[0]).toEqual({ text: '您要办理什么业务？', lang: 'zh-CN' });
    // Debian's espeak-ng made a real WAV of it.
    const answer = (await (await firstAnswer).json()) as { ok: boolean; value: { ok: boolean; wavBase64?: string } };
    expect(answer.ok && answer.value.ok).toBe(true);
    expect(Buffer.from(answer.value.wavBase64!, 'base64').subarray(0, 4).toString('latin1')).toBe('RIFF');
    await expect(page.getByTestId('speech-status')).toContainText('扬声器');

    // To the check screen: the applicant's name is on it, and not said on the loudspeaker.
    await runService(kiosk, 'noCriminalRecord', SCRIPTS.noCriminalRecord!, { stopAt: ['check'], checks: false });
    await kiosk.expectScreen('check');
    await expect.poll(() => said.some((s) => s.text === '请核对您的信息')).toBe(true);
    const name = PEOPLE.zhang.name;
    await expect(page.getByTestId('applicant-name')).toHaveText(name);
    expect(said.some((s) => s.text.includes(name))).toBe(false);
    expect(said.some((s) => s.text.includes('个人信息'))).toBe(true);

    // A headset plugged in: the screen is said again, the name with it.
    await server.api('sim:headset', { plugged: true });
    await expect(page.getByTestId('speech-status')).toContainText('耳机');
    await expect.poll(() => said.some((s) => s.text.includes(name))).toBe(true);
    // Pulled out: private listening is over.
    const before = said.length;
    await server.api('sim:headset', { plugged: false });
    await expect(page.getByTestId('speech-status')).toContainText('扬声器');
    await kiosk.tap('speech-repeat');
    await expect.poll(() => said.length).toBeGreaterThan(before);
    expect(said.slice(before).some((s) => s.text.includes(name))).toBe(false);
  });

  test('plugging a headset in turns speech on; faster speech is asked for at the faster rate', async ({ kiosk, server }) => {
    const { page } = kiosk;
    const rates: number[] = [];
    page.on('request', (request) => {
      if (isSpeech(request.url())) rates.push((request.postDataJSON() as { rate: number }).rate);
    });
    await kiosk.open();
    await expect(page.getByTestId('speech-toggle')).toHaveAttribute('aria-pressed', 'false');
    await server.api('sim:headset', { plugged: true });
    await expect(page.getByTestId('speech-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => rates.length).toBeGreaterThan(0);
    await kiosk.tap('speech-faster');
    await expect.poll(() => rates.at(-1)).toBe(1.25);
    await kiosk.check('speech-controls');
  });

  test('Japanese has no voice here: the kiosk says so and offers Chinese or English speech', async ({ kiosk }) => {
    const { page } = kiosk;
    const said = spokenTexts(page);
    await kiosk.open();
    await kiosk.chooseLanguage('ja');
    await kiosk.tap('speech-toggle');
    await expect(page.getByTestId('speech-no-voice')).toBeVisible();
    await kiosk.check('speech-no-voice-ja');
    // Said, too, for a visitor who cannot read it: in Chinese, then in English.
    await expect.poll(() => said.map((s) => s.lang)).toEqual(['zh-CN', 'en']);
    expect(said[0]!.text).toContain('中文');
    expect(said[1]!.text).toContain('Chinese or English');
    expect(said.filter((s) => s.lang === 'ja')).toEqual([]);
    await kiosk.tap('speech-lang-en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect.poll(() => said.some((s) => s.lang === 'en' && s.text === 'What do you need to do?')).toBe(true);
    await expect(page.getByTestId('speech-no-voice')).toHaveCount(0);
  });
});
