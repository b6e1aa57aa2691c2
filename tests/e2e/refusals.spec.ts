import { catalog } from '../../shared/catalog/services';
import { resources } from '../../shared/i18n/resources';
import { expect, test, type KioskPage } from './kiosk-fixture';
import { FAKE_CAMERA_LAUNCH } from './renewal-steps';
import { runService, type TouchScript } from './steps';

// Services with a photo step are offered only when the camera works.
test.use({ launchOptions: FAKE_CAMERA_LAUNCH });

/**
 * Every eligibility rule of the catalog, refused on screen: a fictional resident (or permit,
 * or plate) the simulated platform knows fails it, and the screen says why and what to do
 * instead, with nothing kept. The cases are grouped by family so one kiosk serves several.
 */
interface Refusal {
  rule: string;
  service: string;
  script: TouchScript;
}

const REFUSALS: Record<string, Refusal[]> = {
  household: [
    // A child's number, with a code to the guardian's phone: under 16 a guardian applies at a counter.
    { rule: 'lossAdult', service: 'idCardLossReplacement', script: { who: { idNumber: '110105201906010023' }, answers: {} } },
    // Aili already has a residence permit; Zhang has none to endorse; Li's was endorsed recently.
    { rule: 'noPermitYet', service: 'residencePermitApplication', script: { who: { card: 'aili' }, answers: {} } },
    { rule: 'hasResidencePermit', service: 'residencePermitEndorsement', script: { who: { card: 'zhang' }, answers: {} } },
    { rule: 'endorsementDue', service: 'residencePermitEndorsement', script: { who: { card: 'li' }, answers: {} } },
    { rule: 'parentAdult', service: 'birthRegistration', script: { who: { card: 'chen-child' }, answers: {} } },
  ],
  entryExit: [
    { rule: 'permitLongEnough', service: 'hkMacaoEndorsement', script: { who: { document: 'wang-hk-soon' }, answers: {} } },
    { rule: 'endorsementAllowed', service: 'hkMacaoEndorsement', script: { who: { document: 'li-hk' }, answers: {} } },
    {
      rule: 'individualRemaining',
      service: 'hkMacaoEndorsement',
      script: { who: { document: 'liu-hk' }, answers: { hkMacaoDestination: { choice: 'MAC' }, visitType: { choice: 'individual' }, validity: { choice: '3' }, entries: { choice: '1' } } },
    },
  ],
  vehicles: [
    // 京B67890 has nothing payable; Aili's licence is suspended; Liu's is years from expiry.
    { rule: 'finesToPay', service: 'trafficFines', script: { who: { card: 'zhang' }, answers: { plate: { plate: '京B67890' } } } },
    { rule: 'licenceNotBlocked', service: 'licenceRenewal', script: { who: { card: 'aili' }, answers: {} } },
    { rule: 'licenceRenewable', service: 'licenceRenewal', script: { who: { card: 'liu' }, answers: {} } },
    { rule: 'healthy', service: 'licenceRenewal', script: { who: { card: 'zhang' }, answers: { healthDeclaration: { choice: 'someCondition' } } } },
    // 京A12345 is Zhang's, not Liu's; 京B67890 is Zhang's but too old for the exempt mark.
    { rule: 'ownVehicle', service: 'inspectionExemptMark', script: { who: { card: 'liu' }, answers: { plate: { plate: '京A12345' } } } },
    { rule: 'exemptVehicle', service: 'inspectionExemptMark', script: { who: { card: 'zhang' }, answers: { plate: { plate: '京B67890' } } } },
  ],
};

const zh = resources['zh-CN'].translation.eligibility as Record<string, { reason: string; instead: string }>;

async function refuse(kiosk: KioskPage, refusal: Refusal): Promise<void> {
  const { page } = kiosk;
  const visits = await runService(kiosk, refusal.service, refusal.script, { stopAt: ['refused'], checks: false });
  expect(visits.at(-1)?.screen, `${refusal.service} ${refusal.rule}`).toBe('refused');
  const reason = page.getByTestId('refused-reason');
  await expect(reason).toHaveAttribute('data-rule', refusal.rule);
  await expect(reason).toHaveText(zh[refusal.rule]!.reason);
  await expect(page.getByText(zh[refusal.rule]!.instead)).toBeVisible();
  await expect(page.getByText(resources['zh-CN'].translation.refused.nothingKept)).toBeVisible();
  await kiosk.check(`refused-${refusal.rule}`);
  // Nothing was queued or printed for a refusal, and the slate is clean for the next person.
  expect(kiosk.server.receipts()).toHaveLength(0);
  await kiosk.tap('finish');
  await kiosk.expectScreen('welcome');
}

test('there is a refusal case for every eligibility rule in the catalog, and only for those', () => {
  const rules = new Set(catalog.flatMap((s) => s.steps.flatMap((step) => (step.kind === 'eligibility' ? step.rules.map((r) => r.id) : []))));
  const cases = Object.values(REFUSALS).flatMap((list) => list.map((r) => r.rule));
  expect(new Set(cases)).toEqual(rules);
  for (const r of Object.values(REFUSALS).flat()) {
    const entry = catalog.find((s) => s.id === r.service);
    expect(entry?.steps.some((step) => step.kind === 'eligibility' && step.rules.some((rule) => rule.id === r.rule)), `${r.service} has ${r.rule}`).toBe(true);
  }
});

test.describe('every eligibility refusal on screen, zh-CN', () => {
  for (const [family, refusals] of Object.entries(REFUSALS)) {
    test(`${family}: ${refusals.map((r) => r.rule).join(', ')}`, async ({ kiosk }) => {
      await kiosk.open();
      for (const refusal of refusals) await refuse(kiosk, refusal);
    });
  }
});
