/**
 * The kiosk process dies (SIGKILL) and comes back on the same data folder: a payment made on
 * the phone meanwhile is found and the application submitted once; a key file that cannot be
 * read puts the kiosk out of service, on a screen that passes the same checks as every other.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SimPaymentTerminal } from '../../electron/host/hardware/payment-terminal.sim';
import { decodeEscPos } from '../fixtures/escpos-decode';
import { crashableServers, expect, KioskPage, test, type KioskServer } from './kiosk-fixture';
import { FAKE_CAMERA_LAUNCH, photoToPayment, toPhoto } from './renewal-steps';

test.use({ launchOptions: FAKE_CAMERA_LAUNCH });

const servers = crashableServers();
test.afterEach(() => servers.cleanUp());
const { start, crash } = servers;

test('paid on the phone while the kiosk was down: after the restart the slip prints, with one submission', async ({ browser }, info) => {
  const first = await start();
  const before = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const kiosk = new KioskPage(await before.newPage(), first, info);
  await toPhoto(kiosk);
  await photoToPayment(kiosk);
  const { pendingPayment } = (await first.api('sim:status')).value as { pendingPayment: string };
  await crash(first.child);
  await before.close();

  expect(SimPaymentTerminal.payWhileKioskDown(path.join(first.dataDir, 'sim', 'payments.json'), pendingPayment)).toBe(true);

  const second = await start(first.dataDir);
  const after = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const resumed = new KioskPage(await after.newPage(), second, info);
  await resumed.page.goto(second.launchUrl);
  await resumed.expectScreen('confirmation');
  await expect(resumed.page.getByTestId('print-status')).toHaveAttribute('data-print', 'printed');
  await expect(resumed.page.getByTestId('paid')).toContainText('￥20.00');
  await resumed.check('confirmation-after-crash');
  const slips = second.receipts();
  expect(slips).toHaveLength(1);
  expect(decodeEscPos(new Uint8Array(fs.readFileSync(slips[0]!))).text).toContain('￥20.00');
  await after.close();
  // The first page saw its server die; only the resumed one must be clean.
  expect(resumed.problems).toEqual([]);
});

test('a key file that cannot be read: out of service for residents, a reason code for staff, nothing lost', async ({ browser }, info) => {
  const page = async (server: KioskServer) => {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const kiosk = new KioskPage(await context.newPage(), server, info);
    await kiosk.page.goto(server.launchUrl);
    return { kiosk, context };
  };
  const first = await start();
  const before = await page(first);
  await before.kiosk.expectScreen('welcome');
  await before.kiosk.tap('service-noCriminalRecord');
  await before.kiosk.expectScreen('start');
  await crash(first.child);
  await before.context.close();
  const keyFile = path.join(first.dataDir, 'keys', 'kiosk.key');
  const good = fs.readFileSync(keyFile);
  fs.writeFileSync(keyFile, 'damaged');

  const down = await start(first.dataDir);
  const out = await page(down);
  await out.kiosk.expectScreen('unavailable');
  await expect(out.kiosk.page.getByTestId('unavailable-reason')).toHaveAttribute('data-reason', 'keyUnreadable');
  await out.kiosk.check('unavailable');
  await out.context.close();
  expect(out.kiosk.problems).toEqual([]);
  await crash(down.child);

  fs.writeFileSync(keyFile, good);
  const up = await start(first.dataDir);
  const back = await page(up);
  // The session that was open comes back where it was.
  await back.kiosk.expectScreen('start');
  await back.context.close();
  expect(back.kiosk.problems).toEqual([]);
});
