import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandResponse, Devices, KioskApi, SignInResult, StaffSession } from '../../../shared/contract';
import { Button } from '../components/Button';
import { ErrorSummary } from '../components/ErrorSummary';
import { Page } from '../components/Page';
import { StatusNote } from '../components/StatusNote';
import { deviceLine } from './device-text';
import { DIGIT_FIELD_ID, lengthError, StaffDigitField, type DigitField as Field } from './StaffDigitField';
import { StaffPeople } from './StaffPeople';
import { StaffReport } from './StaffReport';
import { StaffReview } from './StaffReview';
import { StaffSettings } from './StaffSettings';
import { StaffCameraTest } from './StaffCameraTest';
import { StaffHelp } from './StaffHelp';
import { StaffMoney } from './StaffMoney';
import { StaffDiagnostics } from './StaffDiagnostics';

type Door = CommandResponse<'door:status'>;
/** The screens behind staff home's buttons. */
type Away = 'review' | 'settings' | 'cameraTest' | 'people';

/** The fields asked, one per screen, for each way in. */
function fieldsFor(door: Door): Field[] {
  if (!door.hasStaff) return ['setupCode', 'staffNumber', 'pin', 'pinAgain'];
  return door.cardPresented ? ['pin'] : ['staffNumber', 'pin'];
}

/** Staff mode: the way in (set-up, card + PIN, or number + PIN), then what staff look after. */
export function StaffMode({ client, devices, onExit }: { client: KioskApi; devices: Devices | null; onExit: () => void }) {
  const [session, setSession] = useState<StaffSession | null>(null);
  const [away, setAway] = useState<Away | null>(null);
  useEffect(
    () =>
      client.on('staff:event', (event) => {
        if (event.kind === 'ended') onExit();
      }),
    [client, onExit],
  );
  if (!session) return <StaffDoor client={client} onSignedIn={setSession} onExit={onExit} />;
  const home = () => setAway(null);
  if (away === 'review') return <StaffReview client={client} onBack={home} />;
  if (away === 'settings') return <StaffSettings client={client} onBack={home} />;
  if (away === 'cameraTest') return <StaffCameraTest client={client} onBack={home} />;
  if (away === 'people') return <StaffPeople client={client} onBack={home} />;
  return <StaffHome client={client} devices={devices} session={session} onExit={onExit} onOpen={setAway} />;
}

function StaffDoor({ client, onSignedIn, onExit }: { client: KioskApi; onSignedIn: (s: StaffSession) => void; onExit: () => void }) {
  const { t } = useTranslation();
  const [door, setDoor] = useState<Door | null>(null);
  const [step, setStep] = useState(0);
  const [values, setValues] = useState<Record<Field, string>>({ setupCode: '', staffNumber: '', pin: '', pinAgain: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const r = await client.invoke('door:status', {});
    if (r.ok) setDoor(r.value);
  }, [client]);
  useEffect(() => {
    void load();
    return client.on('staff:event', (event) => {
      if (event.kind === 'cardPresented') {
        setStep(0);
        void load();
      }
    });
  }, [client, load]);

  if (!door) return <main id="main" className="page" aria-busy="true" />;
  const fields = fieldsFor(door);
  const field = fields[Math.min(step, fields.length - 1)]!;
  const last = step >= fields.length - 1;
  const heading = !door.hasStaff ? t('staff.door.setUpHeading') : door.cardPresented ? t('staff.door.cardHeading') : t('staff.door.heading');

  const refusal = (result: Extract<SignInResult, { signedIn: false }>) => {
    const time = result.lockedUntil === null ? '' : new Date(result.lockedUntil).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    const text = t(`staff.door.refusal.${result.reason}`, { time });
    return result.attemptsLeft !== null ? `${text} ${t('staff.door.attemptsLeft', { left: result.attemptsLeft })}` : text;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = values[field];
    const wrongLength = lengthError(field, value);
    if (wrongLength) {
      setError(t('staff.door.wrongLength', wrongLength));
      return;
    }
    if (field === 'pinAgain' && value !== values.pin) {
      setValues((v) => ({ ...v, pin: '', pinAgain: '' }));
      setStep(fields.indexOf('pin'));
      setError(t('staff.door.pinsDiffer'));
      return;
    }
    setError(null);
    if (!last) {
      setStep(step + 1);
      return;
    }
    setBusy(true);
    const r = !door.hasStaff
      ? await client.invoke('door:setUp', { setupCode: values.setupCode, staffNumber: values.staffNumber, pin: values.pin })
      : door.cardPresented
        ? await client.invoke('door:signIn', { method: 'card', pin: values.pin })
        : await client.invoke('door:signIn', { method: 'number', staffNumber: values.staffNumber, pin: values.pin });
    setBusy(false);
    // A PIN is never kept on screen after it was sent.
    setValues((v) => ({ ...v, pin: '', pinAgain: '' }));
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    if (r.value.signedIn) {
      onSignedIn(r.value.session);
      return;
    }
    setError(refusal(r.value));
    // Back to the field the refusal is about; the door is asked again (a card may be gone).
    const back: Partial<Record<typeof r.value.reason, Field>> = { setupCodeWrong: 'setupCode', setupCodeMissing: 'setupCode', weakPin: 'pin', wrongCredentials: door.cardPresented ? 'pin' : 'staffNumber' };
    const to = back[r.value.reason];
    setStep(to ? Math.max(0, fields.indexOf(to)) : 0);
    void load();
  };

  return (
    <Page heading={heading} screenKey={`staffDoor-${field}`} testId="staffDoor">
      {!door.hasStaff && step === 0 ? <p className="lead">{t('staff.door.setUpIntro')}</p> : null}
      {error ? <ErrorSummary message={error} fieldId={DIGIT_FIELD_ID} /> : null}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <StaffDigitField field={field} value={values[field]} invalid={error !== null} onChange={(v) => setValues((old) => ({ ...old, [field]: v }))} />
        <div className="actions">
          <Button type="submit" disabled={busy} data-testid="staff-continue">
            {last ? (door.hasStaff ? t('staff.door.signIn') : t('staff.door.setUp')) : t('staff.door.next')}
          </Button>
          <Button variant="secondary" onClick={onExit} data-testid="staff-cancel">
            {t('staff.door.cancel')}
          </Button>
        </div>
      </form>
    </Page>
  );
}

function StaffHome({ client, devices, session, onExit, onOpen }: { client: KioskApi; devices: Devices | null; session: StaffSession; onExit: () => void; onOpen: (screen: Away) => void }) {
  const { t, i18n } = useTranslation();
  const [sync, setSync] = useState<CommandResponse<'staff:sync'> | null>(null);
  const [supplies, setSupplies] = useState<CommandResponse<'staff:supplies'> | null>(null);
  const [healthNote, setHealthNote] = useState<string | null>(null);
  const [counts, setCounts] = useState<CommandResponse<'staff:deviceCounters'> | null>(null);
  const [shown, setShown] = useState<Devices | null>(devices);
  const sees = (role: 'restocker' | 'admin') => session.roles.includes(role);

  useEffect(() => {
    if (sees('restocker') || sees('admin')) {
      void client.invoke('staff:devices', {}).then((r) => r.ok && setShown(r.value));
      void client.invoke('staff:deviceCounters', {}).then((r) => r.ok && setCounts(r.value));
      void client.invoke('staff:sync', {}).then((r) => r.ok && setSync(r.value));
      void client.invoke('staff:supplies', {}).then((r) => r.ok && setSupplies(r.value));
    }
    // Once, on arrival: later changes come with the pushed device status.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client]);
  useEffect(() => {
    if (devices) setShown(devices);
  }, [devices]);

  const refill = (supply: CommandResponse<'staff:refill'>['supply']) => {
    void client.invoke('staff:refill', { supply }).then((r) => {
      if (r.ok) setSupplies((all) => all?.map((s) => (s.supply === supply ? r.value : s)) ?? null);
    });
  };
  const signOut = () => {
    void client.invoke('staff:signOut', {}).finally(onExit);
  };
  return (
    <Page heading={t('staff.home.heading', { number: session.staffNumber })} screenKey="staffHome" testId="staffHome">
      <dl className="facts">
        <div>
          <dt>{t('staff.home.roles')}</dt>
          <dd data-testid="staff-roles">{session.roles.map((r) => t(`staff.role.${r}`)).join(' · ')}</dd>
        </div>
      </dl>
      <p className="hint">{t('staff.home.idle')}</p>
      <StaffHelp client={client} />
      {(sees('restocker') || sees('admin')) && shown ? (
        <section aria-labelledby="staff-devices">
          <h2 id="staff-devices">{t('staff.home.devicesHeading')}</h2>
          <StatusNote text={healthNote} testId="staff-health-note" />
          <div className="actions">
            <Button
              variant="secondary"
              onClick={() => void client.invoke('staff:testPrint', { device: 'receiptPrinter' }).then((r) => r.ok && setHealthNote(t('staff.health.testPrintResult', { result: t(`staff.health.result.${r.value.result}`) })))}
              data-testid="staff-test-print"
            >
              {t('staff.health.testPrint')}
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setHealthNote(t('staff.health.cardTestWaiting'));
                void client.invoke('staff:cardTest', {}).then((r) => r.ok && setHealthNote(t(`staff.health.cardResult.${r.value.result}`)));
              }}
              data-testid="staff-card-test"
            >
              {t('staff.health.cardTest')}
            </Button>
            <Button variant="secondary" onClick={() => onOpen('cameraTest')} data-testid="staff-camera-test">
              {t('staff.health.cameraTest')}
            </Button>
            {sees('admin') ? (
              <Button
                variant="secondary"
                onClick={() =>
                  void client.invoke('staff:auditVerify', {}).then((r) => {
                    if (r.ok) setHealthNote(r.value.ok ? t('staff.health.auditOk', { entries: r.value.entries, rows: r.value.rows }) : t('staff.health.auditBroken', { at: r.value.brokenAt }));
                  })
                }
                data-testid="staff-audit-verify"
              >
                {t('staff.health.auditVerify')}
              </Button>
            ) : null}
          </div>
          <StaffDiagnostics client={client} />
          <dl className="facts" data-testid="staff-devices">
            {(Object.keys(shown) as (keyof Devices)[]).map((name) => (
              <div key={name} data-testid={`staff-device-${name}`} data-state={shown[name].device}>
                <dt>{t(`staff.device.${name}`)}</dt>
                <dd>
                  {deviceLine(t, shown[name])}
                  {counts && name in counts ? <CountLine count={counts[name as keyof typeof counts]} /> : null}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {supplies && supplies.length > 0 ? (
        <section aria-labelledby="staff-supplies">
          <h2 id="staff-supplies">{t('staff.home.suppliesHeading')}</h2>
          <ul className="supplies" data-testid="staff-supplies">
            {supplies.map((s) => (
              <li key={s.supply} data-testid={`staff-supply-${s.supply}`} data-state={s.state} data-level={s.level}>
                <p>
                  <strong>{t(`staff.supply.${s.supply}`)}</strong> · {t(`staff.unit.${s.unit}`, { level: s.level, capacity: s.capacity })}
                </p>
                <meter min={0} max={s.capacity} low={s.lowAt + 1} optimum={s.capacity} value={s.level} aria-label={t(`staff.supply.${s.supply}`)} />
                <p className={s.state === 'ok' ? undefined : 'warning-text'}>{t(`staff.supplyState.${s.state}`)}</p>
                {s.lastRefill ? <p className="hint">{t('staff.home.lastRefill', { by: s.lastRefill.by, amount: s.lastRefill.amount })}</p> : null}
                {s.level < s.capacity ? (
                  <Button variant="secondary" onClick={() => refill(s.supply)} data-testid={`staff-refill-${s.supply}`}>
                    {t('staff.home.refill', { name: t(`staff.supply.${s.supply}`) })}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <StaffMoney client={client} devices={shown} admin={sees('admin')} />
      {sync ? (
        <section aria-labelledby="staff-sync">
          <h2 id="staff-sync">{t('staff.home.syncHeading')}</h2>
          <p data-testid="staff-sync" data-platform={sync.platform}>
            {t(`staff.platform.${sync.platform}`)} · {t('staff.home.lastSuccess')}: {sync.lastSuccessAt === null ? t('staff.home.never') : new Date(sync.lastSuccessAt).toLocaleString(i18n.language)}
          </p>
          <p>{t('staff.home.backlog', { queued: sync.backlog.queued ?? 0, sending: sync.backlog.sending ?? 0, failed: sync.backlog.failed ?? 0 })}</p>
          {sync.platform !== 'notConfigured' ? (
            <Button variant="secondary" onClick={() => void client.invoke('staff:syncNow', {}).then((r) => r.ok && setHealthNote(t('staff.health.syncStarted')))} data-testid="staff-sync-now">
              {t('staff.health.syncNow')}
            </Button>
          ) : null}
        </section>
      ) : null}
      <StaffReport client={client} />
      <div className="actions">
        {session.roles.includes('reviewer') || session.roles.includes('admin') ? (
          <Button variant="secondary" onClick={() => onOpen('review')} data-testid="staff-review">
            {t('staff.review.open')}
          </Button>
        ) : null}
        {session.roles.includes('admin') ? (
          <>
            <Button variant="secondary" onClick={() => onOpen('people')} data-testid="staff-people">
              {t('staff.people.open')}
            </Button>
            <Button variant="secondary" onClick={() => onOpen('settings')} data-testid="staff-settings">
              {t('staff.settings.heading')}
            </Button>
          </>
        ) : null}
        <Button onClick={signOut} data-testid="staff-sign-out">
          {t('staff.home.signOut')}
        </Button>
      </div>
    </Page>
  );
}

/** A device's jobs since the kiosk started, and its last failure. */
function CountLine({ count }: { count: CommandResponse<'staff:deviceCounters'>[keyof CommandResponse<'staff:deviceCounters'>] }) {
  const { t, i18n } = useTranslation();
  if (!count) return null;
  const code = count.lastError?.code;
  const known = code !== undefined && (['success', 'canceled', 'timeOut', 'hardwareError', 'userError', 'deviceNotReady'] as const).some((c) => c === code);
  return (
    <span className="device-counts">
      {' · '}
      {t('staff.health.counts', { ok: count.ok, failed: count.failed })}
      {count.lastError
        ? ` · ${t('staff.health.lastError', { code: known ? t(`staff.health.result.${code as 'success'}`) : code, time: new Date(count.lastError.at).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }) })}`
        : ''}
    </span>
  );
}
