import { catalog } from '../../shared/catalog/services';
import { expect, test } from './kiosk-fixture';
import { FAKE_CAMERA_LAUNCH } from './renewal-steps';
import { expectOutputs, familyOf, SCRIPTS } from './service-scripts';
import { runService } from './steps';

test.use({ launchOptions: FAKE_CAMERA_LAUNCH });

// Each service of the family by touch in zh-CN, from the welcome screen back to it, with the
// axe, touch-target and overflow checks on every screen it shows.
test.describe('household services by touch, zh-CN', () => {
  test('every catalog service has a touch script, and no script is for a service that is gone', () => {
    expect(Object.keys(SCRIPTS).sort()).toEqual(catalog.map((s) => s.id).sort());
  });

  for (const serviceId of familyOf('household')) {
    test(serviceId, async ({ kiosk, server }) => {
      await kiosk.open();
      const visits = await runService(kiosk, serviceId, SCRIPTS[serviceId]!);
      await expectOutputs(server, serviceId, visits);
    });
  }
});
