import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalog } from '../../../shared/catalog/services';
import { hoursInOrder, LANGS, type CommandResponse, type KioskApi, type KioskSettings, type Lang } from '../../../shared/contract';
import { Button } from '../components/Button';
import { ErrorSummary } from '../components/ErrorSummary';
import { Keypad } from '../components/Keypad';
import { Page } from '../components/Page';
import { TextField } from '../components/TextField';

const TIMES = Array.from({ length: 29 }, (_, i) => `${String(Math.floor(i / 2) + 6).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);
const WARN = [30, 60, 90, 120, 180];
const RESET = [15, 30, 45, 60];
/** The face check's similarity thresholds an admin can choose (see the README on calibration). */
const FACE_MATCH = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75];
/** The hours a service gets when it is first limited to counter hours. */
const DEFAULT_HOURS = { open: '09:00', close: '17:00' };

/** A select's choices with the value set now among them (one saved through the contract may be another), in order. */
function choicesWith<T extends string | number>(list: readonly T[], value: T): T[] {
  return [...new Set([...list, value])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The admin's settings: services offered, each counter-hours service's own hours, idle times, languages, the station. */
export function StaffSettings({ client, onBack }: { client: KioskApi; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const [saved, setSaved] = useState<CommandResponse<'staff:settings'> | null>(null);
  const [draft, setDraft] = useState<KioskSettings | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; fieldId: string } | null>(null);
  const [defaultLang, setDefaultLang] = useState<Lang>('zh-CN');

  useEffect(() => {
    void client.invoke('staff:settings', {}).then((r) => {
      if (!r.ok) return;
      setSaved(r.value);
      setDraft(r.value);
    });
    void client.invoke('app:info', {}).then((r) => r.ok && setDefaultLang(r.value.defaultLang));
  }, [client]);
  if (!draft || !saved) return <main id="main" className="page" aria-busy="true" />;

  const set = (patch: Partial<KioskSettings>) => {
    setDraft({ ...draft, ...patch });
    setNote(null);
  };
  const toggle = <T,>(list: readonly T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  const setHours = (serviceId: string, patch: Partial<typeof DEFAULT_HOURS>) => {
    const hours = draft.serviceHours[serviceId];
    if (hours) set({ serviceHours: { ...draft.serviceHours, [serviceId]: { ...hours, ...patch } } });
  };
  const save = () => {
    // Said here, in the admin's language and naming the service; the host checks it again.
    const backwards = catalog.find((s) => {
      const hours = draft.serviceHours[s.id];
      return hours !== undefined && !hoursInOrder(hours);
    });
    if (backwards) {
      setError({ message: t('staff.settings.hoursOrder', { service: t(`services.${backwards.id}.title`) }), fieldId: `settings-close-${backwards.id}` });
      setNote(null);
      return;
    }
    void client.invoke('staff:saveSettings', draft).then((r) => {
      if (r.ok) {
        setSaved(r.value);
        setDraft(r.value);
        setError(null);
        setNote(t('staff.settings.saved'));
      } else setError({ message: r.error.message, fieldId: 'settings-services' });
    });
  };
  return (
    <Page heading={t('staff.settings.heading')} screenKey="staffSettings" testId="staffSettings">
      {error ? <ErrorSummary message={error.message} fieldId={error.fieldId} /> : null}
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
        {catalog.map((s) => {
          const hours = draft.serviceHours[s.id];
          const title = t(`services.${s.id}.title`);
          return (
            <div key={s.id}>
              <div className="choice">
                <input
                  type="checkbox"
                  id={`counter-${s.id}`}
                  checked={hours !== undefined}
                  onChange={() => {
                    const next = { ...draft.serviceHours };
                    if (next[s.id]) delete next[s.id];
                    else next[s.id] = DEFAULT_HOURS;
                    set({ serviceHours: next });
                  }}
                  data-testid={`settings-counter-${s.id}`}
                />
                <label htmlFor={`counter-${s.id}`}>{title}</label>
              </div>
              {hours ? (
                <div className="settings-row settings-hours" role="group" aria-label={t('staff.settings.hoursOf', { service: title })} data-testid={`settings-hours-${s.id}`}>
                  {(['open', 'close'] as const).map((end) => (
                    <Fragment key={end}>
                      <label htmlFor={`settings-${end}-${s.id}`}>{end === 'open' ? t('staff.settings.open') : t('staff.settings.close')}</label>
                      <select
                        id={`settings-${end}-${s.id}`}
                        className="input"
                        value={hours[end]}
                        aria-invalid={error?.fieldId === `settings-${end}-${s.id}` ? true : undefined}
                        onChange={(e) => setHours(s.id, { [end]: e.target.value })}
                        data-testid={`settings-${end}-${s.id}`}
                      >
                        {choicesWith(TIMES, hours[end]).map((x) => (
                          <option key={x}>{x}</option>
                        ))}
                      </select>
                    </Fragment>
                  ))}
                </div>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      <div className="settings-row">
        <label htmlFor="settings-warn">{t('staff.settings.idleWarn')}</label>
        <select id="settings-warn" className="input" value={draft.idleWarnSeconds} onChange={(e) => set({ idleWarnSeconds: Number(e.target.value) })} data-testid="settings-warn">
          {choicesWith(WARN, draft.idleWarnSeconds).map((x) => (
            <option key={x} value={x}>
              {t('staff.settings.seconds', { n: x })}
            </option>
          ))}
        </select>
        <label htmlFor="settings-reset">{t('staff.settings.idleReset')}</label>
        <select id="settings-reset" className="input" value={draft.idleResetSeconds} onChange={(e) => set({ idleResetSeconds: Number(e.target.value) })} data-testid="settings-reset">
          {choicesWith(RESET, draft.idleResetSeconds).map((x) => (
            <option key={x} value={x}>
              {t('staff.settings.seconds', { n: x })}
            </option>
          ))}
        </select>
      </div>
      <div className="settings-row">
        <label htmlFor="settings-face-match">{t('staff.settings.faceMatch')}</label>
        <select
          id="settings-face-match"
          className="input"
          value={draft.faceMatchThreshold}
          onChange={(e) => set({ faceMatchThreshold: Number(e.target.value) })}
          aria-describedby="settings-face-match-hint"
          data-testid="settings-face-match"
        >
          {choicesWith(FACE_MATCH, draft.faceMatchThreshold).map((x) => (
            <option key={x} value={x}>
              {x.toFixed(2)}
            </option>
          ))}
        </select>
        <p id="settings-face-match-hint" className="hint">
          {t('staff.settings.faceMatchHint')}
        </p>
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
