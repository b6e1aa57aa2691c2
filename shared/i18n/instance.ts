import i18next, { type i18n } from 'i18next';
import type { Lang } from '../contract/schemas';
import type { LocaleResources } from './merge';

/**
 * A ready i18next instance over the languages given (synchronous: nothing is fetched). A
 * language not given yet is added with `addResourceBundle` before it is switched to.
 */
export function createI18nWith(resources: Partial<Record<Lang, { translation: LocaleResources }>>, lang: Lang): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: lang,
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
