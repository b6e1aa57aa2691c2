import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { findService } from '../../../shared/catalog/services';
import type { AnswerValue, Question as QuestionSpec } from '../../../shared/catalog/types';
import type { FlowView, Lang } from '../../../shared/contract';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { ErrorSummary } from '../components/ErrorSummary';
import { Keypad } from '../components/Keypad';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard';
import { Page } from '../components/Page';

const PHONE_DIGITS = 11;

function errorKey(question: QuestionSpec, code: string, draft: AnswerValue): string {
  if (code !== 'required') return `errors.${code}`;
  if (question.kind !== 'choice') return 'errors.required';
  return draft.choice ? 'errors.requiredOther' : 'errors.requiredChoice';
}

interface Props {
  view: FlowView;
  onAnswer: (questionId: string, value: AnswerValue) => void;
  onBack: () => void;
}

/** One question per screen, prefilled with what the resident (or the card) already said. */
export function Question({ view, onAnswer, onBack }: Props) {
  const { t } = useTranslation();
  const position = view.question;
  const question = view.serviceId ? findService(view.serviceId)?.questions.find((q) => q.id === position?.id) : undefined;
  const [draft, setDraft] = useState<AnswerValue>(() => (position ? (view.answers[position.id] ?? {}) : {}));
  if (!position || !question) return null;

  const fieldId = `field-${question.id}`;
  const hintId = `${fieldId}-hint`;
  const errorId = `${fieldId}-error`;
  const error = view.error?.questionId === question.id ? t(errorKey(question, view.error.code, draft)) : null;
  const describedBy = [hintId, error ? errorId : ''].filter(Boolean).join(' ');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onAnswer(question.id, draft);
  };

  return (
    <Page
      heading={t(`questions.${question.id}.label`)}
      caption={t('question.progress', { index: position.index + 1, total: position.total })}
      screenKey={`question-${question.id}`}
      testId={`question-${question.id}`}
    >
      {error ? <ErrorSummary message={error} fieldId={fieldId} /> : null}
      <form onSubmit={submit} noValidate className={error ? 'has-error' : undefined}>
        <p id={hintId} className="hint">
          {t(`questions.${question.id}.hint`)}
        </p>
        {error ? (
          <p id={errorId} className="field-error">
            {error}
          </p>
        ) : null}
        {question.kind === 'choice' ? (
          <fieldset className="choices" aria-describedby={describedBy}>
            <legend className="visually-hidden">{t(`questions.${question.id}.label`)}</legend>
            {question.options.map((option, i) => (
              <div key={option.id} className="choice">
                <input
                  type="radio"
                  id={i === 0 ? fieldId : `${fieldId}-${option.id}`}
                  name={question.id}
                  value={option.id}
                  checked={draft.choice === option.id}
                  onChange={() => setDraft({ choice: option.id, text: draft.text })}
                  data-testid={`option-${option.id}`}
                />
                <label htmlFor={i === 0 ? fieldId : `${fieldId}-${option.id}`}>{t(`questions.${question.id}.options.${option.id}`)}</label>
              </div>
            ))}
            {question.options.some((o) => o.withText && o.id === draft.choice) ? (
              <TextField
                id={`${fieldId}-other`}
                label={t(`questions.${question.id}.otherLabel`)}
                value={draft.text ?? ''}
                lang={view.lang}
                onChange={(text) => setDraft({ ...draft, text })}
              />
            ) : null}
          </fieldset>
        ) : null}
        {question.kind === 'text' ? (
          <TextField
            id={fieldId}
            label={t(`questions.${question.id}.label`)}
            hiddenLabel
            describedBy={describedBy}
            value={draft.text ?? ''}
            lang={view.lang}
            onChange={(text) => setDraft({ text })}
          />
        ) : null}
        {question.kind === 'phone' ? (
          <div className="phone">
            <label htmlFor={fieldId} className="visually-hidden">
              {t(`questions.${question.id}.label`)}
            </label>
            <input
              id={fieldId}
              className="input input-phone"
              inputMode="numeric"
              autoComplete="off"
              aria-describedby={describedBy}
              aria-invalid={error ? true : undefined}
              value={draft.text ?? ''}
              maxLength={20}
              onChange={(e) => setDraft({ text: e.target.value })}
              data-testid="phone-input"
            />
            <Keypad value={draft.text ?? ''} max={PHONE_DIGITS} onChange={(text) => setDraft({ text })} />
          </div>
        ) : null}
        <Actions onBack={onBack}>
          <Button type="submit" data-testid="continue">
            {t('actions.continue')}
          </Button>
        </Actions>
      </form>
    </Page>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  hiddenLabel?: boolean;
  describedBy?: string;
  value: string;
  lang: Lang;
  onChange: (value: string) => void;
}

function TextField({ id, label, hiddenLabel, describedBy, value, lang, onChange }: TextFieldProps) {
  return (
    <div className="text-field">
      <label htmlFor={id} className={hiddenLabel ? 'visually-hidden' : 'label'}>
        {label}
      </label>
      <input
        id={id}
        className="input"
        autoComplete="off"
        aria-describedby={describedBy}
        value={value}
        maxLength={200}
        onChange={(e) => onChange(e.target.value)}
        data-testid="text-input"
      />
      <OnScreenKeyboard value={value} lang={lang} onChange={onChange} />
    </div>
  );
}
