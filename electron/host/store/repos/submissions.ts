import type { Database } from 'better-sqlite3';

export type SubmissionState = 'queued' | 'sending' | 'sent' | 'accepted' | 'rejected' | 'failed';

export interface NewSubmission {
  submissionKey: string;
  serviceId: string;
  lang: string;
  /** JSON of the applicant and answers: personal data. */
  payload: string;
  now: number;
}

export interface SubmissionRow {
  id: number;
  reference: string;
  submissionKey: string;
  serviceId: string;
  state: SubmissionState;
  lang: string;
  payload: string;
  createdAt: number;
  updatedAt: number;
}

const COLUMNS = `id, reference, submission_key AS submissionKey, service_id AS serviceId, state, lang, payload,
  created_at AS createdAt, updated_at AS updatedAt`;

/** The reference already queued under this submission key, if any. */
export function findReferenceByKey(db: Database, submissionKey: string): string | undefined {
  const row = db.prepare('SELECT reference FROM submissions WHERE submission_key = ?').get(submissionKey) as
    | { reference: string }
    | undefined;
  return row?.reference;
}

/** True when a reference is taken; references are unique per kiosk. */
export function referenceExists(db: Database, reference: string): boolean {
  return db.prepare('SELECT 1 FROM submissions WHERE reference = ?').get(reference) !== undefined;
}

/** Inserts a queued submission; returns false when the submission key is already queued. */
export function insertSubmission(db: Database, reference: string, s: NewSubmission): boolean {
  const info = db
    .prepare(
      `INSERT INTO submissions (reference, submission_key, service_id, state, lang, payload, created_at, updated_at)
       VALUES (?, ?, ?, 'queued', ?, ?, ?, ?)
       ON CONFLICT (submission_key) DO NOTHING`,
    )
    .run(reference, s.submissionKey, s.serviceId, s.lang, s.payload, s.now, s.now);
  return info.changes === 1;
}

/** One submission by its reference. */
export function getSubmission(db: Database, reference: string): SubmissionRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM submissions WHERE reference = ?`).get(reference) as
    | SubmissionRow
    | undefined;
}

/** Newest first, for staff review. */
export function listSubmissions(db: Database, opts: { state?: SubmissionState; limit: number }): SubmissionRow[] {
  if (opts.state) {
    return db
      .prepare(`SELECT ${COLUMNS} FROM submissions WHERE state = ? ORDER BY created_at DESC, id DESC LIMIT ?`)
      .all(opts.state, opts.limit) as SubmissionRow[];
  }
  return db
    .prepare(`SELECT ${COLUMNS} FROM submissions ORDER BY created_at DESC, id DESC LIMIT ?`)
    .all(opts.limit) as SubmissionRow[];
}

/** How many submissions are in the queue. */
export function countSubmissions(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number }).n;
}
