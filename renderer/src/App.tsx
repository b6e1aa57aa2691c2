import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowEvent, FlowView, KioskApi } from '../../shared/contract';
import { assertNever } from '../../shared/util/assert-never';
import { Button } from './components/Button';
import { Dialog } from './components/Dialog';
import { Header } from './components/Header';
import { IdleDialog } from './components/IdleDialog';
import { SimPanel } from './components/SimPanel';
import { Check } from './screens/Check';
import { Identify, IdentifyFailed } from './screens/Identify';
import { Lookup, LookupResult } from './screens/Lookup';
import { Payment, PaymentFailed } from './screens/Payment';
import { Photo } from './screens/Photo';
import { Confirmation, SubmitFailed, Submitting } from './screens/Outcome';
import { Question } from './screens/Question';
import { Start } from './screens/Start';
import { Unavailable } from './screens/Unavailable';
import { Welcome } from './screens/Welcome';
import { useKiosk } from './use-kiosk';

function Screen({ view, send, devices, client }: { view: FlowView; send: (e: FlowEvent) => void; devices: ReturnType<typeof useKiosk>['devices']; client: KioskApi }) {
  const back = () => send({ type: 'BACK' });
  switch (view.screen) {
    case 'welcome':
      return (
        <Welcome
          devices={devices}
          onSelect={(serviceId) => send({ type: 'SELECT_SERVICE', serviceId })}
          onLookup={() => send({ type: 'LOOKUP' })}
        />
      );
    case 'start':
      return <Start serviceId={view.serviceId ?? ''} onContinue={() => send({ type: 'CONTINUE' })} onBack={back} />;
    case 'identify':
      return <Identify onBack={back} />;
    case 'identifyFailed':
      return <IdentifyFailed reason={view.identifyError} onRetry={() => send({ type: 'RETRY' })} onBack={back} />;
    case 'question':
      return (
        <Question
          key={`${view.question?.id}-${view.returnToCheck}`}
          view={view}
          onAnswer={(questionId, value) => send({ type: 'ANSWER', questionId, value })}
          onBack={back}
        />
      );
    case 'check':
      return <Check view={view} onChange={(questionId) => send({ type: 'CHANGE', questionId })} onSubmit={() => send({ type: 'SUBMIT' })} onBack={back} />;
    case 'submitting':
      return <Submitting />;
    case 'submitFailed':
      return <SubmitFailed onRetry={() => send({ type: 'RETRY' })} onBack={back} />;
    case 'confirmation':
      return <Confirmation view={view} onFinish={() => send({ type: 'FINISH' })} onReprint={() => send({ type: 'RETRY' })} />;
    case 'payment':
      return <Payment view={view} onCancel={back} />;
    case 'paymentFailed':
      return <PaymentFailed view={view} onRetry={() => send({ type: 'RETRY' })} onBack={back} />;
    case 'photo':
      return <Photo onAccept={() => send({ type: 'PHOTO_ACCEPT' })} onBack={back} client={client} />;
    case 'lookup':
      return <Lookup view={view} onSubmit={(reference) => send({ type: 'LOOKUP_SUBMIT', reference })} onBack={back} />;
    case 'lookupResult':
      return <LookupResult view={view} onAnother={() => send({ type: 'LOOKUP' })} onFinish={back} />;
    case 'unavailable':
      return <Unavailable view={view} />;
    default:
      return assertNever(view.screen);
  }
}

/** The kiosk view: renders the host's flow snapshot and sends the resident's events. */
export function App({ createClient }: { createClient: Parameters<typeof useKiosk>[0] }) {
  const { t, i18n } = useTranslation();
  const { client, view, devices, hardware, connected, send } = useKiosk(createClient);
  const [largeText, setLargeText] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [simOpen, setSimOpen] = useState(false);
  const lang = view?.lang;
  const sessionId = view?.sessionId;

  useEffect(() => {
    if (!lang) return;
    void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
  }, [lang, i18n]);
  useEffect(() => {
    document.title = t('app.title');
  }, [t, lang]);
  // A new resident starts with the kiosk's normal settings.
  useEffect(() => {
    setLargeText(false);
    setConfirmCancel(false);
  }, [sessionId]);
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', largeText);
  }, [largeText]);
  useEffect(() => {
    if (hardware !== 'sim') return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.shiftKey && e.code === 'KeyS') {
        e.preventDefault();
        setSimOpen((open) => !open);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hardware]);

  const inSession = view !== null && view.screen !== 'welcome' && view.screen !== 'unavailable';
  const submitted = view?.screen === 'confirmation';
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Header
        lang={view?.lang ?? 'zh-CN'}
        largeText={largeText}
        onLang={(l) => send({ type: 'SET_LANG', lang: l })}
        onTextSize={() => setLargeText((v) => !v)}
        {...(inSession ? { onStartAgain: () => setConfirmCancel(true) } : {})}
      />
      {connected ? null : (
        <p className="banner" role="status" data-testid="offline-banner">
          {t('app.notResponding')}
        </p>
      )}
      {view ? <Screen view={view} send={send} devices={devices} client={client} /> : <main id="main" className="page" aria-busy="true" />}
      <footer className="footer">
        <p>{t('app.helpLine')}</p>
      </footer>
      {view?.idle.warning && view.idle.resetAt !== null ? (
        <IdleDialog resetAt={view.idle.resetAt} onMoreTime={() => send({ type: 'MORE_TIME' })} />
      ) : confirmCancel && inSession ? (
        <Dialog
          title={t('cancel.heading')}
          testId="cancel-dialog"
          actions={
            <>
              <Button variant="warning" onClick={() => { setConfirmCancel(false); send({ type: submitted ? 'FINISH' : 'CANCEL' }); }} data-testid="cancel-confirm">
                {t('cancel.confirm')}
              </Button>
              <Button variant="secondary" onClick={() => setConfirmCancel(false)} data-testid="cancel-keep">
                {t('cancel.keep')}
              </Button>
            </>
          }
        >
          <p className="lead">{submitted ? t('cancel.bodyAfterSubmit') : t('cancel.body')}</p>
        </Dialog>
      ) : null}
      {simOpen && hardware === 'sim' ? <SimPanel client={client} devices={devices} onClose={() => setSimOpen(false)} /> : null}
    </div>
  );
}
