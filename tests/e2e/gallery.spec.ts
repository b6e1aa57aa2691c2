import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { LANGS, type Lang } from '../../shared/contract';
import { checkPage } from './kiosk-fixture';
import { controlsAboveHalf } from './reach';

/**
 * Every screen the kiosk draws (one example of each, as the renderer's tests know them, and the
 * idle warning), in every language and every display mode, with the checks of every screen:
 * axe with zero violations, 48 px targets, no sideways scrolling. The flows' own runs check
 * the screens in the order residents meet them; this covers the whole matrix cheaply, on the
 * real styles in Chromium, through the kiosk's App with a fake host (tests/e2e/gallery).
 */
const GALLERY = path.resolve(__dirname, '../../out/gallery');
// The normal display is checked on every screen of every flow by the services' own runs. Here
// every language gets the three modes at once (200% text, high contrast, low reach: what each
// changes, together), and each mode alone is checked in Simplified Chinese.
const ALL = ['text-size', 'contrast-toggle', 'low-reach-toggle'] as const;
const RUNS: { lang: Lang; mode: string; toggles: readonly (typeof ALL)[number][] }[] = [
  ...(LANGS as readonly Lang[]).map((lang) => ({ lang, mode: 'elder + high contrast + low reach', toggles: ALL })),
  { lang: 'zh-CN', mode: 'elder', toggles: ['text-size'] },
  { lang: 'zh-CN', mode: 'high contrast', toggles: ['contrast-toggle'] },
  { lang: 'zh-CN', mode: 'low reach', toggles: ['low-reach-toggle'] },
];
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.svg': 'image/svg+xml' };

/** The built gallery over HTTP on 127.0.0.1 (module scripts do not load from file://). */
async function serveGallery(): Promise<{ origin: string; close: () => Promise<void> }> {
  if (!fs.existsSync(path.join(GALLERY, 'index.html'))) throw new Error('out/gallery is not built: run `npm run build:gallery` (npm test does).');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = path.join(GALLERY, path.normalize(decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)));
    if (!file.startsWith(GALLERY) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test.describe.configure({ timeout: 300_000 });

for (const { lang, mode, toggles } of RUNS) {
  test(`every screen in ${lang}, ${mode}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    const gallery = await serveGallery();
    try {
      await page.goto(`${gallery.origin}/`);
      // One of each screen (and the idle warning): a mode is styles, the same for each variant of a screen.
      const count = await page.evaluate(() => window.gallery.examples);
      expect(count).toBeGreaterThan(20);
      const failures: string[] = [];
      for (let i = 0; i < count; i++) {
        const label = await page.evaluate((index) => window.gallery.label(index), i);
        await page.evaluate(([index, l]) => window.gallery.show(index, l), [i, lang] as const);
        await expect(page.locator('main[data-screen]')).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        for (const toggle of toggles) {
          // The same buttons a resident presses (each screen here is a new visit, with the normal display).
          await page.getByTestId(toggle).dispatchEvent('click');
          await expect(page.getByTestId(toggle)).toHaveAttribute('aria-pressed', 'true');
        }
        try {
          await checkPage(page, `${label}, ${lang}, ${mode}`);
          if (toggles.includes('low-reach-toggle')) expect(await controlsAboveHalf(page), `controls out of reach on ${label}`).toEqual([]);
        } catch (error) {
          failures.push(error instanceof Error ? error.message.split('\n').slice(0, 12).join('\n') : String(error));
        }
      }
      expect(failures, `${failures.length} of ${count} screens failed`).toEqual([]);
    } finally {
      await gallery.close();
      await context.close();
    }
  });
}
