/**
 * `face:verify`: a burst of camera frames from the face screen, compared in the photo worker with
 * the session's reference, decided here (face-decision.ts), audited, and handed to the flow as
 * FACE_CHECKED when it counts as a try. The frames, faces and descriptors are dropped when the
 * call returns; the audit keeps only the figures (similarity, liveness signal) and the decision.
 */
import type { Database } from 'better-sqlite3';
import type { CommandRequest, CommandResponse, FlowView } from '../../../shared/contract';
import type { InternalEvent } from '../../../shared/flows/flow-context';
import type { Logger } from '../log/logger';
import type { PhotoChecker } from '../photo/photo-checker';
import { appendAudit } from '../store/repos/audit-log';
import { decideFace } from './face-decision';
import type { FaceLockout } from './face-lockout';
import type { FaceReferences } from './face-references';

export interface FaceHandlerDeps {
  db: Database;
  log: Logger;
  flow: { view(): FlowView; deliver(event: InternalEvent): void };
  faces: FaceReferences;
  /** Misses by document across sessions (face-lockout.ts). */
  lockout?: FaceLockout;
  photos: Pick<PhotoChecker, 'burst'>;
  /** The kiosk's faceMatchThreshold setting, now. */
  threshold: () => number;
  now: () => number;
}

const onFaceScreen = (view: FlowView): boolean => view.screen.name === 'faceVerify' && view.screen.phase === 'ready';

export function faceHandlers(deps: FaceHandlerDeps) {
  const { db, log, flow, faces, photos } = deps;
  return {
    'face:verify': async ({ frames }: CommandRequest<'face:verify'>): Promise<CommandResponse<'face:verify'>> => {
      const current = flow.view();
      if (!onFaceScreen(current)) return { outcome: 'notVerifying' };
      const reference = faces.reference(current.sessionId);
      if (reference === null) {
        log.warn('face.noReferenceHeld', {});
        return { outcome: 'unavailable' };
      }
      const burst = await photos.burst(frames);
      if (!burst.ok) {
        log.warn('face.burstFailed', { problem: burst.problem });
        return { outcome: 'unavailable' };
      }
      const threshold = deps.threshold();
      let decision: ReturnType<typeof decideFace>;
      try {
        decision = decideFace(burst.frames, reference.embedding, { threshold });
      } catch {
        // Descriptors of another kind than the reference's (a model changed under a running session).
        log.warn('face.decisionFailed', {});
        return { outcome: 'unavailable' };
      } finally {
        for (const frame of burst.frames) frame.face?.embedding?.fill(0);
      }
      // The resident may have left, or been timed out, while the frames were read.
      const after = flow.view();
      if (after.sessionId !== current.sessionId || !onFaceScreen(after)) {
        log.info('face.discarded', { reason: after.sessionId !== current.sessionId ? 'sessionEnded' : 'screenLeft' });
        return { outcome: 'notVerifying' };
      }
      const counts = decision.outcome === 'matched' || decision.outcome === 'notMatched' || decision.outcome === 'notLive';
      const attempt = counts ? faces.nextAttempt(current.sessionId) : null;
      if (decision.outcome === 'notMatched' || decision.outcome === 'notLive') deps.lockout?.record(reference.documentKey, deps.now());
      const liveness = decision.liveness;
      appendAudit(
        db,
        {
          actor: 'kiosk',
          action: 'face.checked',
          subject: null,
          detail: {
            serviceId: current.serviceId,
            source: reference.source,
            outcome: decision.outcome,
            attempt,
            similarity: decision.similarity,
            threshold,
            antispoof: liveness?.antispoof ?? null,
            motion: liveness?.motion ?? null,
            poseRange: liveness?.poseRange ?? null,
            blink: liveness?.blink ?? null,
            liveness: liveness?.verdict ?? null,
            framesUsed: decision.framesUsed,
            frames: decision.frames,
          },
        },
        deps.now(),
      );
      // Figures only (safe to log, as in the audit): what calibrating the threshold and the liveness lines needs.
      log.info('face.checked', { outcome: decision.outcome, attempt, similarity: decision.similarity, antispoof: liveness?.antispoof ?? null, motion: liveness?.motion ?? null, liveness: liveness?.verdict ?? null });
      if (decision.outcome === 'matched' || decision.outcome === 'notMatched' || decision.outcome === 'notLive') flow.deliver({ type: 'FACE_CHECKED', outcome: decision.outcome });
      return { outcome: decision.outcome };
    },
  };
}
