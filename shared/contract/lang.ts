import { z } from 'zod';
import { LANGS } from './langs';

export { LANGS, type Lang } from './langs';
export const langSchema = z.enum(LANGS);
