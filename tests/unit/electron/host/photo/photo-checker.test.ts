import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { FaceEngine, FaceEngineStatus } from '../../../../../electron/host/face/face-engine';
import { loadHumanEngine } from '../../../../../electron/host/face/human-engine';
import { installedFaceFiles } from '../../../../../electron/host/face/model-files';
import { createLogger } from '../../../../../electron/host/log/logger';
import { checkAndEncodePhoto } from '../../../../../electron/host/photo/photo-check';
import { createPhotoChecker, readFrame, type PhotoChecker, type PhotoCheckerOptions } from '../../../../../electron/host/photo/photo-checker';
import { MAX_FRAME_BASE64_LENGTH, RESIDENT_ID_PHOTO } from '../../../../../shared/catalog/photo-spec';
import { drawPortrait, toJpeg, type PortraitOptions } from '../../../../fixtures/fake-camera';
import { claimingSize, withComment } from '../../../../fixtures/jpeg-forge';

// The sitter's face is a public-domain photo (tests/fixtures/faces), found by the real face engine
// in the worker. 640 × 480 with a large head is enough for the ID card photo and quick to check.
const frames = new Map<string, Uint8Array>();
function frame(options: PortraitOptions = {}): Uint8Array {
  const key = JSON.stringify(options);
  let bytes = frames.get(key);
  if (bytes === undefined) {
    bytes = toJpeg(drawPortrait({ width: 640, height: 480, headHeight: 0.62, ...options }));
    frames.set(key, bytes);
  }
  return bytes;
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

const checkers: PhotoChecker[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const checker of checkers.splice(0)) await checker.close();
});

function start(options: Partial<PhotoCheckerOptions> = {}): { checker: PhotoChecker; lines: string[]; events: () => string[] } {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  const checker = createPhotoChecker({ script: inject('photoWorkerScript'), log, ...options });
  checkers.push(checker);
  return { checker, lines, events: () => lines.map((line) => (JSON.parse(line) as { event: string }).event) };
}

const crashing = (): string => inject('photoWorkerCrashScript');

describe('readFrame: what is refused on the host thread, before any decoding', () => {
  it('a text longer than the contract allows is too large, whatever it holds', () => {
    expect(readFrame('A'.repeat(MAX_FRAME_BASE64_LENGTH + 1))).toEqual({ ok: false, problem: 'tooLarge' });
  });

  it('bytes that are not a JPEG up to the first scan are notJpeg', () => {
    expect(readFrame(base64(new TextEncoder().encode('not a photo at all')))).toEqual({ ok: false, problem: 'notJpeg' });
    expect(readFrame(base64(frame().subarray(0, 20)))).toEqual({ ok: false, problem: 'notJpeg' });
  });

  it('a header claiming a side over 4096 px is tooLarge, however small the file', () => {
    expect(readFrame(base64(claimingSize(frame(), 5000, 480)))).toEqual({ ok: false, problem: 'tooLarge' });
    expect(readFrame(base64(claimingSize(frame(), 640, 4097)))).toEqual({ ok: false, problem: 'tooLarge' });
  });

  it('a good frame comes back byte for byte, in a buffer of its own that can be transferred', () => {
    const read = readFrame(base64(frame()));
    if (!read.ok) throw new Error(`expected the frame, got ${read.problem}`);
    expect(Buffer.from(read.frame).equals(Buffer.from(frame()))).toBe(true);
    expect(read.frame.byteOffset).toBe(0);
    expect(read.frame.buffer.byteLength).toBe(read.frame.length);
  });
});

// The same engine in this process, to compare the worker's answers with.
let engine: FaceEngine;
beforeAll(async () => {
  engine = await loadHumanEngine();
}, 60_000);
afterAll(() => engine.close());

describe('createPhotoChecker', () => {
  it('gives the same photo as the check run in-process, and answers queued checks each with its own result', async () => {
    const { checker } = start();
    const expected = await checkAndEncodePhoto(frame(), RESIDENT_ID_PHOTO, (image) => engine.detect(image));
    if (!expected.ok) throw new Error('the test frame should pass');
    const [good, grey, again] = await Promise.all([
      checker.check(base64(frame()), RESIDENT_ID_PHOTO),
      checker.check(base64(frame({ background: [150, 150, 150] })), RESIDENT_ID_PHOTO),
      checker.check(base64(frame()), RESIDENT_ID_PHOTO),
    ]);
    if (!good?.ok || !again?.ok) throw new Error('expected two photos');
    expect(Buffer.from(good.jpeg).equals(Buffer.from(expected.jpeg))).toBe(true);
    expect({ ...good, jpeg: null }).toEqual({ ...expected, jpeg: null });
    expect(Buffer.from(again.jpeg).equals(Buffer.from(expected.jpeg))).toBe(true);
    expect(grey).toEqual({ ok: false, problems: ['background'] });
  });

  it('refuses an oversized or non-JPEG frame without handing it to the worker', async () => {
    // The crashing worker dies on any frame that carries `crash:exit`: had these reached it, the
    // answer would be checkFailed.
    const { checker, events } = start({ script: crashing() });
    const marked = withComment(frame(), 'crash:exit');
    expect(await checker.check(base64(claimingSize(marked, 5000, 5000)), RESIDENT_ID_PHOTO)).toEqual({ ok: false, problems: ['tooLarge'] });
    expect(await checker.check(base64(Buffer.from('crash:exit, and no JPEG')), RESIDENT_ID_PHOTO)).toEqual({ ok: false, problems: ['notJpeg'] });
    expect(events()).not.toContain('photo.workerExited');
    // The same mark on a frame of a size the worker takes: it does reach the worker.
    expect(await checker.check(base64(marked), RESIDENT_ID_PHOTO)).toEqual({ ok: false, problems: ['checkFailed'] });
    expect(events()).toContain('photo.workerExited');
  });

  it.each([
    ['exits', 'crash:exit', 'photo.workerExited'],
    ['throws', 'crash:throw', 'photo.workerFailed'],
  ])('a worker that %s mid-check: that check is checkFailed, the next one gets a new worker and works', async (_how, mark, event) => {
    const { checker, events } = start({ script: crashing() });
    const [dead, next] = await Promise.all([
      checker.check(base64(withComment(frame(), mark)), RESIDENT_ID_PHOTO),
      checker.check(base64(frame()), RESIDENT_ID_PHOTO),
    ]);
    expect(dead).toEqual({ ok: false, problems: ['checkFailed'] });
    expect(next?.ok).toBe(true);
    expect(events()).toContain(event);
    expect((await checker.check(base64(frame()), RESIDENT_ID_PHOTO)).ok).toBe(true);
  });

  it('a check that never finishes is stopped at the timeout, and the next check works', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { checker, events } = start({ script: crashing(), timeoutMs: 60_000 });
    const hung = checker.check(base64(withComment(frame(), 'crash:hang')), RESIDENT_ID_PHOTO);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await hung).toEqual({ ok: false, problems: ['checkFailed'] });
    expect(events()).toContain('photo.checkTimedOut');
    expect((await checker.check(base64(frame()), RESIDENT_ID_PHOTO)).ok).toBe(true);
  });

  it('refuses a check beyond the waiting limit at once, and close() answers the rest', async () => {
    const { checker, events } = start({ script: crashing(), maxWaiting: 1 });
    const hung = checker.check(base64(withComment(frame(), 'crash:hang')), RESIDENT_ID_PHOTO);
    const waiting = checker.check(base64(frame()), RESIDENT_ID_PHOTO);
    expect(await checker.check(base64(frame()), RESIDENT_ID_PHOTO)).toEqual({ ok: false, problems: ['checkFailed'] });
    expect(events()).toContain('photo.queueFull');
    await checker.close();
    expect(await hung).toEqual({ ok: false, problems: ['checkFailed'] });
    expect(await waiting).toEqual({ ok: false, problems: ['checkFailed'] });
    expect(await checker.check(base64(frame()), RESIDENT_ID_PHOTO)).toEqual({ ok: false, problems: ['checkFailed'] });
  });

  it('says when the face engine is ready, and logs it with the load time only', async () => {
    const { checker, lines } = start();
    const seen: FaceEngineStatus[] = [];
    checker.onFaceStatus((status) => seen.push(status));
    expect(checker.faceStatus()).toEqual({ state: 'loading' });
    // A check waits for the engine, then answers.
    expect((await checker.check(base64(frame()), RESIDENT_ID_PHOTO)).ok).toBe(true);
    expect(checker.faceStatus()).toMatchObject({ state: 'ready', info: { backend: 'wasm' } });
    expect(seen.map((s) => s.state)).toEqual(['ready']);
    const ready = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'face.engineReady');
    expect(Object.keys(ready ?? {}).sort()).toEqual(['event', 'level', 'loadMs', 'ms', 'time']);
  });

  it('a face engine whose models are missing: every check is faceCheckUnavailable, the status says why, and a new worker does not make it pass', async () => {
    const files = installedFaceFiles();
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-no-models-'));
    try {
      const { checker, events } = start({ script: crashing(), faceFiles: { ...files, modelDir: empty } });
      expect(await checker.check(base64(frame()), RESIDENT_ID_PHOTO)).toEqual({ ok: false, problems: ['faceCheckUnavailable'] });
      expect(checker.faceStatus()).toMatchObject({ state: 'failed', code: 'modelMissing' });
      expect(events()).toContain('face.engineFailed');
      // The worker dies and is replaced: the replacement fails the same way, and still nothing passes.
      expect(await checker.check(base64(withComment(frame(), 'crash:exit')), RESIDENT_ID_PHOTO)).toEqual({ ok: false, problems: ['checkFailed'] });
      expect(await checker.check(base64(frame()), RESIDENT_ID_PHOTO)).toEqual({ ok: false, problems: ['faceCheckUnavailable'] });
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('without a worker script, or with one that is not there, checks fail cleanly and nothing throws', async () => {
    const none = start({ script: undefined });
    expect(await none.checker.check(base64(frame()), RESIDENT_ID_PHOTO)).toEqual({ ok: false, problems: ['checkFailed'] });
    expect(none.events()).toContain('photo.noWorkerScript');

    const missing = start({ script: '/nonexistent/photo-worker.js' });
    expect(await missing.checker.check(base64(frame()), RESIDENT_ID_PHOTO)).toEqual({ ok: false, problems: ['checkFailed'] });
    expect(await missing.checker.check(base64(frame()), RESIDENT_ID_PHOTO)).toEqual({ ok: false, problems: ['checkFailed'] });
    expect(missing.events()).toContain('photo.workerFailed');
  });
});
