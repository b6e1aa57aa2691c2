import { useTranslation } from 'react-i18next';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const ZERO = '0';
// A symbol, not a word: its spoken name comes from the aria-label.
const BACKSPACE = '⌫';

interface Props {
  value: string;
  onChange: (v: string) => void;
  /** How many keyed characters the value may hold (spaces and separators do not count). */
  max: number;
  /** One more key, such as the X that ends some resident ID numbers. */
  extra?: string;
  /** The group's spoken name when it types into one of several fields. */
  label?: string;
}

/** The on-screen number pad: large keys, no typing skill needed. */
export function Keypad({ value, onChange, max, extra, label }: Props) {
  const { t } = useTranslation();
  const press = (key: string) => {
    if (value.replace(/[^0-9A-Za-z]/g, '').length < max) onChange(value + key);
  };
  return (
    <div className={extra ? 'keypad keypad-extra' : 'keypad'} role="group" aria-label={label ?? t('keypad.label')}>
      {DIGITS.map((d) => (
        <button type="button" key={d} className="key" onClick={() => press(d)} data-testid={`key-${d}`}>
          {d}
        </button>
      ))}
      {extra ? (
        <button type="button" className="key" onClick={() => press(extra)} data-testid={`key-${extra}`}>
          {extra}
        </button>
      ) : (
        <button type="button" className="key key-fn" onClick={() => onChange('')} data-testid="key-clear">
          {t('keypad.clear')}
        </button>
      )}
      <button type="button" className="key" onClick={() => press(ZERO)} data-testid="key-0">
        {ZERO}
      </button>
      <button type="button" className="key key-fn" onClick={() => onChange(value.slice(0, -1))} aria-label={t('keypad.delete')} data-testid="key-delete">
        {BACKSPACE}
      </button>
      {extra ? (
        <button type="button" className="key key-fn key-wide" onClick={() => onChange('')} data-testid="key-clear">
          {t('keypad.clear')}
        </button>
      ) : null}
    </div>
  );
}
