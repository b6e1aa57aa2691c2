import { z } from 'zod';

/** The languages of the kiosk; every locale file has the same keys. */
export const LANGS = ['zh-CN', 'en'] as const;
export const langSchema = z.enum(LANGS);
export type Lang = z.infer<typeof langSchema>;
