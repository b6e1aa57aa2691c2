/**
 * Issuing-state and nationality codes an MRZ may carry (ICAO Doc 9303 Part 3, section 5):
 * the ISO 3166-1 alpha-3 codes plus the codes ICAO reserves for itself.
 *
 * Written from Doc 9303 and ISO 3166-1 as of 2024. Historical ISO codes (ANT, NTZ, YUG, CSK, …)
 * are left out on purpose: every document carrying them has expired, and accepting them would
 * only widen the room for a misread zone to pass.
 */

/** ISO 3166-1 alpha-3, all 249 officially assigned codes. */
const ISO_3166_ALPHA_3 = [
  'ABW', 'AFG', 'AGO', 'AIA', 'ALA', 'ALB', 'AND', 'ARE', 'ARG', 'ARM', 'ASM', 'ATA', 'ATF', 'ATG', 'AUS', 'AUT', 'AZE',
  'BDI', 'BEL', 'BEN', 'BES', 'BFA', 'BGD', 'BGR', 'BHR', 'BHS', 'BIH', 'BLM', 'BLR', 'BLZ', 'BMU', 'BOL', 'BRA', 'BRB',
  'BRN', 'BTN', 'BVT', 'BWA',
  'CAF', 'CAN', 'CCK', 'CHE', 'CHL', 'CHN', 'CIV', 'CMR', 'COD', 'COG', 'COK', 'COL', 'COM', 'CPV', 'CRI', 'CUB', 'CUW',
  'CXR', 'CYM', 'CYP', 'CZE',
  'DEU', 'DJI', 'DMA', 'DNK', 'DOM', 'DZA',
  'ECU', 'EGY', 'ERI', 'ESH', 'ESP', 'EST', 'ETH',
  'FIN', 'FJI', 'FLK', 'FRA', 'FRO', 'FSM',
  'GAB', 'GBR', 'GEO', 'GGY', 'GHA', 'GIB', 'GIN', 'GLP', 'GMB', 'GNB', 'GNQ', 'GRC', 'GRD', 'GRL', 'GTM', 'GUF', 'GUM',
  'GUY',
  'HKG', 'HMD', 'HND', 'HRV', 'HTI', 'HUN',
  'IDN', 'IMN', 'IND', 'IOT', 'IRL', 'IRN', 'IRQ', 'ISL', 'ISR', 'ITA',
  'JAM', 'JEY', 'JOR', 'JPN',
  'KAZ', 'KEN', 'KGZ', 'KHM', 'KIR', 'KNA', 'KOR', 'KWT',
  'LAO', 'LBN', 'LBR', 'LBY', 'LCA', 'LIE', 'LKA', 'LSO', 'LTU', 'LUX', 'LVA',
  'MAC', 'MAF', 'MAR', 'MCO', 'MDA', 'MDG', 'MDV', 'MEX', 'MHL', 'MKD', 'MLI', 'MLT', 'MMR', 'MNE', 'MNG', 'MNP', 'MOZ',
  'MRT', 'MSR', 'MTQ', 'MUS', 'MWI', 'MYS', 'MYT',
  'NAM', 'NCL', 'NER', 'NFK', 'NGA', 'NIC', 'NIU', 'NLD', 'NOR', 'NPL', 'NRU', 'NZL',
  'OMN',
  'PAK', 'PAN', 'PCN', 'PER', 'PHL', 'PLW', 'PNG', 'POL', 'PRI', 'PRK', 'PRT', 'PRY', 'PSE', 'PYF',
  'QAT',
  'REU', 'ROU', 'RUS', 'RWA',
  'SAU', 'SDN', 'SEN', 'SGP', 'SGS', 'SHN', 'SJM', 'SLB', 'SLE', 'SLV', 'SMR', 'SOM', 'SPM', 'SRB', 'SSD', 'STP', 'SUR',
  'SVK', 'SVN', 'SWE', 'SWZ', 'SXM', 'SYC', 'SYR',
  'TCA', 'TCD', 'TGO', 'THA', 'TJK', 'TKL', 'TKM', 'TLS', 'TON', 'TTO', 'TUN', 'TUR', 'TUV', 'TWN', 'TZA',
  'UGA', 'UKR', 'UMI', 'URY', 'USA', 'UZB',
  'VAT', 'VCT', 'VEN', 'VGB', 'VIR', 'VNM', 'VUT',
  'WLF', 'WSM',
  'YEM',
  'ZAF', 'ZMB', 'ZWE',
] as const;

/**
 * Codes Doc 9303 Part 3 adds to ISO 3166-1. Germany writes `D<<` rather than DEU; UTO is the
 * fictional state of ICAO's specimen documents. RKS is not in Doc 9303's table but is what
 * Kosovo prints on its passports, and many states accept it. (There is no ZIM: Zimbabwe is ZWE.)
 */
const DOC_9303_SPECIAL = [
  'D',
  // British nationals other than citizens: overseas territories, national (overseas),
  // overseas citizen, protected person, subject.
  'GBD', 'GBN', 'GBO', 'GBP', 'GBS',
  // United Nations: the organisation, its specialised agencies, UNMIK for residents of Kosovo.
  'UNO', 'UNA', 'UNK',
  // Other organisations whose officials carry travel documents.
  'EUE', 'XBA', 'XCC', 'XCE', 'XCO', 'XDC', 'XEC', 'XES', 'XIM', 'XMP', 'XOM', 'XPO',
  // Stateless, refugee (1951 Convention), other refugee, unspecified nationality.
  'XXA', 'XXB', 'XXC', 'XXX',
  'RKS',
  'UTO',
] as const;

const STATES: ReadonlySet<string> = new Set<string>([...ISO_3166_ALPHA_3, ...DOC_9303_SPECIAL]);

/** True when `code` (fillers already removed, so Germany is `D`) may stand as an issuing state or nationality. */
export function isKnownState(code: string): boolean {
  return STATES.has(code);
}

/** Every accepted code, for tests and diagnostics; Germany appears as `D`. */
export function knownStates(): readonly string[] {
  return [...STATES];
}

/** The ISO 3166-1 part of the list alone, so tests can compare it with other sources. */
export function isoStates(): readonly string[] {
  return [...ISO_3166_ALPHA_3];
}
