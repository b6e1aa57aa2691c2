// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import type { ComponentType } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScreenName } from '../../../../shared/contract';
import { LANGS } from '../../../../shared/contract/lang';
import { resources } from '../../../../shared/i18n';
import { SCREENS } from '../../../../renderer/src/screens';
import type { ScreenProps } from '../../../../renderer/src/screens/screen-props';
import { renderWithI18n } from '../render';
import { screenProps } from '../screen-props';
import { EXAMPLES, VARIANTS } from './screen-examples';

afterEach(cleanup);

const DATA_SCREEN: Partial<Record<ScreenName, string>> = { question: 'question-phone', faceVerify: 'face' };
// A key i18next could not find comes back as the key itself: `namespace.something`.
const RAW_KEY = new RegExp(`(^|\\s)(${Object.keys(resources.en.translation).join('|')})\\.[A-Za-z0-9_.-]+($|\\s)`);

/** The texts and the accessible names on the page that are a bare i18n key. */
function rawKeys(): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? '');
  for (const el of document.querySelectorAll('[aria-label], [alt]')) texts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('alt') ?? '');
  return texts.filter((text) => RAW_KEY.test(text));
}

describe.each(LANGS)('every screen in %s', (lang) => {
  it.each(Object.keys(EXAMPLES) as ScreenName[])('%s: one h1, its data-screen, no untranslated key', (name) => {
    const Screen = SCREENS[name] as ComponentType<ScreenProps<ScreenName>>;
    renderWithI18n(<Screen {...screenProps<ScreenName>(EXAMPLES[name], { lang, serviceId: 'idCardRenewal' })} />, lang);
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(document.querySelector(`main[data-screen="${DATA_SCREEN[name] ?? name}"]`)).not.toBeNull();
    expect(rawKeys()).toEqual([]);
  });
});

describe.each(LANGS)('every variant of a screen in %s', (lang) => {
  it.each(VARIANTS.map((v, i) => [`${i} ${v.dataScreen}`, v] as const))('%s: one h1, no untranslated key', (_, { screen: view, dataScreen }) => {
    const Screen = SCREENS[view.name] as ComponentType<ScreenProps<ScreenName>>;
    renderWithI18n(<Screen {...screenProps<ScreenName>(view, { lang })} />, lang);
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(document.querySelector(`main[data-screen="${dataScreen}"]`)).not.toBeNull();
    expect(rawKeys()).toEqual([]);
  });
});

it('the untranslated-key check catches a key the locales do not have', () => {
  const Screen = SCREENS.refused;
  renderWithI18n(<Screen {...screenProps<'refused'>({ name: 'refused', stepId: 'rules', ruleId: 'noSuchRule' })} />);
  expect(rawKeys()).toEqual(['eligibility.noSuchRule.reason', 'eligibility.noSuchRule.instead']);
});
