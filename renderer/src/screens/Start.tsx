import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ServiceEntry } from '../../../shared/catalog/types';
import { findService } from '../../../shared/catalog/services';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { Page } from '../components/Page';
import { yuan } from '../format';
import type { ScreenProps } from './screen-props';

/** The fee as the start page words it: free, a fixed amount, a price per unit, or what the resident picks. */
function feeText(entry: ServiceEntry, t: TFunction): string {
  const pay = entry.steps.find((s) => s.kind === 'pay');
  if (pay?.kind !== 'pay') return t('start.feeFree');
  const amount = pay.amount;
  if ('fixedFen' in amount) return t('start.feeAmount', { amount: yuan(amount.fixedFen) });
  if ('unitFen' in amount) return t('start.feePerUnit', { amount: yuan(amount.unitFen) });
  return t('start.feePicked');
}

/** The GOV.UK start page: what it does, what to bring, fee and time, and what to expect. */
export function Start({ screen, send }: ScreenProps<'start'>) {
  const { t } = useTranslation();
  const entry = findService(screen.serviceId);
  if (!entry) return null;
  const photo = entry.steps.find((s) => s.kind === 'photo');
  const review = entry.steps.find((s) => s.kind === 'review');
  return (
    <Page heading={t(`services.${entry.id}.title`)} screenKey="start" testId="start">
      <h2>{t('start.whatItIs')}</h2>
      <p>{t(`start.${entry.id}.details`)}</p>
      <h2>{t('start.whatToBring')}</h2>
      <ul className="bullets" data-testid="start-bring">
        {entry.bring.map((item) => (
          <li key={item}>{t(`bring.${item}`)}</li>
        ))}
      </ul>
      <dl className="facts">
        <div>
          <dt>{t('start.fee')}</dt>
          <dd data-testid="start-fee">{feeText(entry, t)}</dd>
        </div>
        <div>
          <dt>{t('start.time')}</dt>
          <dd>{t('start.minutes', { count: entry.minutes })}</dd>
        </div>
      </dl>
      {photo?.kind === 'photo' ? <p>{t('start.photoNote', { spec: t(`photo.spec.${photo.spec}`) })}</p> : null}
      {review?.kind === 'review' ? <p>{t('start.reviewNote', { count: review.workingDays })}</p> : null}
      <Actions onBack={() => send({ type: 'BACK' })}>
        <Button onClick={() => send({ type: 'CONTINUE' })} data-testid="continue">
          {t('start.start')}
        </Button>
      </Actions>
    </Page>
  );
}
