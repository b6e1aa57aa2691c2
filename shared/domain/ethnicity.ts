/**
 * Ethnic group codes of GB/T 3304-1991 (中国各民族名称的罗马字母拼写法和代码), as stored
 * on resident ID cards. English names are the standard's own romanisations (Zang, Chosen,
 * Man, Russ), which is what official documents print, not common English exonyms.
 */

/** A display language for ethnic group names. */
export type EthnicityLang = 'zh-CN' | 'en';

interface EthnicityNames {
  zh: string;
  en: string;
}

// Keyed by the two-digit code; 01-56 are the recognised nationalities in the order of the
// standard, 97 and 98 its two catch-all entries.
const ETHNICITIES: Readonly<Record<string, EthnicityNames>> = {
  '01': { zh: '汉族', en: 'Han' },
  '02': { zh: '蒙古族', en: 'Mongol' },
  '03': { zh: '回族', en: 'Hui' },
  '04': { zh: '藏族', en: 'Zang' },
  '05': { zh: '维吾尔族', en: 'Uygur' },
  '06': { zh: '苗族', en: 'Miao' },
  '07': { zh: '彝族', en: 'Yi' },
  '08': { zh: '壮族', en: 'Zhuang' },
  '09': { zh: '布依族', en: 'Buyei' },
  '10': { zh: '朝鲜族', en: 'Chosen' },
  '11': { zh: '满族', en: 'Man' },
  '12': { zh: '侗族', en: 'Dong' },
  '13': { zh: '瑶族', en: 'Yao' },
  '14': { zh: '白族', en: 'Bai' },
  '15': { zh: '土家族', en: 'Tujia' },
  '16': { zh: '哈尼族', en: 'Hani' },
  '17': { zh: '哈萨克族', en: 'Kazak' },
  '18': { zh: '傣族', en: 'Dai' },
  '19': { zh: '黎族', en: 'Li' },
  '20': { zh: '傈僳族', en: 'Lisu' },
  '21': { zh: '佤族', en: 'Va' },
  '22': { zh: '畲族', en: 'She' },
  '23': { zh: '高山族', en: 'Gaoshan' },
  '24': { zh: '拉祜族', en: 'Lahu' },
  '25': { zh: '水族', en: 'Sui' },
  '26': { zh: '东乡族', en: 'Dongxiang' },
  '27': { zh: '纳西族', en: 'Naxi' },
  '28': { zh: '景颇族', en: 'Jingpo' },
  '29': { zh: '柯尔克孜族', en: 'Kirgiz' },
  '30': { zh: '土族', en: 'Tu' },
  '31': { zh: '达斡尔族', en: 'Daur' },
  '32': { zh: '仫佬族', en: 'Mulao' },
  '33': { zh: '羌族', en: 'Qiang' },
  '34': { zh: '布朗族', en: 'Blang' },
  '35': { zh: '撒拉族', en: 'Salar' },
  '36': { zh: '毛南族', en: 'Maonan' },
  '37': { zh: '仡佬族', en: 'Gelao' },
  '38': { zh: '锡伯族', en: 'Xibe' },
  '39': { zh: '阿昌族', en: 'Achang' },
  '40': { zh: '普米族', en: 'Pumi' },
  '41': { zh: '塔吉克族', en: 'Tajik' },
  '42': { zh: '怒族', en: 'Nu' },
  '43': { zh: '乌孜别克族', en: 'Uzbek' },
  '44': { zh: '俄罗斯族', en: 'Russ' },
  '45': { zh: '鄂温克族', en: 'Ewenki' },
  '46': { zh: '德昂族', en: 'Deang' },
  '47': { zh: '保安族', en: 'Bonan' },
  '48': { zh: '裕固族', en: 'Yugur' },
  '49': { zh: '京族', en: 'Gin' },
  '50': { zh: '塔塔尔族', en: 'Tatar' },
  '51': { zh: '独龙族', en: 'Derung' },
  '52': { zh: '鄂伦春族', en: 'Oroqen' },
  '53': { zh: '赫哲族', en: 'Hezhen' },
  '54': { zh: '门巴族', en: 'Monba' },
  '55': { zh: '珞巴族', en: 'Lhoba' },
  '56': { zh: '基诺族', en: 'Jino' },
  '97': { zh: '其他', en: 'Other' },
  '98': { zh: '外国血统中国籍人士', en: 'Chinese citizen of foreign origin' },
};

/** Every code the table knows, in ascending order. */
export const ETHNICITY_CODES: readonly string[] = Object.keys(ETHNICITIES).sort();

/** True when `code` is a two-digit GB/T 3304 code that the table knows. */
export function isEthnicityCode(code: string): boolean {
  return Object.hasOwn(ETHNICITIES, code);
}

/** The name of a GB/T 3304 ethnic group in the given language, or undefined for an unknown code. */
export function ethnicityName(code: string, lang: EthnicityLang): string | undefined {
  // hasOwn keeps inherited keys such as 'constructor' from looking like codes.
  if (!Object.hasOwn(ETHNICITIES, code)) return undefined;
  const names = ETHNICITIES[code];
  if (!names) return undefined;
  return lang === 'zh-CN' ? names.zh : names.en;
}
