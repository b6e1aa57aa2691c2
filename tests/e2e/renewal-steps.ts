import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drawPortrait, writeY4m } from '../fixtures/fake-camera';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { expect, type KioskPage } from './kiosk-fixture';

// Chromium plays this file as the camera: a real, public-domain face (tests/fixtures/faces) on
// drawn shoulders and a white wall, so that the host's face engine finds it.
const CAMERA = path.join(os.tmpdir(), `kiosk-e2e-camera-${process.pid}.y4m`);
if (!fs.existsSync(CAMERA)) writeY4m(CAMERA, [1, 2, 3].map((seed) => drawPortrait({ width: 1280, height: 720, seed })));

/** Launch options for specs that take a photo: Chromium's fake camera plays the portrait above. */
export const FAKE_CAMERA_LAUNCH = {
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${CAMERA}`],
};

/** A renewal by touch from the welcome screen to the photo screen, with the expired sample card. */
export async function toPhoto(kiosk: KioskPage): Promise<void> {
  const { page } = kiosk;
  await kiosk.open();
  await expect(page.getByTestId('service-idCardRenewal')).toBeEnabled();
  await kiosk.tap('service-idCardRenewal');
  await kiosk.expectScreen('start');
  await expect(page.getByText('可以扫码支付')).toBeVisible();
  await kiosk.tap('continue');
  // The expired card is exactly what a renewal takes.
  await kiosk.presentCard('wang-expired');
  await kiosk.expectScreen('question-renewalReason');
  await page.getByText('证件已过有效期').click();
  await kiosk.tap('continue');
  for (const d of '13500000000') await kiosk.tap(`key-${d}`);
  await kiosk.tap('continue');
  await page.getByText('到本站领取').click();
  await kiosk.tap('continue');
  await kiosk.expectScreen('photo');
}

/** From the photo screen: take and accept the photo, submit, and wait for the QR code. */
export async function photoToPayment(kiosk: KioskPage): Promise<void> {
  const { page } = kiosk;
  await page.getByRole('button', { name: '拍照' }).click();
  await page.getByRole('button', { name: '使用这张照片' }).click({ timeout: 20_000 });
  await kiosk.expectScreen('check');
  await kiosk.tap('submit');
  await kiosk.expectScreen('payment');
  await expect(page.getByTestId('payment-qr')).toBeVisible();
}
