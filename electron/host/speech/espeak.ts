import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { LANGS, type Lang } from '../../../shared/contract/schemas';
import { SPEECH_MAX_CHARS, type SpeechRate, type SpeechSynthesizer, type SynthesisResult } from '../../../shared/speech/speech';
import type { Logger } from '../log/logger';
import { finishWav, parseWavHeader } from './wav';

/*
 * espeak-ng is GPL: it runs as its own process and is never linked or bundled. Checked against
 * Debian's espeak-ng 1.51 (`espeak-ng -q -x --stdin -v <voice>` prints the phonemes):
 *
 * | kiosk | voice           | 你好 / sample                | why                                      |
 * |-------|-----------------|------------------------------|------------------------------------------|
 * | zh-CN | cmn-latn-pinyin | n'i35 X'Au214                | plain `cmn` says "ni three hao three"     |
 * | zh-HK | yue             | n'ei5 h'ou2                  | Cantonese                                |
 * | en    | en-us           |                              |                                          |
 * | ko    | ko              | 안녕하세요 'annj@Nh,asej,o    |                                          |
 * | ru    | ru              | Здравствуйте zd@-r'Avstvujt;i |                                          |
 * | ja    | (none)          | 你好 "Chinese letter" ×2      | kanji are not read: noVoice, not nonsense |
 *
 * The text goes in on stdin, never in argv (which the process list shows), and without `-m`,
 * so that markup in a name is read as text. `--stdout` streams a WAV whose RIFF and data sizes
 * are placeholders (0x7ffff000): the sizes are set from what arrived.
 */

/** The espeak-ng voice of each kiosk language; undefined where it has none worth hearing. */
export const ESPEAK_VOICES: { readonly [L in Lang]: string | undefined } = {
  'zh-CN': 'cmn-latn-pinyin',
  'zh-HK': 'yue',
  en: 'en-us',
  ko: 'ko',
  ja: undefined,
  ru: 'ru',
};

/** espeak-ng's own pace in words a minute, which a rate of 1 keeps. */
export const ESPEAK_DEFAULT_WPM = 175;

/** The `-s` value for a rate: the default pace scaled, within the bounds the kiosk offers. */
export function espeakWordsPerMinute(rate: SpeechRate): number {
  const bounded = Number.isFinite(rate) ? Math.min(1.5, Math.max(0.75, rate)) : 1;
  return Math.round(ESPEAK_DEFAULT_WPM * bounded);
}

/** The full command line for one synthesis; the text is not part of it. */
export function espeakArgs(voice: string, rate: SpeechRate): string[] {
  return ['--stdin', '--stdout', '-b', '1', '-v', voice, '-s', String(espeakWordsPerMinute(rate))];
}

/** A request the synthesizer will not serve; the message gives sizes, never the text. */
export class SpeechError extends Error {
  override readonly name = 'SpeechError';

  constructor(
    readonly code: 'tooLong' | 'empty' | 'aborted',
    message: string,
  ) {
    super(message);
  }
}

export interface EspeakOptions {
  /** The program to run; a path, or a name looked up on PATH. */
  binary?: string;
  /** How long one run may take from its start (not counting its wait in the queue). */
  timeoutMs?: number;
  /** Output beyond this is treated as a failure (2000 slow Chinese characters make about 22 MB). */
  maxWavBytes?: number;
  /** Starts the timeout of one run and returns what cancels it; tests fire it by hand. */
  startTimer?: (ms: number, onTimeout: () => void) => () => void;
  log?: Logger;
}

const realTimer = (ms: number, onTimeout: () => void) => {
  const timer = setTimeout(onTimeout, ms);
  return () => clearTimeout(timer);
};

interface Job {
  args: string[];
  text: string;
  lang: Lang;
  signal: AbortSignal | undefined;
  resolve: (result: SynthesisResult) => void;
  reject: (error: SpeechError) => void;
  onWaitAbort: () => void;
}

type Outcome = { result: SynthesisResult } | { error: SpeechError };

// Spawn errors that mean the program is not there or cannot be run at all, as opposed to a
// passing shortage (EAGAIN, EMFILE) that the next request may not meet.
const ENGINE_MISSING = new Set(['ENOENT', 'EACCES', 'ENOTDIR', 'EISDIR', 'ENOEXEC']);

const aborted = () => new SpeechError('aborted', 'Speech was called off before it finished.');
const failed: SynthesisResult = { ok: false, reason: 'failed' };

/**
 * Speech from Debian's `espeak-ng`, one process at a time, in the order asked (FIFO).
 *
 * - Text over {@link SPEECH_MAX_CHARS} or with nothing to say rejects with a {@link SpeechError}
 *   (`tooLong`, `empty`): a caller's mistake, which the contract also bounds.
 * - An abort, waiting or running, kills the process and rejects with `aborted`.
 * - A timeout, an exit code other than 0, or output that is not a PCM WAV answers `failed`.
 * - A program that cannot be started answers `noEngine`, and every later request does too
 *   without trying again, and {@link languages} becomes empty: installing espeak-ng takes
 *   a restart of the host.
 * - A running request settles only once its process is gone.
 */
export class EspeakSynthesizer implements SpeechSynthesizer {
  private readonly binary: string;
  private readonly timeoutMs: number;
  private readonly maxWavBytes: number;
  private readonly startTimer: (ms: number, onTimeout: () => void) => () => void;
  private readonly log: Logger | undefined;
  private readonly waiting: Job[] = [];
  private running = false;
  private engineMissing = false;

  constructor(opts: EspeakOptions = {}) {
    this.binary = opts.binary ?? 'espeak-ng';
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.maxWavBytes = opts.maxWavBytes ?? 64 * 1024 * 1024;
    this.startTimer = opts.startTimer ?? realTimer;
    this.log = opts.log;
  }

  languages(): readonly Lang[] {
    return this.engineMissing ? [] : LANGS.filter((lang) => ESPEAK_VOICES[lang] !== undefined);
  }

  async synthesize(text: string, lang: Lang, options: { rate: SpeechRate }, signal?: AbortSignal): Promise<SynthesisResult> {
    if (text.length > SPEECH_MAX_CHARS) {
      throw new SpeechError('tooLong', `The text to speak has ${text.length} characters; the limit is ${SPEECH_MAX_CHARS}. Split it.`);
    }
    if (text.trim() === '') throw new SpeechError('empty', 'There is no text to speak.');
    const voice = ESPEAK_VOICES[lang];
    if (voice === undefined) return { ok: false, reason: 'noVoice' };
    if (this.engineMissing) return { ok: false, reason: 'noEngine' };
    if (signal?.aborted) throw aborted();
    return new Promise<SynthesisResult>((resolve, reject) => {
      const job: Job = {
        args: espeakArgs(voice, options.rate),
        text,
        lang,
        signal,
        resolve,
        reject,
        onWaitAbort: () => {
          const at = this.waiting.indexOf(job);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(aborted());
        },
      };
      signal?.addEventListener('abort', job.onWaitAbort, { once: true });
      this.waiting.push(job);
      this.next();
    });
  }

  private next(): void {
    if (this.running) return;
    const job = this.waiting.shift();
    if (!job) return;
    job.signal?.removeEventListener('abort', job.onWaitAbort);
    if (this.engineMissing) {
      job.resolve({ ok: false, reason: 'noEngine' });
      this.next();
      return;
    }
    this.running = true;
    void this.run(job).then(() => {
      this.running = false;
      this.next();
    });
  }

  /** Runs one job; resolves (never rejects) once the job is settled and its process is gone. */
  private run(job: Job): Promise<void> {
    return new Promise<void>((done) => {
      const startedAt = performance.now();
      const fields = { lang: job.lang, chars: job.text.length };
      let settled = false;
      let forced: Outcome | undefined;
      let exited = false;
      let cancelTimer: () => void = () => undefined;
      const onAbort = () => force({ error: aborted() }, 'aborted');

      const settle = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        cancelTimer();
        job.signal?.removeEventListener('abort', onAbort);
        if ('error' in outcome) job.reject(outcome.error);
        else job.resolve(outcome.result);
        done();
      };
      const fail = (why: string, extra: Record<string, string | number | null> = {}) => {
        this.log?.warn('speech:failed', { ...fields, why, ...extra });
        settle({ result: failed });
      };

      let child: ChildProcess;
      try {
        child = spawn(this.binary, job.args, { stdio: ['pipe', 'pipe', 'ignore'], shell: false, windowsHide: true });
      } catch (error) {
        fail('spawn', { code: (error as NodeJS.ErrnoException).code ?? null });
        return;
      }

      // Kills the process and settles with `outcome` once it has exited.
      const force = (outcome: Outcome, why: string) => {
        if (settled || forced) return;
        forced = outcome;
        if ('result' in outcome) this.log?.warn('speech:failed', { ...fields, why });
        child.kill('SIGKILL');
        child.stdout?.destroy();
        if (exited) settle(outcome);
      };

      child.on('error', (error: NodeJS.ErrnoException) => {
        if (child.pid !== undefined) return; // a failed kill; 'exit' still comes
        const code = error.code ?? 'unknown';
        if (ENGINE_MISSING.has(code)) {
          this.engineMissing = true;
          this.log?.error('speech:noEngine', { binary: this.binary, code });
          settle({ result: { ok: false, reason: 'noEngine' } });
        } else {
          fail('spawn', { code });
        }
      });
      child.on('exit', () => {
        exited = true;
        if (forced) settle(forced);
      });

      const chunks: Buffer[] = [];
      let bytes = 0;
      child.stdout?.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > this.maxWavBytes) force({ result: failed }, 'tooLarge');
        else chunks.push(chunk);
      });
      child.on('close', (exitCode: number | null, signal: NodeJS.Signals | null) => {
        if (forced || settled) return;
        if (exitCode !== 0) {
          fail('exit', { exitCode, signal });
          return;
        }
        const wav = Buffer.concat(chunks);
        const info = parseWavHeader(wav);
        if (!info) {
          fail('notWav', { bytes });
          return;
        }
        this.log?.debug('speech:done', { ...fields, bytes: info.dataBytes, ms: Math.round(performance.now() - startedAt) });
        settle({ result: { ok: true, wav: finishWav(wav, info) } });
      });

      // An engine that quits without reading its input breaks the pipe; its exit code and
      // output say what happened.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(job.text, 'utf8');

      cancelTimer = this.startTimer(this.timeoutMs, () => force({ result: failed }, 'timeout'));
      if (job.signal?.aborted) onAbort();
      else job.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
