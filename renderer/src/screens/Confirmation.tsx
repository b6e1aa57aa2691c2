import { useTranslation } from 'react-i18next';
import type { ScreenOf } from '../../../shared/contract';
import { Button } from '../components/Button';
import { Page } from '../components/Page';
import { yuan } from '../format';
import { useQr } from '../use-qr';
import type { ScreenProps } from './screen-props';

const PRINT_TEXT = { printing: 'confirmation.printing', printed: 'confirmation.printed', failed: 'confirmation.printFailed', later: 'confirmation.printLater' } as const;

/** The confirmation panel: the reference and its QR code, how the slip printed, what happens next. */
export function Confirmation({ screen, send }: ScreenProps<'confirmation'>) {
  const { t } = useTranslation();
  const qr = useQr(screen.reference);
  const notPrinted = screen.status === 'failed' || screen.status === 'later';
  return (
    <Page heading={t('confirmation.heading')} screenKey="confirmation" testId="confirmation">
      <div className="panel">
        <p className="panel-label">{t('confirmation.referenceLabel')}</p>
        <p className="reference" data-testid="reference">
          {screen.reference}
        </p>
        {qr ? <img className="qr" src={qr} alt={t('confirmation.qrAlt')} width={160} height={160} data-testid="reference-qr" /> : null}
      </div>
      <p role="status" className={notPrinted ? 'lead warning-text' : 'lead'} data-testid="print-status" data-print={screen.status}>
        {t(PRINT_TEXT[screen.status])}
      </p>
      {screen.paidFen !== null && screen.paidFen > 0 ? <p data-testid="paid">{t('confirmation.paid', { amount: yuan(screen.paidFen) })}</p> : null}
      <Others others={screen.others} />
      <h2>{t('confirmation.next')}</h2>
      {screen.review ? <p data-testid="confirmation-review">{t('confirmation.review')}</p> : null}
      <p>{t('confirmation.nextBody')}</p>
      {screen.bring.length > 0 ? (
        <>
          <h2>{t('confirmation.bring')}</h2>
          <ul className="bullets" data-testid="confirmation-bring">
            {screen.bring.map((item) => (
              <li key={item}>{t(`bring.${item}`)}</li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="actions">
        <Button onClick={() => send({ type: 'FINISH' })} data-testid="finish">
          {t('actions.finish')}
        </Button>
        {screen.status === 'failed' ? (
          <Button variant="secondary" onClick={() => send({ type: 'RETRY' })} data-testid="reprint">
            {t('actions.reprint')}
          </Button>
        ) : null}
      </div>
    </Page>
  );
}

/** How the service's other prints went: a document or an endorsement printed, or to print later by reference. */
function Others({ others }: { others: ScreenOf<'confirmation'>['others'] }) {
  const { t } = useTranslation();
  if (others.length === 0) return null;
  return (
    <ul className="bullets" data-testid="confirmation-others">
      {others.map((o, i) => (
        <li key={`${o.output}-${i}`} className={o.status === 'printed' ? undefined : 'warning-text'} data-output={o.output} data-status={o.status}>
          {t(`confirmation.others.${o.output}.${o.status}`)}
        </li>
      ))}
    </ul>
  );
}
