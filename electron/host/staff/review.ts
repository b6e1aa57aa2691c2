import type { FaceCheck } from '../../../shared/steps/face/face.step';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { decideRequestSchema, queuePageSchema, queueRequestSchema, submissionDetailSchema } from '../../../shared/contract';
import type { Identity } from '../../../shared/flows/session';
import { maskResidentId } from '../../../shared/domain/resident-id';
import { InvalidRequestError } from '../errors';
import type { Sealer } from '../crypto/sealer';
import type { Logger } from '../log/logger';
import { submissionContext } from '../queue/enqueue';
import { appendAudit } from '../store/repos/audit-log';
import { listDecisions, recordDecision } from '../store/repos/review-decisions';
import { listQueue } from '../store/repos/review-queue';
import { getSubmission } from '../store/repos/submissions';
import { openReviewNote, sealReviewNote } from './review-note';

type QueueRequest = z.output<typeof queueRequestSchema>;
type Detail = z.output<typeof submissionDetailSchema>;
type Decide = z.output<typeof decideRequestSchema>;

/** The kiosk's local midnight of a YYYY-MM-DD day, in ms. */
function localDay(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}

/**
 * The review queue for station staff: pages of submissions, one submission in full (every
 * answer, the photo, the payment, the audit trail; opening it is audited), and decisions,
 * audited and queued for the platform.
 */
export class ReviewDesk {
  constructor(private readonly deps: { db: Database; sealer: Sealer; log: Logger; now: () => number; onDecided: () => void }) {}

  page(request: QueueRequest): z.output<typeof queuePageSchema> {
    const { rows, last } = listQueue(this.deps.db, {
      serviceId: request.serviceId,
      state: request.state,
      review: request.review,
      fromMs: request.from ? localDay(request.from) : undefined,
      toMs: request.to ? localDay(request.to) + 24 * 60 * 60 * 1000 : undefined,
      after: request.after,
      limit: request.limit,
    });
    return { items: rows.map((r) => ({ ...r, needsReview: r.needsReview === 1 })), next: last };
  }

  /** One submission in full; who opened it is audited before anything of it is shown. */
  open(reference: string, staffNumber: string): Detail {
    if (!getSubmission(this.deps.db, reference)) throw new InvalidRequestError('There is no submission with that reference on this kiosk.');
    appendAudit(this.deps.db, { actor: `staff:${staffNumber}`, action: 'review.opened', subject: reference, detail: {} }, this.deps.now());
    return this.detail(reference);
  }

  private detail(reference: string): Detail {
    const { db, sealer } = this.deps;
    const row = getSubmission(db, reference);
    if (!row) throw new InvalidRequestError('There is no submission with that reference on this kiosk.');
    let applicant: Detail['applicant'] = null;
    let answers: Detail['answers'] = {};
    let photo: string | null = null;
    let faceCheck: FaceCheck | null = null;
    if (row.payload) {
      const payload = JSON.parse(sealer.open(row.payload, submissionContext(reference)).toString('utf8')) as { applicant: Identity; answers: Record<string, unknown>; photo?: string; faceCheck?: FaceCheck };
      const id = payload.applicant.idNumber ?? payload.applicant.document.number;
      applicant = { name: payload.applicant.name, numberMasked: payload.applicant.idNumber ? maskResidentId(id) : `${id.slice(0, 2)}****${id.slice(-2)}`, method: payload.applicant.method };
      answers = payload.answers;
      photo = payload.photo ?? null;
      faceCheck = payload.faceCheck ?? null;
    }
    const payment = db
      .prepare('SELECT amount_fen AS amountFen, state, order_id AS orderId FROM payments WHERE submission_reference = ? ORDER BY created_at DESC LIMIT 1')
      .get(reference) as Detail['payment'] | undefined;
    const audit = db.prepare('SELECT at, actor, action FROM audit_log WHERE subject = ? ORDER BY seq').all(reference) as Detail['audit'];
    const decisions = listDecisions(db, reference).map((d) => ({
      decision: d.decision,
      reasonCode: d.reasonCode,
      bring: d.bring,
      staffNumber: d.staffId,
      decidedAt: d.decidedAt,
      note: d.note === null ? null : openReviewNote(sealer, reference, d.note),
    }));
    return { reference, serviceId: row.serviceId, state: row.state, needsReview: row.needsReview === 1, createdAt: row.createdAt, applicant, answers, photo, faceCheck, payment: payment ?? null, decisions, audit };
  }

  decide(request: Decide, staffNumber: string): Detail {
    const { db, sealer, now } = this.deps;
    const row = getSubmission(db, request.reference);
    if (!row) throw new InvalidRequestError('There is no submission with that reference on this kiosk.');
    if (row.needsReview !== 1) throw new InvalidRequestError('That submission does not wait for a review.');
    const note = request.note?.trim() ? sealReviewNote(sealer, request.reference, request.note.trim()) : null;
    const reasonCode = request.decision === 'reject' ? request.reasonCode : null;
    const bring = request.decision === 'moreInfo' ? request.bring : [];
    db.transaction(() => {
      recordDecision(db, { reference: request.reference, decision: request.decision, staffId: staffNumber, note, reasonCode, bring, now: now() });
      appendAudit(db, { actor: `staff:${staffNumber}`, action: 'review.decided', subject: request.reference, detail: { decision: request.decision, reason: reasonCode, bring: bring.join(',') || null } }, now());
    })();
    this.deps.log.info('review.decided', { reference: request.reference, decision: request.decision });
    this.deps.onDecided();
    // The reviewer has it open already: the answer is the same detail, with the decision in it.
    return this.detail(request.reference);
  }
}
