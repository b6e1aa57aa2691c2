import { issueSetupCode } from '../../electron/host/staff/setup-code';
import { expect, test } from './kiosk-fixture';
import { focusRingWidth, KeypadUser, pointerEvents, runServiceByKeys, watchPointer } from './keypad-steps';
import { FAKE_CAMERA_LAUNCH } from './renewal-steps';
import { expectOutputs, PEOPLE, SCRIPTS } from './service-scripts';

test.use({ launchOptions: FAKE_CAMERA_LAUNCH });

// Long runs of single key presses: generous limits, since a busy machine only makes them slower.
test.describe.configure({ timeout: 240_000 });

// One service per family, from the welcome screen to the slip, with the keypad's keys only
// (arrows, OK, Back, Help, digits): never a click or a tap. The card, the phone that pays and
// the permit in the printer's slot are the simulators', as in the touch runs.
test.describe('keypad only', () => {
  test('household: a temporary ID card, by ID number, one-time code, phone and photo; Help and Start again by keys', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await watchPointer(page);
    await kiosk.open();
    const user = new KeypadUser(kiosk);
    const visits = await runServiceByKeys(user, 'temporaryIdCard', SCRIPTS.temporaryIdCard!, {
      before: {
        welcome: async () => {
          // Help: "Call an officer" opens with focus inside; Back closes it and focus returns to its button.
          await user.press('F1');
          await expect(page.getByTestId('help-dialog')).toBeVisible();
          await expect(page.getByTestId('help-dialog').locator(':focus')).toHaveCount(1);
          await kiosk.check('household-keys-help');
          await user.press('Escape');
          await expect(page.getByTestId('help-dialog')).toHaveCount(0);
          await expect(page.getByTestId('help-open')).toBeFocused();
          // Back down to the services: arrows only.
        },
        otpNumber: async () => {
          // The first Down from the heading reaches the first control: the ID number box.
          await user.press('ArrowDown');
          await expect(page.getByTestId('idnumber-input')).toBeFocused();
          // The ring a keypad user follows is large: at least 4 px, on a box and on the blue Continue.
          const onBox = await focusRingWidth(page);
          expect(Math.max(onBox.outline, onBox.shadow), `focus ring on ${onBox.on}`).toBeGreaterThanOrEqual(4);
          await user.focusTo(page.getByTestId('continue'), 'Continue');
          const onButton = await focusRingWidth(page);
          expect(onButton.outline, `focus ring on ${onButton.on}`).toBeGreaterThanOrEqual(4);
          await kiosk.check('household-keys-focus-ring');
        },
        'question-temporaryReason': async () => {
          // Start again asks first; Back keeps the answers and the screen.
          await user.okOn('start-again');
          await expect(page.getByTestId('cancel-dialog')).toBeVisible();
          await expect(page.getByTestId('cancel-dialog').locator(':focus')).toHaveCount(1);
          await user.press('Escape');
          await expect(page.getByTestId('cancel-dialog')).toHaveCount(0);
          await kiosk.expectScreen('question-temporaryReason');
          // Focus is back on the button that opened the dialog.
          await expect(page.getByTestId('start-again')).toBeFocused();
          const ring = await focusRingWidth(page);
          expect(ring.outline, `focus ring on ${ring.on} (the orange button on the dark header)`).toBeGreaterThanOrEqual(4);
          // A radio's whole row carries the ring.
          await user.focusTo(page.getByTestId('option-waitingForCard'), 'the first option');
          const row = await focusRingWidth(page);
          expect(row.outline, `focus ring on ${row.on}`).toBeGreaterThanOrEqual(4);
          await kiosk.check('household-keys-radio-focus');
        },
      },
    });
    await expectOutputs(server, 'temporaryIdCard', visits);
    expect(await pointerEvents(page), 'pointer, mouse or touch events').toEqual([]);
  });

  test('vehicles: traffic fines in English chosen by keys, the plate from its key grid, two fines ticked and paid', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await watchPointer(page);
    await kiosk.open();
    const user = new KeypadUser(kiosk);
    const visits = await runServiceByKeys(user, 'trafficFines', SCRIPTS.trafficFines!, {
      label: 'trafficFines-keys-en',
      before: {
        welcome: async () => {
          await user.okOn('lang-menu');
          await expect(page.getByTestId('lang-dialog')).toBeVisible();
          // Back closes the list and keeps the language; OK on a language chooses it.
          await user.press('Escape');
          await expect(page.getByTestId('lang-dialog')).toHaveCount(0);
          await expect(page.getByTestId('lang-menu')).toBeFocused();
          await user.press('Enter');
          await user.okOn('lang-en');
          await expect(page.locator('html')).toHaveAttribute('lang', 'en');
        },
      },
    });
    await expectOutputs(server, 'trafficFines', visits, 'en');
    expect(await pointerEvents(page), 'pointer, mouse or touch events').toEqual([]);
  });

  test('entry-exit: a Hong Kong endorsement, with Back by keys; then its reference looked up by keys', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await watchPointer(page);
    await kiosk.open();
    const user = new KeypadUser(kiosk);
    let reference = '';
    let backPressed = false;
    const visits = await runServiceByKeys(user, 'hkMacaoEndorsement', SCRIPTS.hkMacaoEndorsement!, {
      before: {
        'question-visitType': async () => {
          if (backPressed) return;
          backPressed = true;
          // Back is the screen's Back button: the question before, its answer kept.
          await user.press('Escape');
          await kiosk.expectScreen('question-hkMacaoDestination');
          await expect(page.getByTestId('option-HKG')).toBeChecked();
          await expect(page.locator('main h1')).toBeFocused();
          await user.okOn('continue');
          await kiosk.expectScreen('question-visitType');
        },
        confirmation: async () => {
          reference = (await page.getByTestId('reference').textContent()) ?? '';
        },
      },
    });
    await expectOutputs(server, 'hkMacaoEndorsement', visits);
    expect(reference).toMatch(/^[A-Z0-9-]+$/);

    // The reference on the slip, typed back: digits on the keypad, letters on the touch keyboard.
    await user.okOn('lookup-start');
    await kiosk.expectScreen('lookup');
    await user.focusTo(page.getByTestId('reference-input'), 'the reference box');
    await user.typeOnKeyboard(reference.replace(/-/g, ''));
    await expect(page.getByTestId('reference-input')).toHaveValue(reference.replace(/-/g, ''));
    await kiosk.check('lookup-keys');
    await user.okOn('lookup-check');
    await kiosk.expectScreen('lookupResult');
    await expect(page.getByTestId('lookup-state')).toHaveAttribute('data-state', 'queued');
    await kiosk.check('lookup-keys-result');
    await user.okOn('finish');
    await kiosk.expectScreen('welcome');
    expect(await pointerEvents(page), 'pointer, mouse or touch events').toEqual([]);
  });
});

test.describe('keypad only, with a headset', () => {
  test('a resident who cannot see the screen: headphones in, keys only, every screen and every control reached spoken, the name read out into the headset', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await watchPointer(page);
    const said: string[] = [];
    page.on('request', (request) => {
      if (decodeURIComponent(request.url()).endsWith('/api/command/speech:synthesize')) said.push((request.postDataJSON() as { text: string }).text);
    });
    await kiosk.open();
    // Plugging the headphones in is how speech starts: nothing on the screen needs to be found first.
    await server.api('sim:headset', { plugged: true });
    await expect(page.getByTestId('speech-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => said[0]).toBe('您要办理什么业务？');
    const user = new KeypadUser(kiosk);
    const heard: { screen: string; heading: string }[] = [];
    const visits = await runServiceByKeys(user, 'householdCertificate', SCRIPTS.householdCertificate!, {
      before: {
        check: async () => {
          // Private listening: the applicant's name is read out, digit by digit numbers included.
          await expect.poll(() => said.some((text) => text.includes(PEOPLE.zhang.name))).toBe(true);
        },
      },
    });
    for (const visit of visits) heard.push({ screen: visit.screen, heading: visit.heading });
    // Every screen the resident passed through was spoken, heading first.
    for (const { screen, heading } of heard) expect(said, `the heading of ${screen}`).toContain(heading);
    // Where the focus went was said too: the continue button, as "继续，按钮".
    expect(said.some((text) => /，按钮$/.test(text))).toBe(true);
    await expectOutputs(server, 'householdCertificate', visits);
    expect(await pointerEvents(page), 'pointer, mouse or touch events').toEqual([]);
  });
});

test.describe('keypad only, staff', () => {
  test('staff mode by keys: the first admin at the door (digits into read-only boxes), settings, Back, sign out', async ({ kiosk, server }) => {
    const { page } = kiosk;
    await watchPointer(page);
    await kiosk.open();
    const user = new KeypadUser(kiosk);
    // A staff card on the reader opens the door (the hidden corner is a touch, held).
    expect((await server.api('sim:presentStaffCard', { uid: '04A1B2C3D4E5F6' })).ok).toBe(true);
    await kiosk.expectScreen('staffDoor');
    const code = await issueSetupCode(server.dataDir, Date.now());
    for (const [field, digits] of [['setupCode', code], ['staffNumber', '100001'], ['pin', '482916'], ['pinAgain', '482916']] as const) {
      const box = page.getByTestId(`staff-${field}`);
      await expect(box).toBeVisible();
      await expect(page.locator('main h1')).toBeFocused();
      await user.focusTo(box, `the ${field} box`);
      // The box is read-only (typed on its keypad): the keypad's digits go to that keypad.
      await user.digits(digits);
      await expect(box).toHaveValue(digits);
      await user.okOn('staff-continue');
    }
    await kiosk.expectScreen('staffHome');
    await kiosk.check('staff-keys-home');
    await user.okOn('staff-settings');
    await kiosk.expectScreen('staffSettings');
    await kiosk.check('staff-keys-settings');
    await user.press('Escape');
    await kiosk.expectScreen('staffHome');
    await user.okOn('staff-sign-out');
    await kiosk.expectScreen('welcome');
    expect(await pointerEvents(page), 'pointer, mouse or touch events').toEqual([]);
  });
});
