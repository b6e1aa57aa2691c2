/** Yuan with two decimals from fen, for `start.feeAmount` ("￥{{amount}}"). */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** A calendar date (YYYY-MM-DD) in the resident's language, e.g. 2026年6月1日 or 1 June 2026. */
export function formatDay(day: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // Day, month, year in English: the order that reads the same to everyone, whatever their country.
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** The local calendar date of a moment, YYYY-MM-DD. */
export function dayOf(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
