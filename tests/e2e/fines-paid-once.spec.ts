/**
 * A fine is paid exactly once, whatever happens on the way: the resident goes Back from the
 * QR code, a code expires before it is paid and is tried again, and the kiosk process dies
 * while the resident pays on the phone. One paid order, one slip, one receipt listing only the
 * fine chosen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SimPaymentTerminal } from '../../electron/host/hardware/payment-terminal.sim';
import { crashableServers, expect, KioskPage, test, type KioskServer } from './kiosk-fixture';
import { FAKE_CAMERA_LAUNCH } from './renewal-steps';
import { documentsPrinted, pdfText, SCRIPTS } from './service-scripts';
import { names, runService, type TouchScript } from './steps';

test.use({ launchOptions: FAKE_CAMERA_LAUNCH });

const servers = crashableServers();
test.afterEach(() => servers.cleanUp());
const { start, crash } = servers;

const pending = async (server: KioskServer) => ((await server.api('sim:status')).value as { pendingPayment: string | null }).pendingPayment;

/** What the simulated acquirer holds, read from its books on disk: the orders and how each ended. */
function acquirerBooks(dataDir: string): { orderId: string; amountFen: number; status: string | null }[] {
  const state = JSON.parse(fs.readFileSync(path.join(dataDir, 'sim', 'payments.json'), 'utf8')) as {
    orders: { request: { orderId: string; amountFen: number }; outcome?: { status: string } }[];
  };
  return state.orders.map((o) => ({ orderId: o.request.orderId, amountFen: o.request.amountFen, status: o.outcome?.status ?? null }));
}

// Of the plate's three fines, the resident pays only the ￥100.00 one.
const script: TouchScript = { ...SCRIPTS.trafficFines!, answers: { ...SCRIPTS.trafficFines!.answers, finesChosen: { picks: ['V2026002'] } } };

test('a fine paid once across Back, an expired code tried again and a crash while paying on the phone', async ({ browser }, info) => {
  const first = await start();
  const before = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const kiosk = new KioskPage(await before.newPage(), first, info);
  const { page } = kiosk;
  await kiosk.open();
  await runService(kiosk, 'trafficFines', script, { stopAt: ['payment'] });
  await expect(page.getByTestId('payment-qr')).toBeVisible();
  await expect(page.getByTestId('payment-amount')).toContainText('￥100.00');
  const shownFirst = await pending(first);
  expect(shownFirst).not.toBeNull();

  // Back from the QR code, then submit again: the first code is not left payable.
  await kiosk.tap('payment-cancel');
  await kiosk.expectScreen('check');
  await expect(page.getByTestId('picked-V2026002')).toBeVisible();
  await expect(page.getByTestId('picked-V2026001')).toHaveCount(0);
  await expect(page.getByTestId('check-fee')).toContainText('￥100.00');
  expect((await first.api('sim:fault', { device: 'paymentTerminal', fault: 'timeoutNext' })).ok).toBe(true);
  await kiosk.tap('submit');
  // The next code expires before anyone pays it.
  await kiosk.expectScreen('paymentFailed');
  await expect(page.getByTestId('payment-failure')).toHaveAttribute('data-failure', 'timedOut');
  await kiosk.check('fine-code-expired');
  await kiosk.tap('retry');
  await kiosk.expectScreen('payment');
  await expect(page.getByTestId('payment-qr')).toBeVisible();
  const shownLast = await pending(first);
  expect(shownLast).not.toBeNull();
  expect(shownLast).not.toBe(shownFirst);
  // Only the code on screen can be paid: the acquirer says the earlier ones are over.
  expect(acquirerBooks(first.dataDir).filter((o) => o.status === null).map((o) => o.orderId)).toEqual([shownLast]);

  // The kiosk dies while the resident pays the code on screen.
  await crash(first.child);
  await before.close();
  expect(SimPaymentTerminal.payWhileKioskDown(path.join(first.dataDir, 'sim', 'payments.json'), shownLast!)).toBe(true);

  const second = await start(first.dataDir);
  const after = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const resumed = new KioskPage(await after.newPage(), second, info);
  await resumed.page.goto(second.launchUrl);
  await second.adoptSession(after);
  // The session comes back past the payment, never to a new code.
  await expect.poll(async () => resumed.page.locator('main').getAttribute('data-screen')).toMatch(/^(printing|confirmation)$/);
  const rest = await runService(resumed, 'trafficFines', script, { resume: true, label: 'trafficFines-after-crash' });
  expect(names(rest)).not.toContain('payment');
  expect(names(rest)).toContain('confirmation');
  await after.close();
  expect(resumed.problems).toEqual([]);

  const paid = acquirerBooks(first.dataDir).filter((o) => o.status === 'paid');
  expect(paid).toEqual([{ orderId: shownLast, amountFen: 10_000, status: 'paid' }]);
  expect(second.receipts()).toHaveLength(1);
  const receipts = documentsPrinted(second);
  expect(receipts).toHaveLength(1);
  const body = pdfText(receipts[0]!);
  expect(body).toContain('V2026002');
  expect(body).toContain('100.00');
  expect(body).not.toContain('V2026001');
  expect(body).not.toContain('V2026003');
});
