import { useTranslation } from 'react-i18next';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const ZERO = '0';
// A symbol, not a word: its spoken name comes from the aria-label.
const BACKSPACE = '⌫';

/** The on-screen number pad for phone numbers: large keys, no typing skill needed. */
export function Keypad({ value, onChange, max }: { value: string; onChange: (v: string) => void; max: number }) {
  const { t } = useTranslation();
  const press = (digit: string) => {
    if (value.replace(/\D/g, '').length < max) onChange(value + digit);
  };
  return (
    <div className="keypad" role="group" aria-label={t('keypad.label')}>
      {DIGITS.map((d) => (
        <button type="button" key={d} className="key" onClick={() => press(d)} data-testid={`key-${d}`}>
          {d}
        </button>
      ))}
      <button type="button" className="key key-fn" onClick={() => onChange('')} data-testid="key-clear">
        {t('keypad.clear')}
      </button>
      <button type="button" className="key" onClick={() => press(ZERO)} data-testid="key-0">
        {ZERO}
      </button>
      <button type="button" className="key key-fn" onClick={() => onChange(value.slice(0, -1))} aria-label={t('keypad.delete')} data-testid="key-delete">
        {BACKSPACE}
      </button>
    </div>
  );
}
