import { useTranslation } from 'react-i18next';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { Page } from '../components/Page';
import type { ScreenProps } from './screen-props';

/** Before submitting: station staff review this application, how long that takes, and what happens next. */
export function ReviewNotice({ screen, send }: ScreenProps<'reviewNotice'>) {
  const { t } = useTranslation();
  return (
    <Page heading={t('reviewNotice.heading')} screenKey={`reviewNotice-${screen.stepId}`} testId="reviewNotice">
      <p className="lead" data-testid="review-days">
        {t('reviewNotice.body', { count: screen.workingDays })}
      </p>
      <h2>{t('reviewNotice.next')}</h2>
      <ol className="bullets">
        <li>{t('reviewNotice.step1')}</li>
        <li>{t('reviewNotice.step2')}</li>
        <li>{t('reviewNotice.step3')}</li>
      </ol>
      <Actions onBack={() => send({ type: 'BACK' })}>
        <Button onClick={() => send({ type: 'CONTINUE' })} data-testid="continue">
          {t('actions.continue')}
        </Button>
      </Actions>
    </Page>
  );
}
