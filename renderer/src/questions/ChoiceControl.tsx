import { useTranslation } from 'react-i18next';
import { TextField } from '../components/TextField';
import type { ControlProps } from './control-props';

/** Radios in a fieldset; an option "with text" opens a text field for the details. */
export function ChoiceControl({ question, label, fieldId, describedBy, invalid, draft, onDraft, lang }: ControlProps<'choice'>) {
  const { t } = useTranslation();
  const base = `questions.${question.id}`;
  const withText = question.options.some((o) => o.withText && o.id === draft.choice);
  return (
    <fieldset className="choices" aria-describedby={describedBy}>
      <legend className="visually-hidden">{label}</legend>
      {question.options.map((option, i) => {
        const id = i === 0 ? fieldId : `${fieldId}-${option.id}`;
        return (
          <div key={option.id} className="choice">
            <input
              type="radio"
              id={id}
              name={question.id}
              value={option.id}
              checked={draft.choice === option.id}
              onChange={() => onDraft(option.withText ? { choice: option.id, text: draft.text ?? '' } : { choice: option.id })}
              data-testid={`option-${option.id}`}
            />
            <label htmlFor={id}>{t(`${base}.options.${option.id}`)}</label>
          </div>
        );
      })}
      {withText ? (
        <TextField
          id={`${fieldId}-other`}
          label={t(`${base}.otherLabel`)}
          invalid={invalid}
          value={draft.text ?? ''}
          lang={lang}
          onChange={(text) => onDraft({ ...draft, text })}
        />
      ) : null}
    </fieldset>
  );
}
