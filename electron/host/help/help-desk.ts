import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { FlowView } from '../../../shared/contract';
import type { HelpCall, helpListSchema, helpRequestResultSchema } from '../../../shared/contract/help';
import { isCallOver, type CallState, type Intercom } from '../../../shared/hardware/intercom';
import { isReady, type Completion } from '../../../shared/hardware/types';
import { InvalidRequestError } from '../errors';
import { errorKind, type Logger } from '../log/logger';
import { appendAudit } from '../store/repos/audit-log';
import { closeHelpRequest, getHelpRequest, helpCounts, insertHelpRequest, listHelpRequests, setHelpCallState } from '../store/repos/help-requests';

/** How many closed requests staff's list shows besides the open ones. */
const CLOSED_SHOWN = 50;

/** What the platform is told of residents asking for help (`POST /kiosk-status`). */
export interface HelpSummary {
  open: number;
  /** When the newest request was made (ISO 8601), whatever its state; null when none ever was. */
  lastAt: string | null;
}

export interface HelpDeskDeps {
  db: Database;
  log: Logger;
  now: () => number;
  intercom: Intercom;
  /** The station phone an admin set ('' when none). */
  stationPhone: () => string;
  /** A call's state changed: the screen is pushed `help:call`. */
  onCall: (call: HelpCall) => void;
  /** A request was opened or closed: the platform must hear, since nobody may be at the station. */
  onChange: (summary: HelpSummary) => void;
}

const subject = (id: number) => `help-${id}`;

function startOfLocalDay(ms: number): number {
  const day = new Date(ms);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/**
 * "Call an officer": one request per resident session, the intercom call for it, and staff's
 * list of who asked. None of it touches the resident's flow. The session is known only here, in
 * memory: its id is the submission key, so the database never links a request to a session.
 */
export class HelpDesk {
  /** The request the current session made, open or since closed by staff. */
  private mine: { sessionId: string; requestId: number } | null = null;
  /** The intercom call going on, placed for a request of a session. */
  private active: { requestId: number; sessionId: string; state: CallState; abort: AbortController } | null = null;
  private readonly unwatch: () => void;

  constructor(private readonly deps: HelpDeskDeps) {
    this.unwatch = deps.intercom.onCallState((state) => this.heard(state));
  }

  /** Records the session's request (the same one if it is still open) and says what the resident can do. */
  request(view: FlowView): z.output<typeof helpRequestResultSchema> {
    const { db, log, now } = this.deps;
    let requestId = this.openRequestOf(view.sessionId);
    if (requestId === null) {
      const at = now();
      const screen = view.screen.name;
      const row = db.transaction(() => {
        const inserted = insertHelpRequest(db, { at, screen, serviceId: view.serviceId });
        appendAudit(db, { actor: 'kiosk', action: 'help.requested', subject: subject(inserted.id), detail: { screen, serviceId: view.serviceId } }, at);
        return inserted;
      })();
      requestId = row.id;
      this.mine = { sessionId: view.sessionId, requestId };
      log.info('help.requested', { id: requestId, screen, serviceId: view.serviceId });
      this.changed();
    }
    return { requestId, phone: this.deps.stationPhone() || null, intercom: isReady(this.deps.intercom.status()) ? 'ready' : 'unavailable' };
  }

  /** Calls the station for the session's open request; answers how the call stands. */
  async call(view: FlowView): Promise<HelpCall> {
    const requestId = this.openRequestOf(view.sessionId);
    if (requestId === null) throw new InvalidRequestError('There is no open help request for this session: ask for help first.');
    // A call of a resident who has gone is ended before this one rings. Without one, nothing is
    // awaited before `active` is set, so a second press while this call is placed joins it.
    if (this.active && this.active.requestId !== requestId) await this.endActive();
    if (this.active?.requestId === requestId) return { requestId, state: this.active.state };
    if (this.active) throw new InvalidRequestError('Another call to the station is going on.');
    const active = { requestId, sessionId: view.sessionId, state: 'ringing' as CallState, abort: new AbortController() };
    this.active = active;
    let result: Completion;
    try {
      result = await this.deps.intercom.call(active.abort.signal);
    } catch (error) {
      this.deps.log.warn('help.callThrew', { error: errorKind(error) });
      result = { code: 'hardwareError', message: 'The intercom failed.' };
    }
    if (result.code !== 'success') {
      if (this.active === active) this.active = null;
      active.state = 'failed';
      this.record(requestId, 'failed');
    }
    appendAudit(this.deps.db, { actor: 'kiosk', action: 'help.called', subject: subject(requestId), detail: { result: result.code } }, this.deps.now());
    return { requestId, state: active.state };
  }

  /** Ends the session's call, if one is going on; answers how it stands. */
  async hangUp(view: FlowView): Promise<HelpCall> {
    const requestId = this.mine?.sessionId === view.sessionId ? this.mine.requestId : null;
    if (requestId === null) throw new InvalidRequestError('There is no help request for this session.');
    if (this.active?.requestId === requestId) await this.endActive();
    return { requestId, state: getHelpRequest(this.deps.db, requestId)?.call ?? 'ended' };
  }

  /** The flow moved to another session: the resident who called has gone, and so does the call. */
  sessionChanged(sessionId: string): void {
    if (this.mine && this.mine.sessionId !== sessionId) this.mine = null;
    if (this.active && this.active.sessionId !== sessionId) {
      void this.endActive().catch((error: unknown) => this.deps.log.warn('help.hangUpFailed', { error: errorKind(error) }));
    }
  }

  /** Staff's list: open first, newest first, and how many were dealt with today. */
  list(): z.output<typeof helpListSchema> {
    const { db, now } = this.deps;
    return { requests: listHelpRequests(db, CLOSED_SHOWN), closedToday: helpCounts(db, startOfLocalDay(now())).closedSince };
  }

  /** A staff member dealt with a request (a second close of the same one changes nothing). */
  close(id: number, staffNumber: string): z.output<typeof helpListSchema> {
    const { db, log, now } = this.deps;
    const at = now();
    const closed = db.transaction(() => {
      if (!getHelpRequest(db, id)) throw new InvalidRequestError('There is no such help request on this kiosk.');
      if (!closeHelpRequest(db, id, staffNumber, at)) return false;
      appendAudit(db, { actor: `staff:${staffNumber}`, action: 'help.closed', subject: subject(id), detail: {} }, at);
      return true;
    })();
    if (closed) {
      // Who closed it is in the audit log; the log, like staff sign-ins, does not name staff.
      log.info('help.closed', { id });
      this.changed();
    }
    return this.list();
  }

  /** What the platform is told. */
  summary(): HelpSummary {
    const { open, lastAt } = helpCounts(this.deps.db, 0);
    return { open, lastAt: lastAt === null ? null : new Date(lastAt).toISOString() };
  }

  /** Ends a call going on and stops listening to the intercom. */
  async stop(): Promise<void> {
    await this.endActive().catch(() => undefined);
    this.unwatch();
  }

  private openRequestOf(sessionId: string): number | null {
    if (this.mine?.sessionId !== sessionId) return null;
    return getHelpRequest(this.deps.db, this.mine.requestId)?.state === 'open' ? this.mine.requestId : null;
  }

  private async endActive(): Promise<void> {
    const active = this.active;
    if (!active) return;
    // A call still being placed is called off; one that rings or is connected is hung up.
    active.abort.abort();
    if (this.active === active) await this.deps.intercom.hangUp();
    // A driver that does not say so itself: the call is over for the kiosk either way.
    if (this.active === active) this.heard('ended');
  }

  private heard(state: CallState): void {
    const active = this.active;
    // A state of a call the kiosk did not place through here: nothing to record it against.
    if (!active) return;
    active.state = state;
    if (isCallOver(state)) this.active = null;
    this.record(active.requestId, state);
  }

  private record(requestId: number, state: CallState): void {
    try {
      setHelpCallState(this.deps.db, requestId, state);
    } catch (error) {
      this.deps.log.error('help.callStateNotSaved', { id: requestId, state, error: errorKind(error) });
    }
    this.deps.log.info('help.callState', { id: requestId, state });
    this.deps.onCall({ requestId, state });
  }

  private changed(): void {
    this.deps.onChange(this.summary());
  }
}
