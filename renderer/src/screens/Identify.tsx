import { useTranslation } from 'react-i18next';
import type { FlowView } from '../../../shared/contract';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { Page } from '../components/Page';

/** Place the ID card; the reader answers by itself, so there is nothing to press. */
export function Identify({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <Page heading={t('identify.heading')} screenKey="identify" testId="identify">
      <p className="lead">{t('identify.instruction')}</p>
      <div className="card-graphic" aria-hidden="true" />
      <p role="status" className="waiting">
        {t('identify.waiting')}
      </p>
      <Actions onBack={onBack} />
    </Page>
  );
}

/** The card was read but cannot be used, or could not be read: say why and what to do. */
export function IdentifyFailed({ reason, onRetry, onBack }: { reason: FlowView['identifyError']; onRetry: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <Page heading={t('identifyFailed.heading')} screenKey="identifyFailed" testId="identifyFailed">
      <p className="lead" data-testid="identify-reason">
        {t(`identifyFailed.${reason ?? 'unreadable'}`)}
      </p>
      <Actions onBack={onBack}>
        <Button onClick={onRetry} data-testid="retry">
          {t('actions.retry')}
        </Button>
      </Actions>
    </Page>
  );
}
