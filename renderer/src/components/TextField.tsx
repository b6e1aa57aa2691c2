import type { Lang } from '../../../shared/contract';
import { LazyKeyboard } from './LazyKeyboard';

interface Props {
  id: string;
  label: string;
  hiddenLabel?: boolean;
  describedBy?: string;
  invalid?: boolean;
  value: string;
  lang: Lang;
  onChange: (value: string) => void;
  testId?: string;
}

/** A text box with the touch keyboard under it (pinyin candidates in Chinese). */
export function TextField({ id, label, hiddenLabel, describedBy, invalid, value, lang, onChange, testId = 'text-input' }: Props) {
  return (
    <div className="text-field">
      <label htmlFor={id} className={hiddenLabel ? 'visually-hidden' : 'label'}>
        {label}
      </label>
      <input
        id={id}
        className="input"
        autoComplete="off"
        aria-describedby={describedBy || undefined}
        aria-invalid={invalid ? true : undefined}
        value={value}
        maxLength={200}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
      <LazyKeyboard value={value} lang={lang} onChange={onChange} />
    </div>
  );
}
