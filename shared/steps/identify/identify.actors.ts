import { fromPromise } from 'xstate';
import type { Identity } from '../../flows/session';
import { notProvided } from '../step-error';

/** The identify step's side effects; the host provides them (readers, the platform). */
export const identifyActors = {
  /** The holder of the next ID card placed on the reader (see identityFromCard); rejects with CardReadError. */
  readCard: fromPromise<Identity, { sessionId: string }>(async () => notProvided('readCard')),
  /** The next travel document of this kind on the MRZ reader; rejects with StepError(IdentifyError). */
  readDocument: fromPromise<Identity, { code: 'CS' | 'CD' | 'P' }>(async () => notProvided('readDocument')),
  /** Asks the platform to send a one-time code to the phone it has for this ID number. */
  requestCode: fromPromise<{ phoneMasked: string }, { idNumber: string; sessionId: string }>(async () => notProvided('requestCode')),
  /** Checks the code with the platform; resolves with who the number belongs to. */
  verifyCode: fromPromise<Identity, { idNumber: string; code: string; sessionId: string }>(async () => notProvided('verifyCode')),
};
