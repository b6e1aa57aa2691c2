// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskApi } from '../../../../shared/contract';
import type { Lang } from '../../../../shared/contract/lang';
import { resources } from '../../../../shared/i18n';
import { SPEECH_MAX_CHARS } from '../../../../shared/speech/speech';
import { setupI18n } from '../../../../renderer/src/i18n';
import { HostSpeech, pickVoice, type SpeechEngine } from '../../../../renderer/src/speech/engines';
import { SPEECH_DEFAULTS, SpeechController, splitLine, stepRate, stepVolume } from '../../../../renderer/src/speech/speech-controller';

afterEach(cleanup);

/** An engine that records what it was asked to say, in which language and how. */
class RecordingEngine implements SpeechEngine {
  readonly name = 'host';
  said: { lines: readonly string[]; lang: Lang; rate: number }[] = [];
  stops = 0;
  constructor(private readonly langs: readonly Lang[]) {}
  canSpeak(lang: Lang) {
    return this.langs.includes(lang);
  }
  speak(lines: readonly string[], lang: Lang, settings: { rate: number }) {
    this.said.push({ lines, lang, rate: settings.rate });
    return Promise.resolve();
  }
  stop() {
    this.stops += 1;
  }
}

function setUp(langs: readonly Lang[] = ['zh-CN', 'en']) {
  const engine = new RecordingEngine(langs);
  const i18n = setupI18n('en', resources);
  const controller = new SpeechController(() => [engine], () => i18n.t);
  return { engine, controller, t: i18n.t };
}

const page = (heading: string, body: ReactElement | null = null) => (
  <main id="main">
    <h1>{heading}</h1>
    {body}
  </main>
);

describe('the speech controller', () => {
  it('says nothing until speech is on; then the whole screen once, with the keys explained on the first screen only', () => {
    const { engine, controller, t } = setUp();
    const { rerender } = render(page('What do you need to do?', <button type="button">Continue</button>));
    controller.screen();
    expect(engine.said).toEqual([]);
    controller.set({ ...SPEECH_DEFAULTS, on: true }, 'en', false);
    expect(engine.said.at(-1)?.lines).toEqual(['What do you need to do?', 'Continue, button', t('speech.keysHint')]);
    // The same screen again (a re-render) is not said again.
    controller.screen();
    expect(engine.said).toHaveLength(1);
    rerender(page('Check your answers', <button type="button">Submit</button>));
    controller.screen();
    expect(engine.said.at(-1)?.lines).toEqual(['Check your answers', 'Submit, button']);
    // The next resident hears the keys explained again.
    controller.newSession();
    controller.screen();
    expect(engine.said.at(-1)?.lines.at(-1)).toBe(t('speech.keysHint'));
  });

  it('an open dialog is the screen; closing it says the page again', () => {
    const { engine, controller } = setUp();
    const dialog = (
      <div role="alertdialog" aria-labelledby="d-title">
        <h2 id="d-title">Do you need more time?</h2>
        <button type="button">More time</button>
      </div>
    );
    const { rerender } = render(page('Your phone number'));
    controller.set({ ...SPEECH_DEFAULTS, on: true }, 'en', false);
    rerender(
      <>
        {page('Your phone number')}
        {dialog}
      </>,
    );
    controller.screen();
    expect(engine.said.at(-1)?.lines).toEqual(['Do you need more time?', 'More time, button']);
    rerender(page('Your phone number'));
    controller.screen();
    expect(engine.said.at(-1)?.lines[0]).toBe('Your phone number');
  });

  it('a status or error that appears is said on its own; the focus says the control it reached', () => {
    const { engine, controller, t } = setUp();
    const { rerender } = render(page('Pay', <p role="status">Waiting for payment</p>));
    controller.set({ ...SPEECH_DEFAULTS, on: true }, 'en', false);
    rerender(page('Pay', <p role="status">Paid</p>));
    controller.changes();
    expect(engine.said.at(-1)?.lines).toEqual(['Paid']);
    rerender(
      page(
        'Pay',
        <>
          <p role="status">Paid</p>
          <button type="button" aria-pressed="true">
            Larger text
          </button>
        </>,
      ),
    );
    controller.changes();
    expect(engine.said.at(-1)?.lines).toEqual(['Paid']);
    controller.focused(document.querySelector('button')!);
    expect(engine.said.at(-1)?.lines).toEqual([t('speech.checked', { label: 'Larger text' })]);
    // The heading taking focus on a new screen is not a control.
    const before = engine.said.length;
    controller.focused(document.querySelector('h1')!);
    expect(engine.said).toHaveLength(before);
  });

  it('a personal detail is said only while a headset is plugged in, and plugging one in says the screen again', () => {
    const { engine, controller, t } = setUp();
    render(page('Check your answers', <p data-personal>张三</p>));
    controller.set({ ...SPEECH_DEFAULTS, on: true }, 'en', false);
    expect(engine.said.at(-1)?.lines).toContain(t('speech.personalHidden'));
    expect(engine.said.at(-1)?.lines.join(' ')).not.toContain('张三');
    controller.set({ ...SPEECH_DEFAULTS, on: true }, 'en', true);
    expect(engine.said.at(-1)?.lines).toContain('张三');
  });

  it('speaks in the session language at the chosen rate; a language without a voice is not spoken in another', () => {
    const { engine, controller } = setUp(['zh-CN', 'en']);
    render(page('手続きを選んでください'));
    controller.set({ ...SPEECH_DEFAULTS, on: true, rate: 1.25 }, 'ja', false);
    expect(controller.engine()).toBeNull();
    expect(engine.said).toEqual([]);
    controller.set({ ...SPEECH_DEFAULTS, on: true, rate: 1.25 }, 'zh-CN', false);
    expect(engine.said.at(-1)).toMatchObject({ lang: 'zh-CN', rate: 1.25 });
    // Off stops what is being said.
    const stops = engine.stops;
    controller.set(SPEECH_DEFAULTS, 'zh-CN', false);
    expect(engine.stops).toBeGreaterThan(stops);
  });

  it('rate and volume move in steps and stay within bounds', () => {
    expect(stepRate(1, 1)).toBe(1.25);
    expect(stepRate(1.5, 1)).toBe(1.5);
    expect(stepRate(0.75, -1)).toBe(0.75);
    expect(stepVolume(1, 1)).toBe(1);
    expect(stepVolume(0.25, -1)).toBe(0.25);
    expect(stepVolume(0.5, 1)).toBe(0.75);
  });

  it('a line longer than one request is split after a sentence, never lost', () => {
    const sentence = '请在读卡器上放好身份证。';
    const long = sentence.repeat(Math.ceil((SPEECH_MAX_CHARS * 2) / sentence.length));
    const parts = splitLine(long);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(SPEECH_MAX_CHARS);
      expect(part.endsWith('。')).toBe(true);
    }
    expect(parts.join('')).toBe(long);
    // No punctuation at all: cut at the limit.
    expect(splitLine('x'.repeat(SPEECH_MAX_CHARS + 5)).map((p) => p.length)).toEqual([SPEECH_MAX_CHARS, 5]);
  });
});

describe('the engines', () => {
  it("the platform's voice for each kiosk language, by the tags Windows and speech-dispatcher give", () => {
    const voices = [{ lang: 'en-GB' }, { lang: 'cmn' }, { lang: 'yue' }, { lang: 'ko-KR' }, { lang: 'ru_RU' }];
    expect(pickVoice(voices, 'zh-CN')).toBe(1);
    expect(pickVoice(voices, 'zh-HK')).toBe(2);
    expect(pickVoice(voices, 'en')).toBe(0);
    expect(pickVoice(voices, 'ko')).toBe(3);
    expect(pickVoice(voices, 'ru')).toBe(4);
    expect(pickVoice(voices, 'ja')).toBe(-1);
    // Mandarin is never read with a Cantonese voice, or the reverse.
    expect(pickVoice([{ lang: 'yue' }], 'zh-CN')).toBe(-1);
    expect(pickVoice([{ lang: 'zh-CN' }], 'zh-HK')).toBe(-1);
  });

  it("the host's engine says the lines in order, each as its own WAV, and stops when cut off", async () => {
    const asked: string[] = [];
    const client = {
      invoke: (_command: string, request: { text: string }) => {
        asked.push(request.text);
        return Promise.resolve({ ok: true, value: { ok: true, wavBase64: btoa(request.text.length > 1 ? 'RIFF' : 'R') } });
      },
      on: () => () => undefined,
    } as unknown as KioskApi;
    const played: number[] = [];
    let cut: (() => void) | null = null;
    const engine = new HostSpeech(client, ['en'], (wav, _volume, signal) => {
      played.push(wav.length);
      // The second line plays until it is cut off.
      if (played.length === 2) return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      return Promise.resolve();
    });
    expect(engine.canSpeak('en')).toBe(true);
    expect(engine.canSpeak('ja')).toBe(false);
    const speaking = engine.speak(['One', 'Two', 'Three', 'Four'], 'en', { rate: 1, volume: 1 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    cut = () => engine.stop();
    cut();
    await speaking;
    expect(played).toEqual([4, 4]);
    // Every line is asked for at once, in order; nothing after the cut is played.
    expect(asked).toEqual(['One', 'Two', 'Three', 'Four']);
  });
});

describe('voices that come late', () => {
  it('a screen that no engine could say is said once a voice arrives', () => {
    const engine = new RecordingEngine([]);
    const i18n = setupI18n('en', resources);
    let engines: RecordingEngine[] = [engine];
    const controller = new SpeechController(() => engines, () => i18n.t);
    render(page('What do you need to do?'));
    controller.set({ ...SPEECH_DEFAULTS, on: true }, 'en', false);
    expect(engine.said).toEqual([]);
    const voiced = new RecordingEngine(['en']);
    engines = [voiced];
    controller.voicesChanged();
    expect(voiced.said.at(-1)?.lines).toEqual(['What do you need to do?', i18n.t('speech.keysHint')]);
    // Once said, new voices do not say it again.
    controller.voicesChanged();
    expect(voiced.said).toHaveLength(1);
  });
});

describe('a language with no voice', () => {
  it('is said so, in Chinese and in English, each in its own voice, once for that language', async () => {
    const engine = new RecordingEngine(['zh-CN', 'en']);
    const i18n = setupI18n('en', resources);
    const controller = new SpeechController(() => [engine], () => i18n.t);
    render(page('手続きを選んでください'));
    controller.set({ ...SPEECH_DEFAULTS, on: true }, 'ja', false);
    const textsIn = (lang: Lang) => i18n.getFixedT(lang);
    controller.sayNoVoice(textsIn);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(engine.said.map((s) => [s.lang, s.lines])).toEqual([
      ['zh-CN', [i18n.getFixedT('zh-CN')('access.noVoice')]],
      ['en', [i18n.getFixedT('en')('access.noVoice')]],
    ]);
    controller.sayNoVoice(textsIn);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(engine.said).toHaveLength(2);
    // English texts not loaded: the notice in Chinese only.
    controller.newSession();
    controller.sayNoVoice((lang) => (lang === 'zh-CN' ? i18n.getFixedT(lang) : null));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(engine.said.at(-1)?.lang).toBe('zh-CN');
    expect(engine.said).toHaveLength(3);
  });
});
