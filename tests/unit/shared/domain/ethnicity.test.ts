import { describe, it, expect } from 'vitest';
import { ETHNICITY_CODES, ethnicityName, isEthnicityCode } from '../../../../shared/domain/ethnicity';

// GB/T 3304-1991 in the standard's order; the position in this list is the code.
const STANDARD_ZH = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
];

const code = (n: number): string => String(n).padStart(2, '0');

describe('ethnicityName', () => {
  it('knows exactly the codes 01-56, 97 and 98', () => {
    const expected = [...Array.from({ length: 56 }, (_, i) => code(i + 1)), '97', '98'];
    expect(ETHNICITY_CODES).toEqual(expected);
    for (const c of expected) expect(isEthnicityCode(c)).toBe(true);
  });

  it('names all 56 nationalities in the order of the standard', () => {
    STANDARD_ZH.forEach((name, i) => expect(ethnicityName(code(i + 1), 'zh-CN')).toBe(name));
  });

  it('names the two catch-all codes', () => {
    expect(ethnicityName('97', 'zh-CN')).toBe('其他');
    expect(ethnicityName('98', 'zh-CN')).toBe('外国血统中国籍人士');
    expect(ethnicityName('97', 'en')).toBe('Other');
    expect(ethnicityName('98', 'en')).toMatch(/foreign origin/);
  });

  it('uses the romanisations of the standard in English', () => {
    const spot: ReadonlyArray<[string, string]> = [
      ['01', 'Han'],
      ['02', 'Mongol'],
      ['04', 'Zang'],
      ['05', 'Uygur'],
      ['10', 'Chosen'],
      ['11', 'Man'],
      ['29', 'Kirgiz'],
      ['44', 'Russ'],
      ['46', 'Deang'],
      ['49', 'Gin'],
      ['51', 'Derung'],
      ['56', 'Jino'],
    ];
    for (const [c, name] of spot) expect(ethnicityName(c, 'en')).toBe(name);
  });

  it('has a distinct, non-empty name for every code in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const names = ETHNICITY_CODES.map((c) => ethnicityName(c, lang));
      expect(names.every((n) => typeof n === 'string' && n.length > 0)).toBe(true);
      expect(new Set(names).size).toBe(names.length);
    }
    for (const c of ETHNICITY_CODES.filter((c) => Number(c) <= 56)) {
      expect(ethnicityName(c, 'zh-CN')).toMatch(/族$/);
      expect(ethnicityName(c, 'en')).toMatch(/^[A-Z][a-z]+$/);
    }
  });

  it.each(['00', '57', '96', '99', '1', '001', ' 1', '', 'constructor', '__proto__', 'toString'])(
    'returns undefined for %j',
    (c) => {
      expect(ethnicityName(c, 'zh-CN')).toBeUndefined();
      expect(ethnicityName(c, 'en')).toBeUndefined();
      expect(isEthnicityCode(c)).toBe(false);
    },
  );
});
