import type { catalogEn } from './locales/catalog/en';
import type { en } from './locales/en';
import type { Shape } from './shape';

/** Every locale has exactly the keys of the English resources; the compiler checks it. */
export type LocaleResources = Shape<typeof en> & Shape<typeof catalogEn>;

type Tree = { readonly [key: string]: string | Tree };

// The screens' texts and the catalog's, one tree per language; a key in both is a mistake.
function merge(a: Tree, b: Tree, path = ''): Tree {
  const out: Record<string, string | Tree> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const here = out[key];
    if (here === undefined) out[key] = value;
    else if (typeof here !== 'string' && typeof value !== 'string') out[key] = merge(here, value, `${path}${key}.`);
    else throw new Error(`The locale key ${path}${key} is defined twice.`);
  }
  return out;
}

/** One language's resources: its screen texts and its catalog texts in one tree. */
export function mergeLocale(screens: Shape<typeof en>, catalog: Shape<typeof catalogEn>): LocaleResources {
  return merge(screens, catalog) as unknown as LocaleResources;
}
