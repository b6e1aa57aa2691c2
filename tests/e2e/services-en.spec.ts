import { expect } from '@playwright/test';
import { test } from './kiosk-fixture';
import { FAKE_CAMERA_LAUNCH } from './renewal-steps';
import { expectOutputs, SCRIPTS } from './service-scripts';
import { runService } from './steps';

test.use({ launchOptions: FAKE_CAMERA_LAUNCH });

// One service of each family by touch in English, with the same checks on every screen as in
// zh-CN, and the slip, A4 document and endorsement text checked in English.
test.describe('one service of each family by touch, en', () => {
  for (const serviceId of ['householdCertificate', 'hkMacaoEndorsement', 'trafficFines']) {
    test(serviceId, async ({ kiosk, server }) => {
      await kiosk.open();
      await kiosk.tap('lang-en');
      await expect(kiosk.page.locator('html')).toHaveAttribute('lang', 'en');
      const visits = await runService(kiosk, serviceId, SCRIPTS[serviceId]!, { label: `${serviceId}-en` });
      await expectOutputs(server, serviceId, visits, 'en');
    });
  }
});
