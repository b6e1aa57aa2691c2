import { useTranslation } from 'react-i18next';
import { findService } from '../../../shared/catalog/services';
import type { AnswerValue, Question } from '../../../shared/catalog/types';
import type { FlowView } from '../../../shared/contract';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { Page } from '../components/Page';

function useAnswerText() {
  const { t } = useTranslation();
  return (question: Question, answer: AnswerValue | undefined): string => {
    if (!answer) return '';
    if (question.kind !== 'choice') return answer.text ?? '';
    const option = t(`questions.${question.id}.options.${answer.choice ?? ''}`);
    return answer.text ? t('check.otherAnswer', { option, text: answer.text }) : option;
  };
}

interface Props {
  view: FlowView;
  onChange: (questionId: string) => void;
  onSubmit: () => void;
  onBack: () => void;
}

/** Check your answers, each with a Change link, then submit. */
export function Check({ view, onChange, onSubmit, onBack }: Props) {
  const { t } = useTranslation();
  const answerText = useAnswerText();
  const service = view.serviceId ? findService(view.serviceId) : undefined;
  if (!service) return null;
  return (
    <Page heading={t('check.heading')} screenKey="check" testId="check">
      <p className="lead">{t('check.intro')}</p>
      <h2>{t('check.applicant')}</h2>
      <dl className="summary">
        <div className="summary-row">
          <dt>{t('check.name')}</dt>
          <dd data-testid="applicant-name">{view.applicant?.name}</dd>
          <dd className="summary-note">{t('check.fromCard')}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('check.idNumber')}</dt>
          <dd data-testid="applicant-id">{view.applicant?.idNumberMasked}</dd>
          <dd className="summary-note">{t('check.fromCard')}</dd>
        </div>
      </dl>
      <h2>{t(`services.${service.id}.title`)}</h2>
      <dl className="summary">
        {service.questions.map((q) => (
          <div className="summary-row" key={q.id}>
            <dt>{t(`questions.${q.id}.label`)}</dt>
            <dd data-testid={`answer-${q.id}`}>{answerText(q, view.answers[q.id])}</dd>
            <dd>
              <Button variant="link" onClick={() => onChange(q.id)} data-testid={`change-${q.id}`}>
                {t('actions.change')}
                <span className="visually-hidden">{` ${t(`questions.${q.id}.label`)}`}</span>
              </Button>
            </dd>
          </div>
        ))}
        {service.photo ? (
          <div className="summary-row">
            <dt>{t('check.photo')}</dt>
            <dd>{view.photo ? <img className="photo-thumb" src={`data:image/jpeg;base64,${view.photo}`} alt={t('check.photo')} data-testid="check-photo" /> : null}</dd>
            <dd>
              <Button variant="link" onClick={() => onChange('photo')} data-testid="change-photo">
                {t('actions.change')}
                <span className="visually-hidden">{` ${t('check.photo')}`}</span>
              </Button>
            </dd>
          </div>
        ) : null}
        {service.feeFen > 0 ? (
          <div className="summary-row">
            <dt>{t('check.fee')}</dt>
            <dd data-testid="check-fee">{t('start.feeAmount', { amount: (service.feeFen / 100).toFixed(2) })}</dd>
          </div>
        ) : null}
      </dl>
      <Actions onBack={onBack}>
        <Button onClick={onSubmit} data-testid="submit">
          {t('actions.submit')}
        </Button>
      </Actions>
    </Page>
  );
}
