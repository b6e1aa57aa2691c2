import { useTranslation } from 'react-i18next';
import { yuan, formatDay } from '../format';
import type { ControlProps } from './control-props';

type Item = NonNullable<ControlProps<'pick'>['items']>[number];

/** The offence in words; the platform's codes outnumber the kiosk's texts, so an unknown one gets the general word. */
export function useOffence() {
  const { t } = useTranslation();
  return (code: string) => t(`offences.${code}`, { defaultValue: t('offences.other') });
}

/** When, where, points and fine of one traffic violation. */
export function FineDetails({ item, lang }: { item: Item; lang: string }) {
  const { t } = useTranslation();
  return (
    <span className="pick-details">
      <span>{t('pick.when', { date: formatDay(item.date, lang) })}</span>
      <span>{t('pick.where', { place: item.place })}</span>
      <span>{t('pick.points', { count: item.points })}</span>
      <span className="pick-fine">{t('pick.fine', { amount: yuan(item.amountFen) })}</span>
    </span>
  );
}

/** Checkboxes over what a lookup found (traffic fines): each with date, place, offence, points and fine. */
export function PickControl({ label, fieldId, describedBy, draft, onDraft, items, lang }: ControlProps<'pick'>) {
  const { t } = useTranslation();
  const offence = useOffence();
  const all = items ?? [];
  const payable = all.filter((i) => i.payable);
  const counter = all.filter((i) => !i.payable);
  const picks = new Set(draft.picks ?? []);
  const toggle = (id: string) => {
    const next = new Set(picks);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    // In the order shown, so the host gets them the same way each time.
    onDraft({ picks: payable.filter((i) => next.has(i.id)).map((i) => i.id) });
  };
  const total = payable.filter((i) => picks.has(i.id)).reduce((sum, i) => sum + i.amountFen, 0);
  return (
    <>
      {payable.length > 0 ? (
        <fieldset className="choices" aria-describedby={describedBy}>
          <legend className="visually-hidden">{label}</legend>
          {payable.map((item, i) => {
            const id = i === 0 ? fieldId : `${fieldId}-${item.id}`;
            return (
              <div key={item.id} className="choice pick">
                <input type="checkbox" id={id} checked={picks.has(item.id)} onChange={() => toggle(item.id)} data-testid={`pick-${item.id}`} />
                <label htmlFor={id}>
                  <span className="pick-title">{offence(item.offence)}</span>
                  <FineDetails item={item} lang={lang} />
                </label>
              </div>
            );
          })}
        </fieldset>
      ) : (
        <p className="lead" id={fieldId} tabIndex={-1}>
          {t('pick.none')}
        </p>
      )}
      {payable.length > 0 ? (
        <p className="lead pick-total" role="status" data-testid="pick-total">
          {t('pick.total', { count: picks.size, amount: yuan(total) })}
        </p>
      ) : null}
      {counter.length > 0 ? (
        <section aria-labelledby={`${fieldId}-counter`}>
          <h2 id={`${fieldId}-counter`}>{t('pick.counterHeading')}</h2>
          <p>{t('pick.counterBody')}</p>
          <ul className="pick-counter">
            {counter.map((item) => (
              <li key={item.id} data-testid={`counter-${item.id}`}>
                <span className="pick-title">{offence(item.offence)}</span>
                <FineDetails item={item} lang={lang} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
