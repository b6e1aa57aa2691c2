import { describe, expect, it } from 'vitest';
import { canDraw, classifyChar, DEFAULT_FONT_SCRIPTS, fitsFont, type FontScript } from '../../../../../electron/host/hardware/font-scripts';

describe('classifyChar', () => {
  it.each([
    ['A', 'latin'],
    [' ', 'latin'],
    ['~', 'latin'],
    ['中', 'han-gb2312'],
    ['证', 'han-gb2312'],
    ['￥', 'han-gb2312'],
    ['，', 'han-gb2312'],
    ['Ａ', 'han-gb2312'],
    ['·', 'han-gb2312'],
    ['證', 'han-gb18030'],
    ['號', 'han-gb18030'],
    ['㐀', 'han-gb18030'],
    ['수', 'hangul'],
    ['ㄱ', 'hangul'],
    ['の', 'kana'],
    ['カ', 'kana'],
    ['ー', 'kana'],
    ['ｶ', 'kana'],
    ['Д', 'cyrillic'],
    ['ё', 'cyrillic'],
    ['😀', 'other'],
    ['ก', 'other'],
  ])('%s needs %s', (ch, expected) => {
    expect(classifyChar(ch)).toBe(expected);
  });
});

describe('fitsFont', () => {
  it('by default takes Simplified Chinese and ASCII, and nothing else', () => {
    expect(DEFAULT_FONT_SCRIPTS).toEqual(['han-gb2312', 'latin']);
    for (const s of ['申请无犯罪记录证明', '已缴费用: ￥30.00', 'JN-K01A-7QXZ-3', '请保留此回执。凭受理编号可在任一自助终端查询办理进度。', '']) {
      expect(fitsFont(s, DEFAULT_FONT_SCRIPTS), s).toBe(true);
    }
    for (const s of ['參考編號', '접수번호', 'この受付票', 'Справка', 'ok 😀']) expect(fitsFont(s, DEFAULT_FONT_SCRIPTS), s).toBe(false);
  });

  it('takes Traditional Chinese only from a full GB18030 font, which also has all of GB2312', () => {
    const full: FontScript[] = ['han-gb18030', 'latin'];
    expect(fitsFont('參考編號 申请', full)).toBe(true);
    expect(canDraw('證', ['han-gb2312', 'latin'])).toBe(false);
    expect(canDraw('中', full)).toBe(true);
  });

  it('takes Hangul, kana and Cyrillic only when listed', () => {
    expect(fitsFont('접수번호 JN-1', ['han-gb2312', 'latin', 'hangul'])).toBe(true);
    expect(fitsFont('受付番号のご案内', ['han-gb2312', 'latin', 'kana'])).toBe(true);
    // 証 is a Japanese form that GB2312 does not have.
    expect(fitsFont('証明書', ['han-gb2312', 'latin', 'kana'])).toBe(false);
    expect(fitsFont('Номер заявления', ['latin', 'cyrillic'])).toBe(true);
    expect(fitsFont('Номер заявления', ['latin', 'hangul'])).toBe(false);
  });
});
