import type { KioskApi } from '../../../shared/contract';
import type { Lang } from '../../../shared/contract/schemas';
import type { SpeechRate } from '../../../shared/speech/speech';

export interface SpeakSettings {
  rate: SpeechRate;
  /** 0 to 1. */
  volume: number;
}

/** Speaks lines of text aloud; a new `speak` or `stop` cuts off what is being said. */
export interface SpeechEngine {
  readonly name: 'platform' | 'host';
  canSpeak(lang: Lang): boolean;
  /** Resolves when every line was said, or when cut off. */
  speak(lines: readonly string[], lang: Lang, settings: SpeakSettings): Promise<void>;
  stop(): void;
}

/**
 * The voice tags a platform may give each kiosk language: Windows names them zh-CN, zh-HK,
 * Linux's speech-dispatcher gives espeak's cmn and yue.
 */
const VOICE_TAGS: Record<Lang, readonly string[]> = {
  'zh-CN': ['zh-cn', 'cmn', 'zh', 'zh-hans'],
  'zh-HK': ['zh-hk', 'yue', 'zh-yue', 'zh-hant-hk'],
  en: ['en', 'en-us', 'en-gb'],
  ko: ['ko', 'ko-kr'],
  ja: ['ja', 'ja-jp'],
  ru: ['ru', 'ru-ru'],
};

/** The platform voice for a language, when the platform has one. */
export function pickVoice(voices: readonly Pick<SpeechSynthesisVoice, 'lang'>[], lang: Lang): number {
  const tags = VOICE_TAGS[lang];
  for (const tag of tags) {
    const index = voices.findIndex((v) => v.lang.toLowerCase().replace('_', '-') === tag);
    if (index >= 0) return index;
  }
  // A regional voice of the language (en-AU for en), never another language's.
  if (lang === 'en' || lang === 'ko' || lang === 'ja' || lang === 'ru') return voices.findIndex((v) => v.lang.toLowerCase().startsWith(`${lang}-`));
  return -1;
}

/** Web Speech: the platform's own voices (Windows ships Chinese ones). */
export class PlatformSpeech implements SpeechEngine {
  readonly name = 'platform';
  constructor(private readonly synth: SpeechSynthesis) {}

  canSpeak(lang: Lang): boolean {
    return pickVoice(this.synth.getVoices(), lang) >= 0;
  }

  speak(lines: readonly string[], lang: Lang, settings: SpeakSettings): Promise<void> {
    this.synth.cancel();
    const voices = this.synth.getVoices();
    const voice = voices[pickVoice(voices, lang)];
    if (!voice || lines.length === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      lines.forEach((line, i) => {
        const u = new SpeechSynthesisUtterance(line);
        u.voice = voice;
        u.lang = voice.lang;
        u.rate = settings.rate;
        u.volume = settings.volume;
        if (i === lines.length - 1) {
          u.onend = () => resolve();
          u.onerror = () => resolve();
        }
        this.synth.speak(u);
      });
    });
  }

  stop(): void {
    this.synth.cancel();
  }
}

/** Plays one WAV; resolves when it ended or was stopped. */
export type WavPlayer = (wav: Uint8Array<ArrayBuffer>, volume: number, signal: AbortSignal) => Promise<void>;

/** Plays through an audio element, on the sound device the system chose (the headset when plugged). */
export const playWav: WavPlayer = (wav, volume, signal) =>
  new Promise<void>((resolve) => {
    const url = URL.createObjectURL(new Blob([wav], { type: 'audio/wav' }));
    const audio = new Audio(url);
    audio.volume = volume;
    // The address is given back once the element has read the WAV (or failed to): revoked
    // earlier, a line cut off while still loading would fail to load, loudly.
    let read = false;
    let finished = false;
    const release = () => {
      if (read && finished) URL.revokeObjectURL(url);
    };
    const loaded = () => {
      read = true;
      release();
    };
    audio.addEventListener('canplaythrough', loaded, { once: true });
    const done = () => {
      if (finished) return;
      finished = true;
      audio.pause();
      signal.removeEventListener('abort', done);
      if (audio.readyState >= HTMLMediaElement.HAVE_ENOUGH_DATA) read = true;
      release();
      resolve();
    };
    audio.onended = done;
    audio.onerror = () => {
      loaded();
      done();
    };
    signal.addEventListener('abort', done, { once: true });
    audio.play().catch(done);
  });

const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

/** The host's engine (espeak-ng on Linux), one line at a time, each played as it arrives. */
export class HostSpeech implements SpeechEngine {
  readonly name = 'host';
  private current: AbortController | null = null;

  constructor(
    private readonly client: KioskApi,
    private readonly languages: readonly Lang[],
    private readonly play: WavPlayer = playWav,
  ) {}

  canSpeak(lang: Lang): boolean {
    return this.languages.includes(lang);
  }

  async speak(lines: readonly string[], lang: Lang, settings: SpeakSettings): Promise<void> {
    this.stop();
    const run = new AbortController();
    this.current = run;
    // All of a screen's lines are asked for at once (the host makes them one after another, a
    // few milliseconds each), so each is ready when the one before has been played.
    const wavs = lines.map((line) => this.synthesize(line, lang, settings));
    for (const next of wavs) {
      const wav = await next;
      if (run.signal.aborted) return;
      if (wav) await this.play(wav, settings.volume, run.signal);
      if (run.signal.aborted) return;
    }
  }

  stop(): void {
    this.current?.abort();
    this.current = null;
  }

  private async synthesize(text: string, lang: Lang, settings: SpeakSettings): Promise<Uint8Array<ArrayBuffer> | null> {
    const r = await this.client.invoke('speech:synthesize', { text, lang, rate: settings.rate });
    return r.ok && r.value.ok ? fromBase64(r.value.wavBase64) : null;
  }
}

/** The engine for a language: the platform's voice where it has one, else the host's, else none. */
export function engineFor(lang: Lang, engines: readonly SpeechEngine[]): SpeechEngine | null {
  return engines.find((e) => e.canSpeak(lang)) ?? null;
}
