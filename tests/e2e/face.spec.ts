import { expect, test, type KioskServer } from './kiosk-fixture';
import { fakeCameraLaunch } from './renewal-steps';
import { SCRIPTS } from './service-scripts';
import { runService } from './steps';

const endorsementsPrinted = async (server: KioskServer) => ((await server.api('sim:status')).value as { endorsementsPrinted: unknown[] }).endorsementsPrinted;

// The 1:1 face check on the real face engine, with Chromium's fake camera playing the holder of
// the sample permit (the simulated platform's photo on file is Collins's portrait). Someone else
// at the camera: face-refused.spec.ts (a camera is chosen per file).
test.use({ launchOptions: fakeCameraLaunch('collins') });

test.describe('an endorsement with the holder at the camera', () => {
  test('passes the face check against the photo on file and completes', async ({ kiosk, server }) => {
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
