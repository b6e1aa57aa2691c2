/**
 * The uplink: takes submissions out of the outbox to the police platform and pulls the
 * platform's decisions back.
 *
 * Protocol v1 (the reference receiver in tests/fixtures/reference-receiver.ts implements it)
 *
 *   Every request: `X-Kiosk-Id: <kiosk code>`; `Authorization: Bearer <token>` when a token is
 *   set; a client certificate when mutual TLS is set up. HTTPS only (HTTP on loopback in tests).
 *
 *   POST {url}/submissions
 *     Idempotency-Key: the submission key for a single submission; for a batch,
 *       `batch-` + 32 hex of sha256(sorted item keys joined by "\n"), so a resent batch carries
 *       the same key. Each item carries its own key too; the platform deduplicates by item key.
 *     body   { kioskId, submissions: [{ reference, idempotencyKey, serviceId, lang,
 *              createdAt (ISO 8601), payload: { applicant, answers, photo?, payment? } }],
 *              audit: { head: { count, hash }, entries: [{ seq, at, actor, action, subject,
 *              detail, prevHash, hash, keyId }] } }
 *            audit.head is the kiosk's audit log as it stands (its count and newest hash);
 *            audit.entries are the entries after the last one the platform acknowledged, oldest
 *            first, at most 500 a batch. Entries carry codes and references, no personal data.
 *     2xx    { results: [{ reference, status: 'stored' | 'duplicate' | 'invalid', reason? }],
 *              audit?: { acceptedThrough } | { problem: 'regressed' | 'forked' | 'gap', at } }
 *            The platform keeps every entry it gets and checks each batch against them: a head
 *            below a count it saw (entries deleted, the database rolled back), an entry it holds
 *            with another hash (history rewritten), or entries that do not chain on from what it
 *            holds, are flagged on its side; the kiosk logs the problem for staff.
 *            stored / duplicate: the platform has it (duplicate: under this key before);
 *            invalid: it never will take it (permanent); reason is a short code.
 *            A submission missing from the results is retried.
 *     408, 409, 425, 429, 5xx, timeouts, network errors: retried with backoff (Retry-After,
 *            seconds or HTTP-date, when given); nothing else is posted until then.
 *     413    for a batch: sent again at once in halves; for a single submission: as below.
 *     Any other 4xx: every item fails for good with `http<status>`.
 *
 *   GET {url}/submissions/status?refs=<ref>,<ref>,...   (at most batchSize references)
 *     2xx    { statuses: [{ reference, state: 'received' | 'accepted' | 'rejected',
 *              reason?, certificateReady? }] }   references the platform does not know are left out.
 *
 *   POST {url}/reviews
 *     Idempotency-Key: `reviews-` + the ids of the decisions in the batch.
 *     body   { kioskId, reviews: [{ id, reference, decision: 'approve' | 'reject' | 'moreInfo',
 *              reasonCode, bring: [item], staffNumber, decidedAt (ISO 8601), note }] }
 *            Station staff's decisions on the submissions they review, oldest first, at most
 *            batchSize a request. The note is the reviewer's own words, for the platform's staff.
 *     2xx    { stored: [id] }   the ids it keeps (a repeat is stored again harmlessly); the rest
 *            are sent again at the next turn, as after any failure.
 *
 *   POST {url}/kiosk-status   (the heartbeat; schema: heartbeatSchema in uplink-protocol.ts)
 *     Idempotency-Key: `heartbeat-` + startedAt in ms + `-` + seq.
 *     body   { kioskId, at, reason: 'start' | 'period' | 'alert', startedAt, seq, uptimeS, version,
 *              devices: { <device>: { device, paper?, media?, ink? } },
 *              supplies: [{ supply, state: 'ok' | 'low' | 'out', level, capacity }],
 *              help?: { open, lastAt | null }, outbox: { queued, sending, sent, accepted, rejected, failed },
 *              config?: { version }, errors: [{ event, code | null, count, lastAt }] }
 *            Made every heartbeatIntervalMs, and at the next turn (at most one per alertMinGapMs)
 *            when a supply goes low or out or is refilled, a device fails or recovers, or a
 *            resident asks for help or staff deal with it. State codes, levels and counts only:
 *            never a device's `detail`, never anything a resident gave. Heartbeats are never
 *            written to the outbox: one waits in memory, and a newer one replaces it, so a long
 *            outage leaves one (the latest) to send, not a backlog; seq shows the ones replaced,
 *            and one that replaced an unsent alert is sent as an alert (alert > start > period).
 *     2xx    (any body) taken. Anything else: tried again with backoff, or replaced by the next.

   GET {url}/kiosk-config   (remote configuration; schema: kioskConfigSchema in uplink-protocol.ts)
     If-None-Match: `"<version>"`, the newest version the kiosk applied or refused (none before any).
     Asked for once a heartbeat period, after the heartbeat: an unchanged configuration costs a 304.
     200    { version, settings: { <admin setting>: value, ... }, notices: [{ <lang>: text }] }
            ETag `"<version>"`. A version above the one seen is checked whole, by the rules of an
            admin's save, and applied through the settings (audited `config.applied`, actor
            `platform`) or refused whole (`config.refused` with a code, no values; in the next
            heartbeat's errors). A version at or below it is ignored (no rollback by replay).
     304    unchanged.   404    no configuration for this kiosk: it keeps what it has.
     Anything else: noted like any failure, asked again at the next period.

 * A reason that is not a short code (`[A-Za-z0-9_.:-]{1,64}`) is stored as 'unspecified'.
 */
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { Sealer } from '../crypto/sealer';
import { ConfigError } from '../config';
import { errorKind, type Logger } from '../log/logger';
import { RecentCodes, recordingLogger } from '../log/recent-codes';
import { submissionContext } from '../queue/enqueue';
import {
  claimDue,
  countByState,
  listAwaitingDecision,
  nextDueAt,
  type SubmissionRow,
  type SubmissionState,
} from '../store/repos/submissions';
import { markDecisionsSent, unsentDecisions } from '../store/repos/review-decisions';
import { openReviewNote } from '../staff/review-note';
import { backoffDelay, classifyStatus, parseRetryAfter } from './backoff';
import { HeartbeatSlot, type KioskParts } from './heartbeat';
import { createHttpTransport, type TlsMaterial, type TransportRequest, type UplinkTransport } from './http-transport';
import { failRows, recordSubmitResults, retryRows } from './outbox-outcomes';
import { runExchange, type Exchange } from './platform-exchange';
import { RemoteConfig, type ConfigTarget, type PullOutcome } from './remote-config';
import { recordStatuses } from './status-records';
import type { UplinkConfig } from './uplink-config';
import { auditEntriesAfter, auditHead } from '../store/repos/audit-log';
import { getSetting, setSetting } from '../store/repos/settings';
import {
  heartbeatKey,
  parseBody,
  requestIdempotencyKey,
  reviewsResponseSchema,
  statusResponseSchema,
  submitResponseSchema,
  type SubmitRequestBody,
  type SubmitResponse,
  type WireAudit,
  type WireSubmission,
} from './uplink-protocol';

/** What staff see of the platform: 'notConfigured' means the kiosk only queues. */
export type PlatformState = 'notConfigured' | 'ok' | 'unreachable' | 'error';

/** The uplink's state for staff; errors are codes only. 'ok' until an exchange fails. */
export interface UplinkStatus {
  platform: PlatformState;
  lastSuccessAt: number | null;
  lastError: string | null;
  backlog: Record<SubmissionState, number>;
}

/** What one sync did, for tests and logs. */
export interface SyncReport {
  requests: number;
  sent: number;
  failed: number;
  retried: number;
  statusUpdates: number;
}

/** Replaceable parts: the transport, the clock and the random source; and what the heartbeat reports. */
export interface UplinkDeps {
  transport?: UplinkTransport;
  now?: () => number;
  /** Uniform in [0, 1), for the backoff jitter. */
  random?: () => number;
  /** The devices, supplies and help requests, read when a heartbeat is made (none without it). */
  kiosk?: () => KioskParts;
  /** The app's version, for the heartbeat. */
  version?: string;
  /** Where the host counts its warnings and errors (its logger already records into it); else the uplink counts its own. */
  recentCodes?: RecentCodes;
  /** Where the platform's configuration is applied (the settings); without it none is asked for. */
  config?: ConfigTarget;
}

type PushReport = Omit<SyncReport, 'statusUpdates'>;

// Between loop turns: short enough for a backoff of a second, long enough not to spin.
const MIN_LOOP_DELAY_MS = 250;
// Wake up at least this often, so a changed wall clock cannot put the loop to sleep for days.
const MAX_LOOP_DELAY_MS = 5 * 60_000;
const AFTER_CRASH_DELAY_MS = 5_000;
// The settings key of the last audit entry the platform acknowledged.
const AUDIT_SENT_THROUGH = 'audit.sentThrough';
const AUDIT_ENTRIES_PER_BATCH = 500;
// One turn never claims more than this many batches, so stop() is never kept waiting long.
const MAX_BATCHES_PER_TURN = 1_000;

/** Posts queued submissions to the platform and pulls their status back; one request per kind in flight. */
export class Uplink {
  private readonly transport: UplinkTransport | undefined;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly headers: Record<string, string>;
  private halt = new AbortController();
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private cycle: Promise<void> | undefined;
  private again = false;
  private pushing: Promise<PushReport> | undefined;
  private beating: Promise<number> | undefined;
  private pulling: Promise<{ requests: number; updates: number }> | undefined;
  private lastPullAt = Number.NEGATIVE_INFINITY;
  private readonly remoteConfig: RemoteConfig | undefined;
  private configing: Promise<number> | undefined;
  private configDueAt = Number.NEGATIVE_INFINITY;
  // After a failed send nothing is posted until the failed batch is due again (or Retry-After
  // has passed), so a platform that is down or overloaded gets one probe, not the whole backlog.
  private holdUntil = Number.NEGATIVE_INFINITY;
  private readonly heartbeat: HeartbeatSlot;
  private readonly kiosk: () => KioskParts;
  private readonly version: string;
  private readonly recentCodes: RecentCodes;
  private readonly log: Logger;
  // Lowered when the platform says a batch is too large (413); photos make batches heavy.
  private batchLimit: number;
  private platform: Exclude<PlatformState, 'notConfigured'> = 'ok';
  private lastSuccessAt: number | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly db: Database,
    private readonly sealer: Sealer,
    private readonly config: UplinkConfig,
    log: Logger,
    deps: UplinkDeps = {},
  ) {
    this.transport = config.url === undefined ? undefined : (deps.transport ?? createHttpTransport(config.url));
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.recentCodes = deps.recentCodes ?? new RecentCodes(this.now);
    this.log = deps.recentCodes ? log : recordingLogger(log, this.recentCodes);
    this.kiosk = deps.kiosk ?? (() => ({ devices: {}, supplies: [] }));
    this.version = deps.version ?? 'unknown';
    this.heartbeat = new HeartbeatSlot({ intervalMs: config.heartbeatIntervalMs, alertMinGapMs: config.alertMinGapMs }, this.now());
    this.batchLimit = config.batchSize;
    this.headers = platformHeaders(config);
    this.remoteConfig = deps.config && new RemoteConfig(db, deps.config, this.log, this.now);
  }

  /** Starts the background loop; does nothing without a platform. */
  start(): void {
    if (this.transport === undefined || this.running) return;
    this.running = true;
    this.log.info('uplink.started', { batchSize: this.config.batchSize });
    this.schedule(0);
  }

  /** Stops the loop and aborts requests in flight; their submissions are sent again later. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.halt.abort();
    await Promise.allSettled([this.cycle, this.beating, this.pushing, this.pulling, this.configing]);
    this.halt = new AbortController();
    this.transport?.close();
  }

  /**
   * Something the platform must hear of now (a supply went low or out or was refilled, a
   * resident asked for help): a heartbeat goes at the next turn instead of waiting for the period.
   */
  alert(): void {
    this.heartbeat.alert();
    this.notify();
  }

  /** The devices' statuses changed: an alert when a device failed or recovered, or paper ran low. */
  devicesChanged(devices: KioskParts['devices']): void {
    if (this.heartbeat.devicesChanged(devices)) this.notify();
  }

  /** How many heartbeats wait to be sent: never more than one. */
  heartbeatsWaiting(): number {
    return this.heartbeat.waiting;
  }

  /** A submission was queued: sync now rather than at the next scheduled turn. */
  notify(): void {
    if (!this.running) return;
    if (this.cycle) this.again = true;
    else this.schedule(0);
  }

  /** Where the uplink stands, for staff. */
  status(): UplinkStatus {
    return {
      platform: this.transport === undefined ? 'notConfigured' : this.platform,
      lastSuccessAt: this.lastSuccessAt,
      lastError: this.lastError,
      backlog: countByState(this.db),
    };
  }

  /** Sends the heartbeat when due and everything queued, then pulls decisions when the pull interval has passed. */
  async syncOnce(): Promise<SyncReport> {
    if (this.transport === undefined) return { requests: 0, sent: 0, failed: 0, retried: 0, statusUpdates: 0 };
    // The heartbeat first: an alert must not wait behind a night's backlog of submissions.
    const beat = await this.beat();
    // Then the configuration, once a period: a closed counter or a notice should not wait behind a backlog either.
    const configured = this.now() >= this.configDueAt ? await this.pullConfig() : 0;
    const pushed = await this.push();
    pushed.requests += beat + configured;
    if (this.now() >= this.holdUntil) pushed.requests += await this.pushReviews();
    const pullDue = this.now() - this.lastPullAt >= this.config.statusPullIntervalMs;
    const pulled = pullDue ? await this.pullStatus() : { requests: 0, updates: 0 };
    return { ...pushed, requests: pushed.requests + pulled.requests, statusUpdates: pulled.updates };
  }

  /** When the next submission will be posted, or undefined when none waits. */
  nextAttemptAt(): number | undefined {
    const due = nextDueAt(this.db);
    return due === undefined ? undefined : Math.max(due, this.holdUntil);
  }

  /** Pulls decisions for submissions the platform has; joins a pull already in flight. */
  pullStatus(): Promise<{ requests: number; updates: number }> {
    this.pulling ??= this.pullPage().finally(() => (this.pulling = undefined));
    return this.pulling;
  }

  /** Asks the platform for its configuration now (also done once a heartbeat period); returns the requests made. */
  pullConfig(): Promise<number> {
    this.configing ??= this.fetchConfig().finally(() => (this.configing = undefined));
    return this.configing;
  }

  // One heartbeat request in flight, like every other kind: a second turn joins the first.
  private beat(): Promise<number> {
    this.beating ??= this.pushHeartbeat().finally(() => (this.beating = undefined));
    return this.beating;
  }

  private push(): Promise<PushReport> {
    this.pushing ??= this.pushDue().finally(() => (this.pushing = undefined));
    return this.pushing;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.turn();
    }, delayMs);
    // The loop alone must not keep a process (or a test run) alive.
    this.timer.unref();
  }

  private async turn(): Promise<void> {
    if (!this.running || this.cycle) return;
    this.again = false;
    let crashed = false;
    this.cycle = this.syncOnce().then(
      () => undefined,
      (error: unknown) => {
        crashed = true;
        this.log.error('uplink.turnFailed', { error: errorKind(error) });
      },
    );
    await this.cycle;
    this.cycle = undefined;
    if (!this.running) return;
    this.schedule(this.again ? 0 : crashed ? AFTER_CRASH_DELAY_MS : this.nextDelay());
  }

  private nextDelay(): number {
    const now = this.now();
    const pullAt = this.lastPullAt + Math.max(this.config.statusPullIntervalMs, MIN_LOOP_DELAY_MS);
    const configAt = this.remoteConfig ? this.configDueAt : Number.POSITIVE_INFINITY;
    const wake = Math.min(this.nextAttemptAt() ?? Number.POSITIVE_INFINITY, pullAt, configAt, this.heartbeat.wakeAt(), now + MAX_LOOP_DELAY_MS);
    return Math.min(Math.max(wake - now, MIN_LOOP_DELAY_MS), MAX_LOOP_DELAY_MS);
  }

  private async pushDue(): Promise<PushReport> {
    const report: PushReport = { requests: 0, sent: 0, failed: 0, retried: 0 };
    if (this.now() < this.holdUntil) return report;
    for (let batch = 0; batch < MAX_BATCHES_PER_TURN && !this.halt.signal.aborted; batch++) {
      const rows = claimDue(this.db, this.now(), this.batchLimit);
      if (rows.length === 0) break;
      if (!(await this.pushBatch(rows, report))) break;
    }
    return report;
  }

  /** Posts one batch; false when the platform is not taking submissions right now. */
  private async pushBatch(rows: SubmissionRow[], report: PushReport): Promise<boolean> {
    const items: { row: SubmissionRow; wire: WireSubmission }[] = [];
    for (const row of rows) {
      const payload = this.openPayload(row);
      if (payload === undefined) {
        this.fail([row], 'unreadable', report);
        continue;
      }
      const wire: WireSubmission = {
        reference: row.reference,
        idempotencyKey: row.submissionKey,
        serviceId: row.serviceId,
        lang: row.lang,
        createdAt: new Date(row.createdAt).toISOString(),
        payload,
      };
      items.push({ row, wire });
    }
    if (items.length === 0) return true;
    const sending = items.map((i) => i.row);
    const body: SubmitRequestBody = { kioskId: this.config.kioskId, submissions: items.map((i) => i.wire), audit: this.auditPart() };
    report.requests += 1;
    const exchange = await this.exchange({
      method: 'POST',
      path: '/submissions',
      headers: { 'idempotency-key': requestIdempotencyKey(sending.map((r) => r.submissionKey)) },
      body: JSON.stringify(body),
    });
    if (exchange.kind === 'stopped') return false; // still 'sending': claimed again next time
    if (exchange.kind === 'error') {
      this.noteFailure(exchange.platform, exchange.code);
      this.retry(sending, exchange.code, undefined, report, true);
      return false;
    }
    const { status, headers } = exchange.response;
    const verdict = classifyStatus(status);
    if (status === 413 && sending.length > 1) {
      // Too large for the platform: the same rows go again at once (still 'sending', so due)
      // in smaller batches, without using up their retry budget.
      this.batchLimit = Math.max(1, Math.floor(sending.length / 2));
      this.log.warn('uplink.batchTooLarge', { count: sending.length, batchLimit: this.batchLimit });
      return true;
    }
    if (verdict !== 'ok') {
      const code = `http${status}`;
      this.noteFailure('error', code);
      if (verdict === 'retry') this.retry(sending, code, parseRetryAfter(headers['retry-after'], this.now()), report, true);
      else this.fail(sending, code, report);
      return false;
    }
    const answer = parseBody(submitResponseSchema, exchange.response.body);
    if (answer === undefined) {
      this.noteFailure('error', 'badResponse');
      this.retry(sending, 'badResponse', undefined, report, true);
      return false;
    }
    this.noteSuccess();
    this.recordAuditAnswer(answer.audit, body.audit);
    const missing = recordSubmitResults(this.db, sending, answer, this.now(), this.log, report);
    if (missing.length > 0) this.retry(missing, 'noResult', undefined, report, false);
    return true;
  }

  /** Makes the heartbeat when due, and sends the one waiting; returns the requests made. */
  private async pushHeartbeat(): Promise<number> {
    const now = this.now();
    const reason = this.heartbeat.due(now);
    if (reason !== undefined) {
      const config = this.remoteConfig ? { config: { version: this.remoteConfig.version() } } : {};
      const made = this.heartbeat.make(now, reason, { ...this.kiosk(), kioskId: this.config.kioskId, version: this.version, outbox: countByState(this.db), errors: this.recentCodes.list(), ...config });
      if (made === undefined) this.log.error('uplink.heartbeatInvalid', { reason });
    }
    const heartbeat = this.heartbeat.sendable(now);
    if (heartbeat === null || this.halt.signal.aborted) return 0;
    const exchange = await this.exchange({ method: 'POST', path: '/kiosk-status', headers: { 'idempotency-key': heartbeatKey(heartbeat) }, body: JSON.stringify(heartbeat) });
    if (exchange.kind === 'stopped') return 1;
    if (exchange.kind === 'answer' && classifyStatus(exchange.response.status) === 'ok') {
      this.noteSuccess();
      this.heartbeat.delivered(heartbeat);
      return 1;
    }
    if (exchange.kind === 'error') this.noteFailure(exchange.platform, exchange.code);
    else this.noteFailure('error', `http${exchange.response.status}`);
    // Never later than the next period: by then a newer heartbeat replaces this one anyway.
    const retryAfter = exchange.kind === 'answer' ? parseRetryAfter(exchange.response.headers['retry-after'], this.now()) : undefined;
    const ceiling = { baseDelayMs: this.config.baseDelayMs, maxDelayMs: Math.min(this.config.maxDelayMs, this.config.heartbeatIntervalMs) };
    this.heartbeat.failed(this.now(), (failures) => Math.min(retryAfter ?? backoffDelay(failures, ceiling, this.random), this.config.heartbeatIntervalMs));
    return 1;
  }

  // A failed pull is not retried with backoff: the next period asks again, and nothing waits on it.
  private async fetchConfig(): Promise<number> {
    if (this.remoteConfig === undefined || this.halt.signal.aborted) return 0;
    this.configDueAt = this.now() + this.config.heartbeatIntervalMs;
    const exchange = await this.exchange(this.remoteConfig.request());
    if (exchange.kind === 'stopped') return 1;
    if (exchange.kind === 'error') {
      this.noteFailure(exchange.platform, exchange.code);
      return 1;
    }
    const outcome: PullOutcome = this.remoteConfig.receive(exchange.response);
    if (typeof outcome === 'object') this.noteFailure('error', outcome.failed);
    else this.noteSuccess();
    return 1;
  }

  /** Sends staff's review decisions the platform does not have yet; returns the requests made. */
  private async pushReviews(): Promise<number> {
    const rows = unsentDecisions(this.db, this.config.batchSize);
    if (rows.length === 0 || this.halt.signal.aborted) return 0;
    const reviews = rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      decision: r.decision,
      reasonCode: r.reasonCode,
      bring: r.bring,
      staffNumber: r.staffId,
      decidedAt: new Date(r.decidedAt).toISOString(),
      note: r.note === null ? null : openReviewNote(this.sealer, r.reference, r.note),
    }));
    const exchange = await this.exchange({
      method: 'POST',
      path: '/reviews',
      headers: { 'idempotency-key': `reviews-${rows.map((r) => r.id).join('-')}` },
      body: JSON.stringify({ kioskId: this.config.kioskId, reviews }),
    });
    if (exchange.kind === 'stopped') return 1;
    if (exchange.kind === 'error') {
      this.noteFailure(exchange.platform, exchange.code);
      return 1;
    }
    if (classifyStatus(exchange.response.status) !== 'ok') {
      this.noteFailure('error', `http${exchange.response.status}`);
      return 1;
    }
    const answer = parseBody(reviewsResponseSchema, exchange.response.body);
    if (!answer) {
      this.noteFailure('error', 'badResponse');
      return 1;
    }
    this.noteSuccess();
    const sent = new Set(rows.map((r) => r.id));
    markDecisionsSent(this.db, answer.stored.filter((id) => sent.has(id)), this.now());
    return 1;
  }

  // The audit head goes with every batch, and the entries the platform has not acknowledged.
  private auditPart(): WireAudit {
    const sentThrough = Number(getSetting(this.db, AUDIT_SENT_THROUGH) ?? '0');
    const head = auditHead(this.db);
    // A database rolled back below what was acknowledged: send from the start of what is there.
    const from = Number.isSafeInteger(sentThrough) && sentThrough >= 0 && sentThrough <= head.count ? sentThrough : 0;
    return { head, entries: auditEntriesAfter(this.db, from, AUDIT_ENTRIES_PER_BATCH) };
  }

  private recordAuditAnswer(answer: SubmitResponse['audit'], sent: WireAudit): void {
    if (answer === undefined) return;
    if ('problem' in answer) {
      this.log.error('audit.platformFlagged', { problem: answer.problem, at: answer.at, head: sent.head.count });
      return;
    }
    const last = sent.entries.at(-1)?.seq ?? sent.head.count;
    setSetting(this.db, AUDIT_SENT_THROUGH, String(Math.min(answer.acceptedThrough, last)));
  }

  private openPayload(row: SubmissionRow): unknown {
    if (row.payload === null) return undefined;
    try {
      return JSON.parse(this.sealer.open(row.payload, submissionContext(row.reference)).toString('utf8')) as unknown;
    } catch (error) {
      this.log.error('uplink.unreadable', { reference: row.reference, error: errorKind(error), code: (error as { code?: string }).code ?? null });
      return undefined;
    }
  }

  private retry(rows: readonly SubmissionRow[], code: string, retryAfterMs: number | undefined, report: PushReport, hold: boolean): void {
    const now = this.now();
    const earliest = retryRows(this.db, rows, { ...this.config, code, now, retryAfterMs, u: this.random() }, this.log, report);
    if (hold && earliest !== undefined) this.holdUntil = now + earliest;
  }

  private fail(rows: readonly SubmissionRow[], code: string, report: PushReport): void {
    failRows(this.db, rows, code, this.now(), this.log, report);
  }

  private async pullPage(): Promise<{ requests: number; updates: number }> {
    this.lastPullAt = this.now();
    const rows = listAwaitingDecision(this.db, this.config.batchSize);
    if (rows.length === 0) return { requests: 0, updates: 0 };
    const refs = rows.map((r) => encodeURIComponent(r.reference)).join(',');
    const exchange = await this.exchange({ method: 'GET', path: `/submissions/status?refs=${refs}`, headers: {} });
    if (exchange.kind === 'stopped') return { requests: 1, updates: 0 };
    if (exchange.kind === 'error') {
      this.noteFailure(exchange.platform, exchange.code);
      return { requests: 1, updates: 0 };
    }
    const { status, body } = exchange.response;
    const answer = classifyStatus(status) === 'ok' ? parseBody(statusResponseSchema, body) : undefined;
    if (answer === undefined) {
      this.noteFailure('error', status >= 200 && status < 300 ? 'badResponse' : `http${status}`);
      return { requests: 1, updates: 0 };
    }
    this.noteSuccess();
    const { updates, unknown } = recordStatuses(this.db, rows, answer, this.now());
    if (unknown > 0) this.log.warn('uplink.statusUnknown', { count: unknown });
    if (updates > 0) this.log.info('uplink.statusRecorded', { updates });
    return { requests: 1, updates };
  }

  private exchange(req: Omit<TransportRequest, 'signal'>): Promise<Exchange> {
    if (this.transport === undefined) return Promise.resolve({ kind: 'stopped' });
    const headers = { ...this.headers, ...req.headers };
    return runExchange(this.transport, { ...req, headers }, { timeoutMs: this.config.requestTimeoutMs, halt: this.halt.signal });
  }

  private noteSuccess(): void {
    if (this.platform !== 'ok') this.log.info('uplink.platformOk', { after: this.lastError });
    this.platform = 'ok';
    this.lastSuccessAt = this.now();
    this.lastError = null;
  }

  private noteFailure(platform: 'unreachable' | 'error', code: string): void {
    // Once per change: a platform that is down for a night must not fill the disk.
    if (platform !== this.platform || code !== this.lastError) this.log.warn('uplink.platformTrouble', { platform, error: code });
    this.platform = platform;
    this.lastError = code;
  }
}

/** The headers of every request to the platform: the kiosk's id and, when set, the bearer token. */
export function platformHeaders(config: UplinkConfig): Record<string, string> {
  const headers: Record<string, string> = { 'x-kiosk-id': config.kioskId, 'user-agent': 'police-kiosk-uplink/1' };
  if (config.bearerToken !== undefined) headers.authorization = `Bearer ${config.bearerToken}`;
  return headers;
}

/** An HTTPS transport to the configured platform, with the client certificate and CA the settings name. */
export function platformTransport(config: UplinkConfig & { url: string }): UplinkTransport {
  const tls: TlsMaterial = {
    cert: readPem(config.clientCertFile, 'clientCertFile'),
    key: readPem(config.clientKeyFile, 'clientKeyFile'),
    ca: readPem(config.caFile, 'caFile'),
  };
  return createHttpTransport(config.url, tls);
}

function readPem(file: string | undefined, setting: string): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new ConfigError(`Uplink setting ${setting}: the file cannot be read (${(error as { code?: string }).code ?? errorKind(error)})`);
  }
}

/** The uplink for the host: reads the TLS files named in the settings and connects over node:https. */
export function createUplink(db: Database, sealer: Sealer, config: UplinkConfig, log: Logger, deps: Omit<UplinkDeps, 'transport'> = {}): Uplink {
  if (config.url === undefined) return new Uplink(db, sealer, config, log, deps);
  return new Uplink(db, sealer, config, log, { ...deps, transport: platformTransport({ ...config, url: config.url }) });
}
