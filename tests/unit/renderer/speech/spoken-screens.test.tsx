// @vitest-environment happy-dom
import { cleanup } from '@testing-library/react';
import type { ComponentType } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScreenName, ScreenOf } from '../../../../shared/contract';
import { LANGS, type Lang } from '../../../../shared/contract/lang';
import { resources } from '../../../../shared/i18n';
import { setupI18n } from '../../../../renderer/src/i18n';
import { SCREENS } from '../../../../renderer/src/screens';
import type { ScreenProps } from '../../../../renderer/src/screens/screen-props';
import { accessibleName, describeScreen } from '../../../../renderer/src/speech/describe';
import { digitByDigit, spokenLines } from '../../../../renderer/src/speech/spoken-text';
import { renderWithI18n } from '../render';
import { screenProps } from '../screen-props';
import { EXAMPLES, QUESTIONS, VARIANTS } from '../screens/screen-examples';

afterEach(cleanup);

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Inside a key pad (a named group of many keys), which is said as one control. */
const inKeypad = (el: Element) => {
  const group = el.parentElement?.closest('[role="group"]');
  return group !== null && group !== undefined && group.querySelectorAll('button').length > 8;
};
const hiddenFromSpeech = (el: Element) => el.closest('[hidden], [aria-hidden="true"], [data-speech="skip"]') !== null;

/** Every text on the screen but what is personal or inside a key pad. */
function shownTexts(main: Element): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement!;
    const text = clean(node.textContent);
    if (!text || hiddenFromSpeech(el) || el.closest('[data-personal]') || inKeypad(el) || el.closest('button, a, label, [role="radio"]')) continue;
    texts.push(text);
  }
  return texts;
}

const VIEWS: { label: string; view: ScreenOf<ScreenName> }[] = [
  ...(Object.keys(EXAMPLES) as ScreenName[]).map((name) => ({ label: name, view: EXAMPLES[name] })),
  ...VARIANTS.map((v, i) => ({ label: `variant ${i} ${v.dataScreen}`, view: v.screen })),
  ...QUESTIONS.map((q, i) => ({ label: `question ${i} ${q.question.kind}`, view: q })),
  { label: 'check with an applicant', view: { ...EXAMPLES.check, applicant: { name: '张三', numberMasked: '110101********7777', method: 'idCard' } } },
];

function show(view: ScreenOf<ScreenName>, lang: Lang) {
  const Screen = SCREENS[view.name] as ComponentType<ScreenProps<ScreenName>>;
  renderWithI18n(<Screen {...screenProps<ScreenName>(view, { lang, serviceId: 'idCardRenewal' })} />, lang);
  const t = setupI18n(lang, resources).t;
  const description = describeScreen(document)!;
  return { main: document.getElementById('main')!, t, description };
}

describe.each(LANGS)('the spoken text of every screen in %s', (lang) => {
  it.each(VIEWS.map((v) => [v.label, v] as const))('%s says what the screen shows', (_, { view }) => {
    const { main, t, description } = show(view, lang);
    const lines = spokenLines(description, t, { private: false });
    const all = lines.join('\n');
    // The heading first, as the screen's h1 says it.
    expect(lines[0]).toBe(clean(main.querySelector('h1')!.textContent));
    // Every control, by the name a screen reader gives it.
    for (const control of main.querySelectorAll('button, a[href], input, [role="radio"]')) {
      if (hiddenFromSpeech(control) || inKeypad(control)) continue;
      const name = accessibleName(control);
      if (name) expect(all, `the control "${name}"`).toContain(name);
    }
    // Every text shown (the same DOM is read, so nothing shown goes unsaid).
    for (const text of shownTexts(main)) expect(all, `the text "${text}"`).toContain(text);
    // Errors are said as errors.
    for (const alert of main.querySelectorAll('[role="alert"]')) expect(all).toContain(t('speech.error', { text: clean(alert.textContent) }));
  });

  it.each(VIEWS.map((v) => [v.label, v] as const))('%s says personal details only into a headset', (_, { view }) => {
    const { main, t, description } = show(view, lang);
    const personal = [
      ...[...main.querySelectorAll('[data-personal]:not([data-personal="false"])')].map((el) => clean(el instanceof HTMLInputElement ? el.value : el.textContent)),
      ...[...main.querySelectorAll('input:not([type="radio"]):not([type="checkbox"])')].filter((el) => !el.closest('[data-personal="false"]')).map((el) => clean((el as HTMLInputElement).value)),
    ]
      // A value the screen also shows as ordinary text (a hint's example plate, "yes") tells nothing.
      .filter((text) => text.length > 0 && !shownTexts(main).some((shown) => shown.includes(text)));
    const aloud = spokenLines(description, t, { private: false }).join('\n');
    const private_ = spokenLines(description, t, { private: true }).join('\n');
    for (const text of personal) {
      expect(aloud, 'on the loudspeaker').not.toContain(text);
      expect(private_, 'in the headset').toContain(digitByDigit(text));
    }
    if (personal.length > 0) expect(aloud).toMatch(new RegExp(`${escape(t('speech.personalHidden'))}|${escape(t('speech.fieldHidden', { label: '' }).trim())}`));
  });
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('personal details on the screens that show them', () => {
  it("the check screen's applicant and typed answers are personal; a chosen option is not", () => {
    const { main } = show({ ...EXAMPLES.check, applicant: { name: '张三', numberMasked: '110101********7777', method: 'idCard' } }, 'en');
    const personal = [...main.querySelectorAll('[data-personal]')].map((el) => el.getAttribute('data-testid'));
    expect(personal).toContain('applicant-name');
    expect(personal).toContain('applicant-id');
  });

  it('the phone a code was sent to is said only into a headset, the sentence around it always', () => {
    const otp = VARIANTS.find((v) => v.dataScreen === 'otpCode')!.screen;
    const { t, description } = show(otp, 'en');
    const aloud = spokenLines(description, t, { private: false }).join('\n');
    expect(aloud).not.toContain('139****0012');
    expect(aloud).toContain(t('speech.personalHidden'));
    expect(spokenLines(description, t, { private: true }).join('\n')).toContain('139****0012');
  });

  it('long numbers are read digit by digit', () => {
    expect(digitByDigit('Phone 13900000012, room 12')).toBe('Phone 1 3 9 0 0 0 0 0 0 1 2, room 12');
  });
});
