import { mrzCheckDigit } from '../../../shared/domain/mrz';

/** A fictional travel document for the document reader simulator. */
export interface SimDocument {
  id: string;
  /** Shown in the simulator panel only. */
  label: string;
  /** The machine readable zone, as the reader sends it. */
  mrz: string;
}

const cd = (text: string) => String(mrzCheckDigit(text));

// CS / CD permits: one line of 30, no name (ICAO-like check digits; see shared/domain/mrz/layouts.ts).
function permit(code: 'CS' | 'CD', number: string, expiry: string, birth: string): string {
  const a = number + cd(number);
  const b = expiry + cd(expiry);
  const c = birth + cd(birth);
  return `${code}${a}<${b}<${c}<${cd(a + b + c)}`;
}

function passport(number: string, surname: string, given: string, birth: string, sex: 'M' | 'F', expiry: string): string {
  const name = `${surname}<<${given}`.padEnd(39, '<');
  const personal = '<'.repeat(14);
  const head = number + cd(number) + 'CHN';
  const b = birth + cd(birth);
  const e = expiry + cd(expiry);
  return `P<CHN${name}\n${head}${b}${sex}${e}${personal}<${cd(number + cd(number) + b + e + personal + '<')}`;
}

// An expiry relative to today (YYMMDD), so a "runs out soon" permit stays so whatever day the simulator runs.
function expiryInDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${String(d.getFullYear() % 100).padStart(2, '0')}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}

/** Fictional documents; the numbers are well-formed, the people are not real. */
export const SIM_DOCUMENTS: readonly SimDocument[] = [
  { id: 'zhang-hk', label: '张伟明 往来港澳通行证', mrz: permit('CS', 'C12345678', '310615', '800315') },
  { id: 'zhang-tw', label: '张伟明 往来台湾通行证', mrz: permit('CD', 'T12345678', '300920', '800315') },
  { id: 'li-hk', label: '李秀兰 往来港澳通行证（不可签注）', mrz: permit('CS', 'C87654321', '290101', '550722') },
  { id: 'wang-hk-soon', label: '王小龙 往来港澳通行证（不足三个月到期）', mrz: permit('CS', 'C24681357', expiryInDays(45), '921108') },
  { id: 'liu-hk', label: '刘芳 往来港澳通行证（个人旅游次数已用完）', mrz: permit('CS', 'C55667788', '300101', '680203') },
  { id: 'zhao-hk', label: '赵丽 往来港澳通行证（平台无存档照片）', mrz: permit('CS', 'C13572468', '320301', '900412') },
  { id: 'zhang-passport', label: '张伟明 护照', mrz: passport('E12345678', 'ZHANG', 'WEIMING', '800315', 'M', '320101') },
];
