/** The kiosk flow's context and events; pure types and helpers over them. */
import type { Lang } from '../contract/lang';
import type { EligibilityLocal } from '../steps/eligibility/eligibility.step';
import type { FaceLocal, FaceMiss } from '../steps/face/face.step';
import type { IdentifyLocal } from '../steps/identify/identify.step';
import type { LookupLocal } from '../steps/lookup/lookup.step';
import type { PayLocal } from '../steps/pay/pay.step';
import type { PrintLocal } from '../steps/print/print.step';
import type { QuestionsLocal } from '../steps/questions/questions.step';
import type { SessionData } from './session';

export interface FlowInput {
  sessionId: string;
  defaultLang: Lang;
  idleWarnMs: number;
  idleResetMs: number;
}

/** What the step in progress keeps for itself (which question, which payment attempt); replaced on entering a step. */
export type StepLocal = IdentifyLocal | EligibilityLocal | FaceLocal | LookupLocal | QuestionsLocal | PayLocal | PrintLocal | { kind: 'none' };

export interface FlowContext extends FlowInput {
  lang: Lang;
  serviceId: string | null;
  session: SessionData;
  local: StepLocal;
  /** The step in progress was entered by Back from the one after it. */
  enteredBack: boolean;
  /** After a Change from the check page: its step index, to go back to once the change is made. */
  returnTo: number | null;
  /** The answer or photo a Change link points at. */
  focus: string | null;
  /** Payment attempts of this session, so every attempt has its own order id. */
  payAttempt: number;
  /** Wrong one-time codes in this session: starting the identify step again does not reset them. */
  codeFailures: number;
  /**
   * Face checks of this session that did not match (or did not look live): going back and
   * starting the step again does not reset them. Absent in snapshots from before the face step.
   */
  faceMisses?: number;
  idleResetAt: number | null;
  /** True while the resident pays on the phone: nobody touches the screen, and that is fine. */
  idleHeld: boolean;
  /** A resident talks to the station on the intercom ("Call an officer"): nobody is idle then. */
  callActive: boolean;
  /** A reference scanned at the welcome screen, for "check a submission". */
  scanned: string | null;
}

/**
 * Host-only events: RESUMED after a crash restore restarts the timers; SCANNED is a code
 * read by the kiosk's scanner (the QR code on a slip); PHOTO_TAKEN carries the photo the host
 * checked; FACE_CHECKED is what the host's 1:1 face check found.
 */
export type InternalEvent =
  | { type: 'RESUMED' }
  | { type: 'SCANNED'; text: string }
  | { type: 'PHOTO_TAKEN'; photo: string }
  | { type: 'FACE_CHECKED'; outcome: 'matched' | FaceMiss }
  /** Simulator mode only: the idle warning, or the reset, now (so tests never race a real timer). */
  | { type: 'IDLE_WARN_NOW' }
  | { type: 'IDLE_RESET_NOW' }
  /** An intercom call for this session rang or was answered (true), or ended (false). */
  | { type: 'HELP_CALL'; active: boolean };
