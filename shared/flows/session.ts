/** What one resident's session has gathered so far: identity, answers, photo, lookups, payment, reference. */
import type { AnswerValue, IdentityCard } from '../catalog/questions';
import type { FaceCheck } from '../steps/face/face.step';
import type { LookupData } from '../steps/lookup/lookup-kinds';

/** How the resident proved who they are. */
export const IDENTITY_METHODS = ['idCard', 'hkMacaoPermit', 'taiwanPermit', 'passport', 'idNumberOtp'] as const;
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];

/** Who the resident is, whatever document they used. Personal data: never logged. */
export interface Identity {
  method: IdentityMethod;
  name: string;
  /** The resident ID number when the document carries it or the platform confirmed it. */
  idNumber: string | null;
  sex: 'M' | 'F' | null;
  /** YYYY-MM-DD. */
  birthDate: string;
  document: {
    /** 'idCard', or the MRZ document code: 'CS' (Hong Kong / Macao permit), 'CD' (Taiwan permit), 'P' (passport). */
    type: 'idCard' | 'CS' | 'CD' | 'P' | 'none';
    number: string;
    /** YYYY-MM-DD, 'permanent', or null when not known. */
    validTo: string | null;
  };
  /** Everything the ID card said, when the card was read (the address prefills questions). */
  card: IdentityCard | null;
  /** The phone the platform has on file, masked, for identity by one-time code. */
  phoneMasked: string | null;
}

/** The payment recorded as paid, for services with a fee. */
export interface PaidPayment {
  orderId: string;
  transactionId: string;
  amountFen: number;
}

/** What a print step ended with: printed, to be printed later (the device was not ready), or failed. */
export type PrintOutcome = 'printed' | 'later' | 'failed';

export interface SessionData {
  identity: Identity | null;
  answers: Record<string, AnswerValue>;
  /** The checked photo (JPEG, base64), for services that take one. */
  photo: string | null;
  /** How the 1:1 face check confirmed the identity, for services that ask for one; null before (or without) it. */
  faceCheck: FaceCheck | null;
  /** Data only the platform has, by lookup step id. */
  lookups: Record<string, LookupData>;
  payment: PaidPayment | null;
  reference: string | null;
  /** Document numbers of printed A4 documents and endorsements, by print step id. */
  documents: Record<string, string>;
  printed: Record<string, PrintOutcome>;
}

/** An empty session: what a new resident starts with. */
export function emptySession(): SessionData {
  return { identity: null, answers: {}, photo: null, faceCheck: null, lookups: {}, payment: null, reference: null, documents: {}, printed: {} };
}

/** Age in whole years on `today` (YYYY-MM-DD) of someone born on `birthDate`. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  if (!by || !bm || !bd || !ty || !tm || !td) return Number.NaN;
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Today as YYYY-MM-DD in the kiosk's local time. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Reads a value from the session by path: `identity.name`, `identity.document.number`,
 * `answers.plate` (the answer's text or choice), `lookups.fines.total`. Undefined when absent.
 */
export function readPath(session: SessionData, path: string): unknown {
  const [root, ...rest] = path.split('.');
  let value: unknown;
  if (root === 'answers') {
    const answer = session.answers[rest[0] ?? ''];
    if (!answer) return undefined;
    if (rest.length > 1) return (answer as Record<string, unknown>)[rest[1] ?? ''];
    return answer.picks ?? answer.choice ?? answer.text;
  }
  let keys = rest;
  if (root === 'identity') value = session.identity;
  else if (root === 'lookups') {
    // lookups.<step>.<field>: the step's data, without the kind tag around it.
    value = session.lookups[rest[0] ?? '']?.data;
    keys = rest.slice(1);
  } else return undefined;
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
