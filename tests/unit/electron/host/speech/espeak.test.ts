import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../../integration/helpers';
import { ESPEAK_VOICES, EspeakSynthesizer, SpeechError, espeakArgs } from '../../../../../electron/host/speech/espeak';
import { parseWavHeader, type WavInfo } from '../../../../../electron/host/speech/wav';
import { createLogger } from '../../../../../electron/host/log/logger';
import { SPEECH_MAX_CHARS, type SynthesisResult } from '../../../../../shared/speech/speech';

// A fictional resident: neither may ever show up in an error, a log line or a command line.
const NAME = '张三';
const ID_NUMBER = '110101199003077777';
const PRIVATE_TEXT = `${NAME}，身份证号码${ID_NUMBER}，请取走您的证件。`;

const dirs: string[] = [];
const pids: number[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-speech-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  // A safety net only: every test waits for its own processes to be gone.
  for (const pid of pids.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A stand-in engine: a shell script run in `dir`, with `wav` there holding a valid WAV. */
function fakeEngine(dir: string, body: string): string {
  fs.writeFileSync(path.join(dir, 'wav'), tinyWav());
  const file = path.join(dir, 'engine');
  fs.writeFileSync(file, `#!/bin/sh\ncd '${dir}'\n${body}\n`, { mode: 0o755 });
  return file;
}

/** An engine that notes its process id in `pid` and then sleeps until it is killed. */
function sleepingEngine(dir: string): string {
  return fakeEngine(dir, 'echo $$ > pid.tmp && mv pid.tmp pid\nexec sleep 1000');
}

async function pidOf(dir: string): Promise<number> {
  const file = path.join(dir, 'pid');
  await waitUntil(() => fs.existsSync(file), 'the fake engine to start');
  const pid = Number(fs.readFileSync(file, 'utf8'));
  pids.push(pid);
  return pid;
}

/** 0.01 s of 16-bit mono silence at 22050 Hz. */
function tinyWav(): Buffer {
  const data = 2 * 220;
  const wav = Buffer.alloc(44 + data);
  wav.write('RIFF', 0, 'latin1');
  wav.writeUInt32LE(36 + data, 4);
  wav.write('WAVEfmt ', 8, 'latin1');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(22050, 24);
  wav.writeUInt32LE(44100, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'latin1');
  wav.writeUInt32LE(data, 40);
  return wav;
}

/** A timer the test fires by hand, so that no test waits on the clock. */
function manualTimer() {
  const fired: (() => void)[] = [];
  return { startTimer: (_ms: number, onTimeout: () => void) => (fired.push(onTimeout), () => undefined), fire: () => fired.shift()?.() };
}

function wavOf(result: SynthesisResult): { wav: Uint8Array; info: WavInfo } {
  if (!result.ok) throw new Error(`Synthesis answered ${result.reason}`);
  const info = parseWavHeader(result.wav);
  if (!info) throw new Error('Synthesis answered bytes that are not a WAV');
  return { wav: result.wav, info };
}

describe('espeak-ng speech (the real program)', () => {
  const espeak = new EspeakSynthesizer();

  it.each([
    ['zh-CN', '您好，欢迎使用自助服务机，请选择您要办理的业务。'],
    ['en', 'Welcome. Please choose what you would like to do today.'],
  ] as const)('speaks %s as a 22050 Hz mono 16-bit WAV, fewer samples when faster', async (lang, text) => {
    const slow = wavOf(await espeak.synthesize(text, lang, { rate: 0.75 }));
    const normal = wavOf(await espeak.synthesize(text, lang, { rate: 1 }));
    const fast = wavOf(await espeak.synthesize(text, lang, { rate: 1.5 }));
    for (const { wav, info } of [slow, normal, fast]) {
      expect(Buffer.isBuffer(wav)).toBe(false); // a plain copy, not a view of a pooled Buffer
      expect(Buffer.from(wav.subarray(0, 4)).toString('latin1')).toBe('RIFF');
      expect(Buffer.from(wav.subarray(8, 12)).toString('latin1')).toBe('WAVE');
      expect(info).toMatchObject({ sampleRate: 22050, channels: 1, bitsPerSample: 16 });
      expect(info.dataBytes).toBeGreaterThan(22050); // more than half a second of speech
      // The streamed placeholders (0x7ffff000) are replaced by the real sizes.
      const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
      expect(view.getUint32(4, true)).toBe(wav.length - 8);
      expect(view.getUint32(info.dataOffset - 4, true)).toBe(info.dataBytes);
      expect(info.dataOffset + info.dataBytes).toBe(wav.length);
    }
    expect(fast.info.dataBytes).toBeLessThan(normal.info.dataBytes);
    expect(normal.info.dataBytes).toBeLessThan(slow.info.dataBytes);
  });

  it('has a voice for every kiosk language but Japanese, and each one speaks', async () => {
    expect(espeak.languages()).toEqual(['zh-CN', 'zh-HK', 'en', 'ko', 'ru']);
    const samples = { 'zh-HK': '你好，歡迎。', ko: '안녕하세요.', ru: 'Здравствуйте.' } as const;
    for (const [lang, text] of Object.entries(samples) as [keyof typeof samples, string][]) {
      expect(wavOf(await espeak.synthesize(text, lang, { rate: 1 })).info.dataBytes).toBeGreaterThan(0);
    }
  });

  it('reads Chinese characters as Mandarin and Cantonese, not as tone digits or "Chinese letter"', () => {
    const phonemes = (voice: string, text: string) => execFileSync('espeak-ng', ['-q', '-x', '--stdin', '-v', voice], { input: text, encoding: 'utf8' });
    // Mandarin tone numbers 35 and 214 (ni2 hao3 after tone sandhi); plain `cmn` says "three".
    expect(phonemes(ESPEAK_VOICES['zh-CN']!, '你好')).toMatch(/^n'i35_\| X'Au214_\|/);
    expect(phonemes('cmn', '你好')).toContain("Tr'i:");
    expect(phonemes(ESPEAK_VOICES['zh-HK']!, '你好')).toMatch(/^n'ei5_\| h'ou2_\|/);
    // The reason Japanese has no voice: kanji come out as the English "Chinese letter".
    expect(phonemes('ja', '你好')).toContain("tS'aIni:z");
  });
});

describe('espeak-ng speech (stand-in engines)', () => {
  it('answers noVoice for Japanese without starting anything', async () => {
    const dir = tempDir();
    const espeak = new EspeakSynthesizer({ binary: fakeEngine(dir, 'touch ran') });
    expect(await espeak.synthesize('こんにちは', 'ja', { rate: 1 })).toEqual({ ok: false, reason: 'noVoice' });
    expect(espeak.languages()).not.toContain('ja');
    expect(fs.existsSync(path.join(dir, 'ran'))).toBe(false);
  });

  it('answers noEngine when the program is missing, and does not look for it again', async () => {
    const dir = tempDir();
    const binary = path.join(dir, 'espeak-ng');
    const lines: string[] = [];
    const espeak = new EspeakSynthesizer({ binary, log: createLogger({ write: (line) => lines.push(line) }) });
    expect(await espeak.synthesize(PRIVATE_TEXT, 'zh-CN', { rate: 1 })).toEqual({ ok: false, reason: 'noEngine' });
    expect(espeak.languages()).toEqual([]);
    fs.writeFileSync(binary, `#!/bin/sh\ntouch '${dir}/ran'\n`, { mode: 0o755 });
    expect(await espeak.synthesize('again', 'en', { rate: 1 })).toEqual({ ok: false, reason: 'noEngine' });
    expect(fs.existsSync(path.join(dir, 'ran'))).toBe(false);
    expect(lines.join('\n')).toContain('speech:noEngine');
    expect(lines.join('\n')).not.toContain(NAME);
  });

  it('sends the text on stdin only; the command line carries the voice and the pace', async () => {
    const dir = tempDir();
    const espeak = new EspeakSynthesizer({ binary: fakeEngine(dir, 'printf "%s\\n" "$@" > args\ncat > stdin\ncat wav') });
    wavOf(await espeak.synthesize(PRIVATE_TEXT, 'zh-CN', { rate: 1.25 }));
    const args = fs.readFileSync(path.join(dir, 'args'), 'utf8').trimEnd().split('\n');
    expect(args).toEqual(espeakArgs('cmn-latn-pinyin', 1.25));
    expect(args).toEqual(['--stdin', '--stdout', '-b', '1', '-v', 'cmn-latn-pinyin', '-s', '219']);
    expect(fs.readFileSync(path.join(dir, 'stdin'), 'utf8')).toBe(PRIVATE_TEXT);
  });

  it.each([
    ['text', 'cat > /dev/null\necho "not a wave at all"'],
    ['nothing', 'cat > /dev/null'],
    ['a RIFF/WAVE with no data chunk', 'cat > /dev/null\nhead -c 36 wav'],
    ['a WAV and exit code 1', 'cat > /dev/null\ncat wav\nexit 1'],
  ])('answers failed when the engine prints %s', async (_what, body) => {
    const lines: string[] = [];
    const espeak = new EspeakSynthesizer({ binary: fakeEngine(tempDir(), body), log: createLogger({ write: (line) => lines.push(line) }) });
    expect(await espeak.synthesize(PRIVATE_TEXT, 'zh-CN', { rate: 1 })).toEqual({ ok: false, reason: 'failed' });
    expect(lines.join('\n')).toContain('speech:failed');
    expect(lines.join('\n')).not.toContain(NAME);
  });

  it('answers failed and kills the engine when output grows past the bound', async () => {
    const dir = tempDir();
    const espeak = new EspeakSynthesizer({ binary: fakeEngine(dir, 'echo $$ > pid.tmp && mv pid.tmp pid\nexec cat /dev/zero'), maxWavBytes: 1024 * 1024 });
    expect(await espeak.synthesize('loud', 'en', { rate: 1 })).toEqual({ ok: false, reason: 'failed' });
    expect(alive(await pidOf(dir))).toBe(false);
  });

  it('answers failed on time-out, with the engine killed before it answers', async () => {
    const dir = tempDir();
    const timer = manualTimer();
    const lines: string[] = [];
    const espeak = new EspeakSynthesizer({ binary: sleepingEngine(dir), startTimer: timer.startTimer, log: createLogger({ write: (line) => lines.push(line) }) });
    const result = espeak.synthesize(PRIVATE_TEXT, 'zh-CN', { rate: 1 });
    const pid = await pidOf(dir);
    expect(alive(pid)).toBe(true);
    timer.fire();
    expect(await result).toEqual({ ok: false, reason: 'failed' });
    expect(alive(pid)).toBe(false);
    expect(lines.join('\n')).toContain('"why":"timeout"');
    expect(lines.join('\n')).not.toContain(ID_NUMBER);
  });

  it('times out with the real clock too (an engine that never ends)', async () => {
    const espeak = new EspeakSynthesizer({ binary: sleepingEngine(tempDir()), timeoutMs: 50 });
    expect(await espeak.synthesize('never', 'en', { rate: 1 })).toEqual({ ok: false, reason: 'failed' });
  });

  it('an abort kills a running synthesis and rejects with aborted', async () => {
    const dir = tempDir();
    const espeak = new EspeakSynthesizer({ binary: sleepingEngine(dir), startTimer: manualTimer().startTimer });
    const stop = new AbortController();
    const result = espeak.synthesize(PRIVATE_TEXT, 'zh-CN', { rate: 1 }, stop.signal);
    const pid = await pidOf(dir);
    stop.abort();
    const error = await result.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SpeechError);
    expect((error as SpeechError).code).toBe('aborted');
    expect(alive(pid)).toBe(false);
  });

  it('an abort takes a waiting request out of the queue without starting it', async () => {
    const running = tempDir();
    // The first request sleeps; any later one that starts leaves a mark.
    const binary = fakeEngine(running, `t=$(cat)\nif [ "$t" = first ]; then echo $$ > pid.tmp && mv pid.tmp pid; exec sleep 1000; fi\necho "$t" >> started\ncat wav`);
    const espeak = new EspeakSynthesizer({ binary, startTimer: manualTimer().startTimer });
    const stopFirst = new AbortController();
    const stopSecond = new AbortController();
    const first = espeak.synthesize('first', 'en', { rate: 1 }, stopFirst.signal).catch((e: unknown) => e);
    const second = espeak.synthesize('second', 'en', { rate: 1 }, stopSecond.signal).catch((e: unknown) => e);
    const third = espeak.synthesize('third', 'en', { rate: 1 });
    const pid = await pidOf(running);
    stopSecond.abort();
    expect(await second).toMatchObject({ code: 'aborted' });
    expect(alive(pid)).toBe(true);
    stopFirst.abort();
    expect(await first).toMatchObject({ code: 'aborted' });
    wavOf(await third);
    expect(fs.readFileSync(path.join(running, 'started'), 'utf8')).toBe('third\n');
    // Already called off: nothing starts.
    const stopped = AbortSignal.abort();
    await expect(espeak.synthesize('fourth', 'en', { rate: 1 }, stopped)).rejects.toMatchObject({ code: 'aborted' });
    expect(fs.readFileSync(path.join(running, 'started'), 'utf8')).toBe('third\n');
  });

  it('runs one engine at a time, in the order asked', async () => {
    const dir = tempDir();
    // The first run holds until the test opens the gate, while the others queue up behind it.
    const binary = fakeEngine(
      dir,
      't=$(cat)\n[ -e running ] && echo overlap >> log\ntouch running\necho "start $t" >> log\n' +
        'if [ "$t" = A ]; then while [ ! -e gate ]; do sleep 0.01; done; fi\n' +
        'echo "end $t" >> log\nrm running\ncat wav',
    );
    const espeak = new EspeakSynthesizer({ binary });
    const results = ['A', 'B', 'C'].map((text) => espeak.synthesize(text, 'en', { rate: 1 }));
    await waitUntil(() => fs.existsSync(path.join(dir, 'log')), 'the first run to start');
    fs.writeFileSync(path.join(dir, 'gate'), '');
    for (const result of await Promise.all(results)) wavOf(result);
    expect(fs.readFileSync(path.join(dir, 'log'), 'utf8').trimEnd().split('\n')).toEqual(['start A', 'end A', 'start B', 'end B', 'start C', 'end C']);
  });

  it('refuses text over the limit or with nothing to say, naming sizes and never the text', async () => {
    const dir = tempDir();
    const espeak = new EspeakSynthesizer({ binary: fakeEngine(dir, 'touch ran') });
    const long = PRIVATE_TEXT.repeat(Math.ceil((SPEECH_MAX_CHARS + 1) / PRIVATE_TEXT.length));
    const error = await espeak.synthesize(long, 'zh-CN', { rate: 1 }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SpeechError);
    expect(error).toMatchObject({ code: 'tooLong' });
    const message = (error as Error).message + String((error as Error).stack);
    expect(message).toContain(String(SPEECH_MAX_CHARS));
    expect(message).not.toContain(NAME);
    expect(message).not.toContain(ID_NUMBER);
    await expect(espeak.synthesize(' \n', 'en', { rate: 1 })).rejects.toMatchObject({ code: 'empty' });
    wavOf(await new EspeakSynthesizer({ binary: fakeEngine(tempDir(), 'cat > /dev/null\ncat wav') }).synthesize('x'.repeat(SPEECH_MAX_CHARS), 'en', { rate: 1 }));
    expect(fs.existsSync(path.join(dir, 'ran'))).toBe(false);
  });
});

describe('parseWavHeader', () => {
  it('reads a WAV, counts only whole frames present, and refuses anything else', () => {
    const wav = tinyWav();
    expect(parseWavHeader(wav)).toEqual({ sampleRate: 22050, channels: 1, bitsPerSample: 16, blockAlign: 2, dataOffset: 44, dataBytes: 440 });
    // Streamed: data declared huge, 101 bytes present.
    const streamed = Buffer.concat([wav.subarray(0, 44), Buffer.alloc(101)]);
    streamed.writeUInt32LE(0x7ffff000, 40);
    expect(parseWavHeader(streamed)?.dataBytes).toBe(100);
    expect(parseWavHeader(wav.subarray(0, 44))).toBeUndefined();
    expect(parseWavHeader(Buffer.from('RIFF\0\0\0\0WAVEjunk'))).toBeUndefined();
    const float = Buffer.from(wav);
    float.writeUInt16LE(3, 20);
    expect(parseWavHeader(float)).toBeUndefined();
    expect(parseWavHeader(new Uint8Array(0))).toBeUndefined();
  });
});
