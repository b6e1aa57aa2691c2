import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_FAMILIES } from '../../../shared/catalog/families';
import { catalog } from '../../../shared/catalog/services';
import type { Devices, Lang, PublicSettings } from '../../../shared/contract';
import { loadLanguage } from '../i18n';
import { unavailableReason, useMinute } from '../screens/Welcome';

import { ATTRACT_AFTER_MS, ATTRACT_SLIDE_MS } from './attract-timing';

export { ATTRACT_AFTER_MS, ATTRACT_SLIDE_MS };

/** What starts an idle period again: anything a resident does with the screen or the keypad. */
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Whether the attract loop shows: after {@link ATTRACT_AFTER_MS} with no touch or key while
 * `eligible` (the welcome screen, nothing else open). A dialog open at that moment (a call for
 * help) holds it off for another period. `stop` ends the loop, and the wait starts again.
 */
export function useAttract(eligible: boolean): { attract: boolean; stop: () => void } {
  const [attract, setAttract] = useState(false);
  useEffect(() => {
    if (!eligible) {
      setAttract(false);
      return undefined;
    }
    if (attract) return undefined;
    let timer = 0;
    const arm = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        if (document.querySelector('[role="dialog"], [role="alertdialog"]')) arm();
        else setAttract(true);
      }, ATTRACT_AFTER_MS);
    };
    arm();
    for (const type of ACTIVITY) window.addEventListener(type, arm, { capture: true, passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, arm, { capture: true });
    };
  }, [eligible, attract]);
  const stop = useCallback(() => setAttract(false), []);
  return { attract, stop };
}

interface Slide {
  lang: Lang;
  family: (typeof SERVICE_FAMILIES)[number];
  services: string[];
}

/**
 * The attract loop: a silent slide show of the services this kiosk offers now, a family at a
 * time, in each offered language in turn (the kiosk's own first). The whole screen is one
 * button: one touch, or any key, and the welcome screen is back.
 */
export function Attract({ devices, settings, onStart }: { devices: Devices | null; settings: PublicSettings | null; onStart: () => void }) {
  const { i18n } = useTranslation();
  const now = useMinute();
  const offered = settings?.languages;
  const [loaded, setLoaded] = useState<readonly Lang[]>([]);
  useEffect(() => {
    let current = true;
    const langs = offered ?? [];
    // Each language's texts are their own chunk: fetched now, while nobody is waiting for them.
    void Promise.allSettled(langs.map((lang) => loadLanguage(i18n, lang).then(() => lang))).then((results) => {
      if (current) setLoaded(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
    });
    return () => {
      current = false;
    };
  }, [i18n, offered]);

  const slides = useMemo(() => {
    const first = i18n.language as Lang;
    const langs = [first, ...loaded.filter((l) => l !== first)];
    const available = devices === null ? [] : catalog.filter((s) => unavailableReason(s, devices, settings, now) === null);
    const out: Slide[] = [];
    for (const lang of langs) {
      for (const family of SERVICE_FAMILIES) {
        const services = available.filter((s) => s.family === family).map((s) => s.id);
        if (services.length > 0) out.push({ lang, family, services });
      }
    }
    return out;
  }, [i18n.language, loaded, devices, settings, now]);

  const [index, setIndex] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setIndex((i) => i + 1), ATTRACT_SLIDE_MS);
    return () => window.clearInterval(timer);
  }, []);
  const slide = slides.length > 0 ? slides[index % slides.length] : undefined;
  const lang = slide?.lang ?? i18n.language;
  const tl = i18n.getFixedT(lang);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      e.preventDefault();
      e.stopPropagation();
      onStart();
    };
    // Any key starts, before the keypad's own handling sees it.
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [onStart]);

  return (
    <main id="main" className="attract" data-testid="attract" lang={lang} data-slide-family={slide?.family}>
      <h1 className="visually-hidden">{tl('attract.heading')}</h1>
      <button type="button" className="attract-touch" onClick={onStart} data-testid="attract-start">
        {slide ? (
          <span className="attract-slide" key={`${slide.lang}/${slide.family}`}>
            <span className="attract-family">{tl(`family.${slide.family}`)}</span>
            <span className="attract-services">
              {slide.services.map((id) => (
                <span className="attract-service" key={id}>
                  {tl(`services.${id}.title`)}
                </span>
              ))}
            </span>
          </span>
        ) : null}
        <span className="attract-call">{tl('attract.touch')}</span>
      </button>
    </main>
  );
}
