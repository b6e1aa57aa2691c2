import type { Lang } from '../contract/schemas';
import { catalogEn } from './locales/catalog/en';
import { catalogJa } from './locales/catalog/ja';
import { catalogKo } from './locales/catalog/ko';
import { catalogRu } from './locales/catalog/ru';
import { catalogZhCN } from './locales/catalog/zh-CN';
import { catalogZhHK } from './locales/catalog/zh-HK';
import { en } from './locales/en';
import { ja } from './locales/ja';
import { ko } from './locales/ko';
import { ru } from './locales/ru';
import { zhCN } from './locales/zh-CN';
import { zhHK } from './locales/zh-HK';
import { mergeLocale, type LocaleResources } from './merge';

export type { LocaleResources } from './merge';

/**
 * Every language's resources, loaded at once: for the host (slips and A4 documents in the
 * resident's language) and tests. The renderer loads only the language it shows
 * (renderer/src/i18n.ts), so the first screen does not carry six languages.
 */
export const resources: Record<Lang, { translation: LocaleResources }> = {
  'zh-CN': { translation: mergeLocale(zhCN, catalogZhCN) },
  'zh-HK': { translation: mergeLocale(zhHK, catalogZhHK) },
  en: { translation: mergeLocale(en, catalogEn) },
  ko: { translation: mergeLocale(ko, catalogKo) },
  ja: { translation: mergeLocale(ja, catalogJa) },
  ru: { translation: mergeLocale(ru, catalogRu) },
};

export const DEFAULT_NS = 'translation';
