import { execFile } from 'node:child_process';
import type { HeadsetJack } from '../../../shared/hardware/headset';
import type { DeviceStatus } from '../../../shared/hardware/types';
import { StatusTracker, warnListenerError } from './status-tracker';

/** How often the sound server is asked whether headphones are plugged in. */
export const PACTL_POLL_MS = 1000;

interface PactlPort {
  name?: unknown;
  description?: unknown;
  type?: unknown;
  availability?: unknown;
}

/**
 * Whether the sound server sees headphones plugged in, from `pactl --format=json list sinks`
 * (PulseAudio, or PipeWire's pulse server): a headphone port whose availability is
 * "available". A sink name limits it to one sound card. Throws on output it cannot read.
 */
export function headphonesPlugged(json: string, sink?: string): boolean {
  const sinks: unknown = JSON.parse(json);
  if (!Array.isArray(sinks)) throw new Error('pactl did not answer with a list of sinks.');
  for (const s of sinks as { name?: unknown; ports?: unknown }[]) {
    if (sink !== undefined && s.name !== sink) continue;
    if (!Array.isArray(s.ports)) continue;
    for (const port of s.ports as PactlPort[]) {
      const what = [port.name, port.type, port.description].map((v) => (typeof v === 'string' ? v : '')).join(' ').toLowerCase();
      if (/headphone|headset/.test(what) && port.availability === 'available') return true;
    }
  }
  return false;
}

export interface PactlHeadsetOptions {
  /** The `pactl` binary (default: found on PATH). */
  binary?: string;
  /** One sound card's sink, when the kiosk has several. */
  sink?: string;
  /** Runs `check` every `ms` until the returned function is called; tests pass one they drive. */
  every?: (ms: number, check: () => void) => () => void;
}

const realEvery = (ms: number, check: () => void) => {
  const timer = setInterval(check, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/**
 * The headphone socket as the sound server reports it. The jack's state reaches user space
 * through the sound server's port availability, so it is read there. Online while pactl
 * answers; `offline` with a detail when it does not (no sound server): speech then stays off
 * the headset and never says personal details.
 */
export class PactlHeadset implements HeadsetJack {
  readonly kind = 'pactl';
  private readonly tracker = new StatusTracker({ device: 'offline', media: 'notPresent', detail: 'notCheckedYet' }, warnListenerError('Headset socket'));
  private stop: (() => void) | null = null;
  private running = false;

  constructor(private readonly opts: PactlHeadsetOptions = {}) {}

  status(): DeviceStatus {
    return this.tracker.get();
  }

  onStatus(listener: (s: DeviceStatus) => void): () => void {
    return this.tracker.listen(listener);
  }

  /** Starts watching; the first answer comes at once. */
  start(): void {
    if (this.stop) return;
    this.stop = (this.opts.every ?? realEvery)(PACTL_POLL_MS, () => void this.check());
    void this.check();
  }

  close(): void {
    this.stop?.();
    this.stop = null;
  }

  /** Asks the sound server once; resolves when the status has been updated. */
  check(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.running = true;
    return new Promise<void>((resolve) => {
      execFile(this.opts.binary ?? 'pactl', ['--format=json', 'list', 'sinks'], { timeout: 5000, maxBuffer: 4 * 1024 * 1024 }, (error, stdout) => {
        this.running = false;
        if (error) {
          const missing = 'code' in error && error.code === 'ENOENT';
          this.tracker.set({ device: 'offline', media: 'notPresent', detail: missing ? 'noPactl' : 'noSoundServer' });
        } else {
          try {
            this.tracker.set({ device: 'online', media: headphonesPlugged(stdout, this.opts.sink) ? 'present' : 'notPresent' });
          } catch {
            this.tracker.set({ device: 'hardwareError', media: 'notPresent', detail: 'garbledReply' });
          }
        }
        resolve();
      });
    });
  }
}
