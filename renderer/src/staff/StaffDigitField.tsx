import { useTranslation } from 'react-i18next';
import { Keypad } from '../components/Keypad';

/** What staff type on the keypad: at the door, and when an admin adds a staff member. */
export type DigitField = 'setupCode' | 'staffNumber' | 'pin' | 'pinAgain';

/** How many digits each field takes, as the contract's schemas want them. */
export const DIGIT_LIMITS: Record<DigitField, { min: number; max: number }> = { setupCode: { min: 12, max: 12 }, staffNumber: { min: 4, max: 12 }, pin: { min: 6, max: 12 }, pinAgain: { min: 6, max: 12 } };

/** The id of the field's box, for the error summary's link. */
export const DIGIT_FIELD_ID = 'staff-field';

const LABELS = {
  setupCode: 'staff.door.setupCodeLabel',
  staffNumber: 'staff.door.numberLabel',
  pin: 'staff.door.pinLabel',
  pinAgain: 'staff.door.pinAgainLabel',
} as const satisfies Record<DigitField, string>;

/** The length error for a value the field does not take, or null when it fits. */
export function lengthError(field: DigitField, value: string): { min: number; max: number } | null {
  const { min, max } = DIGIT_LIMITS[field];
  return value.length < min || value.length > max ? { min, max } : null;
}

/** One field a screen: its label, the box (masked for a PIN), and the keypad that types into it. */
export function StaffDigitField({ field, value, invalid, hint, onChange }: { field: DigitField; value: string; invalid: boolean; hint?: string; onChange: (digits: string) => void }) {
  const { t } = useTranslation();
  const secret = field === 'pin' || field === 'pinAgain';
  const hintId = `${DIGIT_FIELD_ID}-hint`;
  return (
    <div className="number-field">
      <label htmlFor={DIGIT_FIELD_ID} className="field-label">
        {t(LABELS[field])}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input
        id={DIGIT_FIELD_ID}
        className="input input-number"
        type={secret ? 'password' : 'text'}
        inputMode="numeric"
        autoComplete="off"
        readOnly
        aria-invalid={invalid ? true : undefined}
        aria-describedby={hint ? hintId : undefined}
        value={value}
        data-testid={`staff-${field}`}
      />
      <Keypad value={value} max={DIGIT_LIMITS[field].max} onChange={(v) => onChange(v.replace(/\D/g, ''))} label={t(LABELS[field])} />
    </div>
  );
}
