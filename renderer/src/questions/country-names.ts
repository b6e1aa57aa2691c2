import type { TFunction } from 'i18next';
import { COUNTRY_CODES } from '../../../shared/domain/countries';

// Hong Kong, Macao and Taiwan are named as regions of China, whatever the browser's data says.
export const OWN_NAMES = new Set(['HK', 'MO', 'TW']);

/** The name of a country or region in the resident's language. */
export function countryName(code: string, lang: string, t: TFunction): string {
  if (OWN_NAMES.has(code)) return t(`country.names.${code}`);
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Every country and region the kiosk offers, with the names a search may match (both languages, and the code). */
export function countryEntries(lang: string, t: TFunction): { code: string; name: string; match: string }[] {
  const english = new Intl.DisplayNames(['en'], { type: 'region' });
  const chinese = new Intl.DisplayNames(['zh-CN'], { type: 'region' });
  const collator = new Intl.Collator(lang);
  return COUNTRY_CODES.map((code) => {
    const name = countryName(code, lang, t);
    const match = [name, code, english.of(code) ?? '', chinese.of(code) ?? ''].join(' ').toLocaleLowerCase();
    return { code, name, match };
  }).sort((a, b) => collator.compare(a.name, b.name));
}
