import { expect, test, type KioskPage } from './kiosk-fixture';

async function toCheck(kiosk: KioskPage) {
  const { page } = kiosk;
  await kiosk.tap('service-noCriminalRecord');
  await kiosk.tap('continue');
  await kiosk.presentCard('zhang');
  await page.getByText('求职应聘').click();
  await kiosk.tap('continue');
  await page.getByTestId('text-input').fill('加拿大');
  await kiosk.tap('continue');
  for (const d of '13900000000') await kiosk.tap(`key-${d}`);
  await kiosk.tap('continue');
  await page.getByText('到本站领取').click();
  await kiosk.tap('continue');
  await kiosk.expectScreen('check');
}

test.describe('device faults on screen', () => {
  test('a slip jammed mid-print: the reference stays on screen, the resident is told to write it down, reprint works', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    await toCheck(kiosk);
    await server.api('sim:fault', { device: 'receiptPrinter', fault: 'jamNextJob' });
    await kiosk.tap('submit');
    await kiosk.expectScreen('confirmation');
    await expect(page.getByTestId('print-status')).toHaveAttribute('data-print', 'failed');
    await expect(page.getByTestId('print-status')).toContainText('请记下您的受理编号');
    const reference = await page.getByTestId('reference').textContent();
    await kiosk.check('confirmation-print-failed');
    await kiosk.tap('reprint');
    await expect(page.getByTestId('print-status')).toHaveAttribute('data-print', 'printed');
    await expect(page.getByTestId('reference')).toHaveText(reference ?? '');
    expect(server.receipts()).toHaveLength(1);
  });

  test('a disk that refuses the commit: the answers stay, nothing was sent, a retry submits', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    await toCheck(kiosk);
    await server.api('sim:fault', { device: 'storage', fault: 'failNextWrite' });
    await kiosk.tap('submit');
    await kiosk.expectScreen('submitFailed');
    await expect(page.getByText('您填写的内容仍然保留')).toBeVisible();
    await kiosk.check('submit-failed');
    await kiosk.tap('retry');
    await kiosk.expectScreen('confirmation');
    await expect(page.getByTestId('reference')).toHaveText(/^JN-/);
  });

  test('the card reader going offline mid-session says so and sends the resident elsewhere', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    await kiosk.tap('service-noCriminalRecord');
    await kiosk.tap('continue');
    await kiosk.expectScreen('identify');
    await server.api('sim:fault', { device: 'idCardReader', fault: 'offline' });
    await kiosk.expectScreen('identifyFailed');
    await expect(page.getByTestId('identify-reason')).toContainText('读卡器暂时无法使用');
    await kiosk.check('identify-reader-offline');
    await kiosk.tap('start-again');
    await kiosk.tap('cancel-confirm');
    await kiosk.expectScreen('welcome');
    await expect(page.getByTestId('unavailable-noCriminalRecord')).toContainText('身份证读卡器');
    await server.api('sim:fault', { device: 'idCardReader', fault: 'online' });
    await expect(page.getByTestId('service-noCriminalRecord')).toBeEnabled();
  });

  test('the simulator panel shows every device and can inject faults', async ({ kiosk }) => {
    const { page } = kiosk;
    await kiosk.open();
    await page.keyboard.press('Control+Shift+S');
    await expect(page.getByTestId('sim-device-receiptPrinter')).toContainText('online');
    await kiosk.tap('sim-fault-receiptPrinter-offline');
    await expect(page.getByTestId('sim-device-receiptPrinter')).toContainText('offline');
    // The station's side of the intercom: with no call going on, answering changes nothing.
    await kiosk.tap('sim-intercom-answer');
    await expect(page.getByTestId('sim-device-intercom')).toContainText('online');
    await kiosk.check('sim-panel');
  });
});
