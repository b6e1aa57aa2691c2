import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalog } from '../../../shared/catalog/services';
import { LANGS, type CommandResponse, type KioskApi, type KioskSettings, type Lang } from '../../../shared/contract';
import { Button } from '../components/Button';
import { ErrorSummary } from '../components/ErrorSummary';
import { Keypad } from '../components/Keypad';
import { Page } from '../components/Page';
import { TextField } from '../components/TextField';

const TIMES = Array.from({ length: 29 }, (_, i) => `${String(Math.floor(i / 2) + 6).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);
const WARN = [30, 60, 90, 120, 180];
const RESET = [15, 30, 45, 60];

/** The admin's settings: services offered, counter hours, idle times, languages, the station. */
export function StaffSettings({ client, onBack }: { client: KioskApi; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const [saved, setSaved] = useState<CommandResponse<'staff:settings'> | null>(null);
  const [draft, setDraft] = useState<KioskSettings | null>(null);
  const [hours, setHours] = useState({ open: '09:00', close: '17:00' });
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [defaultLang, setDefaultLang] = useState<Lang>('zh-CN');

  useEffect(() => {
    void client.invoke('staff:settings', {}).then((r) => {
      if (!r.ok) return;
      setSaved(r.value);
      setDraft(r.value);
      const first = Object.values(r.value.serviceHours)[0];
      if (first) setHours(first);
    });
    void client.invoke('app:info', {}).then((r) => r.ok && setDefaultLang(r.value.defaultLang));
  }, [client]);
  if (!draft || !saved) return <main id="main" className="page" aria-busy="true" />;

  const set = (patch: Partial<KioskSettings>) => {
    setDraft({ ...draft, ...patch });
    setNote(null);
  };
  const toggle = <T,>(list: readonly T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  const counter = Object.keys(draft.serviceHours);
  const save = () => {
    const serviceHours = Object.fromEntries(counter.map((id) => [id, hours]));
    void client.invoke('staff:saveSettings', { ...draft, serviceHours }).then((r) => {
      if (r.ok) {
        setSaved(r.value);
        setDraft(r.value);
        setError(null);
        setNote(t('staff.settings.saved'));
      } else setError(r.error.message);
    });
  };
  return (
    <Page heading={t('staff.settings.heading')} screenKey="staffSettings" testId="staffSettings">
      {error ? <ErrorSummary message={error} fieldId="settings-services" /> : null}
      <fieldset className="choices" id="settings-services">
        <legend>{t('staff.settings.services')}</legend>
        {catalog.map((s) => (
          <div key={s.id} className="choice">
            <input type="checkbox" id={`offer-${s.id}`} checked={!draft.disabledServices.includes(s.id)} onChange={() => set({ disabledServices: toggle(draft.disabledServices, s.id) })} data-testid={`settings-offer-${s.id}`} />
            <label htmlFor={`offer-${s.id}`}>{t(`services.${s.id}.title`)}</label>
          </div>
        ))}
      </fieldset>
      <fieldset className="choices">
        <legend>{t('staff.settings.counterServices')}</legend>
        {catalog.map((s) => (
          <div key={s.id} className="choice">
            <input
              type="checkbox"
              id={`counter-${s.id}`}
              checked={counter.includes(s.id)}
              onChange={() => {
                const next = { ...draft.serviceHours };
                if (next[s.id]) delete next[s.id];
                else next[s.id] = hours;
                set({ serviceHours: next });
              }}
              data-testid={`settings-counter-${s.id}`}
            />
            <label htmlFor={`counter-${s.id}`}>{t(`services.${s.id}.title`)}</label>
          </div>
        ))}
      </fieldset>
      <div className="settings-row">
        <label htmlFor="settings-open">{t('staff.settings.open')}</label>
        <select id="settings-open" className="input" value={hours.open} onChange={(e) => setHours({ ...hours, open: e.target.value })} data-testid="settings-open">
          {TIMES.map((x) => (
            <option key={x}>{x}</option>
          ))}
        </select>
        <label htmlFor="settings-close">{t('staff.settings.close')}</label>
        <select id="settings-close" className="input" value={hours.close} onChange={(e) => setHours({ ...hours, close: e.target.value })} data-testid="settings-close">
          {TIMES.map((x) => (
            <option key={x}>{x}</option>
          ))}
        </select>
      </div>
      <div className="settings-row">
        <label htmlFor="settings-warn">{t('staff.settings.idleWarn')}</label>
        <select id="settings-warn" className="input" value={draft.idleWarnSeconds} onChange={(e) => set({ idleWarnSeconds: Number(e.target.value) })} data-testid="settings-warn">
          {[...new Set([...WARN, draft.idleWarnSeconds])].sort((a, b) => a - b).map((x) => (
            <option key={x} value={x}>
              {t('staff.settings.seconds', { n: x })}
            </option>
          ))}
        </select>
        <label htmlFor="settings-reset">{t('staff.settings.idleReset')}</label>
        <select id="settings-reset" className="input" value={draft.idleResetSeconds} onChange={(e) => set({ idleResetSeconds: Number(e.target.value) })} data-testid="settings-reset">
          {[...new Set([...RESET, draft.idleResetSeconds])].sort((a, b) => a - b).map((x) => (
            <option key={x} value={x}>
              {t('staff.settings.seconds', { n: x })}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="choices">
        <legend>{t('staff.settings.languages')}</legend>
        {LANGS.map((l) => (
          <div key={l} className="choice">
            <input type="checkbox" id={`lang-offer-${l}`} checked={draft.languages.includes(l)} disabled={l === defaultLang} onChange={() => set({ languages: toggle(draft.languages, l) })} data-testid={`settings-lang-${l}`} />
            <label htmlFor={`lang-offer-${l}`} lang={l}>
              {t(`lang.${l}`)}
            </label>
          </div>
        ))}
      </fieldset>
      <TextField id="settings-station" label={t('staff.settings.stationName')} value={draft.stationName} lang={i18n.language as Lang} onChange={(v) => set({ stationName: v.slice(0, 40) })} testId="settings-station" />
      <div className="number-field">
        <label htmlFor="settings-phone" className="field-label">
          {t('staff.settings.stationPhone')}
        </label>
        <input id="settings-phone" className="input input-number" readOnly value={draft.stationPhone} data-testid="settings-phone" />
        <Keypad value={draft.stationPhone} max={20} extra="-" onChange={(v) => set({ stationPhone: v })} label={t('staff.settings.stationPhone')} />
      </div>
      {note ? (
        <p role="status" data-testid="settings-note">
          {note}
        </p>
      ) : null}
      <div className="actions">
        <Button onClick={save} data-testid="settings-save">
          {t('staff.settings.save')}
        </Button>
        <Button variant="secondary" onClick={onBack} data-testid="settings-back">
          {t('staff.review.back')}
        </Button>
      </div>
    </Page>
  );
}
