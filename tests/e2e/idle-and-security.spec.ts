import { expect, test } from './kiosk-fixture';

test.describe('idle reset', () => {
  test.use({ kioskEnv: { KIOSK_IDLE_WARN_SECONDS: '2', KIOSK_IDLE_RESET_SECONDS: '3' } });

  test('warns with a countdown, "I need more time" keeps the session, then it resets and forgets', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    await kiosk.tap('service-noCriminalRecord');
    await kiosk.tap('continue');
    await kiosk.presentCard('zhang');
    await page.getByText('求职应聘').click();
    await kiosk.tap('continue');
    await kiosk.expectScreen('question-destination');

    await expect(page.getByTestId('idle-dialog')).toBeVisible();
    await expect(page.getByTestId('idle-countdown')).toContainText(/[1-3] 秒/);
    await kiosk.check('idle-warning');
    await kiosk.tap('more-time');
    await expect(page.getByTestId('idle-dialog')).toHaveCount(0);
    await kiosk.expectScreen('question-destination');

    // Walk away: warning, then reset to the welcome screen.
    await expect(page.getByTestId('idle-dialog')).toBeVisible();
    await kiosk.expectScreen('welcome');
    await expect(page.getByTestId('idle-dialog')).toHaveCount(0);
    const html = await page.content();
    expect(html).not.toContain('张伟明');
    expect(html).not.toContain('求职应聘');
    const view = (await server.api('flow:get')).value as { applicant: unknown; answers: object; screen: string };
    expect(view).toMatchObject({ screen: 'welcome', applicant: null, answers: {} });
  });
});

test.describe('browser-mode security', () => {
  test('a wrong or missing token gets 401 and no kiosk', async ({ browser, server }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const url of [`${server.origin}/`, `${server.origin}/?token=wrong-${server.token.slice(6)}`]) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(401);
      await expect(page.locator('#root')).toHaveCount(0);
    }
    const api = await page.request.post(`${server.origin}/api/command/flow:get`, { data: {} });
    expect(api.status()).toBe(401);
    expect(await api.text()).not.toContain('sessionId');
    await context.close();
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
