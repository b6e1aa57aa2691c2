import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandResponse } from '../../../shared/contract';
import { Button } from './Button';
import { grabFrame, pictureFingerprint, toBase64, useCameraStream, type CameraUnavailableReason } from './use-camera';
import './camera.css';

/** Frames in one look, and the pause between them: about two seconds, enough for a blink or a small movement. */
export const FACE_FRAMES = 6;
export const FACE_FRAME_GAP_MS = 350;
/**
 * A frame that is the same picture as the one before (a camera that delivered nothing new) is
 * not sent: the look waits for a new picture, this often and this many times at most, then goes
 * on with what it has (the host then finds no movement and says so).
 */
export const SAME_PICTURE_WAIT_MS = 100;
export const SAME_PICTURE_TRIES = 50;
// Smaller than a photo's frame: the face is compared, not printed.
const FACE_JPEG_QUALITY = 0.85;

type Outcome = CommandResponse<'face:verify'>['outcome'];

interface Props {
  /** Sends the burst to the host (`face:verify`); the flow moves on, or counts the try, by itself. */
  onBurst: (frames: string[]) => Promise<Outcome>;
  onUnavailable: (reason: CameraUnavailableReason) => void;
  /** Waits between frames; tests pass one that does not wait. */
  wait?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The live camera and one button: a two-second look at the camera, nothing asked of the resident
 * but to look. What the look found that costs no try (no face, several faces, a check that did not
 * finish) is said here; a try that counted comes back as the host's new view.
 */
export function FaceCheck({ onBurst, onUnavailable, wait = sleep }: Props) {
  const { t } = useTranslation();
  const camera = useCameraStream(onUnavailable);
  const [phase, setPhase] = useState<'idle' | 'looking' | 'checking'>('idle');
  const [problem, setProblem] = useState<'noFace' | 'severalFaces' | 'unavailable' | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  async function look(): Promise<void> {
    const video = camera.videoRef.current;
    if (video === null || video.videoWidth === 0) return;
    setProblem(null);
    setPhase('looking');
    let outcome: Outcome;
    try {
      const frames: string[] = [];
      let last: number | null = null;
      let waits = 0;
      for (let i = 0; i < FACE_FRAMES && mounted.current; i++) {
        if (i > 0) await wait(FACE_FRAME_GAP_MS);
        // A new picture, not the last one again (see SAME_PICTURE_WAIT_MS).
        let fingerprint = pictureFingerprint(video);
        while (fingerprint !== null && fingerprint === last && waits < SAME_PICTURE_TRIES && mounted.current) {
          waits += 1;
          await wait(SAME_PICTURE_WAIT_MS);
          fingerprint = pictureFingerprint(video);
        }
        last = fingerprint;
        const blob = await grabFrame(video, FACE_JPEG_QUALITY);
        if (blob !== null) frames.push(await toBase64(blob));
      }
      if (!mounted.current) return;
      setPhase('checking');
      outcome = frames.length >= 2 ? await onBurst(frames) : 'unavailable';
    } catch {
      outcome = 'unavailable';
    }
    if (!mounted.current) return;
    setPhase('idle');
    if (outcome === 'noFace' || outcome === 'severalFaces' || outcome === 'unavailable') setProblem(outcome);
  }

  if (camera.state === 'unavailable') {
    return (
      <div className="camera-unavailable" role="alert" data-testid="camera-unavailable">
        <p className="lead">{t('camera.unavailable')}</p>
      </div>
    );
  }
  return (
    <div className="camera" data-testid="face-camera" data-phase={camera.state === 'starting' ? 'starting' : phase}>
      <p className="lead">{t('face.instructions')}</p>
      <div className="camera-stage">
        {/* The picture is for sighted residents; the instructions above say the same in words. */}
        <video ref={camera.videoRef} className="camera-video" autoPlay muted playsInline aria-hidden="true" />
        <div className="camera-guide" aria-hidden="true">
          <div className="camera-oval" />
        </div>
      </div>
      <div className="camera-status" aria-live="polite" data-testid="face-status">
        {camera.state === 'starting' ? <p>{t('camera.starting')}</p> : null}
        {phase === 'looking' ? <p>{t('face.looking')}</p> : null}
        {phase === 'checking' ? <p>{t('face.checking')}</p> : null}
        {problem !== null && phase === 'idle' ? (
          <p className="camera-problems" data-testid="face-problem" data-problem={problem}>
            {t(`face.problem.${problem}`)}
          </p>
        ) : null}
      </div>
      <div className="actions">
        <Button onClick={() => void look()} disabled={camera.state !== 'live' || phase !== 'idle'} data-testid="face-start">
          {t('face.start')}
        </Button>
      </div>
    </div>
  );
}
