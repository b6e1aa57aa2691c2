import fs from 'node:fs';
import { decodeEscPos } from '../fixtures/escpos-decode';
import { expect, test, type KioskPage } from './kiosk-fixture';

const REFERENCE = /^JN-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/;

async function tapDigits(kiosk: KioskPage, digits: string) {
  for (const d of digits) await kiosk.tap(`key-${d}`);
}

test.describe('no-criminal-record certificate, by touch', () => {
  test('zh-CN in portrait, card presented by hand from the simulator panel', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await kiosk.check('welcome');

    await kiosk.tap('service-noCriminalRecord');
    await kiosk.expectScreen('start');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('申请无犯罪记录证明');
    await kiosk.check('start');

    await kiosk.tap('continue');
    await kiosk.expectScreen('identify');
    await kiosk.check('identify');

    // The simulator panel is hidden until the key combination opens it.
    await expect(page.getByTestId('sim-panel')).toHaveCount(0);
    await page.keyboard.press('Control+Shift+S');
    await expect(page.getByTestId('sim-panel')).toBeVisible();
    await kiosk.tap('sim-present-zhang');
    await kiosk.expectScreen('question-purpose');
    await kiosk.tap('sim-close');
    await expect(page.getByTestId('sim-panel')).toHaveCount(0);
    await expect(page.getByText('第 1 题，共 4 题')).toBeVisible();
    await kiosk.check('question-purpose');

    // "Other" reveals its text field; type the pinyin on the on-screen keyboard and choose the whole word.
    await page.getByText('其他用途').click();
    await expect(page.getByTestId('keyboard')).toBeVisible();
    for (const key of 'lingyang') await page.locator(`.hg-button[data-skbtn="${key}"]`).click();
    await page.getByRole('group', { name: '候选字词' }).getByRole('button', { name: '领养', exact: true }).click();
    await expect(page.getByTestId('text-input')).toHaveValue('领养');
    await kiosk.check('question-purpose-other');
    await kiosk.tap('continue');

    await kiosk.expectScreen('question-destination');
    await page.getByTestId('text-input').fill('加拿大');
    await kiosk.check('question-destination');
    await kiosk.tap('continue');

    await kiosk.expectScreen('question-phone');
    await tapDigits(kiosk, '1390000000');
    await kiosk.tap('continue');
    await expect(page.getByTestId('error-summary')).toContainText('11 位手机号码');
    await kiosk.check('question-phone-error');
    await tapDigits(kiosk, '9');
    await expect(page.getByTestId('phone-input')).toHaveValue('13900000009');
    await kiosk.tap('continue');

    await kiosk.expectScreen('question-delivery');
    await page.getByText('到本站领取').click();
    await kiosk.check('question-delivery');
    await kiosk.tap('continue');

    await kiosk.expectScreen('check');
    await expect(page.getByTestId('applicant-name')).toHaveText('张伟明');
    await expect(page.getByTestId('applicant-id')).toHaveText('1101**********0012');
    await expect(page.getByTestId('answer-purpose')).toHaveText('其他用途：领养');
    await kiosk.check('check');

    // Change the destination, and land back on the check page.
    await kiosk.tap('change-destination');
    await kiosk.expectScreen('question-destination');
    await expect(page.getByTestId('text-input')).toHaveValue('加拿大');
    await page.getByTestId('text-input').fill('日本');
    await kiosk.tap('continue');
    await kiosk.expectScreen('check');
    await expect(page.getByTestId('answer-destination')).toHaveText('日本');

    await kiosk.tap('submit');
    await kiosk.expectScreen('confirmation');
    const reference = (await page.getByTestId('reference').textContent()) ?? '';
    expect(reference).toMatch(REFERENCE);
    await expect(page.getByTestId('print-status')).toHaveAttribute('data-print', 'printed');
    await kiosk.check('confirmation');

    const [receipt] = server.receipts();
    expect(server.receipts()).toHaveLength(1);
    const slip = decodeEscPos(new Uint8Array(fs.readFileSync(receipt!)));
    expect(slip.text).toContain(reference);
    expect(slip.text).toContain('申请无犯罪记录证明');
    expect(slip.qr).toEqual([reference]);
    expect(slip.cuts).toBe(1);
    // The slip may be left behind: no name, no ID number, no phone on it.
    expect(slip.text).not.toContain('张伟明');
    expect(slip.text).not.toContain('110105198003150012');
    expect(slip.text).not.toContain('13900000009');

    await kiosk.tap('finish');
    await kiosk.expectScreen('rating');
    await kiosk.check('rating');
    await kiosk.tap('rate-4');
    await expect(page.getByTestId('rate-4')).toHaveAttribute('aria-pressed', 'true');
    await kiosk.tap('reason-easy');
    await kiosk.check('rating-reason');
    await kiosk.tap('rate-send');
    await kiosk.expectScreen('welcome');
    await expect(page.getByText('张伟明')).toHaveCount(0);
  });

  test.describe('landscape', () => {
    test('en in landscape, with an error, Start again, and a second application', async ({ kiosk, server }) => {
      const { page } = kiosk;
      await page.setViewportSize({ width: 1920, height: 1080 });
      await kiosk.open();
      await kiosk.chooseLanguage('en');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('What do you need to do?');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await kiosk.check('welcome');

      await kiosk.tap('service-noCriminalRecord');
      await kiosk.check('start');
      await kiosk.tap('continue');
      await kiosk.presentCard('li');
      await kiosk.expectScreen('question-purpose');

      // Continue without choosing: the error summary says what to do.
      await kiosk.tap('continue');
      await expect(page.getByTestId('error-summary')).toContainText('Choose one of the options to continue');
      await kiosk.check('question-purpose-error');

      // Start again asks first, and "No" keeps everything.
      await kiosk.tap('start-again');
      await expect(page.getByTestId('cancel-dialog')).toBeVisible();
      await kiosk.check('start-again-dialog');
      await kiosk.tap('cancel-keep');
      await kiosk.expectScreen('question-purpose');

      await page.getByText('Visa or emigration').click();
      await kiosk.tap('continue');
      await page.getByTestId('text-input').fill('Canada');
      await kiosk.tap('continue');
      await tapDigits(kiosk, '13800000000');
      await kiosk.tap('continue');
      await page.getByText('Electronic certificate').click();
      await kiosk.tap('continue');
      await kiosk.expectScreen('check');
      await expect(page.getByTestId('answer-phone')).toHaveText('13800000000');
      await kiosk.check('check');

      await kiosk.tap('submit');
      await kiosk.expectScreen('confirmation');
      const reference = (await page.getByTestId('reference').textContent()) ?? '';
      expect(reference).toMatch(REFERENCE);
      await kiosk.check('confirmation');
      const slip = decodeEscPos(new Uint8Array(fs.readFileSync(server.receipts()[0]!)));
      expect(slip.text).toContain('Apply for a no-criminal-record certificate');
      expect(slip.qr).toEqual([reference]);

      // Start again after submitting says the application is kept, then clears the screen.
      await kiosk.tap('start-again');
      await expect(page.getByTestId('cancel-dialog')).toContainText('submitted and is kept safely');
      await kiosk.tap('cancel-confirm');
      await kiosk.expectScreen('welcome');
      // The next person is greeted in the kiosk's own language.
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await expect(page.getByText(reference)).toHaveCount(0);
    });
  });

  test('a card that cannot be used says why and what to do', async ({ kiosk }) => {
    await kiosk.open();
    await kiosk.tap('service-noCriminalRecord');
    await kiosk.tap('continue');
    await kiosk.presentCard('wang-expired');
    await kiosk.expectScreen('identifyFailed');
    await expect(kiosk.page.getByTestId('identify-reason')).toContainText('已过有效期');
    await kiosk.check('identify-expired');
    await kiosk.tap('retry');
    await kiosk.expectScreen('identify');
    await kiosk.presentCard('damaged');
    await kiosk.expectScreen('identifyFailed');
    await expect(kiosk.page.getByTestId('identify-reason')).toContainText('无法读取证件');
  });

  test('the flow survives a renderer reload on the same screen', async ({ kiosk }) => {
    const { page } = kiosk;
    await kiosk.open();
    await kiosk.tap('service-noCriminalRecord');
    await kiosk.tap('continue');
    await kiosk.presentCard('liu');
    await page.getByText('求职应聘').click();
    await kiosk.tap('continue');
    await kiosk.expectScreen('question-destination');
    await page.reload();
    await kiosk.expectScreen('question-destination');
    await kiosk.tap('back');
    await expect(page.getByTestId('option-job')).toBeChecked();
  });

  test('works at 200% text size', async ({ kiosk }) => {
    const { page } = kiosk;
    await kiosk.open();
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
      document.documentElement.style.setProperty('font-size', `${26 * 2}px`);
    });
    await kiosk.check('welcome-200');
    await kiosk.tap('service-noCriminalRecord');
    await kiosk.check('start-200');
    await kiosk.tap('continue');
    await kiosk.presentCard('aili');
    await kiosk.check('question-purpose-200');
    await page.getByText('出国留学').click();
    await kiosk.tap('continue');
    await page.getByTestId('text-input').fill('英国');
    await kiosk.check('question-destination-200');
    await kiosk.tap('continue');
    await tapDigits(kiosk, '13700000000');
    await kiosk.check('question-phone-200');
    await kiosk.tap('continue');
    await page.getByText('电子证明').click();
    await kiosk.tap('continue');
    await kiosk.check('check-200');
    await kiosk.tap('submit');
    await kiosk.expectScreen('confirmation');
    await kiosk.check('confirmation-200');
  });

  test('the larger-text button doubles as the resident wants and resets for the next person', async ({ kiosk }) => {
    const { page } = kiosk;
    await kiosk.open();
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const normal = await size();
    await kiosk.tap('service-noCriminalRecord');
    await kiosk.tap('text-size');
    await expect.poll(size).toBeGreaterThan(normal * 1.3);
    await kiosk.check('start-large-text');
    await kiosk.tap('start-again');
    await kiosk.tap('cancel-confirm');
    await kiosk.expectScreen('welcome');
    // The reset lands with the next render after the new session's first view.
    await expect.poll(size).toBe(normal);
  });
});

test.describe('services whose devices are not ready', () => {
  test('paper out shows the service as unavailable, and it comes back with paper', async ({ kiosk, server }) => {
    await kiosk.open();
    await server.api('sim:setPaper', { paper: 'out' });
    await expect(kiosk.page.getByTestId('service-noCriminalRecord')).toBeDisabled();
    await expect(kiosk.page.getByTestId('service-noCriminalRecord')).toContainText('暂停服务');
    await expect(kiosk.page.getByTestId('unavailable-noCriminalRecord')).toContainText('回执打印机缺纸或卡纸');
    await kiosk.check('welcome-paper-out');
    await server.api('sim:setPaper', { paper: 'low' });
    await expect(kiosk.page.getByTestId('service-noCriminalRecord')).toBeEnabled();
  });
});
