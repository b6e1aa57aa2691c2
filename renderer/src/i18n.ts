import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../shared/contract/schemas';
import { createI18n } from '../../shared/i18n';

/** The renderer's i18next instance, bound to React. */
export function setupI18n(lang: Lang) {
  const i18n = createI18n(lang);
  i18n.use(initReactI18next);
  // initReactI18next hooks in on init; the instance is already initialised, so run it by hand.
  initReactI18next.init(i18n);
  return i18n;
}
