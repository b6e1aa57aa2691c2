import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import { Page } from '../components/Page';
import { waitsForPermit } from '../components/PermitInsert';
import type { ScreenProps } from './screen-props';

/** An A4 document from the document printer, or the endorsement printed onto the permit card. */
export function Printing({ screen, send, devices }: ScreenProps<'printing'>) {
  const { t } = useTranslation();
  const base = `printing.${screen.output}`;
  const title = screen.document ? t(`documents.${screen.document}.title`) : '';
  // The endorsement waits for the permit in the printer's slot: until it is there, say where to put it.
  const insert = screen.output === 'permitEndorsement' && screen.status === 'printing' && waitsForPermit(devices);
  const phase = insert ? 'insert' : screen.status;
  return (
    <Page heading={t(`${base}.${phase}`, { title })} screenKey={`printing-${screen.stepId}-${phase}`} testId="printing">
      {insert ? <div className="card-graphic card-graphic-slot" aria-hidden="true" /> : screen.status === 'printing' ? <div className="spinner" aria-hidden="true" /> : null}
      <p className="lead" role="status" data-testid="print-status" data-print={screen.status} data-output={screen.output} data-phase={phase}>
        {t(`${base}.${phase}Body`, { title })}
      </p>
      {screen.status === 'failed' || screen.status === 'later' ? (
        <>
          <p>{t('printing.keepReference')}</p>
          <p className="reference" data-testid="reference">
            {screen.reference}
          </p>
        </>
      ) : null}
      <div className="actions">
        {screen.status === 'failed' ? (
          <Button onClick={() => send({ type: 'RETRY' })} data-testid="retry">
            {t('actions.retry')}
          </Button>
        ) : null}
        {screen.status === 'failed' || screen.status === 'later' ? (
          <Button variant={screen.status === 'failed' ? 'secondary' : 'primary'} onClick={() => send({ type: 'CONTINUE' })} data-testid="continue">
            {t('actions.continue')}
          </Button>
        ) : null}
      </div>
    </Page>
  );
}
