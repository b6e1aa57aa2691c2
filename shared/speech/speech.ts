import type { Lang } from '../contract/schemas';

/** How fast speech goes: 1 is the engine's normal pace; the resident chooses within these bounds. */
export const SPEECH_RATES = [0.75, 1, 1.25, 1.5] as const;
export type SpeechRate = (typeof SPEECH_RATES)[number];

/**
 * The longest text one synthesis request may carry: a screen is spoken a sentence at a time,
 * and longer sentences are split (about a minute of speech, under 4 MB of WAV).
 */
export const SPEECH_MAX_CHARS = 600;

/** Why a text could not be turned into speech. */
export type SpeechUnavailable =
  /** The engine has no voice for this language (Japanese on espeak-ng). */
  | 'noVoice'
  /** No speech engine is installed or it cannot start. */
  | 'noEngine'
  /** The engine ran and failed, or did not finish in time. */
  | 'failed';

export type SynthesisResult = { ok: true; wav: Uint8Array } | { ok: false; reason: SpeechUnavailable };

/** Turns text into audio in one language; the host's is espeak-ng, run as a separate process. */
export interface SpeechSynthesizer {
  /** The languages it has a voice for. */
  languages(): readonly Lang[];
  synthesize(text: string, lang: Lang, options: { rate: SpeechRate }, signal?: AbortSignal): Promise<SynthesisResult>;
}
