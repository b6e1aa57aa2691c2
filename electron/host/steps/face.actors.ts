import { fromPromise } from 'xstate';
import type { Identity } from '../../../shared/flows/session';
import type { FaceReferenceSource } from '../../../shared/steps/face/face.step';
import type { StepDeps } from './step-deps';

type Source = Exclude<FaceReferenceSource, 'none'>;

/**
 * The face step's side effect: the photo to compare with, and the face read from it. The card's
 * own photo first (when the reader could decode it), then the one the platform has on file for the
 * document; whichever gives one clear face is the reference. No photo is not an error: the step
 * then offers its alternative. The pictures are dropped as soon as the face in them is read.
 */
export function faceHostActors(deps: StepDeps) {
  const { faces, photos, platform, log, faceLockout } = deps;
  const onFile = async (identity: Identity, signal: AbortSignal): Promise<Uint8Array | null> => {
    try {
      return await platform.referencePhoto({ type: identity.document.type, number: identity.document.number }, signal);
    } catch {
      log.info('face.platformPhotoUnavailable', {});
      return null;
    }
  };
  return {
    prepareFaceReference: fromPromise<FaceReferenceSource | 'locked', { sessionId: string; identity: Identity | null }>(async ({ input, signal }) => {
      const { sessionId, identity } = input;
      if (!faces || !photos || identity === null) return 'none';
      const documentKey = faceLockout?.keyOf(identity.document) ?? '';
      if (faceLockout?.locked(documentKey, Date.now())) {
        log.info('face.documentLocked', {});
        return 'locked';
      }
      const sources: [Source, () => Promise<Uint8Array | null>][] = [
        ['card', async () => faces.cardPhoto(sessionId)],
        ['platform', () => onFile(identity, signal)],
      ];
      for (const [source, fetch] of sources) {
        const picture = await fetch();
        if (picture === null || signal.aborted) continue;
        const read = await photos.reference(picture);
        picture.fill(0);
        if (!read.ok) {
          log.warn('face.referenceUnusable', { source, problem: read.problem });
          continue;
        }
        faces.setReference(sessionId, read.embedding, source, documentKey);
        log.info('face.referenceReady', { source });
        return source;
      }
      log.info('face.noReference', { method: identity.method });
      return 'none';
    }),
  };
}
