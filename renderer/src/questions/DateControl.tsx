import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Keypad } from '../components/Keypad';
import type { ControlProps } from './control-props';

export const PARTS = ['year', 'month', 'day'] as const;
type Part = (typeof PARTS)[number];
const LENGTH: Record<Part, number> = { year: 4, month: 2, day: 2 };

type Parts = Record<Part, string>;

function split(text: string | undefined): Parts {
  const m = /^(\d{0,4})-(\d{0,2})-(\d{0,2})$/.exec(text ?? '');
  return m ? { year: m[1] ?? '', month: m[2] ?? '', day: m[3] ?? '' } : { year: '', month: '', day: '' };
}

/** YYYY-MM-DD for the host (it pads and checks); empty when nothing was typed, so the host says "required". */
export function joinDate(parts: Parts): string {
  if (!parts.year && !parts.month && !parts.day) return '';
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * A date as three boxes, year, month and day, filled with the keypad (or a keyboard): no
 * scrolling wheels or calendars, which are hard to use by touch and by screen reader. The
 * keypad types into the box last touched and moves on when a box is full.
 */
export function DateControl({ label, fieldId, describedBy, invalid, draft, onDraft }: ControlProps<'date'>) {
  const { t } = useTranslation();
  const [parts, setParts] = useState<Parts>(() => split(draft.text));
  const [active, setActive] = useState<Part>('year');
  const idOf = (part: Part) => (part === 'year' ? fieldId : `${fieldId}-${part}`);

  const update = (part: Part, raw: string, advance: boolean) => {
    const value = raw.replace(/\D/g, '').slice(0, LENGTH[part]);
    const next = { ...parts, [part]: value };
    setParts(next);
    onDraft({ text: joinDate(next) });
    const following = PARTS[PARTS.indexOf(part) + 1];
    if (advance && following && value.length === LENGTH[part] && value.length > parts[part].length) setActive(following);
  };

  return (
    <fieldset className="date-input" aria-describedby={describedBy}>
      <legend className="visually-hidden">{label}</legend>
      <div className="date-parts">
        {PARTS.map((part) => (
          <div key={part} className={part === active ? 'date-part is-active' : 'date-part'}>
            <label htmlFor={idOf(part)} className="label">
              {t(`date.${part}`)}
            </label>
            <input
              id={idOf(part)}
              className={`input input-date-${part}`}
              inputMode="numeric"
              autoComplete="off"
              aria-invalid={invalid ? true : undefined}
              value={parts[part]}
              maxLength={LENGTH[part]}
              onFocus={() => setActive(part)}
              onChange={(e) => update(part, e.target.value, false)}
              data-testid={`date-${part}`}
            />
          </div>
        ))}
      </div>
      <Keypad label={t('date.keypad', { part: t(`date.${active}`) })} value={parts[active]} max={LENGTH[active]} onChange={(v) => update(active, v, true)} />
    </fieldset>
  );
}
