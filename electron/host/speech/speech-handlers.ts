import type { CommandResponse } from '../../../shared/contract';
import type { Lang } from '../../../shared/contract/schemas';
import type { SpeechRate, SpeechSynthesizer } from '../../../shared/speech/speech';
import { errorKind, type Logger } from '../log/logger';

/** `speech:voices` and `speech:synthesize`: the screen's text as a WAV, from the host's engine. */
export function speechHandlers(synthesizer: SpeechSynthesizer, log: Logger) {
  let probed: Promise<void> | undefined;
  return {
    'speech:voices': async (): Promise<CommandResponse<'speech:voices'>> => {
      // An engine that is not installed shows only when it is first run: run it once, on a
      // word, before saying which languages it speaks.
      probed ??= synthesizer.synthesize('OK', 'en', { rate: 1 }).then(
        () => undefined,
        () => undefined,
      );
      await probed;
      return { languages: [...synthesizer.languages()] };
    },
    'speech:synthesize': async ({ text, lang, rate }: { text: string; lang: Lang; rate: SpeechRate }): Promise<CommandResponse<'speech:synthesize'>> => {
      let result;
      try {
        result = await synthesizer.synthesize(text, lang, { rate });
      } catch (error) {
        // The contract bounds the text already; whatever else went wrong, the screen goes on silent.
        log.warn('speech.failed', { lang, error: errorKind(error) });
        return { ok: false, reason: 'failed' };
      }
      if (result.ok) return { ok: true, wavBase64: Buffer.from(result.wav).toString('base64') };
      // The text may hold a resident's details: only the language and the reason are logged.
      if (result.reason !== 'noVoice') log.warn('speech.unavailable', { lang, reason: result.reason });
      return { ok: false, reason: result.reason };
    },
  };
}
