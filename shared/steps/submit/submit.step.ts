import type { FaceCheck } from '../face/face.step';
import { z } from 'zod';
import type { AnswerValue } from '../../catalog/questions';
import type { Lang } from '../../contract/lang';
import type { Identity, PaidPayment } from '../../flows/session';
import type { LookupData } from '../lookup/lookup-kinds';

const catalogId = z.string().regex(/^[a-z][A-Za-z0-9]{0,47}$/);

/** Commits the submission to the kiosk's queue, exactly once per session. */
export const submitStepSchema = z.object({ kind: z.literal('submit'), id: catalogId }).strict();
export type SubmitStep = z.infer<typeof submitStepSchema>;

export const submitViewSchemas = [
  z.object({ name: z.literal('submitting'), stepId: z.string() }),
  // `paid`: the fee is taken and stays with this submission; the resident cannot go back and change it.
  z.object({ name: z.literal('submitFailed'), stepId: z.string(), paid: z.boolean() }),
] as const;

/** What the host commits to the queue when a resident submits. */
export interface SubmissionDraft {
  /** Stable per session: a retried or resumed submit must not queue twice. */
  submissionKey: string;
  serviceId: string;
  lang: Lang;
  applicant: Identity;
  answers: Record<string, AnswerValue>;
  photo: string | null;
  /** How the face check confirmed the applicant (services with one): matched, or an officer is to confirm. */
  faceCheck: FaceCheck | null;
  payment: PaidPayment | null;
  /** What the platform told the kiosk (fines picked, the endorsement allowance), as the resident saw it. */
  lookups: Record<string, LookupData>;
  /** Station staff review it before it goes on. */
  review: boolean;
}
