/**
 * A kiosk on real hardware with nothing configured: no simulator anywhere. Every service says
 * it is unavailable and why, the simulator panel does not open, and the simulator commands are
 * not there, whatever a page sends.
 */
import { catalog } from '../../shared/catalog/services';
import { expect, test } from './kiosk-fixture';

test.use({ kioskEnv: { KIOSK_HARDWARE: 'real' } });

test('real hardware with no hardware.json: every service unavailable, no simulator panel, no sim commands', async ({ kiosk, server }) => {
  const { page } = kiosk;
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await kiosk.open();
  for (const service of catalog) {
    await expect(page.getByTestId(`service-${service.id}`)).toBeDisabled();
    await expect(page.getByTestId(`unavailable-${service.id}`)).toBeVisible();
  }
  await kiosk.check('welcome-nothing-installed');

  await page.keyboard.press('Control+Shift+S');
  await expect(page.getByTestId('sim-device-receiptPrinter')).toHaveCount(0);
  // The panel's code is not even fetched on real hardware.
  expect(requested.filter((u) => /SimPanel/.test(u))).toEqual([]);
  expect(requested.some((u) => /\/assets\/index-/.test(u))).toBe(true);

  for (const command of ['sim:status', 'sim:presentCard', 'sim:pay', 'sim:fault']) {
    expect(await server.api(command, {}), command).toMatchObject({ ok: false, error: { code: 'unknownCommand' } });
  }
  // Sent anyway, a service is not started.
  const view = await server.api('flow:send', { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' });
  expect(view).toMatchObject({ ok: true, value: { screen: { name: 'welcome' } } });
  await kiosk.expectScreen('welcome');
});
