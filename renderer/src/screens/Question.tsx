import { useState, type ComponentType, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerValue, QuestionKind } from '../../../shared/catalog/types';
import type { Lang, ScreenOf } from '../../../shared/contract';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { ErrorSummary } from '../components/ErrorSummary';
import { Page } from '../components/Page';
import type { ControlProps } from '../questions/control-props';
import { CONTROLS } from '../questions/controls';
import { errorMessage } from '../questions/error-message';
import type { ScreenProps } from './screen-props';

interface FormProps {
  screen: ScreenOf<'question'>;
  lang: Lang;
  onAnswer: (value: AnswerValue) => void;
  onBack: () => void;
}

function QuestionForm({ screen, lang, onAnswer, onBack }: FormProps) {
  const { t } = useTranslation();
  const { question } = screen;
  const [draft, setDraft] = useState<AnswerValue>(() => screen.answer ?? {});
  const label = t(`questions.${question.id}.label`);
  const fieldId = `field-${question.id}`;
  const hintId = `${fieldId}-hint`;
  const errorId = `${fieldId}-error`;
  const error = screen.error ? errorMessage(t, question, screen.error, draft) : null;
  const describedBy = error ? `${hintId} ${errorId}` : hintId;
  // Each kind's control, looked up in its table; the same one widening as the screen table's.
  const Control = CONTROLS[question.kind] as ComponentType<ControlProps<QuestionKind>>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onAnswer(draft);
  };
  return (
    <Page
      heading={label}
      caption={t('question.progress', { index: screen.index + 1, total: screen.total })}
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
        <Control
          question={question}
          label={label}
          fieldId={fieldId}
          describedBy={describedBy}
          invalid={error !== null}
          draft={draft}
          onDraft={setDraft}
          lang={lang}
          items={screen.items}
        />
        <Actions onBack={onBack}>
          <Button type="submit" data-testid="continue">
            {t('actions.continue')}
          </Button>
        </Actions>
      </form>
    </Page>
  );
}

/** One question per screen, prefilled with what the resident (or the card) already said. */
export function Question({ screen, view, send }: ScreenProps<'question'>) {
  const questionId = screen.question.id;
  return (
    <QuestionForm
      key={`${questionId}-${screen.returnToCheck}`}
      screen={screen}
      lang={view.lang}
      onAnswer={(value) => send({ type: 'ANSWER', questionId, value })}
      onBack={() => send({ type: 'BACK' })}
    />
  );
}
