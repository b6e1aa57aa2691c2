import type { i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../shared/contract/schemas';
import { createI18nWith } from '../../shared/i18n/instance';
import { mergeLocale, type LocaleResources } from '../../shared/i18n/merge';
import { catalogZhCN } from '../../shared/i18n/locales/catalog/zh-CN';
import { zhCN } from '../../shared/i18n/locales/zh-CN';

/**
 * Each language's resources as its own chunk, fetched when a resident first chooses it: the
 * first screen carries Simplified Chinese only.
 */
const LOADERS: Record<Exclude<Lang, 'zh-CN'>, () => Promise<LocaleResources>> = {
  'zh-HK': async () => mergeLocale((await import('../../shared/i18n/locales/zh-HK')).zhHK, (await import('../../shared/i18n/locales/catalog/zh-HK')).catalogZhHK),
  en: async () => mergeLocale((await import('../../shared/i18n/locales/en')).en, (await import('../../shared/i18n/locales/catalog/en')).catalogEn),
  ko: async () => mergeLocale((await import('../../shared/i18n/locales/ko')).ko, (await import('../../shared/i18n/locales/catalog/ko')).catalogKo),
  ja: async () => mergeLocale((await import('../../shared/i18n/locales/ja')).ja, (await import('../../shared/i18n/locales/catalog/ja')).catalogJa),
  ru: async () => mergeLocale((await import('../../shared/i18n/locales/ru')).ru, (await import('../../shared/i18n/locales/catalog/ru')).catalogRu),
};

/**
 * The renderer's i18next instance, bound to React, with Simplified Chinese ready (tests may
 * hand in other languages' resources, already loaded).
 */
export function setupI18n(lang: Lang = 'zh-CN', loaded: Partial<Record<Lang, { translation: LocaleResources }>> = {}): i18n {
  const instance = createI18nWith({ 'zh-CN': { translation: mergeLocale(zhCN, catalogZhCN) }, ...loaded }, lang);
  instance.use(initReactI18next);
  // initReactI18next hooks in on init; the instance is already initialised, so run it by hand.
  initReactI18next.init(instance);
  return instance;
}

/** Fetches `lang`'s resources the first time, without switching to it. */
export async function loadLanguage(instance: i18n, lang: Lang): Promise<void> {
  if (lang !== 'zh-CN' && !instance.hasResourceBundle(lang, 'translation')) {
    instance.addResourceBundle(lang, 'translation', await LOADERS[lang]());
  }
}

/** Switches to `lang`, fetching its resources the first time. */
export async function switchLanguage(instance: i18n, lang: Lang): Promise<void> {
  await loadLanguage(instance, lang);
  await instance.changeLanguage(lang);
}
