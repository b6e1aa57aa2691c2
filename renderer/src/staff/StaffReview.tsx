import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { findService } from '../../../shared/catalog/services';
import type { AnswerValue, Question } from '../../../shared/catalog/types';
import { REJECT_REASONS, REVIEW_BRING_ITEMS, SUBMISSION_AUDIT_ACTIONS, type SubmissionAuditAction, type CommandRequest, type CommandResponse, type KioskApi, type Lang } from '../../../shared/contract';
import { Button } from '../components/Button';
import { Page } from '../components/Page';
import { yuan } from '../format';
import { useAnswerText } from '../questions/answer-text';

type QueuePage = CommandResponse<'staff:queue'>;
type Detail = CommandResponse<'staff:submission'>;
type Filter = 'awaiting' | 'all';

/** An audit code in words; one the screen does not know is still shown, as a code. */
function auditAction(t: TFunction, action: string): string {
  return (SUBMISSION_AUDIT_ACTIONS as readonly string[]).includes(action)
    ? t(`staff.review.auditAction.${action.replace('.', '_') as Underscored<SubmissionAuditAction>}`)
    : t('staff.review.auditAction.other', { code: action });
}

type Underscored<S extends string> = S extends `${infer A}.${infer B}` ? `${A}_${B}` : S;

/** Who did it: the kiosk, the uplink, set-up, or a staff member by number. */
function auditActor(t: TFunction, actor: string): string {
  if (actor === 'kiosk' || actor === 'sync' || actor === 'setup') return t(`staff.review.actor.${actor}`);
  const staff = /^staff:(\d+)$/.exec(actor);
  return staff ? t('staff.review.actor.staff', { number: staff[1] }) : t('staff.review.actor.other', { actor });
}

const when = (ms: number, lang: string) => new Date(ms).toLocaleString(lang, { dateStyle: 'short', timeStyle: 'short' });

/** The review queue: what waits for staff, newest first, a page at a time; then one submission and the decision. */
export function StaffReview({ client, onBack }: { client: KioskApi; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<Filter>('awaiting');
  const [items, setItems] = useState<QueuePage['items']>([]);
  const [next, setNext] = useState<QueuePage['next']>(null);
  const [open, setOpen] = useState<Detail | null>(null);

  const load = useCallback(
    async (after: QueuePage['next'], keep: QueuePage['items']) => {
      const r = await client.invoke('staff:queue', { ...(filter === 'awaiting' ? { review: 'awaiting' as const } : {}), ...(after ? { after } : {}), limit: 10 });
      if (!r.ok) return;
      setItems([...keep, ...r.value.items]);
      setNext(r.value.next);
    },
    [client, filter],
  );
  useEffect(() => {
    void load(null, []);
  }, [load]);

  if (open) {
    return (
      <ReviewDetail
        client={client}
        detail={open}
        onBack={() => {
          setOpen(null);
          void load(null, []);
        }}
      />
    );
  }
  const title = (serviceId: string) => (findService(serviceId) ? t(`services.${serviceId}.title`) : serviceId);
  return (
    <Page heading={t('staff.review.heading')} screenKey={`staffReview-${filter}`} testId="staffReview">
      <div className="actions">
        <Button variant={filter === 'awaiting' ? 'primary' : 'secondary'} aria-pressed={filter === 'awaiting'} onClick={() => setFilter('awaiting')} data-testid="review-filter-awaiting">
          {t('staff.review.awaiting')}
        </Button>
        <Button variant={filter === 'all' ? 'primary' : 'secondary'} aria-pressed={filter === 'all'} onClick={() => setFilter('all')} data-testid="review-filter-all">
          {t('staff.review.all')}
        </Button>
      </div>
      {items.length === 0 ? (
        <p className="lead" data-testid="review-empty">
          {t('staff.review.empty')}
        </p>
      ) : (
        <ul className="review-list" data-testid="review-list">
          {items.map((item) => (
            <li key={item.reference}>
              <Button
                variant="secondary"
                className="review-item"
                onClick={() => void client.invoke('staff:submission', { reference: item.reference }).then((r) => r.ok && setOpen(r.value))}
                data-testid={`review-open-${item.reference}`}
              >
                <span className="reference">{item.reference}</span> · {title(item.serviceId)} · {when(item.createdAt, i18n.language)}
                {item.decision ? ` · ${t(`staff.review.decision.${item.decision}`)}` : ''}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        {next ? (
          <Button variant="secondary" onClick={() => void load(next, items)} data-testid="review-more">
            {t('staff.review.more')}
          </Button>
        ) : null}
        <Button variant="secondary" onClick={onBack} data-testid="review-back">
          {t('staff.review.back')}
        </Button>
      </div>
    </Page>
  );
}

function ReviewDetail({ client, detail, onBack }: { client: KioskApi; detail: Detail; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const answerText = useAnswerText(i18n.language as Lang);
  const [shown, setShown] = useState(detail);
  const [deciding, setDeciding] = useState<'reject' | 'moreInfo' | null>(null);
  const [reason, setReason] = useState<(typeof REJECT_REASONS)[number] | null>(null);
  const [bring, setBring] = useState<(typeof REVIEW_BRING_ITEMS)[number][]>([]);
  const entry = findService(shown.serviceId);
  const questions: Question[] = entry ? entry.steps.flatMap((s) => (s.kind === 'questions' ? s.questions : [])) : [];
  const decide = (request: CommandRequest<'staff:decide'>) => {
    void client.invoke('staff:decide', request).then((r) => {
      if (r.ok) {
        setShown(r.value);
        setDeciding(null);
      }
    });
  };
  const last = shown.decisions.at(-1);
  return (
    <Page heading={t('staff.review.detailHeading', { reference: shown.reference })} screenKey={`staffReviewDetail-${shown.reference}`} testId="staffReviewDetail">
      <dl className="facts" data-testid="review-detail">
        <div>
          <dt>{t('lookup.service')}</dt>
          <dd>{entry ? t(`services.${shown.serviceId}.title`) : shown.serviceId}</dd>
        </div>
        <div>
          <dt>{t('lookup.submittedOn')}</dt>
          <dd>{when(shown.createdAt, i18n.language)}</dd>
        </div>
        {shown.applicant ? (
          <div>
            <dt>{t('check.applicant')}</dt>
            <dd data-testid="review-applicant">
              {shown.applicant.name} · {shown.applicant.numberMasked}
            </dd>
          </div>
        ) : null}
        {questions
          .filter((q) => shown.answers[q.id] !== undefined)
          .map((q) => (
            <div key={q.id}>
              <dt>{t(`questions.${q.id}.label`)}</dt>
              <dd data-testid={`review-answer-${q.id}`}>{answerText(q, shown.answers[q.id] as AnswerValue)}</dd>
            </div>
          ))}
        {shown.faceCheck ? (
          <div>
            <dt>{t('staff.review.faceCheck')}</dt>
            <dd data-testid="review-face-check" data-face-check={shown.faceCheck}>
              {t(`staff.review.faceCheckResult.${shown.faceCheck}`)}
            </dd>
          </div>
        ) : null}
        {shown.payment ? (
          <div>
            <dt>{t('staff.review.payment')}</dt>
            <dd data-testid="review-payment" data-state={shown.payment.state}>
              {yuan(shown.payment.amountFen)} · {t(`staff.review.paymentState.${shown.payment.state}`)}
            </dd>
          </div>
        ) : null}
      </dl>
      {shown.photo ? <img className="photo-thumb" src={`data:image/jpeg;base64,${shown.photo}`} alt={t('check.photoAlt')} data-testid="review-photo" /> : null}
      {last ? (
        <p className="lead" data-testid="review-decided" data-decision={last.decision}>
          {t(`staff.review.decision.${last.decision}`)} · {last.staffNumber} · {when(last.decidedAt, i18n.language)}
        </p>
      ) : null}
      {shown.needsReview ? (
        deciding === 'reject' ? (
          <fieldset className="choices">
            <legend>{t('staff.review.reasonLegend')}</legend>
            {REJECT_REASONS.map((r) => (
              <div key={r} className="choice">
                <input type="radio" id={`reason-${r}`} name="reason" checked={reason === r} onChange={() => setReason(r)} data-testid={`review-reason-${r}`} />
                <label htmlFor={`reason-${r}`}>{t(`lookup.review.reason.${r}`)}</label>
              </div>
            ))}
            <div className="actions">
              <Button variant="warning" disabled={!reason} onClick={() => reason && decide({ reference: shown.reference, decision: 'reject', reasonCode: reason })} data-testid="review-confirm">
                {t('staff.review.confirmReject')}
              </Button>
              <Button variant="secondary" onClick={() => setDeciding(null)}>
                {t('staff.review.cancel')}
              </Button>
            </div>
          </fieldset>
        ) : deciding === 'moreInfo' ? (
          <fieldset className="choices">
            <legend>{t('staff.review.bringLegend')}</legend>
            {REVIEW_BRING_ITEMS.map((b) => (
              <div key={b} className="choice">
                <input
                  type="checkbox"
                  id={`bring-${b}`}
                  checked={bring.includes(b)}
                  onChange={() => setBring((all) => (all.includes(b) ? all.filter((x) => x !== b) : [...all, b]))}
                  data-testid={`review-bring-${b}`}
                />
                <label htmlFor={`bring-${b}`}>{t(`bring.${b}`)}</label>
              </div>
            ))}
            <div className="actions">
              <Button disabled={bring.length === 0} onClick={() => decide({ reference: shown.reference, decision: 'moreInfo', bring })} data-testid="review-confirm">
                {t('staff.review.confirmMoreInfo')}
              </Button>
              <Button variant="secondary" onClick={() => setDeciding(null)}>
                {t('staff.review.cancel')}
              </Button>
            </div>
          </fieldset>
        ) : (
          <div className="actions">
            <Button onClick={() => decide({ reference: shown.reference, decision: 'approve' })} data-testid="review-approve">
              {t('staff.review.approve')}
            </Button>
            <Button variant="warning" onClick={() => setDeciding('reject')} data-testid="review-reject">
              {t('staff.review.reject')}
            </Button>
            <Button variant="secondary" onClick={() => setDeciding('moreInfo')} data-testid="review-more-info">
              {t('staff.review.moreInfo')}
            </Button>
          </div>
        )
      ) : null}
      <section aria-labelledby="review-audit">
        <h2 id="review-audit">{t('staff.review.auditHeading')}</h2>
        <ol className="bullets" data-testid="review-audit-trail">
          {shown.audit.map((a, i) => (
            <li key={i}>
              {t('staff.review.auditLine', { when: when(a.at, i18n.language), what: auditAction(t, a.action), who: auditActor(t, a.actor) })}
            </li>
          ))}
        </ol>
      </section>
      <div className="actions">
        <Button variant="secondary" onClick={onBack} data-testid="review-detail-back">
          {t('staff.review.backToQueue')}
        </Button>
      </div>
    </Page>
  );
}
