import { useTranslation } from 'react-i18next';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { Page } from '../components/Page';
import type { ScreenProps } from './screen-props';

/** While the submission is committed to the queue. */
export function Submitting(_props: ScreenProps<'submitting'>) {
  const { t } = useTranslation();
  return (
    <Page heading={t('submitting.heading')} screenKey="submitting" testId="submitting">
      <div className="spinner" aria-hidden="true" />
    </Page>
  );
}

/** The commit failed: nothing was sent, the answers are still here. */
export function SubmitFailed({ screen, send }: ScreenProps<'submitFailed'>) {
  const { t } = useTranslation();
  return (
    <Page heading={t('submitFailed.heading')} screenKey="submitFailed" testId="submitFailed">
      <p className="lead" data-testid="submit-failed-body">
        {t(screen.paid ? 'submitFailed.paidBody' : 'submitFailed.body')}
      </p>
      {/* Paid money stays with this submission: no Back to change answers once the fee is taken. */}
      <Actions {...(screen.paid ? {} : { onBack: () => send({ type: 'BACK' }) })}>
        <Button onClick={() => send({ type: 'RETRY' })} data-testid="retry">
          {t('actions.retry')}
        </Button>
      </Actions>
    </Page>
  );
}
