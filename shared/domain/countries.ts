/**
 * The countries and regions a resident can choose (ISO 3166-1 alpha-2), with Hong Kong, Macao
 * and Taiwan listed as regions. Their names come from the renderer's Intl.DisplayNames in the
 * session's language, so no locale file carries two hundred names.
 */
export const COUNTRY_CODES = [
  'HK', 'MO', 'TW',
  'US', 'CA', 'GB', 'AU', 'NZ', 'JP', 'KR', 'SG', 'MY', 'TH', 'VN', 'ID', 'PH', 'IN', 'PK', 'RU', 'KZ', 'MN',
  'DE', 'FR', 'IT', 'ES', 'PT', 'NL', 'BE', 'CH', 'AT', 'SE', 'NO', 'DK', 'FI', 'IE', 'PL', 'CZ', 'HU', 'GR', 'TR',
  'AE', 'SA', 'QA', 'IL', 'EG', 'ZA', 'NG', 'KE', 'ET', 'BR', 'AR', 'CL', 'MX', 'PE', 'CO',
] as const;
export type CountryCode = (typeof COUNTRY_CODES)[number];

/** True when the code is one the kiosk offers. */
export function isCountryCode(code: string): code is CountryCode {
  return (COUNTRY_CODES as readonly string[]).includes(code);
}
