import type { Lang } from '../contract/schemas';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** Every locale has exactly the keys of the English resources; the compiler checks it. */
export type LocaleResources = Shape<typeof en>;

export const resources: Record<Lang, { translation: LocaleResources }> = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
};

export const DEFAULT_NS = 'translation';
