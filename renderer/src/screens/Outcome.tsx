import { useTranslation } from 'react-i18next';
import type { FlowView } from '../../../shared/contract';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { Page } from '../components/Page';
import { useQr } from '../use-qr';

/** While the submission is committed to the queue. */
export function Submitting() {
  const { t } = useTranslation();
  return (
    <Page heading={t('submitting.heading')} screenKey="submitting" testId="submitting">
      <div className="spinner" aria-hidden="true" />
    </Page>
  );
}

/** The commit failed: nothing was sent, the answers are still here. */
export function SubmitFailed({ onRetry, onBack }: { onRetry: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <Page heading={t('submitFailed.heading')} screenKey="submitFailed" testId="submitFailed">
      <p className="lead">{t('submitFailed.body')}</p>
      <Actions onBack={onBack}>
        <Button onClick={onRetry} data-testid="retry">
          {t('actions.retry')}
        </Button>
      </Actions>
    </Page>
  );
}

/** The confirmation panel with the reference number, and how the slip is doing. */
export function Confirmation({ view, onFinish, onReprint }: { view: FlowView; onFinish: () => void; onReprint: () => void }) {
  const { t } = useTranslation();
  const qr = useQr(view.reference);
  const printText =
    view.print === 'printing' ? t('confirmation.printing') : view.print === 'failed' ? t('confirmation.printFailed') : t('confirmation.printed');
  return (
    <Page heading={t('confirmation.heading')} screenKey="confirmation" testId="confirmation">
      <div className="panel">
        <p className="panel-label">{t('confirmation.referenceLabel')}</p>
        <p className="reference" data-testid="reference">
          {view.reference}
        </p>
        {qr ? <img className="qr" src={qr} alt="" width={160} height={160} /> : null}
      </div>
      <p role="status" className={view.print === 'failed' ? 'lead warning-text' : 'lead'} data-testid="print-status" data-print={view.print}>
        {printText}
      </p>
      {view.payment?.failure === null && view.payment.amountFen > 0 ? (
        <p data-testid="paid">{t('confirmation.paid', { amount: (view.payment.amountFen / 100).toFixed(2) })}</p>
      ) : null}
      <h2>{t('confirmation.next')}</h2>
      <p>{t('confirmation.nextBody')}</p>
      <div className="actions">
        <Button onClick={onFinish} data-testid="finish">
          {t('actions.finish')}
        </Button>
        {view.print === 'failed' ? (
          <Button variant="secondary" onClick={onReprint} data-testid="reprint">
            {t('actions.reprint')}
          </Button>
        ) : null}
      </div>
    </Page>
  );
}
