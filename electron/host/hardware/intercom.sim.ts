import { isCallOver, type CallState, type Intercom } from '../../../shared/hardware/intercom';
import type { Completion, DeviceStatus } from '../../../shared/hardware/types';
import { StatusTracker, warnListenerError } from './status-tracker';

/** How long the simulated station rings before the call counts as unanswered. */
export const SIM_RING_MS = 60_000;

interface Call {
  state: CallState;
  timer: NodeJS.Timeout;
  release: () => void;
}

/**
 * The intercom simulator: a call rings until someone (a test, `sim:intercom`) answers it, lets
 * it ring out or drops the line, or until {@link SIM_RING_MS} pass without an answer; the kiosk
 * or the simulated officer hangs up. Offline, it refuses calls, and a call going on fails.
 */
export class SimIntercom implements Intercom {
  readonly kind = 'sim';
  private readonly tracker = new StatusTracker({ device: 'online' }, warnListenerError('Intercom'));
  private readonly listeners = new Set<(state: CallState) => void>();
  private readonly reportListenerError = warnListenerError('Intercom call');
  private current: Call | null = null;

  constructor(private readonly opts: { ringMs?: number } = {}) {}

  status(): DeviceStatus {
    return this.tracker.get();
  }

  onStatus(listener: (s: DeviceStatus) => void): () => void {
    return this.tracker.listen(listener);
  }

  onCallState(listener: (state: CallState) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The state of the call going on, or null when there is none. */
  callState(): CallState | null {
    return this.current?.state ?? null;
  }

  /** The line goes down (a call going on fails) or comes back. */
  setDevice(state: 'online' | 'offline'): void {
    this.tracker.update({ device: state });
    if (state === 'offline') this.finish('failed');
  }

  async call(signal?: AbortSignal): Promise<Completion> {
    if (signal?.aborted) return { code: 'canceled', message: 'The call was called off before it was placed.' };
    if (this.tracker.get().device !== 'online') return { code: 'deviceNotReady', message: 'The intercom is not ready.' };
    if (this.current) return { code: 'userError', message: 'A call is already going on.' };
    const timer = setTimeout(() => this.finish('unanswered'), this.opts.ringMs ?? SIM_RING_MS);
    // A ringing simulator must not keep a process (or a test run) alive.
    timer.unref();
    const onAbort = () => this.finish('ended');
    signal?.addEventListener('abort', onAbort, { once: true });
    this.current = { state: 'ringing', timer, release: () => signal?.removeEventListener('abort', onAbort) };
    this.tell('ringing');
    return { code: 'success', message: 'ringing' };
  }

  async hangUp(): Promise<Completion> {
    this.finish('ended');
    return { code: 'success', message: 'hung up' };
  }

  /** The station picks up a ringing call; false when nothing rings. */
  answer(): boolean {
    const call = this.current;
    if (call?.state !== 'ringing') return false;
    clearTimeout(call.timer);
    call.state = 'connected';
    this.tell('connected');
    return true;
  }

  /** The officer hangs up; false when there is no call. */
  remoteHangUp(): boolean {
    return this.finish('ended');
  }

  /** Nobody picks up: the ringing call ends unanswered now; false when nothing rings. */
  noAnswer(): boolean {
    return this.current?.state === 'ringing' && this.finish('unanswered');
  }

  /** The line drops: the call going on fails; false when there is none. */
  fail(): boolean {
    return this.finish('failed');
  }

  /** Stops the simulator: a call going on ends (listeners hear `ended`). */
  close(): void {
    this.finish('ended');
  }

  private finish(state: CallState): boolean {
    const call = this.current;
    if (!call || !isCallOver(state)) return false;
    clearTimeout(call.timer);
    call.release();
    this.current = null;
    this.tell(state);
    return true;
  }

  private tell(state: CallState): void {
    // A failing listener neither stops the others nor throws into a timer.
    for (const listener of [...this.listeners]) {
      try {
        listener(state);
      } catch (error) {
        this.reportListenerError(error);
      }
    }
  }
}
