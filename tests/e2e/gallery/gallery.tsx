import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { FlowView, KioskApi, Lang, ScreenName, ScreenOf } from '../../../shared/contract';
import { resources } from '../../../shared/i18n';
import { App } from '../../../renderer/src/App';
import { setupI18n } from '../../../renderer/src/i18n';
import 'simple-keyboard/build/css/index.css';
import '../../../renderer/src/styles.css';
import { allOnline } from '../../fixtures/devices';
import { EXAMPLES, FACE_VARIANTS, QUESTIONS, VARIANTS } from '../../unit/renderer/screens/screen-examples';

/** Every screen the kiosk draws, as the renderer's tests know them: one example each, then every variant. */
const FIRST: { label: string; screen: ScreenOf<ScreenName>; serviceId: string | null; dialog?: 'idle' }[] = [
  ...(Object.keys(EXAMPLES) as ScreenName[]).map((name) => ({ label: name, screen: EXAMPLES[name], serviceId: name === 'welcome' ? null : 'idCardRenewal' })),
  // The face check's two other layouts: no photo to compare with, and the counter.
  ...FACE_VARIANTS.filter((v) => v.dataScreen !== 'face').map((v) => ({ label: v.dataScreen, screen: v.screen, serviceId: 'idCardRenewal' })),
  { label: 'the idle warning', screen: { name: 'start', serviceId: 'idCardRenewal' }, serviceId: 'idCardRenewal', dialog: 'idle' },
];
const VIEWS: typeof FIRST = [
  ...FIRST,
  ...VARIANTS.map((v, i) => ({ label: `${v.dataScreen} (${i})`, screen: v.screen, serviceId: 'idCardRenewal' })),
  ...QUESTIONS.map((q, i) => ({ label: `question ${q.question.kind} (${i})`, screen: q, serviceId: 'idCardRenewal' })),
];

/** A host that answers with the one view shown, every device ready, and no voices. */
function fakeClient(view: FlowView): KioskApi {
  const replies: Record<string, unknown> = {
    'flow:get': view,
    'flow:send': view,
    'device:status': allOnline,
    'camera:report': allOnline,
    'app:info': { hardware: 'real', availability: { state: 'ready' } },
    'speech:voices': { languages: [] },
  };
  return {
    invoke: (command: string) =>
      Promise.resolve(command in replies ? { ok: true, value: replies[command] } : { ok: false, error: { code: 'unavailable', message: 'The gallery has no host.' } }),
    on: () => () => undefined,
  } as unknown as KioskApi;
}

let root: Root | null = null;
let shown = 0;

declare global {
  interface Window {
    gallery: { count: number; examples: number; label: (index: number) => string; show: (index: number, lang: Lang) => void };
  }
}

window.gallery = {
  count: VIEWS.length,
  /** The first this many are one of each screen (and the idle warning); the variants follow. */
  examples: FIRST.length,
  label: (index) => VIEWS[index]!.label,
  show(index, lang) {
    const entry = VIEWS[index]!;
    const view: FlowView = {
      seq: 1,
      sessionId: `gallery-${(shown += 1)}`,
      lang,
      serviceId: entry.serviceId,
      progress: entry.serviceId ? { index: 1, total: 4 } : null,
      idle: entry.dialog === 'idle' ? { warning: true, resetAt: Date.now() + 60_000 } : { warning: false, resetAt: null },
      submitted: false,
      screen: entry.screen,
    };
    root?.unmount();
    root = createRoot(document.getElementById('root')!);
    root.render(
      <I18nextProvider i18n={setupI18n(lang, resources)}>
        <App createClient={() => fakeClient(view)} />
      </I18nextProvider>,
    );
  },
};
