import { expect, test, type KioskServer } from './kiosk-fixture';
import { fakeCameraLaunch } from './renewal-steps';
import { SCRIPTS } from './service-scripts';
import { faceOutcome, runService } from './steps';

const endorsementsPrinted = async (server: KioskServer) => ((await server.api('sim:status')).value as { endorsementsPrinted: unknown[] }).endorsementsPrinted;

// The 1:1 face check on the real face engine, with Chromium's fake camera: the holder of the
// sample permit (the simulated platform's photo on file is Collins's portrait), then someone else.

test.describe('an endorsement with the holder at the camera', () => {
  test.use({ launchOptions: fakeCameraLaunch('collins') });

  test('passes the face check against the photo on file and completes, the check audited', async ({ kiosk, server }) => {
    await kiosk.open();
    const visits = await runService(kiosk, 'hkMacaoEndorsement', SCRIPTS.hkMacaoEndorsement!);
    const names = visits.map((v) => v.screen);
    // The face check comes right after the permit is read, before any question.
    const face = names.indexOf('face');
    expect(face).toBeGreaterThan(0);
    expect(names.slice(0, face)).not.toContain('question-visitType');
    expect(names).toContain('confirmation');
    expect(await endorsementsPrinted(server)).toHaveLength(1);
  });
});

test.describe('an endorsement with someone else at the camera', () => {
  test.use({ launchOptions: fakeCameraLaunch('hopper') });

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
