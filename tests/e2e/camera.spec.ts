import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type BrowserType, type LaunchOptions } from '@playwright/test';
import { createLogger } from '../../electron/host/log/logger';
import { readJpegFrameHeader, type PhotoCheckResult } from '../../electron/host/photo/photo-check';
import { createPhotoChecker, type PhotoChecker } from '../../electron/host/photo/photo-checker';
import { RESIDENT_ID_PHOTO } from '../../shared/catalog/photo-spec';
import { drawPortrait, writeY4m, type PortraitOptions } from '../fixtures/fake-camera';

// The real capture path, end to end: Chromium's camera stack plays a Y4M file as the camera,
// the page grabs a frame exactly as CameraCapture does (video -> canvas -> toBlob JPEG), and the
// host's check, with the real face engine, runs on the bytes it hands back, in the host's own
// photo worker thread (out/main/photo-worker.js, built before the end-to-end tests), as the kiosk
// runs it: the engine's WebAssembly runtime then stays off this test process. No kiosk server is
// needed. The sitter's face is a public-domain photo (tests/fixtures/faces).

const HARNESS_URL = 'http://localhost/camera-harness';
const PHOTO_WORKER = path.resolve(__dirname, '../../out/main/photo-worker.js');
let dir = '';
let checker: PhotoChecker | null = null;

test.beforeAll(() => {
  if (!fs.existsSync(PHOTO_WORKER)) throw new Error('out/main/photo-worker.js is missing: run `npm run build` first.');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-camera-'));
  checker = createPhotoChecker({ script: PHOTO_WORKER, log: createLogger({ write: () => undefined }) });
});

test.afterAll(async () => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  await checker?.close();
});

async function check(frame: Uint8Array): Promise<PhotoCheckResult> {
  if (checker === null) throw new Error('The photo checker did not start.');
  const result = await checker.check(Buffer.from(frame).toString('base64'), RESIDENT_ID_PHOTO);
  // A check that could not run at all (the engine did not load) is not an answer about the photo.
  expect(checker.faceStatus().state).toBe('ready');
  return result;
}

function fakeCameraFile(name: string, options: PortraitOptions): string {
  const file = path.join(dir, `${name}.y4m`);
  // A few frames with fresh sensor noise each, as a real camera would send.
  writeY4m(file, [1, 2, 3].map((seed) => drawPortrait({ width: 1280, height: 720, seed, ...options })));
  return file;
}

interface Grab {
  width: number;
  height: number;
  base64: string;
}

async function grabFrame(browserType: BrowserType, launchOptions: LaunchOptions, y4m: string): Promise<Grab> {
  const browser = await browserType.launch({
    ...launchOptions,
    args: [
      ...(launchOptions.args ?? []),
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
    ],
  });
  try {
    const page = await browser.newPage();
    // getUserMedia needs a secure context, which about:blank is not; localhost is. The page is
    // served by the route itself, so nothing listens on a port.
    await page.route(HARNESS_URL, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>camera</title>' }));
    await page.goto(HARNESS_URL);
    return await page.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 }, audio: false });
      const video = document.createElement('video');
      video.muted = true;
      video.playsInline = true;
      video.srcObject = stream;
      await video.play();
      // Let a few frames through so the grab is a decoded picture, not the first blank one.
      await new Promise<void>((resolve) => {
        let frames = 0;
        const next = (): void => {
          frames += 1;
          if (frames >= 3) resolve();
          else video.requestVideoFrameCallback(next);
        };
        video.requestVideoFrameCallback(next);
      });
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const context = canvas.getContext('2d');
      if (context === null) throw new Error('No 2D canvas.');
      context.drawImage(video, 0, 0);
      for (const track of stream.getTracks()) track.stop();
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
      if (blob === null) throw new Error('The canvas gave no JPEG.');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return { width: canvas.width, height: canvas.height, base64: btoa(binary) };
    });
  } finally {
    await browser.close();
  }
}

test.describe('camera capture in real Chromium, checked by the host', () => {
  test('a sitter on a white backdrop becomes a resident ID photo', async ({ playwright, launchOptions }) => {
    const grab = await grabFrame(playwright.chromium, launchOptions, fakeCameraFile('white', {}));
    expect([grab.width, grab.height]).toEqual([1280, 720]);
    const frame = Buffer.from(grab.base64, 'base64');
    expect(readJpegFrameHeader(frame)).toMatchObject({ width: 1280, height: 720 });

    const result = await check(frame);
    expect(result.ok ? 'ok' : result.problems.join(', ')).toBe('ok');
    if (!result.ok) return;
    expect(readJpegFrameHeader(result.jpeg)).toEqual({ width: 358, height: 441, components: 3, precision: 8 });
    expect(result.bytes).toBeGreaterThanOrEqual(RESIDENT_ID_PHOTO.minBytes);
    expect(result.bytes).toBeLessThanOrEqual(RESIDENT_ID_PHOTO.maxBytes);
  });

  test('the same sitter on a grey backdrop is refused for the background', async ({ playwright, launchOptions }) => {
    const grab = await grabFrame(playwright.chromium, launchOptions, fakeCameraFile('grey', { background: [150, 150, 150] }));
    const result = await check(Buffer.from(grab.base64, 'base64'));
    expect(result.ok ? [] : result.problems).toEqual(['background']);
  });

  test('an empty backdrop is refused: no face', async ({ playwright, launchOptions }) => {
    const grab = await grabFrame(playwright.chromium, launchOptions, fakeCameraFile('empty', { subject: 'none' }));
    const result = await check(Buffer.from(grab.base64, 'base64'));
    expect(result.ok ? [] : result.problems).toEqual(['noFace']);
  });
});
