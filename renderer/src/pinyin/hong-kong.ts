/**
 * Simplified to Traditional Chinese as written in Hong Kong (OpenCC's cn → hk, phrase by
 * phrase: 身份证 → 身份證, 头发 → 頭髮). Its tables are about 1 MB: fetched for zh-HK only.
 */
export async function loadHongKongConverter(): Promise<(text: string) => string> {
  const { Converter } = await import('opencc-js/cn2t');
  return Converter({ from: 'cn', to: 'hk' });
}
