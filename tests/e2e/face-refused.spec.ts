import { expect, test, type KioskServer } from './kiosk-fixture';
import { fakeCameraLaunch } from './renewal-steps';
import { SCRIPTS } from './service-scripts';
import { faceOutcome, runService } from './steps';

const endorsementsPrinted = async (server: KioskServer) => ((await server.api('sim:status')).value as { endorsementsPrinted: unknown[] }).endorsementsPrinted;

// The 1:1 face check on the real face engine, with Chromium's fake camera playing someone who is
// not the holder of the sample permit (Hopper's portrait; the photo on file is Collins's).
test.use({ launchOptions: fakeCameraLaunch('hopper') });

test.describe('an endorsement with someone else at the camera', () => {
  test('is refused three times, then sent to a counter; nothing is submitted, printed or paid', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    await runService(kiosk, 'hkMacaoEndorsement', SCRIPTS.hkMacaoEndorsement!, { stopAt: ['face'] });
    for (const left of [2, 1]) {
      await expect(page.getByTestId('face-start')).toBeEnabled({ timeout: 30_000 });
      await kiosk.tap('face-start');
      await expect(page.getByTestId('face-miss'), await faceOutcome(page)).toHaveAttribute('data-miss', 'notMatched', { timeout: 30_000 });
      await expect(page.getByTestId('face-miss')).toContainText(`${left}`);
      await kiosk.check(`face-refused-${left}`);
    }
    await expect(page.getByTestId('face-start')).toBeEnabled({ timeout: 30_000 });
    await kiosk.tap('face-start');
    await expect(page.locator('main[data-screen="face-counter"]')).toBeVisible({ timeout: 30_000 });
    await kiosk.check('face-counter');
    // Only Finish: no way back to try again in this session.
    await expect(page.getByTestId('back')).toHaveCount(0);
    await kiosk.tap('finish');
    await kiosk.expectScreen('welcome');
    expect(server.receipts()).toEqual([]);
    expect(await endorsementsPrinted(server)).toEqual([]);
  });
});
