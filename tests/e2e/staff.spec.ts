/**
 * Staff mode on the kiosk: the hidden way in, a new kiosk's first admin with the one-time
 * setup code, sign-in by staff number or by staff card with a PIN, what staff see, and the
 * resident who ends it. Every staff screen passes the same checks as the residents' screens.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issueSetupCode } from '../../electron/host/staff/setup-code';
import { expect, test, type KioskPage, type KioskServer } from './kiosk-fixture';
import { FAKE_CAMERA_LAUNCH } from './renewal-steps';
import { SCRIPTS } from './service-scripts';
import { names, runService } from './steps';

test.use({ launchOptions: FAKE_CAMERA_LAUNCH });

const ADMIN = { staffNumber: '100001', pin: '482916' };
const RESTOCKER = { staffNumber: '200002', pin: '739154', cardUid: '04A1B2C3D4E5F6' };
const REVIEWER = { staffNumber: '300003', pin: '918273', cardUid: '04B7C8D9E0F1A2' };

/** Holds the top-left corner for three seconds on the page's clock. */
async function holdCorner(kiosk: KioskPage): Promise<void> {
  const { page } = kiosk;
  await page.mouse.move(20, 20);
  await page.mouse.down();
  await page.clock.runFor(3_000);
  await page.mouse.up();
  await kiosk.expectScreen('staffDoor');
}

/** A new kiosk's first admin, signed in through the hidden corner. */
async function firstAdmin(kiosk: KioskPage, server: KioskServer): Promise<void> {
  await holdCorner(kiosk);
  await typeField(kiosk, 'setupCode', await issueSetupCode(server.dataDir, Date.now()));
  await typeField(kiosk, 'staffNumber', ADMIN.staffNumber);
  await typeField(kiosk, 'pin', ADMIN.pin);
  await typeField(kiosk, 'pinAgain', ADMIN.pin);
  await kiosk.expectScreen('staffHome');
}

async function typeField(kiosk: KioskPage, field: string, digits: string): Promise<void> {
  await expect(kiosk.page.getByTestId(`staff-${field}`)).toBeVisible();
  for (const d of digits) await kiosk.tap(`key-${d}`);
  await kiosk.tap('staff-continue');
}

/** The error summary says `text` and has the focus, as a screen reader would announce it. */
async function expectError(kiosk: KioskPage, text: string): Promise<void> {
  const summary = kiosk.page.getByTestId('error-summary');
  await expect(summary).toContainText(text);
  await expect(summary).toBeFocused();
}

/** Doubles the root text size, as the 200% check of the residents' screens does. */
async function doubleText(kiosk: KioskPage): Promise<void> {
  await kiosk.page.evaluate(() => document.documentElement.style.setProperty('font-size', `${26 * 2}px`));
}

test.describe('staff mode', () => {
  test('a new kiosk: the first admin with the setup code, then sign-in by staff number and PIN', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await page.clock.install();
    await kiosk.open();
    // A short touch on the corner does nothing.
    await page.mouse.move(20, 20);
    await page.mouse.down();
    await page.clock.runFor(1_000);
    await page.mouse.up();
    await page.clock.runFor(3_000);
    await kiosk.expectScreen('welcome');

    await holdCorner(kiosk);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('初始化本终端');
    await kiosk.check('staff-setup-code');
    const code = await issueSetupCode(server.dataDir, Date.now());
    await typeField(kiosk, 'setupCode', code);
    await typeField(kiosk, 'staffNumber', ADMIN.staffNumber);
    await typeField(kiosk, 'pin', ADMIN.pin);
    // The PIN is never shown.
    await expect(page.getByTestId('staff-pinAgain')).toHaveAttribute('type', 'password');
    await typeField(kiosk, 'pinAgain', ADMIN.pin);
    await kiosk.expectScreen('staffHome');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(ADMIN.staffNumber);
    await expect(page.getByTestId('staff-roles')).toContainText('管理');
    await expect(page.getByTestId('staff-device-receiptPrinter')).toHaveAttribute('data-state', 'online');
    await expect(page.getByTestId('staff-people')).toBeVisible();
    await kiosk.check('staff-home-admin');
    await kiosk.tap('staff-test-print');
    await expect(page.getByTestId('staff-health-note')).toHaveText('测试打印：已打印');
    expect(server.receipts()).toHaveLength(1);
    await kiosk.tap('staff-audit-verify');
    await expect(page.getByTestId('staff-health-note')).toContainText('审计日志完整');
    // The card reader: a card put on it is read, and staff mode stays open.
    await kiosk.tap('staff-card-test');
    await expect(page.getByTestId('staff-health-note')).toContainText('30秒');
    await expect.poll(async () => ((await server.api('sim:status')).value as { readerWaiting: boolean }).readerWaiting).toBe(true);
    expect((await server.api('sim:presentCard', { residentId: 'zhang' })).ok).toBe(true);
    await expect(page.getByTestId('staff-health-note')).toHaveText('读卡成功：读卡器正常。');
    await kiosk.expectScreen('staffHome');
    await server.api('sim:removeCard');
    // The camera, checked as a resident's photo would be (Chromium's fake camera here).
    await kiosk.tap('staff-camera-test');
    await kiosk.expectScreen('staffCameraTest');
    await kiosk.tap('camera-take');
    await expect(page.getByTestId('camera-use')).toBeVisible({ timeout: 20_000 });
    await kiosk.check('staff-camera-test');
    await kiosk.tap('camera-use');
    await expect(page.getByTestId('camera-test-passed')).toBeVisible();
    await kiosk.tap('camera-test-back');
    await kiosk.expectScreen('staffHome');
    await kiosk.tap('staff-sign-out');
    await kiosk.expectScreen('welcome');

    // Now the door asks for a staff number and PIN; a wrong PIN says how many tries are left.
    await holdCorner(kiosk);
    await typeField(kiosk, 'staffNumber', ADMIN.staffNumber);
    await typeField(kiosk, 'pin', '505050');
    await expect(page.getByTestId('error-summary')).toContainText('再错4次');
    await kiosk.check('staff-wrong-pin');
    await typeField(kiosk, 'staffNumber', '');
    await typeField(kiosk, 'pin', ADMIN.pin);
    await kiosk.expectScreen('staffHome');
    await kiosk.tap('staff-sign-out');
    await kiosk.expectScreen('welcome');
  });

  test('a staff card and its PIN; a resident card on the reader closes staff mode at once', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    // An admin, and a restocker with a card, made through the contract as the admin screen would.
    await page.clock.install();
    await firstAdmin(kiosk, server);
    expect(await server.api('staff:addStaff', { staffNumber: RESTOCKER.staffNumber, pin: RESTOCKER.pin, roles: ['restocker'], cardUid: RESTOCKER.cardUid })).toMatchObject({ ok: true, value: { result: 'added' } });
    await kiosk.tap('staff-sign-out');
    await kiosk.expectScreen('welcome');

    expect((await server.api('sim:presentStaffCard', { uid: RESTOCKER.cardUid })).ok).toBe(true);
    await kiosk.expectScreen('staffDoor');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作卡：请输入密码');
    await kiosk.check('staff-card-pin');
    await typeField(kiosk, 'pin', RESTOCKER.pin);
    await kiosk.expectScreen('staffHome');
    await expect(page.getByTestId('staff-roles')).toHaveText('补充耗材和设备');
    await expect(page.getByTestId('staff-devices')).toBeVisible();
    // A restocker does not see the staff screen, and the host would not give the list.
    await expect(page.getByTestId('staff-people')).toHaveCount(0);
    expect(await server.api('staff:listStaff', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await kiosk.check('staff-home-restocker');

    expect((await server.api('sim:presentCard', { residentId: 'zhang' })).ok).toBe(true);
    await kiosk.expectScreen('welcome');
    expect(await server.api('staff:devices', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test('an admin adds a reviewer with a staff card on the Staff screen; the reviewer signs in with it', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    await page.clock.install();
    await firstAdmin(kiosk, server);
    await kiosk.tap('staff-people');
    await kiosk.expectScreen('staffPeople');
    await expect(page.getByTestId(`staff-member-${ADMIN.staffNumber}`)).toHaveAttribute('data-card', 'false');
    await kiosk.check('staff-people');

    // What the screen can tell by itself: a short number, two PINs that differ, no role.
    await kiosk.tap('people-add');
    await kiosk.expectScreen('staffAddStaff');
    await typeField(kiosk, 'staffNumber', '12');
    await expectError(kiosk, '需要4到12位数字');
    await kiosk.check('staff-add-short-number');
    await kiosk.tap('key-clear');
    // A number taken already is only known to the host: it answers when the rest is given.
    await typeField(kiosk, 'staffNumber', ADMIN.staffNumber);
    await typeField(kiosk, 'pin', REVIEWER.pin);
    await typeField(kiosk, 'pinAgain', '918274');
    await expectError(kiosk, '两次输入的密码不一致');
    await typeField(kiosk, 'pin', REVIEWER.pin);
    await typeField(kiosk, 'pinAgain', REVIEWER.pin);
    await kiosk.tap('staff-continue');
    await expectError(kiosk, '请至少选择一项权限');
    await page.locator('label[for="people-role-reviewer"]').click();
    await expect(page.getByTestId('people-role-reviewer')).toBeChecked();
    await doubleText(kiosk);
    await kiosk.check('staff-add-roles-200');
    await kiosk.tap('staff-continue');
    await expect(page.getByTestId('people-card-status')).toHaveAttribute('data-read', 'false');
    await kiosk.check('staff-add-card-waiting-200');
    await kiosk.tap('people-add-without-card');
    await expectError(kiosk, `工号 ${ADMIN.staffNumber} 已有人使用`);
    await expect(page.getByTestId('staff-staffNumber')).toHaveValue(ADMIN.staffNumber);
    await kiosk.check('staff-add-exists-200');

    // The new number; then a PIN anyone would guess, refused by the host after the card was read.
    await kiosk.tap('key-clear');
    await typeField(kiosk, 'staffNumber', REVIEWER.staffNumber);
    await typeField(kiosk, 'pin', '123456');
    await typeField(kiosk, 'pinAgain', '123456');
    await expect(page.getByTestId('people-role-reviewer')).toBeChecked();
    await kiosk.tap('staff-continue');
    await expect(page.getByTestId('people-card-status')).toHaveAttribute('data-read', 'false');
    expect((await server.api('sim:presentStaffCard', { uid: REVIEWER.cardUid })).ok).toBe(true);
    await expect(page.getByTestId('people-card-status')).toHaveAttribute('data-read', 'true');
    await expect(page.getByTestId('people-card-status')).toHaveText(/^已读卡/);
    await kiosk.check('staff-add-card-read-200');
    await kiosk.tap('people-add-with-card');
    await expectError(kiosk, '该密码太容易被猜到');
    await expect(page.getByTestId('staff-pin')).toHaveValue('');
    await typeField(kiosk, 'pin', REVIEWER.pin);
    await typeField(kiosk, 'pinAgain', REVIEWER.pin);
    await kiosk.tap('staff-continue');
    // The card held a moment ago is still the one the host gives the new staff member.
    await expect(page.getByTestId('people-card-status')).toHaveAttribute('data-read', 'true');
    await kiosk.tap('people-add-with-card');

    await kiosk.expectScreen('staffPeople');
    await expect(page.getByTestId('people-note')).toHaveText(`已添加 ${REVIEWER.staffNumber}（审核申请），已绑定工作卡。`);
    const reviewer = page.getByTestId(`staff-member-${REVIEWER.staffNumber}`);
    await expect(reviewer).toHaveAttribute('data-card', 'true');
    await expect(reviewer).toContainText('审核申请');
    await expect(reviewer).toContainText('有工作卡');
    await kiosk.check('staff-people-added-200');
    await kiosk.tap('people-back');
    await kiosk.expectScreen('staffHome');
    await kiosk.tap('staff-sign-out');
    await kiosk.expectScreen('welcome');

    // The new reviewer: their card at the door, then their PIN.
    expect((await server.api('sim:presentStaffCard', { uid: REVIEWER.cardUid })).ok).toBe(true);
    await kiosk.expectScreen('staffDoor');
    await typeField(kiosk, 'pin', REVIEWER.pin);
    await kiosk.expectScreen('staffHome');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(REVIEWER.staffNumber);
    await expect(page.getByTestId('staff-roles')).toHaveText('审核申请');
    await expect(page.getByTestId('staff-review')).toBeVisible();
    await expect(page.getByTestId('staff-people')).toHaveCount(0);
    await expect(page.getByTestId('staff-devices')).toHaveCount(0);
  });

  test('receipt paper counted out: the services that print say so; a restocker refills it and they open again', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    await page.clock.install();
    await firstAdmin(kiosk, server);
    await kiosk.tap('staff-sign-out');

    expect((await server.api('sim:setSupply', { supply: 'receiptPaper', level: 0 })).ok).toBe(true);
    await expect(page.getByTestId('service-noCriminalRecord')).toBeDisabled();
    await expect(page.getByTestId('unavailable-noCriminalRecord')).toBeVisible();

    await holdCorner(kiosk);
    await typeField(kiosk, 'staffNumber', ADMIN.staffNumber);
    await typeField(kiosk, 'pin', ADMIN.pin);
    await kiosk.expectScreen('staffHome');
    const paper = page.getByTestId('staff-supply-receiptPaper');
    await expect(paper).toHaveAttribute('data-state', 'out');
    await expect(page.getByTestId('staff-device-receiptPrinter')).toContainText('正常');
    await kiosk.check('staff-supplies-out');
    await kiosk.tap('staff-refill-receiptPaper');
    await expect(paper).toHaveAttribute('data-state', 'ok');
    await expect(paper).toContainText(`最近由 ${ADMIN.staffNumber} 补充`);
    await kiosk.tap('staff-sign-out');
    await kiosk.expectScreen('welcome');
    await expect(page.getByTestId('service-noCriminalRecord')).toBeEnabled();
  });

  test('the review queue: a resident applies, a reviewer asks for more, and the status lookup says what to bring', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    const visits = await runService(kiosk, 'residencePermitApplication', SCRIPTS.residencePermitApplication!, { checks: false, stopAt: ['confirmation'] });
    expect(names(visits)).toContain('reviewNotice');
    const reference = (await page.getByTestId('reference').textContent()) ?? '';
    await runService(kiosk, 'residencePermitApplication', SCRIPTS.residencePermitApplication!, { checks: false, resume: true });
    await server.api('sim:removeCard');

    await page.clock.install();
    await firstAdmin(kiosk, server);
    // Today's numbers count the application; the day's summary prints on the receipt printer.
    await expect(page.getByTestId('staff-report-today')).toContainText('申领居住证');
    await expect(page.getByTestId('staff-chart-days')).toHaveAttribute('data-values', /,1$/);
    const slips = server.receipts().length;
    await kiosk.tap('staff-print-summary');
    await expect(page.getByTestId('staff-report-note')).toHaveText('汇总：已打印');
    expect(server.receipts()).toHaveLength(slips + 1);
    await kiosk.tap('staff-review');
    await kiosk.expectScreen('staffReview');
    await kiosk.check('staff-review-queue');
    await kiosk.tap(`review-open-${reference}`);
    await kiosk.expectScreen('staffReviewDetail');
    await expect(page.getByTestId('review-answer-employer')).toHaveText('示例科技有限公司');
    await expect(page.getByTestId('review-photo')).toBeVisible();
    await kiosk.check('staff-review-detail');
    await kiosk.tap('review-more-info');
    await page.locator('label[for="bring-residenceProof"]').click();
    await page.locator('label[for="bring-employmentProof"]').click();
    await kiosk.check('staff-review-more-info');
    await kiosk.tap('review-confirm');
    await expect(page.getByTestId('review-decided')).toHaveAttribute('data-decision', 'moreInfo');
    await kiosk.tap('review-detail-back');
    await kiosk.expectScreen('staffReview');
    await expect(page.getByTestId('review-empty')).toBeVisible();
    await kiosk.tap('review-back');
    await kiosk.tap('staff-sign-out');
    await kiosk.expectScreen('welcome');

    await kiosk.tap('lookup-start');
    await page.getByTestId('reference-input').fill(reference);
    await kiosk.tap('lookup-check');
    await kiosk.expectScreen('lookupResult');
    await expect(page.getByTestId('lookup-review')).toHaveAttribute('data-decision', 'moreInfo');
    await expect(page.getByTestId('lookup-review-bring')).toContainText('租房合同');
    await kiosk.check('lookup-more-info');
  });

  test('money and failures: a slip that jammed is printed again from staff mode', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    const jam = async () => void (await server.api('sim:fault', { device: 'receiptPrinter', fault: 'jamNextJob' }));
    await runService(kiosk, 'noCriminalRecord', SCRIPTS.noCriminalRecord!, { checks: false, stopAt: ['confirmation-failed'], before: { check: jam } });
    const reference = (await page.getByTestId('reference').textContent()) ?? '';
    await kiosk.tap('finish');
    await kiosk.tap('skip');
    await kiosk.expectScreen('welcome');
    await server.api('sim:removeCard');
    await server.api('sim:fault', { device: 'receiptPrinter', fault: 'online' });
    await server.api('sim:setPaper', { paper: 'full' });
    expect(server.receipts()).toHaveLength(0);

    await page.clock.install();
    await firstAdmin(kiosk, server);
    await kiosk.check('staff-money');
    await kiosk.tap(`staff-reprint-${reference}`);
    await expect(page.getByTestId('staff-money-note')).toHaveText('已打印。');
    await expect(page.getByTestId('staff-money-nothing')).toBeVisible();
    expect(server.receipts()).toHaveLength(1);
  });

  test('settings: an admin switches a service off and names the station; residents see both', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    await page.clock.install();
    await firstAdmin(kiosk, server);
    await kiosk.tap('staff-settings');
    await kiosk.expectScreen('staffSettings');
    await kiosk.check('staff-settings');
    await page.locator('label[for="offer-drivingRecord"]').click();
    await page.getByTestId('settings-station').fill('示例派出所自助服务站');
    for (const k of '010-12345678') await kiosk.tap(`key-${k}`);
    await kiosk.tap('settings-save');
    await expect(page.getByTestId('settings-note')).toBeVisible();
    await kiosk.tap('settings-back');
    await kiosk.tap('staff-sign-out');
    await kiosk.expectScreen('welcome');
    await expect(page.getByTestId('service-drivingRecord')).toBeDisabled();
    await expect(page.getByTestId('unavailable-drivingRecord')).toContainText('本终端暂不办理');
    await expect(page.getByTestId('station')).toHaveText('示例派出所自助服务站 · 服务站电话 010-12345678');
    await kiosk.check('welcome-with-settings');
  });

  test('settings: two services get counter hours of their own; the welcome screen says each one its own', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    // The screen's clock: 10:00 on a Thursday. Only the page's: the host's own check is tested host-side.
    await page.clock.install({ time: new Date(2026, 11, 3, 10, 0) });
    await firstAdmin(kiosk, server);
    await kiosk.tap('staff-settings');
    await kiosk.expectScreen('staffSettings');
    await page.locator('label[for="counter-birthRegistration"]').click();
    await page.locator('label[for="counter-temporaryPlate"]').click();
    await page.getByTestId('settings-open-birthRegistration').selectOption('09:00');
    await page.getByTestId('settings-close-birthRegistration').selectOption('12:00');
    // First the wrong way round: the screen names the service and nothing is saved.
    await page.getByTestId('settings-open-temporaryPlate').selectOption('19:00');
    await page.getByTestId('settings-close-temporaryPlate').selectOption('18:30');
    await kiosk.tap('settings-save');
    await expectError(kiosk, '申领临时号牌：开门时间必须早于关门时间。');
    await expect(page.getByTestId('settings-close-temporaryPlate')).toHaveAttribute('aria-invalid', 'true');
    await kiosk.check('staff-settings-hours-backwards');
    expect((await server.api('settings:get')).value).toMatchObject({ serviceHours: {} });
    await page.getByTestId('settings-open-temporaryPlate').selectOption('14:00');
    await kiosk.tap('settings-save');
    await expect(page.getByTestId('settings-note')).toBeVisible();
    await expect(page.getByTestId('settings-hours-temporaryPlate')).toHaveAccessibleName('窗口办公时间：申领临时号牌');
    await doubleText(kiosk);
    await kiosk.check('staff-settings-hours-200');
    expect((await server.api('settings:get')).value).toMatchObject({
      serviceHours: { birthRegistration: { open: '09:00', close: '12:00' }, temporaryPlate: { open: '14:00', close: '18:30' } },
    });
    await kiosk.tap('settings-back');
    await kiosk.tap('staff-sign-out');
    await kiosk.expectScreen('welcome');
    await kiosk.page.evaluate(() => document.documentElement.style.removeProperty('font-size'));

    // 10:00: the morning service is offered, the afternoon one says its own hours.
    await expect(page.getByTestId('service-birthRegistration')).toBeEnabled();
    await expect(page.getByTestId('service-temporaryPlate')).toBeDisabled();
    await expect(page.getByTestId('unavailable-temporaryPlate')).toContainText('仅在窗口办公时间 14:00–18:30 办理。');
    await expect(page.getByTestId('service-noCriminalRecord')).toBeEnabled();
    await kiosk.check('welcome-morning-counter');
    // 15:00 (the welcome screen drawn again after a visit to the staff door): the other way round.
    await holdCorner(kiosk);
    await page.clock.setSystemTime(new Date(2026, 11, 3, 15, 0));
    await kiosk.tap('staff-cancel');
    await kiosk.expectScreen('welcome');
    await expect(page.getByTestId('service-birthRegistration')).toBeDisabled();
    await expect(page.getByTestId('unavailable-birthRegistration')).toContainText('仅在窗口办公时间 09:00–12:00 办理。');
    await expect(page.getByTestId('service-temporaryPlate')).toBeEnabled();
    await kiosk.check('welcome-afternoon-counter');
  });

  test('money and failures: an endorsement printed again says where to put the permit, and can be cancelled', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    const script = SCRIPTS.hkMacaoEndorsement!;
    // The permit printer stops after the payment: the endorsement is paid for, "print later".
    const offline = async () => void (await server.api('sim:fault', { device: 'permitPrinter', fault: 'offline' }));
    await runService(kiosk, 'hkMacaoEndorsement', script, { checks: false, stopAt: ['printing-later'], before: { payment: offline } });
    const reference = (await page.getByTestId('reference').textContent()) ?? '';
    await kiosk.tap('continue');
    await expect(page.locator('main[data-screen="printing"]')).toHaveCount(0);
    await runService(kiosk, 'hkMacaoEndorsement', script, { checks: false, resume: true });
    await server.api('sim:fault', { device: 'permitPrinter', fault: 'online' });
    const printed = async () => ((await server.api('sim:status')).value as { endorsementsPrinted: unknown[] }).endorsementsPrinted;

    await page.clock.install();
    await firstAdmin(kiosk, server);
    const reprint = page.getByTestId(`staff-reprint-${reference}`);
    await expect(reprint).toContainText('签注');
    await kiosk.tap(`staff-reprint-${reference}`);
    // The printer waits for the permit: the staff screen says where to put it, as the resident's does.
    const status = page.getByTestId('staff-reprint-status');
    await expect(status).toHaveAttribute('data-phase', 'insert');
    await expect(status).toContainText(`正在打印 ${reference}：请在2分钟内将群众的通行证放入签注打印口。`);
    await expect(status).toContainText('通行证正面朝上，按箭头方向插入打印口。');
    await expect(reprint).toBeDisabled();
    await kiosk.check('staff-reprint-insert-permit');
    await kiosk.tap('staff-reprint-cancel');
    await expect(page.getByTestId('staff-money-note')).toHaveText('已取消：没有打印，该项仍列在这里。');
    await expect(page.getByTestId('staff-reprint-insert')).toHaveCount(0);
    await expect(reprint).toBeEnabled();
    expect(await printed()).toEqual([]);

    // Again, and this time the permit goes in.
    await kiosk.tap(`staff-reprint-${reference}`);
    await expect(status).toHaveAttribute('data-phase', 'insert');
    expect((await server.api('sim:insertPermit')).ok).toBe(true);
    await expect(page.getByTestId('staff-money-note')).toHaveText('已打印。');
    await expect(page.getByTestId('staff-money-nothing')).toBeVisible();
    expect(await printed()).toEqual([expect.objectContaining({ destination: 'HKG', entries: 2 })]);
  });

  test('the numbers: residents’ ratings counted by reason, as a chart and a table', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await kiosk.open();
    for (const rating of [{ level: 2, reason: 'slow' }, { level: 4 }] as const) {
      await runService(kiosk, 'noCriminalRecord', { ...SCRIPTS.noCriminalRecord!, rating }, { checks: false });
      await kiosk.expectScreen('welcome');
      await server.api('sim:removeCard');
    }
    await page.clock.install();
    await firstAdmin(kiosk, server);
    await expect(page.getByTestId('staff-ratings')).toHaveText('2条评价，平均3分（满分5分）');
    // fast, easy, clear, slow, confusing, deviceFault, other
    await expect(page.getByTestId('staff-chart-reasons')).toHaveAttribute('data-values', '0,0,0,1,0,0,0');
    await expect(page.getByTestId('staff-chart-reasons')).toHaveAccessibleName('按评价原因统计（近30天）：最高1');
    await expect(page.getByTestId('staff-reason-slow')).toHaveText(/^办理时间太长\s*1$/);
    await expect(page.getByTestId('staff-reason-fast')).toHaveText(/0$/);
    await expect(page.getByTestId('staff-reason-none')).toHaveText(/^未选择原因\s*1$/);
    await page.getByTestId('staff-report-reasons').scrollIntoViewIfNeeded();
    await kiosk.check('staff-report-reasons');
    await doubleText(kiosk);
    await kiosk.check('staff-report-reasons-200');
  });
});

// A simulated USB root, as KIOSK_USB_ROOTS sets it: each folder in it is a stick.
const USB_ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-usb-'));

test.describe('diagnostics to a USB stick', () => {
  test.use({ kioskEnv: { KIOSK_USB_ROOTS: USB_ROOT } });
  test.afterAll(() => fs.rmSync(USB_ROOT, { recursive: true, force: true }));

  test('no stick says so; with two, staff choose one and the bundle is written to it', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await page.clock.install();
    await kiosk.open();
    await firstAdmin(kiosk, server);

    await kiosk.tap('staff-diagnostics-export');
    await expect(page.getByTestId('staff-diagnostics-note')).toHaveText('未找到U盘。请把U盘插入本机的USB接口后重试。');

    fs.mkdirSync(path.join(USB_ROOT, 'STICK-A'));
    fs.mkdirSync(path.join(USB_ROOT, 'STICK-B'));
    await kiosk.tap('staff-diagnostics-export');
    const drives = page.getByTestId('staff-diagnostics-drive');
    await expect(drives).toHaveCount(2);
    await kiosk.check('staff-diagnostics-choose');
    await drives.nth(1).click();
    await expect(page.getByTestId('staff-diagnostics-note')).toContainText('STICK-B');
    await kiosk.check('staff-diagnostics-written');
    const written = fs.readdirSync(path.join(USB_ROOT, 'STICK-B'));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^kiosk-diagnostics-K01-\d{8}T\d{6}Z\.tar\.gz$/);
    expect(fs.readdirSync(path.join(USB_ROOT, 'STICK-A'))).toEqual([]);
  });
});
