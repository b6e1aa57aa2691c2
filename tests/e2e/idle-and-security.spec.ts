import { ATTRACT_AFTER_MS, ATTRACT_SLIDE_MS } from '../../renderer/src/components/attract-timing';
import { expect, test } from './kiosk-fixture';

test.describe('idle reset', () => {
  // The idle timers are the host's; the simulator fires them on cue (sim:idle), so this test
  // never races a real timer on a busy machine. Their lengths are tested with fake clocks in
  // the flow machine's unit tests.
  test('warns with a countdown, "I need more time" keeps the session, then it resets and forgets', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    await kiosk.tap('service-noCriminalRecord');
    await kiosk.tap('continue');
    await kiosk.presentCard('zhang');
    await page.getByText('求职应聘').click();
    await kiosk.tap('continue');
    await kiosk.expectScreen('question-destination');

    await server.api('sim:idle', { phase: 'warn' });
    await expect(page.getByTestId('idle-dialog')).toBeVisible();
    await expect(page.getByTestId('idle-countdown')).toContainText(/\d+ 秒/);
    await kiosk.check('idle-warning');
    await kiosk.tap('more-time');
    await expect(page.getByTestId('idle-dialog')).toHaveCount(0);
    await kiosk.expectScreen('question-destination');

    // Walk away: warning, then reset to the welcome screen.
    await server.api('sim:idle', { phase: 'warn' });
    await expect(page.getByTestId('idle-dialog')).toBeVisible();
    await server.api('sim:idle', { phase: 'reset' });
    await kiosk.expectScreen('welcome');
    await expect(page.getByTestId('idle-dialog')).toHaveCount(0);
    const html = await page.content();
    expect(html).not.toContain('张伟明');
    expect(html).not.toContain('求职应聘');
    // The host forgot it too: a fresh welcome view with no service and nothing of the resident.
    const view = (await server.api('flow:get')).value as { screen: { name: string }; serviceId: string | null };
    expect(view.screen).toEqual({ name: 'welcome' });
    expect(view.serviceId).toBeNull();
    expect(JSON.stringify(view)).not.toContain('张伟明');
  });
});

test.describe('nobody at the kiosk', () => {
  test('the welcome screen turns into a silent loop of the services in every language; one touch or a key brings it back', async ({ kiosk }) => {
    const { page } = kiosk;
    await page.clock.install();
    await kiosk.open();
    await kiosk.expectScreen('welcome');
    const attract = page.getByTestId('attract');
    await page.clock.runFor(ATTRACT_AFTER_MS - 1_000);
    await expect(attract).toHaveCount(0);
    await page.clock.runFor(1_000);
    await expect(attract).toBeVisible();
    await expect(attract).toHaveAttribute('lang', 'zh-CN');
    // Nothing of the session's screen chrome: the whole screen is the one button.
    await expect(page.getByTestId('lang-menu')).toHaveCount(0);
    await kiosk.check('attract-zh-CN');
    // The slides go round every offered language, each in its own words.
    const seen = new Set<string>();
    for (let i = 0; i < 6 * 3 && seen.size < 6; i += 1) {
      seen.add((await attract.getAttribute('lang'))!);
      await page.clock.runFor(ATTRACT_SLIDE_MS);
    }
    expect([...seen].sort()).toEqual(['en', 'ja', 'ko', 'ru', 'zh-CN', 'zh-HK']);
    await expect(attract).not.toHaveAttribute('lang', 'zh-CN');
    await kiosk.check('attract-other-language');
    // One touch: the welcome screen, in the kiosk's language, its heading focused.
    await kiosk.tap('attract-start');
    await kiosk.expectScreen('welcome');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(page.getByTestId('service-noCriminalRecord')).toBeVisible();
    // Again, and a key on the keypad ends it too.
    await page.clock.runFor(ATTRACT_AFTER_MS);
    await expect(attract).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await kiosk.expectScreen('welcome');
    await expect(attract).toHaveCount(0);
  });
});

test.describe('browser-mode security', () => {
  test('a wrong or missing token gets 401 and no kiosk', async ({ browser, server }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const launch = new URL(server.launchUrl).searchParams.get('token') ?? '';
    for (const url of [`${server.origin}/`, `${server.origin}/?token=wrong-${launch.slice(6)}`]) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(401);
      await expect(page.locator('#root')).toHaveCount(0);
    }
    const api = await page.request.post(`${server.origin}/api/command/flow:get`, { data: {} });
    expect(api.status()).toBe(401);
    expect(await api.text()).not.toContain('sessionId');
    await context.close();
  });

  test('the launch URL works once: the page lands without it, keeps its session, and a second use gets 401', async ({ browser, kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    expect(page.url()).not.toContain('token=');
    // The session cookie is HttpOnly: the page's script cannot read it.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.reload();
    await kiosk.expectScreen('welcome');

    const other = await browser.newContext();
    const again = await other.newPage();
    const response = await again.goto(server.launchUrl);
    expect(response?.status()).toBe(401);
    await expect(again.locator('#root')).toHaveCount(0);
    expect((await other.cookies()).map((c) => c.name)).toEqual([]);
    await other.close();
  });

  test('a renderer reloaded more times than there are event stream slots still gets pushed events', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    // More reloads than the server's cap of open streams: each old page's stream must free its slot.
    for (let i = 0; i < 6; i++) {
      await page.reload();
      await kiosk.expectScreen('welcome');
    }
    await server.api('sim:setPaper', { paper: 'out' });
    await expect(page.getByTestId('service-noCriminalRecord')).toBeDisabled();
    await server.api('sim:setPaper', { paper: 'low' });
    await expect(page.getByTestId('service-noCriminalRecord')).toBeEnabled();
    // A refused stream would show here as a failed resource load (429).
  });

  test('a bad request from the page gets a typed error, not a crash', async ({ kiosk, server }) => {
    await kiosk.open();
    const result = await kiosk.page.evaluate(async () => {
      const res = await fetch('/api/command/flow:send', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'ANSWER', questionId: 42 }),
      });
      return (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
    });
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('invalidRequest');
    expect(result.error?.message.length).toBeGreaterThan(0);
    expect((await server.api('flow:get')).ok).toBe(true);
  });
});
