import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { STAFF_ROLES, type CommandResponse, type KioskApi, type StaffRole } from '../../../shared/contract';
import { assertNever } from '../../../shared/util/assert-never';
import { Button } from '../components/Button';
import { ErrorSummary } from '../components/ErrorSummary';
import { Page } from '../components/Page';
import { DIGIT_FIELD_ID, lengthError, StaffDigitField } from './StaffDigitField';

/** The questions of "Add a staff member", one a screen, as the door asks them. */
const STEPS = ['staffNumber', 'pin', 'pinAgain', 'roles', 'card'] as const;
type Step = (typeof STEPS)[number];
type Added = { staffNumber: string; roles: StaffRole[]; card: boolean };

const HINTS = { staffNumber: 'staff.people.numberHint', pin: 'staff.people.pinHint', pinAgain: 'staff.people.pinAgainHint' } as const;
const CARD_STATUS_ID = 'people-card-status';
const roleNames = (t: TFunction, roles: readonly StaffRole[]) => roles.map((r) => t(`staff.role.${r}`)).join(' · ');

/** The admin's staff screen: who may use staff mode on this kiosk, and adding one more. */
export function StaffPeople({ client, onBack }: { client: KioskApi; onBack: () => void }) {
  const { t } = useTranslation();
  const [staff, setStaff] = useState<CommandResponse<'staff:listStaff'> | null>(null);
  const [adding, setAdding] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const load = useCallback(() => void client.invoke('staff:listStaff', {}).then((r) => r.ok && setStaff(r.value)), [client]);
  useEffect(load, [load]);

  if (adding) {
    const done = (added: Added | null) => {
      setAdding(false);
      if (!added) return;
      setNote(t(added.card ? 'staff.people.addedWithCard' : 'staff.people.addedWithoutCard', { number: added.staffNumber, roles: roleNames(t, added.roles) }));
      load();
    };
    return <AddStaff client={client} onDone={done} />;
  }
  if (!staff) return <main id="main" className="page" aria-busy="true" />;
  return (
    <Page heading={t('staff.people.heading')} screenKey="staffPeople" testId="staffPeople">
      {note ? (
        <p role="status" data-testid="people-note">
          {note}
        </p>
      ) : null}
      <ul className="review-list" data-testid="staff-list">
        {staff.map((s) => (
          <li key={s.staffNumber} className="staff-member" data-testid={`staff-member-${s.staffNumber}`} data-card={s.hasCard} data-locked={s.locked}>
            <strong>{s.staffNumber}</strong>
            {` · ${roleNames(t, s.roles)}`}
            <br />
            {s.hasCard ? t('staff.people.hasCard') : t('staff.people.noCard')}
            {s.locked ? ` · ${t('staff.people.locked')}` : ''}
          </li>
        ))}
      </ul>
      <div className="actions">
        <Button
          onClick={() => {
            setNote(null);
            setAdding(true);
          }}
          data-testid="people-add"
        >
          {t('staff.people.add')}
        </Button>
        <Button variant="secondary" onClick={onBack} data-testid="people-back">
          {t('staff.review.back')}
        </Button>
      </div>
    </Page>
  );
}

/** Staff number, PIN twice, roles, then the card held to the reader (or none); the host has the last word. */
function AddStaff({ client, onDone }: { client: KioskApi; onDone: (added: Added | null) => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('staffNumber');
  // Counts the moves forward: the heading takes focus on each, not when an error sends the admin back (the summary does).
  const [moves, setMoves] = useState(0);
  const [values, setValues] = useState({ staffNumber: '', pin: '', pinAgain: '' });
  const [roles, setRoles] = useState<StaffRole[]>([]);
  const [cardRead, setCardRead] = useState(false);
  // Numbered, so the summary takes focus again when the same error comes twice.
  const [error, setError] = useState<{ text: string; n: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const waitingForCard = step === 'card';
  useEffect(
    () =>
      waitingForCard
        ? client.on('staff:event', (event) => {
            if (event.kind !== 'cardPresented') return;
            setCardRead(true);
            setError(null);
          })
        : undefined,
    [client, waitingForCard],
  );

  const next = (to: Step) => {
    setStep(to);
    setMoves((m) => m + 1);
    setError(null);
  };
  const fail = (text: string, to: Step = step) => {
    setStep(to);
    setError((e) => ({ text, n: (e?.n ?? 0) + 1 }));
  };
  const forgetPins = () => setValues((v) => ({ ...v, pin: '', pinAgain: '' }));

  const onNext = (e: FormEvent) => {
    e.preventDefault();
    if (step === 'staffNumber' || step === 'pin' || step === 'pinAgain') {
      const wrongLength = lengthError(step, values[step]);
      if (wrongLength) return fail(t('staff.door.wrongLength', wrongLength));
      if (step === 'pinAgain' && values.pinAgain !== values.pin) {
        forgetPins();
        return fail(t('staff.door.pinsDiffer'), 'pin');
      }
    }
    if (step === 'roles' && roles.length === 0) return fail(t('staff.people.error.noRole'));
    next(STEPS[STEPS.indexOf(step) + 1] ?? step);
  };

  const add = async (heldCard: boolean) => {
    setBusy(true);
    const { staffNumber, pin } = values;
    const r = await client.invoke('staff:addStaff', { staffNumber, pin, roles, ...(heldCard ? { heldCard: true as const } : {}) });
    setBusy(false);
    if (!r.ok) return fail(r.error.message);
    const { result } = r.value;
    switch (result) {
      case 'added':
        return onDone({ staffNumber, roles, card: heldCard });
      case 'exists':
        forgetPins();
        return fail(t('staff.people.error.exists', { number: staffNumber }), 'staffNumber');
      case 'weakPin':
        forgetPins();
        return fail(t('staff.door.refusal.weakPin'), 'pin');
      case 'cardInUse':
      case 'noCard':
        // Either way a card is asked for again: the one read is not given to anyone.
        setCardRead(false);
        return fail(result === 'cardInUse' ? t('staff.people.error.cardInUse') : t('staff.people.error.noCard'));
      default:
        return assertNever(result);
    }
  };

  const errorField = step === 'roles' ? `people-role-${STAFF_ROLES[0]}` : step === 'card' ? CARD_STATUS_ID : DIGIT_FIELD_ID;
  const cancel = (
    <Button variant="secondary" onClick={() => onDone(null)} data-testid="people-cancel">
      {t('staff.people.cancel')}
    </Button>
  );
  return (
    <Page heading={t('staff.people.addHeading')} caption={t('staff.people.step', { n: STEPS.indexOf(step) + 1, total: STEPS.length })} screenKey={`staffAddStaff-${moves}`} testId="staffAddStaff">
      {error ? <ErrorSummary key={error.n} message={error.text} fieldId={errorField} /> : null}
      {step === 'card' ? (
        <>
          <div className="card-graphic" aria-hidden="true" />
          <p id={CARD_STATUS_ID} tabIndex={-1} role="status" className={cardRead ? 'lead' : 'lead waiting'} data-testid="people-card-status" data-read={cardRead}>
            {cardRead ? t('staff.people.cardRead') : t('staff.people.cardHold')}
          </p>
          <p className="hint">{t('staff.people.cardSkipHint')}</p>
          <div className="actions">
            {cardRead ? (
              <Button disabled={busy} onClick={() => void add(true)} data-testid="people-add-with-card">
                {t('staff.people.addWithCard')}
              </Button>
            ) : null}
            <Button variant="secondary" disabled={busy} onClick={() => void add(false)} data-testid="people-add-without-card">
              {t('staff.people.addWithoutCard')}
            </Button>
            {cancel}
          </div>
        </>
      ) : (
        <form onSubmit={onNext} noValidate>
          {step === 'roles' ? (
            <fieldset className="choices">
              <legend>{t('staff.people.rolesLegend')}</legend>
              {STAFF_ROLES.map((role) => (
                <div key={role} className="choice">
                  <input
                    type="checkbox"
                    id={`people-role-${role}`}
                    checked={roles.includes(role)}
                    onChange={() => setRoles((all) => (all.includes(role) ? all.filter((r) => r !== role) : STAFF_ROLES.filter((r) => r === role || all.includes(r))))}
                    data-testid={`people-role-${role}`}
                  />
                  <label htmlFor={`people-role-${role}`}>{t(`staff.role.${role}`)}</label>
                </div>
              ))}
            </fieldset>
          ) : (
            <StaffDigitField field={step} value={values[step]} invalid={error !== null} hint={t(HINTS[step])} onChange={(v) => setValues((old) => ({ ...old, [step]: v }))} />
          )}
          <div className="actions">
            <Button type="submit" data-testid="staff-continue">
              {t('staff.door.next')}
            </Button>
            {cancel}
          </div>
        </form>
      )}
    </Page>
  );
}
