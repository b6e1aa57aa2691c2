import { describe, expect, it } from 'vitest';
import { extractSimpleImeDictionary, PinyinDataError } from '../../../../renderer/src/pinyin/simple-ime';

const ROWS = Array.from({ length: 10_001 }, (_, i) => `ba 吧${i + 1}`).join('\n');

describe('extractSimpleImeDictionary', () => {
  it('finds the dictionary literal by its shape, whatever the code around it', () => {
    const bundle = `const a = \`x\${y}\`, b = \`in ${'a'.repeat(5)}\`;\nconst t1 = \`${ROWS}\`, g = \`a\nai\`;`;
    expect(extractSimpleImeDictionary(bundle)).toBe(ROWS);
  });

  it('says which package to check when the dictionary is not there', () => {
    expect(() => extractSimpleImeDictionary('const t1 = `ba 吧1\nbi 比2`;')).toThrow(PinyinDataError);
    expect(() => extractSimpleImeDictionary('')).toThrow(/simple-ime 1\.2\.4/);
  });
});
