/**
 * The kiosk camera, shared by the photo step and the face check: the stream, the video element it
 * plays in, and frames grabbed from it. Nothing is recorded; a frame exists only to be sent to the host.
 */
import { useEffect, useEffectEvent, useRef, useState, type RefObject } from 'react';

/** Why the camera cannot be used: refused by the browser, not there, or broken mid-use. */
export type CameraUnavailableReason = 'denied' | 'absent' | 'failed';

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
export function grabFrame(video: HTMLVideoElement, quality = JPEG_QUALITY): Promise<Blob | null> {
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
      quality,
    ),
  );
}

/**
 * A fingerprint of the picture the video shows now (its pixels, scaled to 16 × 9): two grabs with
 * the same fingerprint are the same picture delivered twice. A real sensor never sends the same
 * picture twice (its noise alone differs); a stalled camera, or a test's fake one on a busy
 * machine, does. Null when the picture cannot be read.
 */
export function pictureFingerprint(video: HTMLVideoElement): number | null {
  const canvas = document.createElement('canvas');
  canvas.width = 16;
  canvas.height = 9;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (context === null) return null;
  context.drawImage(video, 0, 0, 16, 9);
  const { data } = context.getImageData(0, 0, 16, 9);
  // FNV-1a over the bytes.
  let hash = 0x811c9dc5;
  for (const byte of data) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

export async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  // In chunks: spreading a whole frame into one call would overflow the argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Starts the camera when the component mounts and stops it when it unmounts. `state` is
 * starting until frames flow (nothing to take before that), then live; `onUnavailable` is told
 * once why it cannot be used.
 */
export function useCameraStream(onUnavailable: (reason: CameraUnavailableReason) => void): { videoRef: RefObject<HTMLVideoElement | null>; state: 'starting' | 'live' | 'unavailable' } {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<'starting' | 'live' | 'unavailable'>('starting');
  const reportUnavailable = useEffectEvent((reason: CameraUnavailableReason) => {
    setState('unavailable');
    onUnavailable(reason);
  });
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
            if (active) setState('live');
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

  return { videoRef, state };
}
