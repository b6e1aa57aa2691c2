import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import './camera.css';

/** What the host says about a captured frame: the photo made to spec, or the problem codes. */
export type PhotoCheckReply = { ok: true; photoBase64: string } | { ok: false; problems: string[] };

/** Why the camera cannot be used: refused by the browser, not there, or broken mid-use. */
export type CameraUnavailableReason = 'denied' | 'absent' | 'failed';

interface Props {
  /** Sends a JPEG frame to the host (`photo:check`). */
  onCapture: (jpegBase64: string) => Promise<PhotoCheckReply>;
  /** The resident chose this photo. */
  onAccept: (photoBase64: string) => void;
  /** The camera cannot be used; the screen shows a message and staff must help. */
  onUnavailable: (reason: CameraUnavailableReason) => void;
}

type Phase =
  | { kind: 'starting' }
  | { kind: 'live' }
  | { kind: 'checking' }
  | { kind: 'photo'; photoBase64: string }
  | { kind: 'problems'; problems: readonly string[] }
  | { kind: 'unavailable' };

// Problems a resident can fix get their own sentence, and so does a check the kiosk could not
// finish (the photo may be fine); the rest mean "try again, then ask staff".
export const OWN_SENTENCE_PROBLEMS = new Set([
  'background',
  'tooDark',
  'tooBright',
  'noSubject',
  // Where the face is and how it is held (the host's face rules).
  'noFace',
  'severalFaces',
  'offCentre',
  'tooFar',
  'tooClose',
  'headTurned',
  'headTilted',
  'headUpOrDown',
  'eyesClosed',
  'checkFailed',
  'faceCheckUnavailable',
]);

// Frames are cropped to this portrait width/height ratio before they leave the renderer: it
// covers both photo specs (0.81 and 0.69), keeps bystanders at the sides out of the data sent,
// and gives the host less than half a 16:9 frame to decode. It matches the guide frame in camera.css.
const CAPTURE_ASPECT = 0.82;
const JPEG_QUALITY = 0.92;

function reasonOf(error: unknown): CameraUnavailableReason {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'absent';
  return 'failed';
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/** The centre of the current video frame, as a JPEG. */
function grabFrame(video: HTMLVideoElement): Promise<Blob | null> {
  const sw = video.videoWidth;
  const sh = video.videoHeight;
  const cw = Math.min(sw, Math.round(sh * CAPTURE_ASPECT));
  const ch = Math.min(sh, Math.round(cw / CAPTURE_ASPECT));
  const canvas = document.createElement('canvas');
  canvas.width = cw;
  canvas.height = ch;
  const context = canvas.getContext('2d');
  if (context === null) return Promise.resolve(null);
  context.drawImage(video, Math.floor((sw - cw) / 2), Math.floor((sh - ch) / 2), cw, ch, 0, 0, cw, ch);
  return new Promise((resolve) =>
    canvas.toBlob(
      (blob) => {
        // Release the pixels now rather than whenever the canvas is collected.
        canvas.width = 0;
        canvas.height = 0;
        resolve(blob);
      },
      'image/jpeg',
      JPEG_QUALITY,
    ),
  );
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  // In chunks: spreading a whole frame into one call would overflow the argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Live camera with an oval guide; takes a photo, shows what the host made of it, and always allows a retake. */
export function CameraCapture({ onCapture, onAccept, onUnavailable }: Props) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const mounted = useRef(true);
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });

  const reportUnavailable = useEffectEvent((reason: CameraUnavailableReason) => {
    setPhase({ kind: 'unavailable' });
    onUnavailable(reason);
  });

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    // Local to this run of the effect, so a request that resolves after its cleanup (unmount, or
    // React's development double run) stops its own tracks instead of leaking a live camera.
    let active = true;
    let stream: MediaStream | null = null;
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (media === undefined || typeof media.getUserMedia !== 'function') {
      reportUnavailable('absent');
      return undefined;
    }
    media.getUserMedia({ video: { width: 1280, height: 720 }, audio: false }).then(
      (started) => {
        if (!active) {
          stopTracks(started);
          return;
        }
        stream = started;
        for (const track of started.getVideoTracks()) {
          // Unplugged or taken by another process; stop() in the cleanup does not fire this.
          track.addEventListener('ended', () => {
            if (active) reportUnavailable('failed');
          });
        }
        const video = videoRef.current;
        if (video === null) return;
        try {
          video.srcObject = started;
        } catch {
          reportUnavailable('failed');
          return;
        }
        // "Take photo" is offered only once frames flow: before that there is nothing to take,
        // and a press that silently does nothing is the worst answer a resident can get.
        video.play().then(
          () => {
            if (active) setPhase({ kind: 'live' });
          },
          (error: unknown) => {
            // AbortError only means the stream was detached (cleanup) before playback began.
            if (active && !(error instanceof DOMException && error.name === 'AbortError')) reportUnavailable('failed');
          },
        );
      },
      (error: unknown) => {
        if (active) reportUnavailable(reasonOf(error));
      },
    );
    const video = videoRef.current;
    return () => {
      active = false;
      if (stream !== null) stopTracks(stream);
      if (video !== null) video.srcObject = null;
    };
  }, []);

  async function take(): Promise<void> {
    const video = videoRef.current;
    if (video === null || video.videoWidth === 0) return;
    setPhase({ kind: 'checking' });
    let next: Phase;
    try {
      const blob = await grabFrame(video);
      if (blob === null) throw new Error('The camera frame could not be encoded.');
      const reply = await onCapture(await toBase64(blob));
      next = reply.ok ? { kind: 'photo', photoBase64: reply.photoBase64 } : { kind: 'problems', problems: reply.problems };
    } catch {
      // The resident can do nothing about a failed host call but try again.
      next = { kind: 'problems', problems: ['failed'] };
    }
    if (mounted.current) setPhase(next);
  }

  if (phase.kind === 'unavailable') {
    return (
      <div className="camera-unavailable" role="alert" data-testid="camera-unavailable">
        <p className="lead">{t('camera.unavailable')}</p>
      </div>
    );
  }

  const reviewing = phase.kind === 'photo' || phase.kind === 'problems';
  const problemTexts = phase.kind === 'problems' ? [...new Set(phase.problems.map((p) => (OWN_SENTENCE_PROBLEMS.has(p) ? p : 'technical')))] : [];

  return (
    <div className="camera" data-testid="camera" data-phase={phase.kind}>
      <p className="lead">{t('camera.instructions')}</p>
      <div className="camera-stage" hidden={reviewing}>
        {/* The picture is for sighted residents; the instructions above say the same in words. */}
        <video ref={videoRef} className="camera-video" autoPlay muted playsInline aria-hidden="true" />
        <div className="camera-guide" aria-hidden="true">
          <div className="camera-oval" />
        </div>
      </div>
      {phase.kind === 'photo' ? (
        <img className="camera-photo" src={`data:image/jpeg;base64,${phase.photoBase64}`} alt={t('camera.resultAlt')} data-testid="camera-photo" />
      ) : null}
      <div className="camera-status" aria-live="polite" data-testid="camera-status">
        {phase.kind === 'starting' ? <p>{t('camera.starting')}</p> : null}
        {phase.kind === 'checking' ? <p>{t('camera.checking')}</p> : null}
        {phase.kind === 'photo' ? <p>{t('camera.resultOk')}</p> : null}
        {phase.kind === 'problems' ? (
          <div className="camera-problems" data-testid="camera-problems">
            <h2>{t('camera.problemsHeading')}</h2>
            <ul>
              {problemTexts.map((p) => (
                <li key={p}>{t(`camera.problem.${p}`)}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <div className="actions">
        {reviewing ? (
          <>
            {phase.kind === 'photo' ? (
              <Button onClick={() => onAccept(phase.photoBase64)} data-testid="camera-use">
                {t('camera.use')}
              </Button>
            ) : null}
            <Button variant={phase.kind === 'photo' ? 'secondary' : 'primary'} onClick={() => setPhase({ kind: 'live' })} data-testid="camera-retake">
              {t('camera.retake')}
            </Button>
          </>
        ) : (
          <Button className="camera-take" onClick={() => void take()} disabled={phase.kind !== 'live'} data-testid="camera-take">
            {t('camera.take')}
          </Button>
        )}
      </div>
    </div>
  );
}
