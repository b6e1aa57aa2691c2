import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drawPortrait, writeY4m } from '../fixtures/fake-camera';
import type { FixtureFace } from '../fixtures/faces/faces';
import { swayX } from '../fixtures/faces/bursts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { expect, type KioskPage } from './kiosk-fixture';

// Chromium plays this file as the camera: a real, public-domain face (tests/fixtures/faces) on
// drawn shoulders and a white wall, so that the host's face engine finds it, swaying a little as
// a person does (the face check's liveness signal looks for that). Ten frames at 30 a second:
// a 1/3 s loop, which the face screen's frames (350 ms apart) never sample at the same point twice running.
function cameraFile(sitter: FixtureFace): string {
  const file = path.join(os.tmpdir(), `kiosk-e2e-camera-${sitter}-${process.pid}.y4m`);
  if (!fs.existsSync(file)) writeY4m(file, Array.from({ length: 10 }, (_, i) => drawPortrait({ width: 1280, height: 720, sitter, seed: i + 1, headX: swayX(i) })));
  return file;
}

/** Launch options for a fake camera that plays this sitter (the sample residents' photos are Collins). */
export function fakeCameraLaunch(sitter: FixtureFace) {
  return {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${cameraFile(sitter)}`],
  };
}

/** Launch options for specs that take a photo or check a face: the holder of the sample documents in front of the camera. */
export const FAKE_CAMERA_LAUNCH = fakeCameraLaunch('collins');

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
  // The face check: wang's card photo against the fake camera's portrait.
  await expect(page.getByTestId('face-start')).toBeEnabled({ timeout: 30_000 });
  await kiosk.tap('face-start');
  // Two seconds of frames, then the comparison on the host: longer than a tap's answer.
  await expect(page.locator('main[data-screen="question-renewalReason"]')).toBeVisible({ timeout: 30_000 });
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
