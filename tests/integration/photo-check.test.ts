import { afterEach, describe, expect, inject, it } from 'vitest';
import { installedFaceFiles } from '../../electron/host/face/model-files';
import type { HostOptions } from '../../electron/host/host';
import { drawPortrait, toJpeg } from '../fixtures/fake-camera';
import { claimingSize, withComment } from '../fixtures/jpeg-forge';
import { answerAll, portraitBase64, presentCard, RENEWAL_ANSWERS, toIdentify, waitForDevices } from './faults-helpers';
import { call, checkPhoto, expectNoPersonalData, getView, passFaceCheck, removeTempDirs, send, startTestHost, tempDir, type TestHost } from './helpers';

// Photo checks run on a worker thread (electron/host/photo/photo-checker.ts). These tests assert
// what happens in which order, never how long anything takes.

const open: TestHost[] = [];
afterEach(async () => {
  for (const entry of open.splice(0)) {
    await entry.host.close();
    expectNoPersonalData(entry.lines);
  }
  removeTempDirs();
});

/** A host whose flow is on the renewal's photo screen (wang's expired card, answers given). */
async function atPhotoScreen(opts: HostOptions = {}): Promise<TestHost> {
  const started = await startTestHost(tempDir('kiosk-photo-'), {}, opts);
  open.push(started);
  await toIdentify(started.host, 'idCardRenewal');
  await presentCard(started.host, 'wang-expired');
  await passFaceCheck(started.host);
  expect((await answerAll(started.host, RENEWAL_ANSWERS)).screen.name).toBe('photo');
  return started;
}

const events = (lines: readonly string[]): string[] => lines.map((line) => (JSON.parse(line) as { event: string }).event);
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const portrait = (): Uint8Array => new Uint8Array(Buffer.from(portraitBase64(), 'base64'));
const crashingWorker = (): HostOptions => ({ photoWorkerScript: inject('photoWorkerCrashScript') });

describe('photo:check off the host thread', () => {
  it('answers other commands while a 3000 × 3000 frame is being checked', { timeout: 90_000 }, async () => {
    const { host } = await atPhotoScreen();
    // Flat areas: as slow to decode as a textured frame of the same size, quicker to draw.
    const large = base64(toJpeg(drawPortrait({ width: 3000, height: 3000, texture: false })));
    const order: string[] = [];
    const photo = host.handle('photo:check', { jpegBase64: large }).then((result) => {
      order.push('photo:check');
      return result;
    });
    // One turn of the event loop first: a check that were merely deferred (setImmediate, then the
    // same work on this thread) would run now, and finish before the commands below.
    await new Promise((resolve) => setImmediate(resolve));
    const info = await host.handle('app:info', {});
    order.push('app:info');
    const view = await host.handle('flow:get', {});
    order.push('flow:get');
    const checked = await photo;
    expect(order).toEqual(['app:info', 'flow:get', 'photo:check']);
    expect(info).toMatchObject({ ok: true, value: { kioskId: 'K01' } });
    expect(view).toMatchObject({ ok: true, value: { screen: { name: 'photo' } } });
    expect(checked.ok).toBe(true);
  });

  it('refuses a frame whose header says 5000 × 5000 with tooLarge, before it reaches the worker', async () => {
    // The crashing worker dies of any frame marked crash:exit: had the forged frame reached it,
    // the answer would be checkFailed.
    const { host, lines } = await atPhotoScreen(crashingWorker());
    const marked = withComment(portrait(), 'crash:exit');
    expect(await call(host, 'photo:check', { jpegBase64: base64(claimingSize(marked, 5000, 5000)) })).toEqual({ ok: false, problems: ['tooLarge'] });
    expect(await call(host, 'photo:check', { jpegBase64: base64(Buffer.from('crash:exit, and no JPEG at all')) })).toEqual({ ok: false, problems: ['notJpeg'] });
    expect(events(lines)).not.toContain('photo.workerExited');
    // The same mark on a frame of a size the worker takes does reach it.
    expect(await call(host, 'photo:check', { jpegBase64: base64(marked) })).toEqual({ ok: false, problems: ['checkFailed'] });
    expect(events(lines)).toContain('photo.workerExited');
  });

  it('a worker that dies mid-check: that check is checkFailed, the host keeps serving, and the next photo is taken', async () => {
    const { host, lines } = await atPhotoScreen(crashingWorker());
    expect(await call(host, 'photo:check', { jpegBase64: base64(withComment(portrait(), 'crash:throw')) })).toEqual({ ok: false, problems: ['checkFailed'] });
    expect(events(lines)).toContain('photo.workerFailed');
    expect((await getView(host)).screen.name).toBe('photo');
    const checked = await call(host, 'photo:check', { jpegBase64: portraitBase64() });
    if (!checked.ok) throw new Error(`expected a photo after the restart, got ${checked.problems.join(', ')}`);
    expect(checkPhoto(await send(host, { type: 'PHOTO_ACCEPT' }))).toBe(checked.photoBase64);
  });

  it('a resident who leaves during the check does not leave the photo behind for the next one', async () => {
    const { host, lines } = await atPhotoScreen();
    const before = await getView(host);
    const photo = host.handle('photo:check', { jpegBase64: portraitBase64() });
    const left = await send(host, { type: 'CANCEL' });
    expect(left.sessionId).not.toBe(before.sessionId);
    expect(await photo).toEqual({ ok: true, value: { ok: false, problems: ['notTakingPhoto'] } });
    expect(events(lines)).toContain('photo.discarded');
    // The next resident's renewal reaches the photo screen with no photo, and accepting gives none.
    await toIdentify(host, 'idCardRenewal');
    await presentCard(host, 'wang-expired');
    await passFaceCheck(host);
    await answerAll(host, RENEWAL_ANSWERS);
    const accepted = await send(host, { type: 'PHOTO_ACCEPT' });
    expect(accepted.screen.name).toBe('photo');
    expect(accepted.sessionId).not.toBe(before.sessionId);
  });

  it('host.close() during a check answers it checkFailed', async () => {
    const started = await atPhotoScreen();
    open.splice(open.indexOf(started), 1);
    const photo = started.host.handle('photo:check', { jpegBase64: portraitBase64() });
    await started.host.close();
    expect(await photo).toEqual({ ok: true, value: { ok: false, problems: ['checkFailed'] } });
    expectNoPersonalData(started.lines);
  });
});

describe('a face engine that does not load', () => {
  it('makes the camera a hardware error saying why, and the photo services cannot be started; the others still can', async () => {
    const empty = tempDir('kiosk-no-models-');
    const started = await startTestHost(tempDir('kiosk-photo-'), {}, { faceFiles: { ...installedFaceFiles(), modelDir: empty } });
    open.push(started);
    const { host, lines } = started;
    await call(host, 'camera:report', { state: 'online' });
    // The worker says so as soon as it has looked for the models.
    const devices = await waitForDevices(host, (d) => d.camera.device !== 'online', 'the camera to show the engine failure', 30_000);
    expect(devices.camera).toEqual({ device: 'hardwareError', detail: 'faceEngineModelMissing' });
    // The page reporting its camera again does not hide the host's own failure.
    expect((await call(host, 'camera:report', { state: 'online' })).camera.device).toBe('hardwareError');
    expect(events(lines)).toContain('face.engineFailed');
    // Renewal takes a photo: refused at the welcome screen, whatever the page sends.
    expect((await send(host, { type: 'SELECT_SERVICE', serviceId: 'idCardRenewal' })).screen.name).toBe('welcome');
    expect((await send(host, { type: 'SELECT_SERVICE', serviceId: 'noCriminalRecord' })).screen).toEqual({ name: 'start', serviceId: 'noCriminalRecord' });
  });
});
