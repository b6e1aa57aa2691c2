import { useEffect, useState } from 'react';

/**
 * A QR code of `text` as a data URL (drawn locally: the CSP allows data: images). The encoder
 * is its own chunk, fetched the first time a code is drawn: the welcome screen shows none.
 */
export function useQr(text: string | null, width = 240): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!text) return undefined;
    let live = true;
    void import('qrcode')
      .then((m) => m.default.toDataURL(text, { margin: 1, width }))
      .then((u) => live && setUrl(u));
    return () => {
      live = false;
    };
  }, [text, width]);
  return text ? url : null;
}
