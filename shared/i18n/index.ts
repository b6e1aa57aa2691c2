import type { i18n } from 'i18next';
import type { Lang } from '../contract/schemas';
import { createI18nWith } from './instance';
import { resources } from './resources';

export { resources } from './resources';

/** A ready i18next instance over every language's resources (the host's and the tests'). */
export function createI18n(lang: Lang): i18n {
  return createI18nWith(resources, lang);
}
