import type { TFunction } from 'i18next';
import type { Lang } from '../../../shared/contract/schemas';
import { SPEECH_MAX_CHARS, SPEECH_RATES, type SpeechRate } from '../../../shared/speech/speech';
import { describeControl, describeScreen } from './describe';
import { engineFor, type SpeechEngine } from './engines';
import { spokenLines, spokenPart } from './spoken-text';

export interface SpeechState {
  on: boolean;
  rate: SpeechRate;
  /** 0.25 to 1, in quarters. */
  volume: number;
}

export const SPEECH_DEFAULTS: SpeechState = { on: false, rate: 1, volume: 0.75 };

/** The next rate up or down, within the offered ones. */
export function stepRate(rate: SpeechRate, by: 1 | -1): SpeechRate {
  const i = SPEECH_RATES.indexOf(rate);
  return SPEECH_RATES[Math.min(SPEECH_RATES.length - 1, Math.max(0, i + by))]!;
}

/** The next volume up or down, a quarter at a time, never silent. */
export const stepVolume = (volume: number, by: 1 | -1) => Math.min(1, Math.max(0.25, volume + by * 0.25));

/** A line the engine takes in one request: long ones split after a sentence, else at the limit. */
export function splitLine(line: string, max = SPEECH_MAX_CHARS): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const head = rest.slice(0, max);
    const stop = Math.max(...['。', '！', '？', '. ', '! ', '? ', '；', '; ', '，', ', '].map((p) => head.lastIndexOf(p)));
    const at = stop > 0 ? stop + 1 : max;
    out.push(rest.slice(0, at).trim());
    rest = rest.slice(at);
  }
  if (rest.trim()) out.push(rest.trim());
  return out;
}

/**
 * Speaks what is on the screen: all of it when the screen (or an open dialog) changes, a
 * status or error when one appears, and the control the focus moves to. It reads the DOM the
 * resident sees (describe.ts), so speech and screen say the same.
 */
export class SpeechController {
  private state: SpeechState = SPEECH_DEFAULTS;
  private lang: Lang = 'zh-CN';
  private privateListening = false;
  private lastScreen = '';
  private live = new Map<Element, string>();
  /** The keys are explained once per session, at the end of the first screen spoken. */
  private hinted = false;
  /** Something was to be said while no engine had a voice for it. */
  private unsaid = false;
  /** The voiceless language whose notice was said last. */
  private noVoiceSaidFor: Lang | null = null;
  /** What was last said, for tests and for Repeat. */
  spoken: string[] = [];

  constructor(
    private readonly engines: () => readonly SpeechEngine[],
    private readonly t: () => TFunction,
    private readonly doc: Document = document,
  ) {}

  set(state: SpeechState, lang: Lang, privateListening: boolean): void {
    const turnedOn = state.on && !this.state.on;
    const changed = state.rate !== this.state.rate || state.volume !== this.state.volume || lang !== this.lang || privateListening !== this.privateListening;
    this.state = state;
    this.lang = lang;
    this.privateListening = privateListening;
    if (!state.on) {
      this.stop();
      return;
    }
    if (turnedOn || changed) this.screen(true);
  }

  /**
   * The session's language has no voice: say so, in Chinese and in English (each in its own
   * voice, where there is one and its texts are loaded), once for each language chosen.
   */
  sayNoVoice(textsIn: (lang: Lang) => TFunction | null): void {
    if (!this.state.on || this.engine() || this.noVoiceSaidFor === this.lang) return;
    const notices = (['zh-CN', 'en'] as const).flatMap((lang) => {
      const engine = engineFor(lang, this.engines());
      const t = textsIn(lang);
      return engine && t ? [{ lang, engine, line: t('access.noVoice') }] : [];
    });
    if (notices.length === 0) return;
    this.noVoiceSaidFor = this.lang;
    this.spoken = notices.map((n) => n.line);
    const settings = this.state;
    void notices.reduce<Promise<void>>((before, n) => before.then(() => n.engine.speak([n.line], n.lang, settings)), Promise.resolve());
  }

  /** The engines or their voices changed: a screen that could not be said is said now. */
  voicesChanged(): void {
    if (this.state.on && this.unsaid) this.screen(true);
  }

  /** The engine for the session's language, or null when none has a voice for it. */
  engine(): SpeechEngine | null {
    return engineFor(this.lang, this.engines());
  }

  /** Speaks the whole screen; unless forced, only when it is not the one spoken last. */
  screen(force = false): void {
    const description = describeScreen(this.doc);
    if (!description) return;
    const key = `${description.heading}\u0000${this.doc.querySelector('[role="alertdialog"], [role="dialog"]') ? 'dialog' : 'page'}`;
    this.rememberLive();
    if (!force && key === this.lastScreen) return;
    this.lastScreen = key;
    if (!this.state.on) return;
    const lines = spokenLines(description, this.t(), { private: this.privateListening });
    if (!this.hinted) lines.push(this.t()('speech.keysHint'));
    this.say(lines);
    if (!this.unsaid) this.hinted = true;
  }

  /** A status, error or count that appeared or changed on the screen is said on its own. */
  changes(): void {
    if (!this.state.on) return;
    const before = this.live;
    this.rememberLive();
    const said: string[] = [];
    for (const [el, text] of this.live) {
      if (text && before.get(el) !== text) said.push(text);
    }
    if (said.length > 0) this.say(said);
  }

  /** The control the focus moved to, said on its own (a keypad user hears where they are). */
  focused(el: Element): void {
    if (!this.state.on || el.tagName === 'H1') return;
    const part = describeControl(el);
    if (!part) return;
    this.say([spokenPart(part, this.t(), { private: this.privateListening })]);
  }

  stop(): void {
    for (const engine of this.engines()) engine.stop();
  }

  /** A new resident: the key hint is said again. */
  newSession(): void {
    this.hinted = false;
    this.noVoiceSaidFor = null;
    this.lastScreen = '';
  }

  private rememberLive(): void {
    const next = new Map<Element, string>();
    for (const el of this.doc.querySelectorAll('[role="status"], [role="alert"], [aria-live="polite"], [aria-live="assertive"]')) {
      // A countdown that ticks every second is read when its dialog opens, not at every tick.
      if (el.closest('[role="timer"]') || el.getAttribute('aria-live') === 'off') continue;
      if (el.closest('[role="alertdialog"], [role="dialog"]') && el.getAttribute('aria-live') === 'polite') continue;
      next.set(el, (el.textContent ?? '').replace(/\s+/g, ' ').trim());
    }
    this.live = next;
  }

  private say(lines: string[]): void {
    const engine = this.engine();
    // Nothing can say it yet (the voices are still coming, or there are none for the language).
    this.unsaid = engine === null;
    if (!engine) return;
    this.spoken = lines;
    for (const other of this.engines()) if (other !== engine) other.stop();
    void engine.speak(lines.flatMap((line) => splitLine(line)), this.lang, this.state);
  }
}
