import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { grabFrame, toBase64, useCameraStream, type CameraUnavailableReason } from './use-camera';
import './camera.css';

/** What the host says about a captured frame: the photo made to spec, or the problem codes. */
export type PhotoCheckReply = { ok: true; photoBase64: string } | { ok: false; problems: string[] };

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
  | { kind: 'problems'; problems: readonly string[] };

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

/** Live camera with an oval guide; takes a photo, shows what the host made of it, and always allows a retake. */
export function CameraCapture({ onCapture, onAccept, onUnavailable }: Props) {
  const { t } = useTranslation();
  const mounted = useRef(true);
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const camera = useCameraStream(onUnavailable);
  const videoRef = camera.videoRef;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // The stream's own state leads until the first photo is taken: starting, then live.
  useEffect(() => {
    if (camera.state === 'live') setPhase((p) => (p.kind === 'starting' ? { kind: 'live' } : p));
  }, [camera.state]);

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

  if (camera.state === 'unavailable') {
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
