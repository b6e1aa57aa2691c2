/**
 * "Call an officer" on the kiosk: a resident in the middle of an application opens it from the
 * header, sees the station's number and its QR code, calls the station through the intercom
 * (the simulated station answers), hangs up, closes it and goes on where they were; then staff
 * see the request and mark it dealt with. The dialog passes the checks of every screen, also at
 * 200% text.
 */
import { issueSetupCode } from '../../electron/host/staff/setup-code';
import { expect, test, type KioskPage } from './kiosk-fixture';

const ADMIN = { staffNumber: '100001', pin: '482916' };
// Any staff role sees who asked for help: a restocker with a staff card.
const RESTOCKER = { staffNumber: '200002', pin: '739154', cardUid: '04A1B2C3D4E5F6' };
const PHONE = '010-12345678';

/** A new kiosk's admin sets the station phone and adds a restocker, through the contract as staff mode's screens do. */
async function setUpStation(kiosk: KioskPage): Promise<void> {
  const { server } = kiosk;
  expect(await server.api('door:setUp', { setupCode: await issueSetupCode(server.dataDir, Date.now()), ...ADMIN })).toMatchObject({ ok: true, value: { signedIn: true } });
  const settings = await server.api('staff:settings');
  expect(await server.api('staff:saveSettings', { ...(settings.value as object), stationPhone: PHONE })).toMatchObject({ ok: true });
  expect(await server.api('staff:addStaff', { staffNumber: RESTOCKER.staffNumber, pin: RESTOCKER.pin, roles: ['restocker'], cardUid: RESTOCKER.cardUid })).toMatchObject({ ok: true, value: { result: 'added' } });
  expect(await server.api('staff:signOut')).toMatchObject({ ok: true });
}

/** The page's root text at twice the kiosk's size, or back to normal. */
async function textAt200(kiosk: KioskPage, on: boolean): Promise<void> {
  await kiosk.page.evaluate((double) => document.documentElement.style.setProperty('font-size', double ? `${26 * 2}px` : ''), on);
}

test.describe('call an officer', () => {
  test('a resident calls the station from a question, hangs up and goes on; staff mark the request dealt with', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    await setUpStation(kiosk);
    await expect(page.getByTestId('station')).toContainText(PHONE);

    // A resident half-way through an application: one answer given, the next one typed.
    await kiosk.toDestinationQuestion();
    await page.getByTestId('text-input').fill('加拿大');

    const open = page.getByTestId('help-open');
    await expect(open).toHaveText(/呼叫民警/);
    await open.click();
    const dialog = page.getByRole('dialog', { name: '呼叫民警' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading', { name: '呼叫民警' })).toBeFocused();
    await expect(page.getByTestId('help-phone')).toHaveText(PHONE);
    await expect(page.getByTestId('help-qr')).toBeVisible();
    await expect(page.getByTestId('help-qr')).toHaveAttribute('alt', `用手机扫码拨打 ${PHONE} 的二维码`);
    await kiosk.check('help-dialog');
    await textAt200(kiosk, true);
    await kiosk.check('help-dialog-200');
    await textAt200(kiosk, false);

    // Through the kiosk's intercom: it rings until the (simulated) station answers.
    await kiosk.tap('help-call');
    const state = page.getByTestId('help-call-state');
    await expect(state).toHaveAttribute('data-state', 'ringing');
    await expect(state).toHaveText('正在呼叫服务站……');
    await expect.poll(async () => ((await server.api('sim:status')).value as { intercomCall: string | null }).intercomCall).toBe('ringing');
    expect((await server.api('sim:intercom', { action: 'answer' })).ok).toBe(true);
    await expect(state).toHaveAttribute('data-state', 'connected');
    await expect(state).toHaveText(/已接通/);
    await expect(open).toHaveText(/通话中/);
    await expect(page.getByTestId('help-call')).toHaveCount(0);
    await kiosk.check('help-connected');
    await textAt200(kiosk, true);
    await kiosk.check('help-connected-200');
    await textAt200(kiosk, false);
    await kiosk.tap('help-hang-up');
    await expect(state).toHaveAttribute('data-state', 'ended');
    await expect(state).toHaveText('您已挂断。');
    await expect(page.getByTestId('help-call')).toHaveText('再次呼叫');
    expect(((await server.api('sim:status')).value as { intercomCall: string | null }).intercomCall).toBeNull();

    // Escape closes it, and the resident is where they were, with what they typed.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('help-dialog')).toHaveCount(0);
    await expect(open).toBeFocused();
    await kiosk.expectScreen('question-destination');
    await expect(page.getByTestId('text-input')).toHaveValue('加拿大');

    // Opened again: the same request, and the call as it ended; Close closes it too.
    await open.click();
    await expect(page.getByTestId('help-call-state')).toHaveAttribute('data-state', 'ended');
    await kiosk.tap('help-close');
    await expect(page.getByTestId('help-dialog')).toHaveCount(0);
    await expect(open).toBeFocused();

    // The application goes on as if nothing happened.
    await kiosk.tap('continue');
    await kiosk.expectScreen('question-phone');
    await kiosk.tap('back');
    await kiosk.expectScreen('question-destination');
    await expect(page.getByTestId('text-input')).toHaveValue('加拿大');
    await kiosk.tap('start-again');
    await kiosk.tap('cancel-confirm');
    await kiosk.expectScreen('welcome');
    expect((await server.api('sim:removeCard')).ok).toBe(true);

    // Staff: the restocker's card, its PIN, and the request on staff home.
    expect((await server.api('sim:presentStaffCard', { uid: RESTOCKER.cardUid })).ok).toBe(true);
    await kiosk.expectScreen('staffDoor');
    for (const d of RESTOCKER.pin) await kiosk.tap(`key-${d}`);
    await kiosk.tap('staff-continue');
    await kiosk.expectScreen('staffHome');
    const request = page.getByTestId('staff-help-1');
    await expect(request).toContainText('所在页面：填写信息');
    await expect(request).toContainText('对讲：通话已结束');
    await expect(page.getByTestId('staff-help').locator('li')).toHaveCount(1);
    await expect(page.getByTestId('staff-help-closed-today')).toHaveText('今天已处理：0 件');
    await kiosk.check('staff-home-help');
    await kiosk.tap('staff-help-close-1');
    await expect(page.getByTestId('staff-help-none')).toBeVisible();
    await expect(page.getByTestId('staff-help-note')).toHaveText('已标记为已处理。');
    await expect(page.getByTestId('staff-help-closed-today')).toHaveText('今天已处理：1 件');
    await kiosk.check('staff-home-help-closed');
  });

  test('without a station phone the dialog says to call 110, and a station that does not answer says so', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    await kiosk.tap('help-open');
    await expect(page.getByTestId('help-no-phone')).toBeVisible();
    await expect(page.getByTestId('help-emergency')).toHaveText('紧急情况请拨打 110。');
    await expect(page.getByTestId('help-qr')).toHaveCount(0);
    await kiosk.check('help-dialog-no-phone');
    await kiosk.tap('help-call');
    await expect(page.getByTestId('help-call-state')).toHaveAttribute('data-state', 'ringing');
    expect((await server.api('sim:intercom', { action: 'noAnswer' })).ok).toBe(true);
    await expect(page.getByTestId('help-call-state')).toHaveText('无人接听，请拨打服务站电话。');
    await kiosk.check('help-unanswered');
    // The intercom's line down: no call button, the phone instead.
    expect((await server.api('sim:fault', { device: 'intercom', fault: 'offline' })).ok).toBe(true);
    await kiosk.tap('help-close');
    await kiosk.tap('help-open');
    await expect(page.getByTestId('help-intercom-unavailable')).toBeVisible();
    await expect(page.getByTestId('help-call')).toHaveCount(0);
    await kiosk.tap('help-close');
    await kiosk.expectScreen('welcome');
  });
});
