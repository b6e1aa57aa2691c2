import { useTranslation } from 'react-i18next';
import { LANGS, type Lang } from '../../../shared/contract/langs';
import { Button } from './Button';
import { HelpButton, type HelpButtonProps } from './HelpButton';
import { LanguageMenu } from './LanguageMenu';

interface Props {
  lang: Lang;
  /** The languages offered at this kiosk (all by default); with one, there is no switch. */
  langs?: readonly Lang[];
  onLang: (lang: Lang) => void;
  onStartAgain?: () => void;
  /** "Call an officer", on every screen. */
  help?: HelpButtonProps;
}

/** The bar on every screen: title, help, language, and Start again (the access bar holds the rest). */
export function Header({ lang, langs = LANGS, onLang, onStartAgain, help }: Props) {
  const { t } = useTranslation();
  const offered = LANGS.filter((l) => langs.includes(l));
  return (
    <header className="header">
      <p className="header-title">{t('app.title')}</p>
      <div className="header-tools">
        {help ? <HelpButton {...help} /> : null}
        {offered.length > 1 ? <LanguageMenu lang={lang} offered={offered} onLang={onLang} /> : null}
        {onStartAgain ? (
          <Button variant="warning" onClick={onStartAgain} data-testid="start-again">
            {t('actions.startAgain')}
          </Button>
        ) : null}
      </div>
    </header>
  );
}
