// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandResponse, ScreenOf } from '../../../../shared/contract';
import { FACE_FRAME_GAP_MS, FACE_FRAMES, FaceCheck, SAME_PICTURE_TRIES, SAME_PICTURE_WAIT_MS } from '../../../../renderer/src/components/FaceCheck';
import { FaceVerify } from '../../../../renderer/src/screens/FaceVerify';
import { renderWithI18n } from '../render';
import { screenProps } from '../screen-props';

type Outcome = CommandResponse<'face:verify'>['outcome'];

const ready: ScreenOf<'faceVerify'> = { name: 'faceVerify', stepId: 'face', phase: 'ready', triesLeft: 3, lastMiss: null, source: 'card', withoutPhoto: 'officerLater' };

/** The bytes of the n-th frame the fake canvas hands over (a JPEG's first bytes and a counter). */
const frameBytes = (n: number) => Uint8Array.from([0xff, 0xd8, 0xff, n]);
const frameBase64 = (n: number) => Buffer.from(frameBytes(n)).toString('base64');

interface Camera {
  getUserMedia: ReturnType<typeof vi.fn>;
  stop: ReturnType<typeof vi.fn>;
  drawImage: ReturnType<typeof vi.fn>;
  toBlob: ReturnType<typeof vi.fn>;
  /** Which picture the camera shows at the next look (getImageData); by default a new one each time. */
  picture: { next: () => number };
}

/**
 * A camera for happy-dom: getUserMedia gives a fake stream (or fails with `failWith`), the video
 * element plays at 1280 × 720, and a canvas hands over a tiny made-up JPEG for each frame.
 */
function installCamera(failWith?: string): Camera {
  const stop = vi.fn();
  const track = { stop, addEventListener: vi.fn() };
  const stream = { getTracks: () => [track], getVideoTracks: () => [track] };
  const getUserMedia = vi.fn(() => (failWith ? Promise.reject(new DOMException('refused', failWith)) : Promise.resolve(stream)));
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
  Object.defineProperty(HTMLVideoElement.prototype, 'videoWidth', { get: () => 1280, configurable: true });
  Object.defineProperty(HTMLVideoElement.prototype, 'videoHeight', { get: () => 720, configurable: true });
  vi.spyOn(HTMLMediaElement.prototype, 'srcObject', 'set').mockImplementation(() => undefined);
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  const drawImage = vi.fn();
  let shown = 0;
  const picture = { next: () => (shown += 1) };
  const getImageData = vi.fn(() => ({ data: new Uint8ClampedArray([picture.next() & 255, 0, 0, 255]) }));
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({ drawImage, getImageData } as never);
  let n = 0;
  const toBlob = vi.fn((callback: BlobCallback) => {
    n += 1;
    callback(new Blob([frameBytes(n)], { type: 'image/jpeg' }));
  });
  vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(toBlob);
  return { getUserMedia, stop, drawImage, toBlob, picture };
}

function removeCamera(): void {
  Reflect.deleteProperty(navigator, 'mediaDevices');
  Reflect.deleteProperty(HTMLVideoElement.prototype, 'videoWidth');
  Reflect.deleteProperty(HTMLVideoElement.prototype, 'videoHeight');
  vi.restoreAllMocks();
}

afterEach(() => {
  cleanup();
  removeCamera();
  vi.useRealTimers();
});

const startButton = () => screen.getByTestId<HTMLButtonElement>('face-start');

/** Waits until the camera's frames flow and Start can be pressed. */
async function cameraLive(): Promise<void> {
  await waitFor(() => expect(startButton().disabled).toBe(false));
}

describe('FaceVerify: the phases without a camera', () => {
  beforeEach(() => {
    installCamera();
  });

  it('counter: shows its heading and only Finish, which sends FINISH', () => {
    const props = screenProps<'faceVerify'>({ ...ready, phase: 'counter', triesLeft: 0, lastMiss: 'notMatched' });
    renderWithI18n(<FaceVerify {...props} />, 'en');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Please go to a counter');
    expect(screen.getByTestId('face-counter')).toBeTruthy();
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Finish']);
    expect(screen.queryByTestId('back')).toBeNull();
    expect(screen.queryByTestId('face-camera')).toBeNull();
    fireEvent.click(screen.getByTestId('finish'));
    expect(props.send).toHaveBeenCalledTimes(1);
    expect(props.send).toHaveBeenCalledWith({ type: 'FINISH' });
  });

  it('noReference: Continue sends CONTINUE, Finish sends FINISH, Back sends BACK', () => {
    const props = screenProps<'faceVerify'>({ ...ready, phase: 'noReference', source: 'none' });
    renderWithI18n(<FaceVerify {...props} />, 'en');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Your face cannot be checked here');
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Carry on; an officer will check', 'Finish', 'Back']);
    fireEvent.click(screen.getByTestId('continue'));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'CONTINUE' });
    fireEvent.click(screen.getByTestId('finish'));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'FINISH' });
    fireEvent.click(screen.getByTestId('back'));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'BACK' });
    expect(props.send).toHaveBeenCalledTimes(3);
    expect(screen.queryByTestId('face-camera')).toBeNull();
  });

  it('noReference for a service that hands over its result at once: a counter, Finish and Back, no Continue', () => {
    const props = screenProps<'faceVerify'>({ ...ready, phase: 'noReference', source: 'none', withoutPhoto: 'counter' });
    renderWithI18n(<FaceVerify {...props} />, 'en');
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Finish', 'Back']);
    expect(screen.getByTestId('face-alternative').textContent).toContain('Please go to a counter');
    expect(screen.queryByTestId('continue')).toBeNull();
  });

  it('preparing: says the photo is being fetched, with no camera and Back only', () => {
    const props = screenProps<'faceVerify'>({ ...ready, phase: 'preparing', source: null });
    renderWithI18n(<FaceVerify {...props} />, 'en');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Confirm it is you');
    const busy = document.querySelector('[aria-busy="true"]');
    expect(busy?.textContent).toBe('Getting the photo to compare with. Please wait…');
    expect(screen.queryByTestId('face-camera')).toBeNull();
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Back']);
    fireEvent.click(screen.getByTestId('back'));
    expect(props.send).toHaveBeenCalledWith({ type: 'BACK' });
  });
});

describe('FaceVerify: ready', () => {
  it('after a miss, says why and how many tries are left', async () => {
    installCamera();
    renderWithI18n(<FaceVerify {...screenProps<'faceVerify'>({ ...ready, lastMiss: 'notMatched', triesLeft: 2 })} />, 'en');
    const miss = screen.getByTestId('face-miss');
    expect(miss.getAttribute('data-miss')).toBe('notMatched');
    expect(Array.from(miss.querySelectorAll('p')).map((p) => p.textContent)).toEqual([
      'Your face did not match the photo. Take off any hat or glasses, face the camera and try again.',
      'Tries left: 2.',
    ]);
    await cameraLive();
  });

  it('says a notLive miss in its own words', async () => {
    installCamera();
    renderWithI18n(<FaceVerify {...screenProps<'faceVerify'>({ ...ready, lastMiss: 'notLive', triesLeft: 1 })} />, 'en');
    expect(screen.getByTestId('face-miss').textContent).toContain('The kiosk could not confirm that you are in front of the camera.');
    expect(screen.getByTestId('face-miss').textContent).toContain('Tries left: 1.');
    await cameraLive();
  });

  it('shows no miss before the first try, and names the photo it compares with', async () => {
    installCamera();
    renderWithI18n(<FaceVerify {...screenProps<'faceVerify'>({ ...ready, source: 'platform' })} />, 'en');
    expect(screen.queryByTestId('face-miss')).toBeNull();
    expect(screen.getByText(/The kiosk compares your face with the photo of you the police have on file,/)).toBeTruthy();
    await cameraLive();
  });

  it('sends the burst with face:verify and shows a noFace outcome (frames a real 350 ms apart, on fake timers)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    installCamera();
    const props = screenProps<'faceVerify'>(ready);
    const invoke = vi.mocked(props.client.invoke);
    invoke.mockResolvedValue({ ok: true, value: { outcome: 'noFace' } } as never);
    renderWithI18n(<FaceVerify {...props} />, 'en');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(startButton().disabled).toBe(false);
    fireEvent.click(startButton());
    // The frames are spaced by FACE_FRAME_GAP_MS: short of the last gap, nothing is sent yet.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(FACE_FRAME_GAP_MS * (FACE_FRAMES - 1) - 1);
    });
    expect(invoke).not.toHaveBeenCalledWith('face:verify', expect.anything());
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1);
    });
    expect(invoke).toHaveBeenCalledWith('face:verify', { frames: Array.from({ length: FACE_FRAMES }, (_, i) => frameBase64(i + 1)) });
    expect(screen.getByTestId('face-problem').getAttribute('data-problem')).toBe('noFace');
  });

  it('shows the check as unavailable when face:verify fails', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    installCamera();
    const props = screenProps<'faceVerify'>(ready);
    vi.mocked(props.client.invoke).mockResolvedValue({ ok: false, error: { code: 'internal', message: 'x' } } as never);
    renderWithI18n(<FaceVerify {...props} />, 'en');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    fireEvent.click(startButton());
    await act(async () => {
      await vi.advanceTimersByTimeAsync(FACE_FRAME_GAP_MS * FACE_FRAMES);
    });
    const problem = screen.getByTestId('face-problem');
    expect(problem.getAttribute('data-problem')).toBe('unavailable');
    expect(problem.textContent).toBe('The kiosk could not finish the check this time. Try again; if it happens again, ask a member of staff.');
  });

  it('reports a refused camera as denied', async () => {
    installCamera('NotAllowedError');
    const props = screenProps<'faceVerify'>(ready);
    renderWithI18n(<FaceVerify {...props} />, 'en');
    await screen.findByTestId('camera-unavailable');
    expect(props.client.invoke).toHaveBeenCalledWith('camera:report', { state: 'denied' });
  });

  it('reports a missing camera as noDevice', async () => {
    installCamera('NotFoundError');
    const props = screenProps<'faceVerify'>(ready);
    renderWithI18n(<FaceVerify {...props} />, 'en');
    await screen.findByTestId('camera-unavailable');
    expect(props.client.invoke).toHaveBeenCalledWith('camera:report', { state: 'noDevice' });
  });
});

describe('FaceCheck', () => {
  /** An onBurst whose answer the test gives when it likes. */
  function deferredBurst() {
    let answer: (outcome: Outcome) => void = () => undefined;
    const onBurst = vi.fn(
      (_frames: string[]) =>
        new Promise<Outcome>((resolve) => {
          answer = resolve;
        }),
    );
    return { onBurst, answer: (outcome: Outcome) => answer(outcome) };
  }

  it('keeps Start disabled until the camera is live', async () => {
    const camera = installCamera();
    renderWithI18n(<FaceCheck onBurst={vi.fn()} onUnavailable={vi.fn()} wait={() => Promise.resolve()} />, 'en');
    expect(startButton().disabled).toBe(true);
    expect(screen.getByTestId('face-camera').getAttribute('data-phase')).toBe('starting');
    expect(screen.getByTestId('face-status').textContent).toContain('Starting');
    await cameraLive();
    expect(screen.getByTestId('face-camera').getAttribute('data-phase')).toBe('idle');
    expect(camera.getUserMedia).toHaveBeenCalledWith({ video: { width: 1280, height: 720 }, audio: false });
  });

  it('grabs FACE_FRAMES frames, waiting FACE_FRAME_GAP_MS between them, and sends them once', async () => {
    const camera = installCamera();
    const onBurst = vi.fn((_frames: string[]) => Promise.resolve<Outcome>('matched'));
    const wait = vi.fn((_ms: number) => Promise.resolve());
    renderWithI18n(<FaceCheck onBurst={onBurst} onUnavailable={vi.fn()} wait={wait} />, 'en');
    await cameraLive();
    fireEvent.click(startButton());
    await waitFor(() => expect(onBurst).toHaveBeenCalledTimes(1));
    expect(FACE_FRAMES).toBe(6);
    expect(onBurst).toHaveBeenCalledWith(Array.from({ length: FACE_FRAMES }, (_, i) => frameBase64(i + 1)));
    expect(camera.toBlob).toHaveBeenCalledTimes(FACE_FRAMES);
    expect(camera.toBlob).toHaveBeenCalledWith(expect.any(Function), 'image/jpeg', 0.85);
    // A portrait crop of the centre of the 1280 × 720 frame: 590 × 720 from x 345.
    expect(camera.drawImage).toHaveBeenCalledWith(expect.anything(), 345, 0, 590, 720, 0, 0, 590, 720);
    expect(wait).toHaveBeenCalledTimes(FACE_FRAMES - 1);
    for (const [ms] of wait.mock.calls) expect(ms).toBe(FACE_FRAME_GAP_MS);
    // Matched: nothing to say here, the host moves the flow on.
    await waitFor(() => expect(startButton().disabled).toBe(false));
    expect(screen.queryByTestId('face-problem')).toBeNull();
  });

  it('waits for a new picture when the camera delivers the same one again, and sends only new ones', async () => {
    const camera = installCamera();
    // Each picture shows for three looks: the camera delivers it twice more before the next.
    let looks = 0;
    camera.picture.next = () => Math.floor(looks++ / 3);
    const onBurst = vi.fn((_frames: string[]) => Promise.resolve<Outcome>('matched'));
    const wait = vi.fn((_ms: number) => Promise.resolve());
    renderWithI18n(<FaceCheck onBurst={onBurst} onUnavailable={vi.fn()} wait={wait} />, 'en');
    await cameraLive();
    fireEvent.click(startButton());
    await waitFor(() => expect(onBurst).toHaveBeenCalledTimes(1));
    expect(onBurst.mock.calls[0]![0]).toHaveLength(FACE_FRAMES);
    // The first look takes picture 0; each later one finds the last picture twice, then a new one.
    const waits = wait.mock.calls.map(([ms]) => ms);
    expect(waits.filter((ms) => ms === FACE_FRAME_GAP_MS)).toHaveLength(FACE_FRAMES - 1);
    expect(waits.filter((ms) => ms === SAME_PICTURE_WAIT_MS)).toHaveLength(2 * (FACE_FRAMES - 1));
  });

  it('a camera stuck on one picture: waits at most SAME_PICTURE_TRIES times in all, then sends what it has', async () => {
    const camera = installCamera();
    camera.picture.next = () => 7;
    const onBurst = vi.fn((_frames: string[]) => Promise.resolve<Outcome>('notLive'));
    const wait = vi.fn((_ms: number) => Promise.resolve());
    renderWithI18n(<FaceCheck onBurst={onBurst} onUnavailable={vi.fn()} wait={wait} />, 'en');
    await cameraLive();
    fireEvent.click(startButton());
    await waitFor(() => expect(onBurst).toHaveBeenCalledTimes(1));
    expect(onBurst.mock.calls[0]![0]).toHaveLength(FACE_FRAMES);
    expect(wait.mock.calls.filter(([ms]) => ms === SAME_PICTURE_WAIT_MS)).toHaveLength(SAME_PICTURE_TRIES);
  });

  it('disables Start while checking, and shows a noFace outcome once it comes back', async () => {
    installCamera();
    const burst = deferredBurst();
    renderWithI18n(<FaceCheck onBurst={burst.onBurst} onUnavailable={vi.fn()} wait={() => Promise.resolve()} />, 'en');
    await cameraLive();
    fireEvent.click(startButton());
    expect(startButton().disabled).toBe(true);
    await waitFor(() => expect(burst.onBurst).toHaveBeenCalledTimes(1));
    expect(startButton().disabled).toBe(true);
    expect(screen.getByTestId('face-camera').getAttribute('data-phase')).toBe('checking');
    expect(screen.getByTestId('face-status').textContent).toBe('Comparing…');
    // A second press while checking does nothing.
    fireEvent.click(startButton());
    await act(async () => {
      burst.answer('noFace');
      await Promise.resolve();
    });
    await waitFor(() => expect(startButton().disabled).toBe(false));
    const problem = screen.getByTestId('face-problem');
    expect(problem.getAttribute('data-problem')).toBe('noFace');
    expect(problem.textContent).toBe('The camera could not see your face. Face the camera with your face inside the oval, and try again.');
    expect(burst.onBurst).toHaveBeenCalledTimes(1);
  });

  it('shows severalFaces in its own words, and clears the problem on the next try', async () => {
    installCamera();
    const onBurst = vi.fn<(frames: string[]) => Promise<Outcome>>().mockResolvedValueOnce('severalFaces').mockResolvedValueOnce('notMatched');
    renderWithI18n(<FaceCheck onBurst={onBurst} onUnavailable={vi.fn()} wait={() => Promise.resolve()} />, 'en');
    await cameraLive();
    fireEvent.click(startButton());
    const problem = await screen.findByTestId('face-problem');
    expect(problem.textContent).toBe('There is more than one person in front of the camera. Only you may be in front of it for the check.');
    await cameraLive();
    fireEvent.click(startButton());
    await waitFor(() => expect(onBurst).toHaveBeenCalledTimes(2));
    await cameraLive();
    // notMatched counts as a try: the host's new view says so, not this component.
    expect(screen.queryByTestId('face-problem')).toBeNull();
  });

  it('calls the check unavailable without sending when fewer than two frames could be grabbed', async () => {
    const camera = installCamera();
    camera.toBlob.mockImplementation((callback: BlobCallback) => callback(null));
    const onBurst = vi.fn((_frames: string[]) => Promise.resolve<Outcome>('matched'));
    renderWithI18n(<FaceCheck onBurst={onBurst} onUnavailable={vi.fn()} wait={() => Promise.resolve()} />, 'en');
    await cameraLive();
    fireEvent.click(startButton());
    const problem = await screen.findByTestId('face-problem');
    expect(problem.getAttribute('data-problem')).toBe('unavailable');
    expect(onBurst).not.toHaveBeenCalled();
  });

  it('calls the check unavailable when sending the burst throws', async () => {
    installCamera();
    const onBurst = vi.fn((_frames: string[]) => Promise.reject(new Error('gone')));
    renderWithI18n(<FaceCheck onBurst={onBurst} onUnavailable={vi.fn()} wait={() => Promise.resolve()} />, 'en');
    await cameraLive();
    fireEvent.click(startButton());
    const problem = await screen.findByTestId('face-problem');
    expect(problem.getAttribute('data-problem')).toBe('unavailable');
    expect(startButton().disabled).toBe(false);
  });

  it('stops the camera when it goes', async () => {
    const camera = installCamera();
    const { unmount } = renderWithI18n(<FaceCheck onBurst={vi.fn()} onUnavailable={vi.fn()} wait={() => Promise.resolve()} />, 'en');
    await cameraLive();
    expect(camera.stop).not.toHaveBeenCalled();
    unmount();
    expect(camera.stop).toHaveBeenCalledTimes(1);
  });
});
