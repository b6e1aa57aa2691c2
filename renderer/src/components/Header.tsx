import { useTranslation } from 'react-i18next';
import { LANGS, type Lang } from '../../../shared/contract/schemas';
import { Button } from './Button';
import { HelpButton, type HelpButtonProps } from './HelpButton';
import { LanguageMenu } from './LanguageMenu';

interface Props {
  lang: Lang;
  /** The languages offered at this kiosk (all by default); with one, there is no switch. */
  langs?: readonly Lang[];
  largeText: boolean;
  onLang: (lang: Lang) => void;
  onTextSize: () => void;
  onStartAgain?: () => void;
  /** "Call an officer", on every screen. */
  help?: HelpButtonProps;
}

/** The bar on every screen: title, language, text size, and Start again. */
export function Header({ lang, langs = LANGS, largeText, onLang, onTextSize, onStartAgain, help }: Props) {
  const { t } = useTranslation();
  const offered = LANGS.filter((l) => langs.includes(l));
  return (
    <header className="header">
      <p className="header-title">{t('app.title')}</p>
      <div className="header-tools">
        {help ? <HelpButton {...help} /> : null}
        {offered.length > 1 ? <LanguageMenu lang={lang} offered={offered} onLang={onLang} /> : null}
        <Button variant="secondary" aria-pressed={largeText} onClick={onTextSize} data-testid="text-size">
          {largeText ? t('textSize.normal') : t('textSize.larger')}
        </Button>
        {onStartAgain ? (
          <Button variant="warning" onClick={onStartAgain} data-testid="start-again">
            {t('actions.startAgain')}
          </Button>
        ) : null}
      </div>
    </header>
  );
}
