import { useTranslation } from 'react-i18next';
import { findService } from '../../../shared/catalog/services';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { Page } from '../components/Page';
import { formatDay, yuan } from '../format';
import { isPersonal, useAnswerText } from '../questions/answer-text';
import { useOffence } from '../questions/PickControl';
import type { ScreenProps } from './screen-props';

function ChangeLink({ item, what, onChange }: { item: string; what: string; onChange: (item: string) => void }) {
  const { t } = useTranslation();
  return (
    <Button variant="link" onClick={() => onChange(item)} data-testid={`change-${item}`}>
      {t('actions.change')}
      <span className="visually-hidden">{` ${what}`}</span>
    </Button>
  );
}

/** Check your answers: the applicant, each answer and the photo with a Change link, and the fee; then submit. */
export function Check({ screen, view, send }: ScreenProps<'check'>) {
  const { t } = useTranslation();
  const answerText = useAnswerText(view.lang);
  const offence = useOffence();
  const change = (item: string) => send({ type: 'CHANGE', item });
  const applicant = screen.applicant;
  const service = view.serviceId && findService(view.serviceId) ? t(`services.${view.serviceId}.title`) : null;
  return (
    <Page heading={t('check.heading')} screenKey={`check-${screen.stepId}`} testId="check">
      <p className="lead">{t('check.intro')}</p>
      {applicant ? (
        <>
          <h2>{t('check.applicant')}</h2>
          <dl className="summary">
            <div className="summary-row">
              <dt>{t('check.name')}</dt>
              <dd data-testid="applicant-name" data-personal>
                {applicant.name}
              </dd>
              <dd className="summary-note">{t(`check.from.${applicant.method}`)}</dd>
            </div>
            <div className="summary-row">
              <dt>{applicant.method === 'idCard' || applicant.method === 'idNumberOtp' ? t('check.idNumber') : t('check.documentNumber')}</dt>
              <dd data-testid="applicant-id" data-personal>
                {applicant.numberMasked}
              </dd>
              <dd className="summary-note">{t('check.masked')}</dd>
            </div>
          </dl>
        </>
      ) : null}
      {service ? <h2>{service}</h2> : null}
      <dl className="summary">
        {screen.rows.map((row) => {
          if (row.kind === 'photo') {
            return (
              <div className="summary-row" key={`photo-${row.stepId}`}>
                <dt>{t('check.photo')}</dt>
                <dd>{row.photo ? <img className="photo-thumb" src={`data:image/jpeg;base64,${row.photo}`} alt={t('check.photoAlt')} data-testid="check-photo" /> : null}</dd>
                <dd>
                  <ChangeLink item={row.stepId} what={t('check.photo')} onChange={change} />
                </dd>
              </div>
            );
          }
          const label = t(`questions.${row.question.id}.label`);
          return (
            <div className="summary-row" key={row.question.id}>
              <dt>{label}</dt>
              <dd data-testid={`answer-${row.question.id}`} data-personal={isPersonal(row.question, row.value) ? true : undefined}>
                {row.picked && row.picked.length > 0 ? (
                  <ul className="picked-list">
                    {row.picked.map((item) => (
                      <li key={item.id} data-testid={`picked-${item.id}`}>
                        {t('check.pickedItem', { offence: offence(item.offence), date: formatDay(item.date, view.lang), amount: yuan(item.amountFen) })}
                      </li>
                    ))}
                  </ul>
                ) : (
                  answerText(row.question, row.value)
                )}
              </dd>
              <dd>
                <ChangeLink item={row.question.id} what={label} onChange={change} />
              </dd>
            </div>
          );
        })}
        {screen.feeFen > 0 ? (
          <div className="summary-row">
            <dt>{t('check.fee')}</dt>
            <dd data-testid="check-fee">{t('start.feeAmount', { amount: yuan(screen.feeFen) })}</dd>
          </div>
        ) : null}
      </dl>
      <Actions onBack={() => send({ type: 'BACK' })}>
        <Button onClick={() => send({ type: 'SUBMIT' })} data-testid="submit">
          {screen.feeFen > 0 ? t('check.submitAndPay') : t('actions.submit')}
        </Button>
      </Actions>
    </Page>
  );
}
