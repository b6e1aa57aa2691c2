import { z } from 'zod';
import { SPEECH_MAX_CHARS, SPEECH_RATES, type SpeechRate } from '../speech/speech';
import { langSchema } from './lang';

export const speechRateSchema = z.number().refine((rate): rate is SpeechRate => (SPEECH_RATES as readonly number[]).includes(rate), { message: `The rate is one of ${SPEECH_RATES.join(', ')}.` });

/** The languages the host's speech engine has a voice for (none when it has no engine). */
export const speechVoicesSchema = z.object({ languages: z.array(langSchema) });

/** One text to speak, in one language: a screen is spoken as several. */
export const speechRequestSchema = z
  .object({
    text: z
      .string()
      .max(SPEECH_MAX_CHARS)
      .refine((text) => text.trim().length > 0, { message: 'There is nothing to say.' }),
    lang: langSchema,
    rate: speechRateSchema,
  })
  .strict();

export const speechResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), wavBase64: z.string() }),
  z.object({ ok: z.literal(false), reason: z.enum(['noVoice', 'noEngine', 'failed']) }),
]);
