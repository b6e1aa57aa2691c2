import { useState, type ComponentType, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowEvent, ScreenOf } from '../../../shared/contract';
import type { IdentifyPhase } from '../../../shared/steps/identify/identify.step';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { ErrorSummary } from '../components/ErrorSummary';
import { Keypad } from '../components/Keypad';
import { Page } from '../components/Page';
import type { ScreenProps } from './screen-props';

interface PhaseProps {
  screen: ScreenOf<'identify'>;
  send: (event: FlowEvent) => void;
}

const ID_NUMBER_LENGTH = 18;
const CODE_LENGTH = 6;

function useDocumentName(screen: ScreenOf<'identify'>) {
  const { t } = useTranslation();
  return screen.method ? t(`identify.method.${screen.method}`) : t('identify.documentGeneric');
}

/** Several ways to prove who you are: one big button each. */
function Choose({ screen, send }: PhaseProps) {
  const { t } = useTranslation();
  return (
    <Page heading={t('identify.chooseHeading')} screenKey="identify-choose" testId="identifyChoose">
      <p className="lead">{t('identify.chooseIntro')}</p>
      <ul className="service-list">
        {screen.methods.map((method) => (
          <li key={method}>
            <button type="button" className="service-card" onClick={() => send({ type: 'IDENTIFY_WITH', method })} data-testid={`method-${method}`}>
              <span className="service-title">{t(`identify.method.${method}`)}</span>
            </button>
          </li>
        ))}
      </ul>
      <Actions onBack={() => send({ type: 'BACK' })} />
    </Page>
  );
}

/** Place the card, or the permit or passport on the reader; the reader answers by itself, so there is nothing to press. */
function Present({ screen, send }: PhaseProps) {
  const { t } = useTranslation();
  const method = screen.method ?? 'idCard';
  const document = useDocumentName(screen);
  return (
    <Page heading={t('identify.presentHeading', { document })} screenKey={`identify-present-${method}`} testId="identify">
      <p className="lead">{t(`identify.present.${method}`)}</p>
      <div className={method === 'passport' ? 'card-graphic card-graphic-book' : 'card-graphic'} aria-hidden="true" />
      <p role="status" className="waiting">
        {t('identify.waiting')}
      </p>
      <Actions onBack={() => send({ type: 'BACK' })} />
    </Page>
  );
}

/** A number typed on the keypad, sent with Continue; the host checks it. */
function KeypadEntry({
  fieldId,
  label,
  hint,
  error,
  max,
  extra,
  busy,
  busyText,
  testId,
  onSubmit,
  onBack,
}: {
  fieldId: string;
  label: string;
  hint: string;
  error: string | null;
  max: number;
  extra?: string;
  busy: boolean;
  busyText: string;
  testId: string;
  onSubmit: (value: string) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const hintId = `${fieldId}-hint`;
  const errorId = `${fieldId}-error`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) onSubmit(value);
  };
  return (
    <>
      {error ? <ErrorSummary message={error} fieldId={fieldId} /> : null}
      <form onSubmit={submit} noValidate className={error ? 'has-error' : undefined}>
        <label htmlFor={fieldId} className="label">
          {label}
        </label>
        <p id={hintId} className="hint">
          {hint}
        </p>
        {error ? (
          <p id={errorId} className="field-error">
            {error}
          </p>
        ) : null}
        <input
          id={fieldId}
          className="input input-number"
          inputMode={extra ? 'text' : 'numeric'}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={error ? true : undefined}
          value={value}
          maxLength={max + 6}
          onChange={(e) => setValue(e.target.value.toUpperCase())}
          data-testid={testId}
        />
        <Keypad value={value} max={max} onChange={setValue} {...(extra ? { extra } : {})} />
        {busy ? (
          <p role="status" className="waiting" data-testid="identify-busy">
            {busyText}
          </p>
        ) : null}
        <Actions onBack={onBack}>
          {busy ? null : (
            <Button type="submit" data-testid="continue">
              {t('actions.continue')}
            </Button>
          )}
        </Actions>
      </form>
    </>
  );
}

/** The resident ID number, for a one-time code to the phone the police have on file. */
function OtpNumber({ screen, send }: PhaseProps) {
  const { t } = useTranslation();
  return (
    <Page heading={t('identify.otpNumberHeading')} screenKey="identify-otpNumber" testId="otpNumber">
      <KeypadEntry
        fieldId="field-idnumber"
        label={t('identify.idNumberLabel')}
        hint={t('identify.present.idNumberOtp')}
        error={screen.inputError === 'idNumberFormat' ? t('errors.idNumberFormat') : null}
        max={ID_NUMBER_LENGTH}
        extra="X"
        busy={screen.busy}
        busyText={t('identify.sendingCode')}
        testId="idnumber-input"
        onSubmit={(idNumber) => send({ type: 'OTP_ID_NUMBER', idNumber })}
        onBack={() => send({ type: 'BACK' })}
      />
    </Page>
  );
}

/** The six digits sent by text message. */
/** Where a personal detail goes in a translated sentence: the sentence is drawn around it. */
const PERSONAL_SLOT = '\u0000';

/** A sentence with one personal detail in it, marked so that speech says it only into a headset. */
function WithPersonal({ text, personal }: { text: string; personal: string }) {
  const [before, after = ''] = text.split(PERSONAL_SLOT);
  return (
    <>
      {before}
      <span data-personal>{personal}</span>
      {after}
    </>
  );
}

function OtpCode({ screen, send }: PhaseProps) {
  const { t } = useTranslation();
  const error = screen.inputError === 'codeFormat' ? t('errors.codeFormat') : screen.error === 'wrongCode' ? t('errors.wrongCode') : null;
  return (
    <Page heading={t('identify.otpCodeHeading')} screenKey="identify-otpCode" testId="otpCode">
      <p className="lead" data-testid="code-sent">
        <WithPersonal text={t('identify.codeSent', { phone: PERSONAL_SLOT })} personal={screen.phoneMasked ?? ''} />
      </p>
      {screen.error === 'wrongCode' ? (
        <p className="hint" data-testid="codes-left">
          {t('identify.codesLeft', { count: screen.codesLeft })}
        </p>
      ) : null}
      <KeypadEntry
        fieldId="field-code"
        label={t('identify.codeLabel')}
        hint={t('identify.codeHint')}
        error={error}
        max={CODE_LENGTH}
        busy={screen.busy}
        busyText={t('identify.checkingCode')}
        testId="code-input"
        onSubmit={(code) => send({ type: 'OTP_CODE', code })}
        onBack={() => send({ type: 'BACK' })}
      />
    </Page>
  );
}

/** What was presented cannot be used, or could not be read: why, what happened to the data, what to do. */
function Failed({ screen, send }: PhaseProps) {
  const { t } = useTranslation();
  const document = useDocumentName(screen);
  const error = screen.error ?? 'unreadable';
  return (
    <Page heading={t('identifyFailed.heading')} screenKey={`identify-failed-${error}`} testId="identifyFailed">
      <p className="lead" data-testid="identify-reason" data-error={error}>
        {t(`identifyFailed.${error}`, { document })}
      </p>
      <Actions onBack={() => send({ type: 'BACK' })}>
        {/* Three wrong codes end it: the resident is sent to a counter, not offered a fourth try. */}
        {error === 'tooManyAttempts' ? null : (
          <Button onClick={() => send({ type: 'RETRY' })} data-testid="retry">
            {t('actions.retry')}
          </Button>
        )}
      </Actions>
    </Page>
  );
}

const PHASES: { [P in IdentifyPhase]: ComponentType<PhaseProps> } = {
  choose: Choose,
  present: Present,
  otpNumber: OtpNumber,
  otpCode: OtpCode,
  failed: Failed,
};

/** Proving who you are: the screen of the phase the identify step is in. */
export function Identify({ screen, send }: ScreenProps<'identify'>) {
  const Phase = PHASES[screen.phase];
  return <Phase key={`${screen.phase}-${screen.method ?? ''}`} screen={screen} send={send} />;
}
