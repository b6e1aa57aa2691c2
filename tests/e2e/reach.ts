import type { Page } from '@playwright/test';

/** Each control a resident can press, with the top of the region it is shown in. */
export async function controlsAboveHalf(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const half = window.innerHeight / 2;
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, .hg-button')) {
      // The staff corner is not a resident's control: it is hidden on purpose.
      if (el.closest('.staff-corner, .visually-hidden, .skip-link')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      // Shown inside the kiosk's own scrolling region or a dialog: that region's top is what the hand must reach.
      const region = el.closest<HTMLElement>('.dialog-backdrop, .app');
      const top = region ? Math.max(region.getBoundingClientRect().top, r.top) : r.top;
      if (top < half - 1) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 24)}" at ${Math.round(top)}`);
    }
    return out;
  });
}
