import { useTranslation } from 'react-i18next';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { Page } from '../components/Page';
import type { ScreenProps } from './screen-props';

/** An eligibility rule is not met: why, and what to do instead. */
export function Refused({ screen, send }: ScreenProps<'refused'>) {
  const { t } = useTranslation();
  const rule = `eligibility.${screen.ruleId}`;
  return (
    <Page heading={t('refused.heading')} screenKey={`refused-${screen.ruleId}`} testId="refused">
      <p className="lead" data-testid="refused-reason" data-rule={screen.ruleId}>
        {t(`${rule}.reason`)}
      </p>
      <h2>{t('refused.instead')}</h2>
      <p>{t(`${rule}.instead`)}</p>
      <p>{t('refused.nothingKept')}</p>
      <Actions onBack={() => send({ type: 'BACK' })}>
        <Button onClick={() => send({ type: 'FINISH' })} data-testid="finish">
          {t('actions.finish')}
        </Button>
      </Actions>
    </Page>
  );
}
