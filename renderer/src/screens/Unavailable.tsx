import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page';
import type { ScreenProps } from './screen-props';

/** The kiosk cannot serve anyone now: say so plainly, say nothing was lost, and give staff the reason code. */
export function Unavailable({ screen }: ScreenProps<'unavailable'>) {
  const { t } = useTranslation();
  return (
    <Page heading={t('unavailable.heading')} screenKey="unavailable" testId="unavailable">
      <p className="lead">{t('unavailable.body')}</p>
      <p className="lead">{t('unavailable.elsewhere')}</p>
      <p className="caption" data-testid="unavailable-reason" data-reason={screen.reason}>
        {t('unavailable.forStaff', { code: screen.reason })}
      </p>
    </Page>
  );
}
