/**
 * The languages of the kiosk; every locale file has the same keys. Simplified Chinese first
 * (the default), then those of the residents and visitors a station sees: Hong Kong and Macao
 * residents (Traditional Chinese, Hong Kong glyphs), English, Korean, Japanese, Russian.
 * Without zod, so the first screen can name them without carrying the schemas (lang.ts).
 */
export const LANGS = ['zh-CN', 'zh-HK', 'en', 'ko', 'ja', 'ru'] as const;
export type Lang = (typeof LANGS)[number];
