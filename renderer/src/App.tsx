import { lazy, Suspense, useCallback, useEffect, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { Devices, FlowEvent, FlowView, KioskApi, PublicSettings, ScreenName } from '../../shared/contract';
import { LANGS } from '../../shared/contract/langs';
import { AccessBar, DISPLAY_DEFAULTS, type DisplayModes } from './components/AccessBar';
import { Attract, useAttract } from './components/Attract';
import { Button } from './components/Button';
import { Dialog } from './components/Dialog';
import { Header } from './components/Header';
import { IdleDialog } from './components/IdleDialog';
import { StaffCorner } from './staff/StaffCorner';
import { SCREENS } from './screens';
import type { ScreenProps } from './screens/screen-props';
import { switchLanguage } from './i18n';
import { useKiosk } from './use-kiosk';
import { useKeypad } from './keypad/use-keypad';
import { useSpeech } from './speech/use-speech';

// The simulator panel is loaded only on a kiosk that runs on simulators: real kiosks never fetch it.
const SimPanel = lazy(() => import('./components/SimPanel').then((m) => ({ default: m.SimPanel })));
// Staff screens are their own chunk too: residents never open them, so the first screen does not carry them.
const StaffMode = lazy(() => import('./staff/StaffMode').then((m) => ({ default: m.StaffMode })));

interface CurrentProps {
  view: FlowView;
  send: (event: FlowEvent) => void;
  devices: Devices | null;
  settings: PublicSettings | null;
  client: KioskApi;
}

/** The screen the host asks for, looked up by name in the one screen table. */
function CurrentScreen(props: CurrentProps) {
  const { screen, sessionId } = props.view;
  // The table ties each name to the component of that screen's view; TypeScript cannot follow
  // the name through the lookup, so this one widening stands for it.
  const Screen = SCREENS[screen.name] as ComponentType<ScreenProps<ScreenName>>;
  // A new session or step starts with fresh local state (drafts, the camera).
  const key = `${sessionId}/${screen.name}/${'stepId' in screen ? screen.stepId : ''}`;
  return <Screen key={key} {...props} screen={screen} />;
}

/** The kiosk view: renders the host's flow view and sends the resident's events. */
export function App({ createClient }: { createClient: Parameters<typeof useKiosk>[0] }) {
  const { t, i18n } = useTranslation();
  const { client, view, devices, hardware, settings, connected, send } = useKiosk(createClient);
  useKeypad();
  const [modes, setModes] = useState<DisplayModes>(DISPLAY_DEFAULTS);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [simOpen, setSimOpen] = useState(false);
  const [staffOpen, setStaffOpen] = useState(false);
  const closeStaff = useCallback(() => setStaffOpen(false), []);
  const lang = view?.lang;
  const sessionId = view?.sessionId;
  const speech = useSpeech({ client, lang: lang ?? 'zh-CN', sessionId: sessionId ?? null, devices });

  useEffect(() => {
    if (!lang) return;
    let current = true;
    // The page says its language once the texts are in it: fonts and speech follow the attribute.
    switchLanguage(i18n, lang).then(
      () => {
        if (!current) return;
        document.documentElement.lang = lang;
        // Every language offered today runs left to right; the layout is written to mirror for one that does not.
        document.documentElement.dir = i18n.dir(lang);
      },
      // A language that cannot be loaded leaves the screen in the one it was in, still usable.
      (error: unknown) => console.error('The language could not be loaded', lang, error instanceof Error ? error.name : typeof error),
    );
    return () => {
      current = false;
    };
  }, [lang, i18n]);
  useEffect(() => {
    document.title = t('app.title');
  }, [t, lang]);
  // A new resident starts with the kiosk's normal settings.
  useEffect(() => {
    setModes(DISPLAY_DEFAULTS);
    setConfirmCancel(false);
  }, [sessionId]);
  useEffect(() => {
    const html = document.documentElement.classList;
    html.toggle('elder-mode', modes.elder);
    html.toggle('high-contrast', modes.highContrast);
    html.toggle('low-reach', modes.lowReach);
  }, [modes]);
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

  const screenName = view?.screen.name;
  // A staff card on the reader opens the staff door, from the welcome screen only.
  useEffect(
    () =>
      client.on('staff:event', (event) => {
        if (event.kind === 'cardPresented') setStaffOpen(true);
      }),
    [client],
  );
  // Staff mode never overlaps a resident's session.
  useEffect(() => {
    if (screenName !== 'welcome') setStaffOpen(false);
  }, [screenName]);

  // Nobody at the welcome screen for a while: the attract loop, until one touch.
  const { attract, stop: stopAttract } = useAttract(screenName === 'welcome' && !staffOpen && !simOpen && connected);
  const inSession = screenName !== undefined && screenName !== 'welcome' && screenName !== 'unavailable';
  // Once a reference exists the application is queued whatever happens here: Start again only clears the screen.
  const submitted = view?.submitted === true;
  return (
    <div className="app">
      {modes.lowReach ? (
        <aside className="low-reach-banner" aria-label={t('access.lowReach')} data-testid="low-reach-banner">
          <p>{t('access.lowReachOn')}</p>
        </aside>
      ) : null}
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      {staffOpen || attract ? null : (
        <Header
          lang={view?.lang ?? 'zh-CN'}
          {...(settings ? { langs: settings.languages } : {})}
          onLang={(l) => send({ type: 'SET_LANG', lang: l })}
          {...(inSession ? { onStartAgain: () => setConfirmCancel(true) } : {})}
          help={{ client, sessionId: sessionId ?? null }}
        />
      )}
      {connected ? null : (
        <p className="banner" role="status" data-testid="offline-banner">
          {t('app.notResponding')}
        </p>
      )}
      {staffOpen ? (
        <Suspense fallback={<main id="main" className="page" aria-busy="true" />}>
          <StaffMode client={client} devices={devices} onExit={closeStaff} />
        </Suspense>
      ) : attract ? (
        <Attract devices={devices} settings={settings} onStart={stopAttract} />
      ) : view ? (
        <CurrentScreen view={view} send={send} devices={devices} settings={settings} client={client} />
      ) : (
        <main id="main" className="page" aria-busy="true" />
      )}
      {screenName === 'welcome' && !staffOpen && !attract ? <StaffCorner onOpen={() => setStaffOpen(true)} /> : null}
      {staffOpen || attract ? null : <AccessBar modes={modes} onModes={setModes} speech={speech} offered={settings?.languages ?? LANGS} onLang={(l) => send({ type: 'SET_LANG', lang: l })} />}
      <footer className="footer">
        {settings?.stationName || settings?.stationPhone ? (
          <p data-testid="station">{[settings.stationName, settings.stationPhone ? t('app.stationPhone', { phone: settings.stationPhone }) : ''].filter(Boolean).join(' · ')}</p>
        ) : null}
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
              <Button
                variant="warning"
                onClick={() => {
                  setConfirmCancel(false);
                  send({ type: 'CANCEL' });
                }}
                data-testid="cancel-confirm"
              >
                {t('cancel.confirm')}
              </Button>
              <Button variant="secondary" onClick={() => setConfirmCancel(false)} data-testid="cancel-keep" data-autofocus>
                {t('cancel.keep')}
              </Button>
            </>
          }
        >
          <p className="lead">{submitted ? t('cancel.bodyAfterSubmit') : t('cancel.body')}</p>
        </Dialog>
      ) : null}
      {simOpen && hardware === 'sim' ? (
        <Suspense fallback={null}>
          <SimPanel client={client} devices={devices} onClose={() => setSimOpen(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}
