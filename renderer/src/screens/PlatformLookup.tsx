import { useTranslation } from 'react-i18next';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { Page } from '../components/Page';
import type { ScreenProps } from './screen-props';

/** While the kiosk asks the platform for data only it has (fines, permits, a licence). */
export function LookingUp({ screen, send }: ScreenProps<'lookingUp'>) {
  const { t } = useTranslation();
  return (
    <Page heading={t(`lookups.${screen.lookup}.checking`)} screenKey={`lookingUp-${screen.stepId}`} testId="lookingUp">
      <div className="spinner" aria-hidden="true" />
      <p role="status" className="waiting">
        {t('lookingUp.wait')}
      </p>
      <Actions onBack={() => send({ type: 'BACK' })} />
    </Page>
  );
}

/** The platform gave nothing to go on: what failed, that nothing was lost, and what the resident can do. */
export function LookupFailed({ screen, send }: ScreenProps<'lookupFailed'>) {
  const { t } = useTranslation();
  const name = t(`lookups.${screen.lookup}.name`);
  return (
    <Page heading={t('lookupFailed.heading', { name })} screenKey={`lookupFailed-${screen.stepId}`} testId="lookupFailed">
      <p className="lead" data-testid="lookup-failure" data-failure={screen.failure}>
        {t(`lookupFailed.${screen.failure}`)}
      </p>
      <p>{t('lookupFailed.nothingLost')}</p>
      <Actions onBack={() => send({ type: 'BACK' })}>
        <Button onClick={() => send({ type: 'RETRY' })} data-testid="retry">
          {t('actions.retry')}
        </Button>
        <Button variant="secondary" onClick={() => send({ type: 'FINISH' })} data-testid="finish">
          {t('actions.finish')}
        </Button>
      </Actions>
    </Page>
  );
}
