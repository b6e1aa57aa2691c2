import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RATING_REASONS } from '../../../shared/steps/rating/rating-reasons';
import { Button } from '../components/Button';
import { Page } from '../components/Page';
import type { ScreenProps } from './screen-props';

type Reason = (typeof RATING_REASONS)[number];

// 政务服务"好差评": five levels, 5 the most satisfied, shown best first as on every government service counter.
export const LEVELS = [5, 4, 3, 2, 1] as const;

/** An optional, anonymous rating of the service: a level, perhaps a reason, or Skip. */
export function Rating({ send }: ScreenProps<'rating'>) {
  const { t } = useTranslation();
  const [level, setLevel] = useState<number | null>(null);
  const [reason, setReason] = useState<Reason | null>(null);
  return (
    <Page heading={t('rating.heading')} screenKey="rating" testId="rating">
      <p className="lead">{t('rating.intro')}</p>
      <div className="rating-levels" role="group" aria-label={t('rating.levelsLabel')}>
        {LEVELS.map((l) => (
          <Button key={l} variant="secondary" className="rating-level" aria-pressed={level === l} onClick={() => setLevel(l)} data-testid={`rate-${l}`}>
            {t(`rating.level.${l}`)}
          </Button>
        ))}
      </div>
      {level !== null ? (
        <fieldset className="choices rating-reasons">
          <legend className="label">{t('rating.reasonLegend')}</legend>
          {RATING_REASONS.map((r) => (
            <div key={r} className="choice">
              <input type="radio" id={`reason-${r}`} name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} data-testid={`reason-${r}`} />
              <label htmlFor={`reason-${r}`}>{t(`rating.reason.${r}`)}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <div className="actions">
        {level !== null ? (
          <Button onClick={() => send(reason ? { type: 'RATE', level, reason } : { type: 'RATE', level })} data-testid="rate-send">
            {t('rating.send')}
          </Button>
        ) : null}
        <Button variant="secondary" onClick={() => send({ type: 'SKIP' })} data-testid="skip">
          {t('rating.skip')}
        </Button>
      </div>
    </Page>
  );
}
