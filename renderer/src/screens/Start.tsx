import { useTranslation } from 'react-i18next';
import { findService } from '../../../shared/catalog/services';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { Page } from '../components/Page';

/** The GOV.UK start page: what it does, what to bring, fee and time. */
export function Start({ serviceId, onContinue, onBack }: { serviceId: string; onContinue: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const service = findService(serviceId);
  if (!service) return null;
  return (
    <Page heading={t(`services.${serviceId}.title`)} screenKey="start" testId="start">
      <h2>{t('start.whatItIs')}</h2>
      <p>{t(`start.${serviceId}.details`)}</p>
      <h2>{t('start.whatToBring')}</h2>
      <ul className="bullets">
        <li>{t('start.bringIdCard')}</li>
        <li>{t('start.bringPhone')}</li>
        {service.feeFen > 0 ? <li>{t('start.bringPayment')}</li> : null}
        {service.photo ? <li>{t('start.photoTaken')}</li> : null}
      </ul>
      <dl className="facts">
        <div>
          <dt>{t('start.fee')}</dt>
          <dd>{service.feeFen === 0 ? t('start.feeFree') : t('start.feeAmount', { amount: (service.feeFen / 100).toFixed(2) })}</dd>
        </div>
        <div>
          <dt>{t('start.time')}</dt>
          <dd>{t('start.minutes', { count: service.minutes })}</dd>
        </div>
      </dl>
      <Actions onBack={onBack}>
        <Button onClick={onContinue} data-testid="continue">
          {t('start.start')}
        </Button>
      </Actions>
    </Page>
  );
}
