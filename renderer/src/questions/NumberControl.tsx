import { Keypad } from '../components/Keypad';
import type { ControlProps } from './control-props';

const PHONE_DIGITS = 11;

interface Props {
  label: string;
  fieldId: string;
  describedBy: string;
  invalid: boolean;
  value: string;
  onChange: (value: string) => void;
  max: number;
  testId: string;
}

function NumberField({ label, fieldId, describedBy, invalid, value, onChange, max, testId }: Props) {
  return (
    <div className="number-field">
      <label htmlFor={fieldId} className="visually-hidden">
        {label}
      </label>
      <input
        id={fieldId}
        className="input input-number"
        inputMode="numeric"
        autoComplete="off"
        aria-describedby={describedBy}
        aria-invalid={invalid ? true : undefined}
        value={value}
        maxLength={max + 10}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
      <Keypad value={value} max={max} onChange={onChange} />
    </div>
  );
}

/** A mobile number on the keypad. */
export function PhoneControl({ label, fieldId, describedBy, invalid, draft, onDraft }: ControlProps<'phone'>) {
  return (
    <NumberField
      label={label}
      fieldId={fieldId}
      describedBy={describedBy}
      invalid={invalid}
      value={draft.text ?? ''}
      onChange={(text) => onDraft({ text })}
      max={PHONE_DIGITS}
      testId="phone-input"
    />
  );
}

/** Digits on the keypad: a licence number, a count, a code. */
export function DigitsControl({ question, label, fieldId, describedBy, invalid, draft, onDraft }: ControlProps<'digits'>) {
  return (
    <NumberField
      label={label}
      fieldId={fieldId}
      describedBy={describedBy}
      invalid={invalid}
      value={draft.text ?? ''}
      onChange={(text) => onDraft({ text })}
      max={question.maxLength}
      testId="digits-input"
    />
  );
}
