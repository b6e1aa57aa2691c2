import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { findService } from '../../../shared/catalog/services';
import { Actions } from '../components/Actions';
import { Button } from '../components/Button';
import { ErrorSummary } from '../components/ErrorSummary';
import { LazyKeyboard } from '../components/LazyKeyboard';
import { Page } from '../components/Page';
import { PermitInsert, waitsForPermit } from '../components/PermitInsert';
import { dayOf, formatDay } from '../format';
import type { ScreenProps } from './screen-props';

const FIELD = 'field-reference';

/** "Check a submission": type the reference (its check character catches typos) or scan the slip. */
export function Lookup({ screen, send }: ScreenProps<'lookup'>) {
  const { t } = useTranslation();
  const [text, setText] = useState(screen.reference ?? '');
  const error = screen.error ? t(`lookup.errors.${screen.error}`) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!screen.checking) send({ type: 'LOOKUP_SUBMIT', reference: text });
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
          // A slip's reference is not a personal detail: speech may read it back on the loudspeaker.
          data-personal="false"
        />
        <LazyKeyboard value={text} lang="en" upperCase onChange={(v) => setText(v.toUpperCase())} />
        <p className="hint">{t('lookup.privacy')}</p>
        {screen.checking ? (
          <p role="status" className="waiting" data-testid="lookup-checking">
            {t('lookup.checking')}
          </p>
        ) : null}
        <Actions onBack={() => send({ type: 'BACK' })}>
          {screen.checking ? null : (
            <Button type="submit" data-testid="lookup-check">
              {t('lookup.check')}
            </Button>
          )}
        </Actions>
      </form>
    </Page>
  );
}

/** What the kiosk knows of the reference, in plain words, with no personal data; and a print of what is waiting. */
export function LookupResult({ screen, view, send, devices }: ScreenProps<'lookupResult'>) {
  const { t } = useTranslation();
  const { result, reference, reprint } = screen;
  const toPrint = result.found ? result.toPrint : [];
  // An endorsement waits for the permit in the printer's slot: until it is there, say where to put it.
  const insert = reprint === 'printing' && toPrint.includes('permitEndorsement') && waitsForPermit(devices);
  return (
    <Page heading={t('lookup.resultHeading', { reference })} screenKey="lookupResult" testId="lookupResult">
      {result.found ? (
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
              <dt>{t('lookup.submittedOn')}</dt>
              <dd>{formatDay(dayOf(result.submittedAt), view.lang)}</dd>
            </div>
          </dl>
          {result.review ? <ReviewOutcomeText review={result.review} /> : null}
        </>
      ) : (
        <p className="lead" role="status" data-testid="lookup-state" data-state="notFound">
          {t('lookup.notFound')}
        </p>
      )}
      {toPrint.length > 0 ? (
        <section aria-labelledby="to-print">
          <h2 id="to-print">{t('lookup.toPrintHeading')}</h2>
          <ul className="bullets" data-testid="lookup-to-print">
            {toPrint.map((output) => (
              <li key={output}>{t(`lookup.toPrint.${output}`)}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {insert ? (
        <PermitInsert heading={t('printing.permitEndorsement.insert')} data-testid="reprint-status" data-reprint={reprint} />
      ) : reprint !== 'none' ? (
        <p className={reprint === 'failed' || reprint === 'notReady' ? 'lead warning-text' : 'lead'} role="status" data-testid="reprint-status" data-reprint={reprint}>
          {t(`lookup.reprint.${reprint}`)}
        </p>
      ) : null}
      <p className="hint">{t('lookup.privacy')}</p>
      <div className="actions">
        <Button onClick={() => send({ type: 'FINISH' })} data-testid="finish">
          {t('actions.finish')}
        </Button>
        {toPrint.length > 0 && reprint !== 'printing' ? (
          <Button variant="secondary" onClick={() => send({ type: 'REPRINT' })} data-testid="reprint">
            {t('lookup.print')}
          </Button>
        ) : null}
        <Button variant="secondary" onClick={() => send({ type: 'LOOKUP' })} data-testid="lookup-another">
          {t('lookup.another')}
        </Button>
      </div>
    </Page>
  );
}

/** Station staff's decision in plain words: why not, or what to bring. Never the staff's note. */
function ReviewOutcomeText({ review }: { review: NonNullable<Extract<ScreenProps<'lookupResult'>['screen']['result'], { found: true }>['review']> }) {
  const { t } = useTranslation();
  return (
    <section className="review-outcome" data-testid="lookup-review" data-decision={review.decision}>
      <p className="lead">{t(`lookup.review.${review.decision}`)}</p>
      {review.reasonCode ? <p data-testid="lookup-review-reason">{t(`lookup.review.reason.${review.reasonCode}`)}</p> : null}
      {review.bring.length > 0 ? (
        <ul className="bullets" data-testid="lookup-review-bring">
          {review.bring.map((item) => (
            <li key={item}>{t(`bring.${item}`)}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
