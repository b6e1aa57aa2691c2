import { randomUUID } from 'node:crypto';
import { createActor, type Actor, type SnapshotFrom } from 'xstate';
import type { Database } from 'better-sqlite3';
import type { FlowEvent, FlowView, Lang } from '../../../shared/contract/schemas';
import { orderIdOf } from '../../../shared/steps/pay/pay.step';
import { toFlowView } from '../../../shared/flows/flow-view';
import type { InternalEvent } from '../../../shared/flows/flow-context';
import type { KioskMachine as ServiceFlowMachine } from '../../../shared/flows/kiosk.machine';
import { deleteSnapshot, loadSnapshot, saveSnapshot } from '../store/repos/flow-snapshots';
import type { Sealer } from '../crypto/sealer';
import { errorKind, type Logger } from '../log/logger';

const SLOT = 'kiosk';
const CONTEXT = `snapshot:${SLOT}`;

export interface FlowRunnerOptions {
  db: Database;
  sealer: Sealer;
  machine: ServiceFlowMachine;
  defaultLang: Lang;
  /** The idle times of the first session (the host passes the stored settings'); setIdle changes them for later ones. */
  idleWarnMs: number;
  idleResetMs: number;
  log: Logger;
  onView(view: FlowView): void;
}

/**
 * Runs one flow actor per resident session. Every transition is persisted so a crash
 * resumes on the same screen; when a session ends its snapshot is deleted and a fresh
 * actor (with nothing of the last resident) takes its place.
 */
export class FlowRunner {
  private actor: Actor<ServiceFlowMachine> | null = null;
  private lastView: FlowView | null = null;
  private closed = false;
  private seq = 0;
  private idle: { warnMs: number; resetMs: number };

  constructor(private readonly opts: FlowRunnerOptions) {
    this.idle = { warnMs: opts.idleWarnMs, resetMs: opts.idleResetMs };
  }

  /** Starts the flow, restored from the last persisted snapshot when there is one. */
  start(): void {
    const saved = loadSnapshot(this.opts.db, SLOT);
    if (saved) {
      try {
        const json = this.opts.sealer.open(saved, CONTEXT).toString('utf8');
        const restored = JSON.parse(json) as SnapshotFrom<ServiceFlowMachine>;
        // The idle times in force now: the snapshot carries those its session started with,
        // which may be an earlier start's (the environment's, before the settings were read).
        this.launch({ ...restored, context: { ...restored.context, idleWarnMs: this.idle.warnMs, idleResetMs: this.idle.resetMs } });
        this.actor?.send({ type: 'RESUMED' });
        this.opts.log.info('flow.restored', { screen: this.view().screen.name });
        return;
      } catch (error) {
        // A snapshot this version cannot read must not stop the kiosk: start afresh.
        this.opts.log.warn('flow.restoreFailed', { error: errorKind(error) });
        this.actor?.stop();
        deleteSnapshot(this.opts.db, SLOT);
      }
    }
    this.launch(undefined);
  }

  /** Sends a resident's event and returns the view after it. */
  send(event: FlowEvent): FlowView {
    this.actor?.send(event);
    return this.view();
  }

  /** Passes a device's event (a scanned code) to the flow; the renderer cannot send these. */
  deliver(event: InternalEvent): void {
    this.actor?.send(event);
  }

  /** The current screen as the renderer draws it. */
  view(): FlowView {
    if (!this.actor) throw new Error('The flow is not running.');
    return this.lastView ?? toFlowView(this.actor.getSnapshot(), this.seq);
  }

  /**
   * The order the session may still pay or be told about (its latest attempt), if any: the
   * payment reconciler leaves it to the flow. Earlier attempts are the reconciler's.
   */
  activeOrderId(): string | null {
    const context = this.actor?.getSnapshot().context;
    if (!context) return null;
    if (context.local.kind === 'pay') return orderIdOf(context.sessionId, context.local.attempt);
    return context.payAttempt > 0 ? orderIdOf(context.sessionId, context.payAttempt) : null;
  }

  /** New idle times, from the next session on (the one in progress keeps its own until a restart). */
  setIdle(warnMs: number, resetMs: number): void {
    this.idle = { warnMs, resetMs };
  }

  stop(): void {
    this.closed = true;
    this.actor?.stop();
    this.actor = null;
  }

  private launch(snapshot: SnapshotFrom<ServiceFlowMachine> | undefined): void {
    const { machine, defaultLang } = this.opts;
    const { warnMs: idleWarnMs, resetMs: idleResetMs } = this.idle;
    const self: { actor?: Actor<ServiceFlowMachine> } = {};
    const actor = createActor(machine, {
      ...(snapshot ? { snapshot } : {}),
      input: { sessionId: randomUUID(), defaultLang, idleWarnMs, idleResetMs },
      // A machine the flow runs as a child ("check a submission") moves on without the flow's
      // own snapshot changing: what it shows must be saved and pushed all the same.
      inspect: (event) => {
        const root = self.actor;
        if (root && event.type === '@xstate.snapshot' && event.actorRef !== root && 'value' in (event.snapshot as object)) this.onChildSnapshot(root);
      },
    });
    self.actor = actor;
    this.actor = actor;
    this.lastView = null;
    actor.subscribe({
      next: (snap) => this.onSnapshot(actor, snap),
      error: (error) => {
        this.opts.log.error('flow.crashed', { error: errorKind(error) });
        this.replace(actor);
      },
    });
    actor.start();
    if (this.actor === actor) this.onSnapshot(actor, actor.getSnapshot());
  }

  private onSnapshot(actor: Actor<ServiceFlowMachine>, snap: SnapshotFrom<ServiceFlowMachine>): void {
    if (this.actor !== actor || this.closed) return;
    if (snap.status === 'done') {
      this.replace(actor);
      return;
    }
    const sealed = this.opts.sealer.seal(JSON.stringify(actor.getPersistedSnapshot()), CONTEXT);
    saveSnapshot(this.opts.db, SLOT, sealed, Date.now());
    this.seq += 1;
    const view = toFlowView(snap, this.seq);
    this.lastView = view;
    this.opts.onView(view);
  }

  // After the flow has handled whatever the child's change led to (a microtask later), and only
  // when the screen changed: a child's step that the flow's own snapshot shows already is no news.
  private onChildSnapshot(actor: Actor<ServiceFlowMachine>): void {
    queueMicrotask(() => {
      if (this.actor !== actor || this.closed) return;
      const snap = actor.getSnapshot();
      if (snap.status === 'active' && this.lastView && JSON.stringify(toFlowView(snap, this.lastView.seq)) === JSON.stringify(this.lastView)) return;
      this.onSnapshot(actor, snap);
    });
  }

  private replace(actor: Actor<ServiceFlowMachine>): void {
    if (this.actor !== actor || this.closed) return;
    actor.stop();
    deleteSnapshot(this.opts.db, SLOT);
    this.launch(undefined);
  }
}
