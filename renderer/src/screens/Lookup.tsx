import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { findService } from '../../../shared/catalog/services';
import type { FlowView } from '../../../shared/contract';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { ErrorSummary } from '../components/ErrorSummary';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard';
import { Page } from '../components/Page';

const FIELD = 'field-reference';

/** "Check a submission": type the reference (its check character catches typos) or scan the slip. */
export function Lookup({ view, onSubmit, onBack }: { view: FlowView; onSubmit: (reference: string) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(view.lookup.reference ?? '');
  const error = view.lookup.error ? t(`lookup.errors.${view.lookup.error}`) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(text);
  };
  return (
    <Page heading={t('lookup.heading')} screenKey="lookup" testId="lookup">
      {error ? <ErrorSummary message={error} fieldId={FIELD} /> : null}
      <form onSubmit={submit} noValidate className={error ? 'has-error' : undefined}>
        <p id={`${FIELD}-hint`} className="hint">
          {t('lookup.hint')}
        </p>
        <label htmlFor={FIELD} className="label">
          {t('lookup.label')}
        </label>
        <input
          id={FIELD}
          className="input input-reference"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-describedby={`${FIELD}-hint`}
          aria-invalid={error ? true : undefined}
          value={text}
          maxLength={40}
          onChange={(e) => setText(e.target.value.toUpperCase())}
          data-testid="reference-input"
        />
        <OnScreenKeyboard value={text} lang="en" upperCase onChange={(v) => setText(v.toUpperCase())} />
        <p className="hint">{t('lookup.privacy')}</p>
        <Actions onBack={onBack}>
          <Button type="submit" data-testid="lookup-check">
            {t('lookup.check')}
          </Button>
        </Actions>
      </form>
    </Page>
  );
}

function formatDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** What the kiosk knows of the reference, in plain words, with no personal data. */
export function LookupResult({ view, onAnother, onFinish }: { view: FlowView; onAnother: () => void; onFinish: () => void }) {
  const { t } = useTranslation();
  const result = view.lookup.result;
  const reference = view.lookup.reference ?? '';
  return (
    <Page heading={t('lookup.resultHeading', { reference })} screenKey="lookupResult" testId="lookupResult">
      {result?.found ? (
        <>
          <p className="lead" role="status" data-testid="lookup-state" data-state={result.state}>
            {t(`lookup.state.${result.state}`)}
            {result.certificateReady ? ` ${t('lookup.certificateReady')}` : ''}
          </p>
          <dl className="facts">
            <div>
              <dt>{t('lookup.service')}</dt>
              <dd>{findService(result.serviceId) ? t(`services.${result.serviceId}.title`) : result.serviceId}</dd>
            </div>
            <div>
              <dt>{t('lookup.submittedAt', { date: formatDate(result.submittedAt) })}</dt>
            </div>
          </dl>
        </>
      ) : (
        <p className="lead" role="status" data-testid="lookup-state" data-state="notFound">
          {t('lookup.notFound')}
        </p>
      )}
      <p className="hint">{t('lookup.privacy')}</p>
      <div className="actions">
        <Button onClick={onFinish} data-testid="finish">
          {t('actions.finish')}
        </Button>
        <Button variant="secondary" onClick={onAnother} data-testid="lookup-another">
          {t('lookup.another')}
        </Button>
      </div>
    </Page>
  );
}
