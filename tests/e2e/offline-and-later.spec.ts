/**
 * The kiosk without its platform or a printer: a lookup that cannot be made says so, loses
 * nothing and can be tried again; a service that needs no lookup still goes through; an A4
 * document or an endorsement whose printer stopped mid-session is kept and printed later by
 * reference at the kiosk.
 */
import { expect, test, type KioskPage, type KioskServer } from './kiosk-fixture';
import { FAKE_CAMERA_LAUNCH } from './renewal-steps';
import { documentsPrinted, pdfText, SCRIPTS } from './service-scripts';
import { names, runService } from './steps';

test.use({ launchOptions: FAKE_CAMERA_LAUNCH });

async function fault(server: KioskServer, device: string, what: string): Promise<void> {
  expect((await server.api('sim:fault', { device, fault: what })).ok).toBe(true);
}

/** From the welcome screen: "check a submission", type the reference, see what waits to be printed. */
async function checkReference(kiosk: KioskPage, reference: string): Promise<void> {
  await kiosk.tap('lookup-start');
  await kiosk.expectScreen('lookup');
  await kiosk.page.getByTestId('reference-input').fill(reference);
  await kiosk.tap('lookup-check');
  await kiosk.expectScreen('lookupResult');
}

test.describe('the platform offline', () => {
  test('a lookup says it cannot be made, Retry asks again, and once back online the service goes through', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    await fault(server, 'platform', 'offline');

    // Fines need the platform: the failure is on screen, with Retry and Finish.
    const fines = await runService(kiosk, 'trafficFines', SCRIPTS.trafficFines!, { stopAt: ['lookupFailed'] });
    expect(names(fines).at(-1)).toBe('lookupFailed');
    await expect(page.getByTestId('lookup-failure')).toHaveAttribute('data-failure', 'offline');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('交通违法');
    await kiosk.check('fines-lookup-offline');
    await kiosk.tap('retry');
    // Still offline: asked again, and the same screen says so again.
    await kiosk.expectScreen('lookupFailed');
    await expect(page.getByTestId('lookup-failure')).toHaveAttribute('data-failure', 'offline');
    await kiosk.tap('finish');
    await kiosk.expectScreen('welcome');

    // A service that needs nothing from the platform at the kiosk still goes through: it is queued.
    const record = await runService(kiosk, 'noCriminalRecord', SCRIPTS.noCriminalRecord!, { label: 'noCriminalRecord-offline' });
    expect(names(record)).toContain('confirmation');
    expect(server.receipts()).toHaveLength(1);

    // The household record is asked for while offline; the platform comes back; Retry goes on.
    await runService(kiosk, 'householdCertificate', SCRIPTS.householdCertificate!, { stopAt: ['lookupFailed'] });
    await kiosk.check('household-lookup-offline');
    await fault(server, 'platform', 'online');
    await kiosk.tap('retry');
    await expect.poll(async () => page.locator('main').getAttribute('data-screen')).not.toMatch(/^(lookupFailed|lookingUp)$/);
    const rest = await runService(kiosk, 'householdCertificate', SCRIPTS.householdCertificate!, { resume: true, label: 'householdCertificate-back-online' });
    expect(names(rest)).toContain('confirmation');
    expect(server.receipts()).toHaveLength(2);
    expect(documentsPrinted(server)).toHaveLength(1);
  });
});

test.describe('print later, then by reference', () => {
  test('the A4 printer stops mid-session: the certificate is kept and printed by reference once it is back', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    const script = SCRIPTS.householdCertificate!;
    await runService(kiosk, 'householdCertificate', script, { stopAt: ['printing-later'], before: { check: () => fault(server, 'documentPrinter', 'offline') } });
    await expect(page.getByTestId('print-status')).toHaveAttribute('data-print', 'later');
    await kiosk.check('certificate-later');
    const reference = (await page.getByTestId('reference').textContent()) ?? '';
    expect(reference).toMatch(/^JN-/);
    await kiosk.tap('continue');
    await expect(page.locator('main[data-screen="printing"]')).toHaveCount(0);
    await runService(kiosk, 'householdCertificate', script, {
      resume: true,
      label: 'householdCertificate-later',
      before: {
        // The slip still prints; the confirmation says the certificate waits.
        confirmation: async () => {
          await expect(page.getByTestId('reference')).toHaveText(reference);
          await expect(page.getByTestId('confirmation-others').locator('li')).toHaveAttribute('data-status', 'later');
        },
      },
    });
    expect(documentsPrinted(server)).toHaveLength(0);
    expect(server.receipts()).toHaveLength(1);

    // Still offline: Print now says the printer is not ready, and nothing is lost.
    await checkReference(kiosk, reference);
    await expect(page.getByTestId('lookup-to-print')).toContainText('文书');
    await kiosk.tap('reprint');
    await expect(page.getByTestId('reprint-status')).toHaveAttribute('data-reprint', 'notReady');
    await kiosk.check('reprint-not-ready');

    await fault(server, 'documentPrinter', 'online');
    await kiosk.tap('reprint');
    await expect(page.getByTestId('reprint-status')).toHaveAttribute('data-reprint', 'printed');
    await kiosk.check('reprint-printed');
    // Printed once: nothing waits any more, so there is no Print button.
    await expect(page.getByTestId('reprint')).toHaveCount(0);
    const pdfs = documentsPrinted(server);
    expect(pdfs).toHaveLength(1);
    const body = pdfText(pdfs[0]!);
    expect(body).toContain('户籍证明');
    expect(body).toContain(reference);
    await kiosk.tap('finish');
    await kiosk.expectScreen('welcome');

    // Asked again, the reference has nothing left to print.
    await checkReference(kiosk, reference);
    await expect(page.getByTestId('lookup-to-print')).toHaveCount(0);
  });

  test('the permit printer stops after payment: the endorsement is kept, and printed onto the permit by reference', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    const script = SCRIPTS.hkMacaoEndorsement!;
    await runService(kiosk, 'hkMacaoEndorsement', script, { stopAt: ['printing-later'], before: { payment: () => fault(server, 'permitPrinter', 'offline') } });
    await expect(page.getByTestId('print-status')).toHaveAttribute('data-output', 'permitEndorsement');
    await kiosk.check('endorsement-later');
    const reference = (await page.getByTestId('reference').textContent()) ?? '';
    await kiosk.tap('continue');
    await expect(page.locator('main[data-screen="printing"]')).toHaveCount(0);
    await runService(kiosk, 'hkMacaoEndorsement', script, { resume: true, label: 'hkMacaoEndorsement-later' });
    const printed = async () => ((await server.api('sim:status')).value as { endorsementsPrinted: unknown[] }).endorsementsPrinted;
    expect(await printed()).toHaveLength(0);

    await fault(server, 'permitPrinter', 'online');
    await checkReference(kiosk, reference);
    await expect(page.getByTestId('lookup-to-print')).toContainText('签注');
    await kiosk.tap('reprint');
    // The printer waits for the permit, and the screen says where to put it.
    await expect(page.getByTestId('reprint-status')).toHaveAttribute('data-phase', 'insert');
    await kiosk.check('reprint-insert-permit');
    expect((await server.api('sim:insertPermit')).ok).toBe(true);
    await expect(page.getByTestId('reprint-status')).toHaveAttribute('data-reprint', 'printed');
    expect(await printed()).toEqual([expect.objectContaining({ destination: 'HKG', entries: 2 })]);
    await expect(page.getByTestId('reprint')).toHaveCount(0);
  });
});
