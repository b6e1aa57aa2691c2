import { useTranslation } from 'react-i18next';
import type { FlowView } from '../../../shared/contract';
import { Page } from '../components/Page';

/** The kiosk cannot serve anyone now: say so plainly, say nothing was lost, and give staff the reason code. */
export function Unavailable({ view }: { view: FlowView }) {
  const { t } = useTranslation();
  return (
    <Page heading={t('unavailable.heading')} screenKey="unavailable" testId="unavailable">
      <p className="lead">{t('unavailable.body')}</p>
      <p className="lead">{t('unavailable.elsewhere')}</p>
      <p className="caption" data-testid="unavailable-reason" data-reason={view.unavailable ?? ''}>
        {t('unavailable.forStaff', { code: view.unavailable ?? '' })}
      </p>
    </Page>
  );
}
