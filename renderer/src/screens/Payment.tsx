import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { Page } from '../components/Page';
import { yuan } from '../format';
import { useQr } from '../use-qr';
import type { ScreenProps } from './screen-props';

function useSecondsLeft(until: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? null : Math.max(0, Math.ceil((until - now) / 1000));
}

/** Pay by QR code: the amount, the code, how long it is valid; the screen moves on by itself. */
export function Payment({ screen: payment, send }: ScreenProps<'payment'>) {
  const { t } = useTranslation();
  const qr = useQr(payment.qrText, 320);
  const seconds = useSecondsLeft(payment.expiresAt);
  const amount = yuan(payment.amountFen);
  return (
    <Page heading={t('payment.heading')} screenKey="payment" testId="payment">
      <p className="reference" data-testid="payment-amount">
        {t('payment.amount', { amount })}
      </p>
      {qr ? (
        <img className="payment-qr" src={qr} alt={t('payment.qrLabel', { amount })} width={320} height={320} data-testid="payment-qr" />
      ) : (
        <p role="status">{t('payment.preparing')}</p>
      )}
      <p className="lead">{t('payment.instruction')}</p>
      {seconds !== null ? (
        <p role="timer" aria-live="off" data-testid="payment-expires">
          {t('payment.expires', { count: seconds })}
        </p>
      ) : null}
      <div className="actions">
        <Button variant="secondary" onClick={() => send({ type: 'BACK' })} data-testid="payment-cancel">
          {t('payment.cancel')}
        </Button>
      </div>
    </Page>
  );
}

/** The fee was not paid: why, that no money was taken, and what to do next. */
export function PaymentFailed({ screen, send }: ScreenProps<'paymentFailed'>) {
  const { t } = useTranslation();
  const failure = screen.failure;
  return (
    <Page heading={failure === 'inDoubt' ? t('paymentFailed.headingInDoubt') : t('paymentFailed.heading')} screenKey="paymentFailed" testId="paymentFailed">
      <p className="lead" data-testid="payment-failure" data-failure={failure}>
        {t(`paymentFailed.${failure}`)}
      </p>
      <p className="lead">{failure === 'inDoubt' ? t('paymentFailed.doNotPayAgain') : t('paymentFailed.noMoney')}</p>
      <Actions onBack={() => send({ type: 'BACK' })}>
        <Button onClick={() => send({ type: 'RETRY' })} data-testid="retry">
          {t('actions.retry')}
        </Button>
      </Actions>
    </Page>
  );
}
