import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** A QR code of `text` as a data URL (drawn locally: the CSP allows data: images). */
export function useQr(text: string | null, width = 240): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!text) return undefined;
    let live = true;
    void QRCode.toDataURL(text, { margin: 1, width }).then((u) => live && setUrl(u));
    return () => {
      live = false;
    };
  }, [text, width]);
  return text ? url : null;
}
