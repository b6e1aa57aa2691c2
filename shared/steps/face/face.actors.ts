import { fromPromise } from 'xstate';
import type { Identity } from '../../flows/session';
import { notProvided } from '../step-error';
import type { FaceReferenceSource } from './face.step';

/** The face step's side effect: the host finds the photo to compare with and reads the face in it. */
export const faceActors = {
  /**
   * card / platform: a face to compare with is ready for this session; none: there is none; locked:
   * this document has used up its tries (in this session or others, lately). Never rejects for "no photo".
   */
  prepareFaceReference: fromPromise<FaceReferenceSource | 'locked', { sessionId: string; identity: Identity | null }>(async () => notProvided('prepareFaceReference')),
};
