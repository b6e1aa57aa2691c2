import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Devices, KioskApi } from '../../../shared/contract';
import type { Lang } from '../../../shared/contract/schemas';
import { headsetPlugged } from '../../../shared/hardware/headset';
import { loadLanguage } from '../i18n';
import { HostSpeech, PlatformSpeech, type SpeechEngine } from './engines';
import { SPEECH_DEFAULTS, SpeechController, type SpeechState } from './speech-controller';

export interface Speech {
  state: SpeechState;
  update: (change: Partial<SpeechState>) => void;
  /** Says the whole screen again. */
  repeat: () => void;
  /** A headset is plugged in: listening is private, personal details are spoken. */
  headset: boolean;
  /** Some engine has a voice for the session's language. */
  voiced: boolean;
}

/** Speech for the resident's session: on with a headset or the Speak button, reset for the next resident. */
export function useSpeech({ client, lang, sessionId, devices }: { client: KioskApi; lang: Lang; sessionId: string | null; devices: Devices | null }): Speech {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<SpeechState>(SPEECH_DEFAULTS);
  const [hostLangs, setHostLangs] = useState<readonly Lang[]>([]);
  const headset = headsetPlugged(devices?.headset);
  const tRef = useRef(t);
  tRef.current = t;

  useEffect(() => {
    void client.invoke('speech:voices', {}).then((r) => r.ok && setHostLangs(r.value.languages));
  }, [client]);
  // The platform's voices arrive some time after start-up (Chromium loads them lazily).
  const [platformVoices, setPlatformVoices] = useState(0);
  useEffect(() => {
    const synth = typeof window.speechSynthesis === 'undefined' ? null : window.speechSynthesis;
    if (!synth) return undefined;
    const onVoices = () => setPlatformVoices(synth.getVoices().length);
    synth.addEventListener('voiceschanged', onVoices);
    return () => synth.removeEventListener('voiceschanged', onVoices);
  }, []);
  const engines = useMemo<SpeechEngine[]>(
    () => [...(typeof window.speechSynthesis === 'undefined' ? [] : [new PlatformSpeech(window.speechSynthesis)]), new HostSpeech(client, hostLangs)],
    // platformVoices: a new list of engines when the platform's voices change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, hostLangs, platformVoices],
  );
  const enginesRef = useRef(engines);
  enginesRef.current = engines;
  const [controller] = useState(() => new SpeechController(() => enginesRef.current, () => tRef.current));
  // Voices that arrive while speech is on: the screen is said now, not at the next change.
  useEffect(() => controller.voicesChanged(), [controller, engines]);

  // Plugging a headset in is how a resident who cannot see the screen turns speech on.
  useEffect(() => {
    if (headset) setState((s) => ({ ...s, on: true }));
  }, [headset]);
  const headsetRef = useRef(headset);
  headsetRef.current = headset;
  // The next resident starts with the kiosk's own settings.
  useEffect(() => {
    controller.newSession();
    setState({ ...SPEECH_DEFAULTS, on: headsetRef.current });
  }, [sessionId, controller]);
  useEffect(() => controller.set(state, lang, headset), [controller, state, lang, headset]);

  useEffect(() => {
    let frame = 0;
    // Changes are read once the page has settled, a frame later: one announcement per change, not per node.
    const observer = new MutationObserver(() => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        controller.screen();
        controller.changes();
      });
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-checked', 'aria-pressed', 'aria-selected', 'hidden'] });
    const onFocus = (e: FocusEvent) => {
      if (e.target instanceof Element) controller.focused(e.target);
    };
    document.addEventListener('focusin', onFocus);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      document.removeEventListener('focusin', onFocus);
      controller.stop();
    };
  }, [controller]);

  // No voice for the session's language: the notice is said in Chinese and English (English's texts fetched first).
  const voiced = engines.some((e) => e.canSpeak(lang));
  useEffect(() => {
    if (!state.on || voiced) return;
    let current = true;
    const textsIn = (l: Lang) => (i18n.hasResourceBundle(l, 'translation') ? i18n.getFixedT(l) : null);
    loadLanguage(i18n, 'en').then(
      () => current && controller.sayNoVoice(textsIn),
      // Without the English texts the notice is said in Chinese only.
      () => current && controller.sayNoVoice(textsIn),
    );
    return () => {
      current = false;
    };
  }, [state.on, voiced, lang, i18n, controller]);

  const update = useCallback((change: Partial<SpeechState>) => setState((s) => ({ ...s, ...change })), []);
  const repeat = useCallback(() => controller.screen(true), [controller]);
  return { state, update, repeat, headset, voiced };
}
