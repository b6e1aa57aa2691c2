import fs from 'node:fs';
import { decodeEscPos } from '../fixtures/escpos-decode';
import { expect, test } from './kiosk-fixture';
import { FAKE_CAMERA_LAUNCH, toPhoto } from './renewal-steps';

test.use({ launchOptions: FAKE_CAMERA_LAUNCH });

test.describe('ID card renewal: photo and payment', () => {
  test('photo to specification, QR payment recorded, slip shows the fee', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await toPhoto(kiosk);
    await page.getByRole('button', { name: '拍照' }).click();
    await expect(page.getByRole('button', { name: '使用这张照片' })).toBeVisible({ timeout: 20_000 });
    await kiosk.check('photo-taken');
    await page.getByRole('button', { name: '使用这张照片' }).click();

    await kiosk.expectScreen('check');
    await expect(page.getByTestId('check-photo')).toBeVisible();
    await expect(page.getByTestId('check-fee')).toHaveText('￥20.00');
    await kiosk.check('check-renewal');
    await kiosk.tap('submit');

    await kiosk.expectScreen('payment');
    await expect(page.getByTestId('payment-qr')).toBeVisible();
    await expect(page.getByTestId('payment-amount')).toContainText('￥20.00');
    await kiosk.check('payment');
    const pending = (await server.api('sim:status')).value as { pendingPayment: string | null };
    expect(pending.pendingPayment).not.toBeNull();
    await server.api('sim:pay', { outcome: 'paid' });

    await kiosk.expectScreen('confirmation');
    await expect(page.getByTestId('paid')).toContainText('￥20.00');
    await expect(page.getByTestId('print-status')).toHaveAttribute('data-print', 'printed');
    const slip = decodeEscPos(new Uint8Array(fs.readFileSync(server.receipts()[0]!)));
    expect(slip.text).toContain('已缴费用');
    expect(slip.text).toContain('￥20.00');
    expect(slip.text).toContain('换领居民身份证');
    await kiosk.check('confirmation-renewal');
  });

  test('a payment that times out says no money was taken, and a new code can be shown', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await toPhoto(kiosk);
    await page.getByRole('button', { name: '拍照' }).click();
    await page.getByRole('button', { name: '使用这张照片' }).click();
    await kiosk.expectScreen('check');
    await server.api('sim:fault', { device: 'paymentTerminal', fault: 'timeoutNext' });
    await kiosk.tap('submit');
    await kiosk.expectScreen('paymentFailed');
    await expect(page.getByTestId('payment-failure')).toHaveAttribute('data-failure', 'timedOut');
    await expect(page.getByText('没有扣款')).toBeVisible();
    await kiosk.check('payment-failed');
    await kiosk.tap('retry');
    await kiosk.expectScreen('payment');
    await kiosk.tap('payment-cancel');
    await kiosk.expectScreen('check');
  });
});
