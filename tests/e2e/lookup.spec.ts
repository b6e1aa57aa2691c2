import { expect, test, type KioskPage } from './kiosk-fixture';

async function submitOne(kiosk: KioskPage): Promise<string> {
  const { page } = kiosk;
  await kiosk.tap('service-noCriminalRecord');
  await kiosk.tap('continue');
  await kiosk.presentCard('liu');
  await page.getByText('求职应聘').click();
  await kiosk.tap('continue');
  await page.getByTestId('text-input').fill('新加坡');
  await kiosk.tap('continue');
  for (const d of '13600000000') await kiosk.tap(`key-${d}`);
  await kiosk.tap('continue');
  await page.getByText('到本站领取').click();
  await kiosk.tap('continue');
  await kiosk.tap('submit');
  await kiosk.expectScreen('confirmation');
  const reference = (await page.getByTestId('reference').textContent()) ?? '';
  await kiosk.tap('finish');
  // The rating is optional: Skip leaves no trace.
  await kiosk.expectScreen('rating');
  await kiosk.tap('skip');
  await kiosk.expectScreen('welcome');
  return reference;
}

test.describe('check a submission', () => {
  test('type the reference on the touch keyboard; a typo is caught; the result shows no personal data', async ({ kiosk }) => {
    const { page } = kiosk;
    await kiosk.open();
    const reference = await submitOne(kiosk);

    await kiosk.tap('lookup-start');
    await kiosk.expectScreen('lookup');
    await kiosk.check('lookup');

    // One character wrong: the check character catches it before anything is looked up.
    const last = reference.at(-1) === '0' ? '1' : '0';
    const typo = reference.slice(0, -1) + last;
    for (const ch of typo.replace(/-/g, '')) await page.locator(`.hg-button[data-skbtn="${ch}"]`).click();
    await expect(page.getByTestId('reference-input')).toHaveValue(typo.replace(/-/g, ''));
    await kiosk.tap('lookup-check');
    await expect(page.getByTestId('error-summary')).toContainText('受理编号有误');
    await kiosk.check('lookup-typo');

    await page.getByTestId('reference-input').fill(reference.toLowerCase());
    await kiosk.tap('lookup-check');
    await kiosk.expectScreen('lookupResult');
    await expect(page.getByTestId('lookup-state')).toHaveAttribute('data-state', 'queued');
    await expect(page.getByTestId('lookup-state')).toContainText('本终端已收到');
    await expect(page.getByText('刘芳')).toHaveCount(0);
    await kiosk.check('lookup-result');

    await kiosk.tap('lookup-another');
    await kiosk.expectScreen('lookup');
    await kiosk.tap('back');
    await kiosk.expectScreen('welcome');
  });

  test('scanning the QR code of a slip on the welcome screen shows its status; unknown ones say so', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    const reference = await submitOne(kiosk);
    await server.api('sim:scanCode', { text: reference });
    await kiosk.expectScreen('lookupResult');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
    await kiosk.tap('lookup-another');
    await page.getByTestId('reference-input').fill('JN-K02A-0000-0');
    await kiosk.tap('lookup-check');
    // Either the check character rejects it or it is not found: never someone else's data.
    await expect(page.locator('[data-testid="error-summary"], [data-state="notFound"]')).toBeVisible();
  });
});
