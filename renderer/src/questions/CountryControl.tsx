import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../components/TextField';
import type { ControlProps } from './control-props';
import { countryEntries, countryName } from './country-names';

/** A country or region: type a few letters or characters to narrow the list, then choose one. */
export function CountryControl({ label, fieldId, describedBy, invalid, draft, onDraft, lang }: ControlProps<'country'>) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const entries = useMemo(() => countryEntries(lang, t), [lang, t]);
  const needle = query.trim().toLocaleLowerCase();
  const shown = needle ? entries.filter((e) => e.match.includes(needle)) : entries;
  return (
    <div className="country">
      <TextField
        id={fieldId}
        label={t('country.search')}
        describedBy={describedBy}
        invalid={invalid}
        value={query}
        lang={lang}
        onChange={setQuery}
        testId="country-search"
      />
      <p className="caption" role="status" data-testid="country-count">
        {shown.length === 0 ? t('country.noMatch') : t('country.matches', { count: shown.length })}
      </p>
      {draft.choice ? (
        <p className="lead" data-testid="country-selected">
          {t('country.selected', { name: countryName(draft.choice, lang, t) })}
        </p>
      ) : null}
      <fieldset className="choices" aria-describedby={describedBy}>
        <legend className="visually-hidden">{label}</legend>
        {shown.map((entry) => {
          const id = `${fieldId}-${entry.code}`;
          return (
            <div key={entry.code} className="choice">
              <input
                type="radio"
                id={id}
                name="country"
                value={entry.code}
                checked={draft.choice === entry.code}
                onChange={() => onDraft({ choice: entry.code })}
                data-testid={`option-${entry.code}`}
              />
              <label htmlFor={id}>{entry.name}</label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}
