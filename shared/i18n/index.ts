import i18next, { type i18n } from 'i18next';
import type { Lang } from '../contract/schemas';
import { resources } from './resources';

export { resources } from './resources';

/** A ready i18next instance over the kiosk's resources (synchronous: nothing is fetched). */
export function createI18n(lang: Lang): i18n {
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
