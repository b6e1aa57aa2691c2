import { test } from './kiosk-fixture';
import { FAKE_CAMERA_LAUNCH } from './renewal-steps';
import { expectOutputs, familyOf, SCRIPTS } from './service-scripts';
import { runService } from './steps';

test.use({ launchOptions: FAKE_CAMERA_LAUNCH });

// Each service of the family by touch in zh-CN, from the welcome screen back to it, with the
// axe, touch-target and overflow checks on every screen it shows.
test.describe('vehicles services by touch, zh-CN', () => {
  for (const serviceId of familyOf('vehicles')) {
    test(serviceId, async ({ kiosk, server }) => {
      await kiosk.open();
      const visits = await runService(kiosk, serviceId, SCRIPTS[serviceId]!);
      await expectOutputs(server, serviceId, visits);
    });
  }
});
