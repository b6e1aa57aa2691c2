import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../shared/contract/schemas';
import { Button } from './Button';

interface Props {
  lang: Lang;
  offered: readonly Lang[];
  onLang: (lang: Lang) => void;
}

/**
 * The language switch: one button with a globe and the current language's own name (found
 * by anyone, whatever they read), opening a list of the offered languages, each in its own
 * name and script. Escape or Close keeps the language; focus comes back to the button.
 */
export function LanguageMenu({ lang, offered, onLang }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(false);

  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLButtonElement>('[aria-current="true"]')?.focus();
    else if (wasOpen.current) trigger.current?.focus();
    wasOpen.current = open;
  }, [open]);
  useEffect(() => {
    if (!open) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  const choose = (l: Lang) => {
    setOpen(false);
    if (l !== lang) onLang(l);
  };
  return (
    <>
      <Button ref={trigger} variant="secondary" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(true)} data-testid="lang-menu">
        <GlobeIcon />{' '}
        <span lang={lang}>{t(`lang.${lang}`)}</span>
        <span className="visually-hidden"> · {t('lang.label')}</span>
      </Button>
      {open
        ? createPortal(
            <div className="dialog-backdrop">
              <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="dialog" ref={panel} data-testid="lang-dialog">
                <h2 id={titleId}>{t('lang.choose')}</h2>
                <ul className="lang-list">
                  {offered.map((l) => (
                    <li key={l}>
                      <Button variant={l === lang ? 'primary' : 'secondary'} lang={l} aria-current={l === lang ? 'true' : undefined} onClick={() => choose(l)} data-testid={`lang-${l}`}>
                        {t(`lang.${l}`)}
                      </Button>
                    </li>
                  ))}
                </ul>
                <div className="actions">
                  <Button variant="secondary" onClick={() => setOpen(false)} data-testid="lang-close">
                    {t('lang.close')}
                  </Button>
                </div>
              </div>
            </div>,
            // Outside the header, whose light-on-dark button styles are not the dialog's.
            document.body,
          )
        : null}
    </>
  );
}

/** A globe, drawn (a kiosk has no emoji font): the sign for "language" anyone recognises. */
function GlobeIcon() {
  return (
    <svg className="globe" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="1.2em" height="1.2em" fill="none" stroke="currentColor" strokeWidth="1.8">
      <circle cx="12" cy="12" r="9.5" />
      <ellipse cx="12" cy="12" rx="4.2" ry="9.5" />
      <path d="M2.5 12h19M4.5 6.5h15M4.5 17.5h15" />
    </svg>
  );
}
